package dev.eventscope.error;

import java.util.List;

/**
 * Input data that cannot be accepted: malformed JSON, a bad timestamp, a schema violation, a model
 * that does not load. Nothing was written.
 *
 * <p>{@link #problems()} lists every problem found (each already located: a line number, a JSON
 * path, a rule), so a caller can show them all rather than only the first.
 */
public final class InvalidInputException extends EventscopeException {

    private final List<String> problems;

    public InvalidInputException(String message) {
        this(message, List.of(), null);
    }

    public InvalidInputException(String message, String hint) {
        this(message, List.of(), hint);
    }

    public InvalidInputException(String message, List<String> problems, String hint) {
        this(message, problems, hint, null);
    }

    public InvalidInputException(String message, List<String> problems, String hint, Throwable cause) {
        super(Failure.INVALID_INPUT, message, hint, cause);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
