package dev.eventscope.process;

import dev.eventscope.store.DeadLetter;
import java.util.List;

/**
 * Dead letters of handlers this package does not run itself (sagas, which keep order per instance
 * rather than per stream): how {@code dlq retry} groups them and retries one. The engine supplies
 * the implementation.
 */
public interface LetterHandlers {

    /** Handles nothing. */
    LetterHandlers NONE = new LetterHandlers() {
        @Override
        public boolean handles(String handler) {
            return false;
        }

        @Override
        public List<DeadLetter> sequence(DeadLetter letter) {
            return List.of(letter);
        }

        @Override
        public RetryStep retry(DeadLetter letter) {
            throw new IllegalStateException("no handler for " + letter.handler());
        }
    };

    /** Whether the letters of {@code handler} are grouped and retried here. */
    boolean handles(String handler);

    /** The parked letters retried as one sequence with {@code letter}, in order (it among them). */
    List<DeadLetter> sequence(DeadLetter letter);

    /** Retries one letter in a transaction of its own: what became of it. */
    RetryStep retry(DeadLetter letter);
}
