package dev.eventscope.model;

/**
 * A handler whose rule turns an event into zero or more new events to append (a choreography
 * saga): each new event's causationId is the triggering eventId and its correlationId the
 * triggering event's, unless the rule sets one.
 */
public record ReactorModel(ProcessorSettings settings, JsltRule emit) implements ProcessorModel {

    @Override
    public String kind() {
        return "reactor";
    }
}
