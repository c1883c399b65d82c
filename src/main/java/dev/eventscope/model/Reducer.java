package dev.eventscope.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns a state and one event into the next state: a JSLT rule of the model file, or code from a
 * plugin. Implementations check that the result is an object and apply the {@link Numbers} policy.
 */
public interface Reducer {

    /** Where the reducer is defined, for messages. */
    RuleSource source();

    /**
     * The next state.
     *
     * @param state the state before the event (an object; not modified)
     * @param event the event as a tree in its output shape (not modified)
     * @throws RuleFailure when the reducer fails or returns something other than an object
     */
    JsonNode reduce(JsonNode state, JsonNode event);

    /** What identifies this reducer's behaviour, for fingerprints: its text, or its class. */
    String definition();

    /** A reducer written as a JSLT rule. */
    static Reducer of(JsltRule rule) {
        return new Reducer() {
            @Override
            public RuleSource source() {
                return rule.source();
            }

            @Override
            public JsonNode reduce(JsonNode state, JsonNode event) {
                return rule.apply(event, state);
            }

            @Override
            public String definition() {
                return rule.text();
            }
        };
    }
}
