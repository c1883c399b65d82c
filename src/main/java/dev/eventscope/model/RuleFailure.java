package dev.eventscope.model;

/**
 * A rule failed while it was evaluated: JSLT raised an error, or the result has the wrong type.
 * The message says what went wrong and where in the model file; whoever ran the rule adds which
 * event it was running on.
 */
public final class RuleFailure extends RuntimeException {

    private final RuleSource source;
    private final String location;

    public RuleFailure(RuleSource source, String location, String message, Throwable cause) {
        super(message, cause, false, false);
        this.source = source;
        this.location = location;
    }

    public RuleSource source() {
        return source;
    }

    /** Where in the file the failure is: the failing part of the rule, or the rule itself. */
    public String location() {
        return location;
    }
}
