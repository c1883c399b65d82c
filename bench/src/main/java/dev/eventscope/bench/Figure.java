package dev.eventscope.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One whole-process figure: Eventscope (the first contender) against its yardstick (the second)
 * and optional further references, each started as its own process, run in turns.
 *
 * @param events how many events one run handles (for rates), 0 when a rate means nothing
 * @param scale what the yardsticks' times are multiplied by before the ratio (1; 10 when Eventscope
 *     on N events is compared with 10 times Eventscope on N/10, for how linear it is)
 */
record Figure(String name, String title, long events, List<Contender> contenders, double scale) {

    Figure(String name, String title, long events, List<Contender> contenders) {
        this(name, title, events, contenders, 1);
    }

    /** Something to prepare before a run, not timed (copying a store, removing a file). */
    @FunctionalInterface
    interface Setup {
        void run() throws Exception;

        Setup NONE = () -> {};
    }

    /**
     * One program in a figure.
     *
     * @param stdout where its output goes; null discards it
     */
    record Contender(String label, Setup setup, List<String> command, Map<String, String> env, Path stdout) {

        Contender withEnv(Map<String, String> more) {
            var merged = new java.util.HashMap<>(env);
            merged.putAll(more);
            return new Contender(label, setup, command, Map.copyOf(merged), stdout);
        }
    }
}
