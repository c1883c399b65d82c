package dev.eventscope.engine;

import dev.eventscope.lint.LintReport;
import dev.eventscope.lint.LintSettings;
import dev.eventscope.lint.Linter;
import java.util.List;

/**
 * Event-log anti-patterns ({@code lint}): each rule one aggregate query over the store; the rules
 * that need a model are skipped, with a note, without one. Reached through {@link Engine#lint()};
 * one thread at a time, as its engine.
 */
public final class LintService {

    private final Workspace workspace;

    LintService(Workspace workspace) {
        this.workspace = workspace;
    }

    /**
     * Which rules run (ids, also comma-separated; none: all), the payload size above which {@code
     * large-payload} reports, how long after its timestamp an event may be recorded ({@code
     * record-lag}, a duration such as {@code 1d}), and how many examples each rule lists.
     */
    public record LintOptions(List<String> rules, long maxPayloadBytes, String maxRecordLag, int examples) {
        public LintOptions {
            rules = rules == null ? List.of() : List.copyOf(rules);
        }

        LintSettings settings() {
            return new LintSettings(
                    LintSettings.rules(rules),
                    maxPayloadBytes,
                    LintSettings.duration("--max-record-lag", maxRecordLag),
                    examples);
        }
    }

    /** What each rule found; {@link LintReport#failed()} when an error-level rule found something. */
    public LintReport lint(LintOptions options) {
        LintSettings settings = options.settings();
        return new Linter(workspace.readStore(), workspace.hasModel() ? workspace.model() : null).run(settings);
    }
}
