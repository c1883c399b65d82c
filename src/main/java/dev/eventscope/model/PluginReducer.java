package dev.eventscope.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.model.spi.AggregatePlugin;

/** A reducer supplied in code: checks its result like a JSLT reducer's. */
final class PluginReducer implements Reducer {

    private final AggregatePlugin plugin;
    private final RuleSource source;

    PluginReducer(AggregatePlugin plugin) {
        this.plugin = plugin;
        this.source = RuleSource.code("plugin " + plugin.getClass().getName(), plugin.aggregateType());
    }

    @Override
    public RuleSource source() {
        return source;
    }

    @Override
    public JsonNode reduce(JsonNode state, JsonNode event) {
        JsonNode result;
        try {
            result = plugin.apply(state, event);
        } catch (RuntimeException e) {
            throw new RuleFailure(source, source.at(), "threw " + e, e);
        }
        if (result == null || !result.isObject()) {
            throw new RuleFailure(
                    source,
                    source.at(),
                    "must return an object, got " + (result == null ? "null" : JsltRule.kindOf(result)),
                    null);
        }
        try {
            return Numbers.normalize(result);
        } catch (Numbers.NotFinite e) {
            throw new RuleFailure(source, source.at(), e.getMessage(), null);
        }
    }

    @Override
    public String definition() {
        Package p = plugin.getClass().getPackage();
        String version = p == null ? null : p.getImplementationVersion();
        return "plugin:" + plugin.getClass().getName() + (version == null ? "" : "@" + version);
    }
}
