CREATE INDEX saga_deadlines_due ON saga_deadlines (saga, status, due_at, instance_id, name)
