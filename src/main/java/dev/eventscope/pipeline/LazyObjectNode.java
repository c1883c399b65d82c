package dev.eventscope.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.JsonDoc;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An object node whose fields are parsed from a stored document on first access: the payload and
 * metadata of an event tree, which many reducers never look at (a reducer that only sets a status
 * reads neither). Every way to the fields goes through its map, which parses the document before
 * doing anything; until then nothing is parsed.
 *
 * <p>Reads go straight to the document's own tree (nothing is copied); the first change copies the
 * fields into a map of this node, so the document's tree, which others share, is never changed.
 * Safe to read from several threads (a state may keep such a node): the tree is made once, under a
 * lock.
 */
final class LazyObjectNode extends ObjectNode {

    private static final long serialVersionUID = 1L;

    LazyObjectNode(JsonNodeFactory nodes, JsonDoc doc) {
        super(nodes, new Fields(doc));
    }

    /** The fields: the document's tree until the first change, then a copy of its own. */
    static final class Fields extends AbstractMap<String, JsonNode> {

        private final transient JsonDoc doc;
        private transient volatile JsonNode tree;
        private volatile Map<String, JsonNode> own;

        Fields(JsonDoc doc) {
            this.doc = doc;
        }

        private JsonNode tree() {
            JsonNode t = tree;
            if (t == null) {
                t = parse();
            }
            return t;
        }

        private synchronized JsonNode parse() {
            if (tree == null) {
                tree = doc.node();
            }
            return tree;
        }

        /** The map to change: a copy of the document's fields, made on the first change. */
        private synchronized Map<String, JsonNode> writable() {
            Map<String, JsonNode> o = own;
            if (o == null) {
                o = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> f : tree().properties()) {
                    o.put(f.getKey(), f.getValue());
                }
                own = o;
            }
            return o;
        }

        @Override
        public JsonNode get(Object key) {
            Map<String, JsonNode> o = own;
            if (o != null) {
                return o.get(key);
            }
            return key instanceof String name ? tree().get(name) : null;
        }

        @Override
        public boolean containsKey(Object key) {
            Map<String, JsonNode> o = own;
            if (o != null) {
                return o.containsKey(key);
            }
            return key instanceof String name && tree().has(name);
        }

        @Override
        public int size() {
            Map<String, JsonNode> o = own;
            return o != null ? o.size() : tree().size();
        }

        @Override
        public Set<Map.Entry<String, JsonNode>> entrySet() {
            Map<String, JsonNode> o = own;
            return o != null ? o.entrySet() : Collections.unmodifiableSet(tree().properties());
        }

        @Override
        public JsonNode put(String key, JsonNode value) {
            return writable().put(key, value);
        }

        @Override
        public JsonNode remove(Object key) {
            return writable().remove(key);
        }

        @Override
        public void clear() {
            writable().clear();
        }
    }
}
