package dev.eventscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.cli.console.ExitCodes;
import dev.eventscope.error.ConflictException;
import dev.eventscope.error.EventscopeException;
import dev.eventscope.error.Failure;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.StoreBusyException;
import dev.eventscope.error.StoreIoException;
import dev.eventscope.error.UsageException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one place failures become exit codes, run in-process: no failure of the real commands can
 * reach exit 70 on purpose, so a test-only command throws what it is told to.
 */
class ErrorsTest {

    /** A command that throws whatever the test gives it. */
    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        private final Supplier<? extends Throwable> failure;

        Boom(Supplier<? extends Throwable> failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() throws Exception {
            Throwable t = failure.get();
            if (t instanceof Exception e) {
                throw e;
            }
            throw (Error) t;
        }
    }

    private record Run(int exitCode, String out, String err) {}

    private static Run run(Supplier<? extends Throwable> failure, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Main main = new Main();
        PrintWriter outWriter = new PrintWriter(out, true);
        PrintWriter errWriter = new PrintWriter(err, true);
        CommandLine cmd = Main.commandLine(main, outWriter, errWriter);
        cmd.addSubcommand("boom", new Boom(failure));
        // a subcommand added later does not inherit the writers; setting them again hands them down
        cmd.setOut(outWriter);
        cmd.setErr(errWriter);
        int code = Main.run(cmd, main, args);
        return new Run(code, out.toString(), err.toString().replace("\r\n", "\n"));
    }

    @Nested
    class when_a_command_fails_with_a_bug {

        @Test
        void an_unexpected_exception_exits_70_with_internal_error_and_the_stack_trace() {
            // when
            Run run = run(() -> new IllegalStateException("the index is off by one"), "boom");

            // then
            assertThat(run.exitCode()).isEqualTo(70);
            assertThat(run.out()).isEmpty();
            assertThat(run.err())
                    .startsWith("evs: internal error: java.lang.IllegalStateException: the index is off by one\n"
                            + "hint: this is a bug in Eventscope; please report it with the stack trace below\n"
                            + "java.lang.IllegalStateException: the index is off by one\n")
                    .contains("\tat dev.eventscope.cli.ErrorsTest$Boom.call(");
        }

        @Test
        void regression_an_error_such_as_out_of_memory_exits_70_not_1() {
            // was: Errors escaped picocli and main, so the JVM printed them and exited 1 ("check failed")
            Run run = run(() -> new OutOfMemoryError("Java heap space"), "boom");

            assertThat(run.exitCode()).isEqualTo(70);
            assertThat(run.err())
                    .startsWith("evs: internal error: java.lang.OutOfMemoryError: Java heap space\n"
                            + "hint: this is a bug in Eventscope; please report it with the stack trace below\n")
                    .contains("\tat dev.eventscope.cli.ErrorsTest$Boom.call(");
        }
    }

    @Nested
    class when_a_command_fails_on_purpose {

        @Test
        void each_failure_kind_exits_with_its_documented_code() {
            List<EventscopeException> failures = List.of(
                    new UsageException("u"),
                    new ConflictException("c"),
                    new InvalidInputException("i"),
                    new NotFoundException("n"),
                    new StoreIoException("io"),
                    new StoreBusyException("b"));
            List<Integer> codes =
                    failures.stream().map(f -> run(() -> f, "boom").exitCode()).toList();
            assertThat(codes).containsExactly(2, 3, 65, 66, 74, 75);
        }

        @Test
        void the_message_the_problems_and_the_hint_go_to_stderr() {
            // when
            Run run = run(
                    () -> new InvalidInputException(
                            "in.ndjson: 2 of 9 lines are invalid; nothing was imported",
                            List.of("line 3: eventType is missing", "line 7: bad \u001b[31m"),
                            "fix them"),
                    "boom");

            // then
            assertThat(run.exitCode()).isEqualTo(65);
            assertThat(run.out()).isEmpty();
            assertThat(run.err())
                    .isEqualTo("evs: in.ndjson: 2 of 9 lines are invalid; nothing was imported\n"
                            + "  line 3: eventType is missing\n"
                            + "  line 7: bad \\u001b[31m\n"
                            + "hint: fix them\n");
        }

        @Test
        void the_stack_trace_is_printed_only_when_asked_for() {
            Run quiet = run(() -> new NotFoundException("no event 9 in the store"), "boom");
            Run traced = run(() -> new NotFoundException("no event 9 in the store"), "--stacktrace", "boom");

            assertThat(quiet.err()).isEqualTo("evs: no event 9 in the store\n");
            assertThat(traced.err())
                    .startsWith("evs: no event 9 in the store\n"
                            + "dev.eventscope.error.NotFoundException: no event 9 in the store\n");
        }

        @Test
        void a_usage_mistake_exits_2_with_a_hint_to_the_help() {
            Run run = run(() -> new IllegalStateException("not reached"), "boom", "--zzz");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).isEqualTo("evs: Unknown option: '--zzz'\nhint: see 'evs boom --help'\n");
        }
    }

    @Nested
    class when_mapping_failure_kinds {

        @ParameterizedTest
        @EnumSource(Failure.class)
        void every_kind_has_a_code_from_the_documented_table(Failure failure) {
            assertThat(ExitCodes.of(failure)).isIn(1, 2, 3, 65, 66, 70, 74, 75);
        }

        @Test
        void the_codes_are_the_documented_ones() {
            assertThat(ExitCodes.of(Failure.CHECK_FAILED)).isEqualTo(1);
            assertThat(ExitCodes.of(Failure.USAGE)).isEqualTo(2);
            assertThat(ExitCodes.of(Failure.CONFLICT)).isEqualTo(3);
            assertThat(ExitCodes.of(Failure.INVALID_INPUT)).isEqualTo(65);
            assertThat(ExitCodes.of(Failure.NOT_FOUND)).isEqualTo(66);
            assertThat(ExitCodes.of(Failure.INTERNAL)).isEqualTo(70);
            assertThat(ExitCodes.of(Failure.IO)).isEqualTo(74);
            assertThat(ExitCodes.of(Failure.BUSY)).isEqualTo(75);
        }
    }
}
