package dev.eventscope.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.JsonDoc;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * An object node whose fields are parsed from a stored document on first access: the payload and
 * metadata of an event tree, which many reducers never look at (a reducer that only sets a status
 * reads neither). Every way to the fields goes through its map, which fills itself from the
 * document before doing anything; until then nothing is parsed.
 *
 * <p>Safe to read from several threads (a state may keep such a node): the map fills itself once,
 * under a lock, and is not changed afterwards by readers.
 */
final class LazyObjectNode extends ObjectNode {

    private static final long serialVersionUID = 1L;

    LazyObjectNode(JsonNodeFactory nodes, JsonDoc doc) {
        super(nodes, new Fields(doc));
    }

    /** A LinkedHashMap that copies the document's fields into itself on first use. */
    static final class Fields extends LinkedHashMap<String, JsonNode> {

        private static final long serialVersionUID = 1L;

        private transient volatile JsonDoc doc;

        Fields(JsonDoc doc) {
            this.doc = doc;
        }

        private void load() {
            if (doc != null) {
                fill();
            }
        }

        private synchronized void fill() {
            JsonDoc d = doc;
            if (d == null) {
                return;
            }
            JsonNode tree = d.node();
            tree.fields().forEachRemaining(e -> super.put(e.getKey(), e.getValue()));
            doc = null;
        }

        @Override
        public int size() {
            load();
            return super.size();
        }

        @Override
        public boolean isEmpty() {
            load();
            return super.isEmpty();
        }

        @Override
        public JsonNode get(Object key) {
            load();
            return super.get(key);
        }

        @Override
        public JsonNode getOrDefault(Object key, JsonNode defaultValue) {
            load();
            return super.getOrDefault(key, defaultValue);
        }

        @Override
        public boolean containsKey(Object key) {
            load();
            return super.containsKey(key);
        }

        @Override
        public boolean containsValue(Object value) {
            load();
            return super.containsValue(value);
        }

        @Override
        public JsonNode put(String key, JsonNode value) {
            load();
            return super.put(key, value);
        }

        @Override
        public void putAll(Map<? extends String, ? extends JsonNode> m) {
            load();
            super.putAll(m);
        }

        @Override
        public JsonNode putIfAbsent(String key, JsonNode value) {
            load();
            return super.putIfAbsent(key, value);
        }

        @Override
        public JsonNode remove(Object key) {
            load();
            return super.remove(key);
        }

        @Override
        public boolean remove(Object key, Object value) {
            load();
            return super.remove(key, value);
        }

        @Override
        public boolean replace(String key, JsonNode oldValue, JsonNode newValue) {
            load();
            return super.replace(key, oldValue, newValue);
        }

        @Override
        public JsonNode replace(String key, JsonNode value) {
            load();
            return super.replace(key, value);
        }

        @Override
        public void replaceAll(BiFunction<? super String, ? super JsonNode, ? extends JsonNode> function) {
            load();
            super.replaceAll(function);
        }

        @Override
        public JsonNode computeIfAbsent(String key, Function<? super String, ? extends JsonNode> function) {
            load();
            return super.computeIfAbsent(key, function);
        }

        @Override
        public JsonNode computeIfPresent(
                String key, BiFunction<? super String, ? super JsonNode, ? extends JsonNode> function) {
            load();
            return super.computeIfPresent(key, function);
        }

        @Override
        public JsonNode compute(String key, BiFunction<? super String, ? super JsonNode, ? extends JsonNode> function) {
            load();
            return super.compute(key, function);
        }

        @Override
        public JsonNode merge(
                String key,
                JsonNode value,
                BiFunction<? super JsonNode, ? super JsonNode, ? extends JsonNode> function) {
            load();
            return super.merge(key, value, function);
        }

        @Override
        public void clear() {
            load();
            super.clear();
        }

        @Override
        public Set<String> keySet() {
            load();
            return super.keySet();
        }

        @Override
        public Collection<JsonNode> values() {
            load();
            return super.values();
        }

        @Override
        public Set<Map.Entry<String, JsonNode>> entrySet() {
            load();
            return super.entrySet();
        }

        @Override
        public void forEach(BiConsumer<? super String, ? super JsonNode> action) {
            load();
            super.forEach(action);
        }

        @Override
        public boolean equals(Object o) {
            load();
            return super.equals(o);
        }

        @Override
        public int hashCode() {
            load();
            return super.hashCode();
        }

        @Override
        public String toString() {
            load();
            return super.toString();
        }

        @Override
        public Object clone() {
            load();
            return super.clone();
        }
    }
}
