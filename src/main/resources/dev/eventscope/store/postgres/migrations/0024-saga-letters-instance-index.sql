CREATE INDEX saga_letters_instance ON saga_letters (saga, instance_id)
