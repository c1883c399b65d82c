package dev.eventscope.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import picocli.AutoComplete;
import picocli.CommandLine;

class ShellCompleterTest {

    static final List<String> IDS = List.of("case-1", "case-10", "case-2", "order-1");

    final CommandLine cmd =
            Main.commandLine(new Main(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    final List<String> narrowedBy = new ArrayList<>();
    final ShellCompleter completer = new ShellCompleter(
            cmd.getCommandSpec(),
            Shell.EXTRAS,
            new LiveValues()
                    .register(LiveValues.Kind.AGGREGATE_ID, (prefix, context, limit) -> {
                        narrowedBy.add(String.valueOf(context.aggregateType()));
                        return IDS.stream()
                                .filter(i -> i.startsWith(prefix))
                                .limit(limit)
                                .toList();
                    })
                    .register(LiveValues.Kind.EVENT_TYPE, (prefix, context, limit) -> List.of("OrderPlaced"))
                    .register(
                            LiveValues.Kind.COMMAND_TYPE,
                            (prefix, context, limit) -> Stream.of("PayOrder", "PlaceOrder", "ShipOrder")
                                    .filter(t -> t.startsWith(prefix))
                                    .toList()));

    List<String> complete(String... words) {
        return completer.values(List.of(words), words.length - 1, words[words.length - 1]);
    }

    @Nested
    class when_completing_the_command {

        @Test
        void commands_of_the_tree_match_the_prefix() {
            assertThat(complete("st")).containsExactlyInAnyOrder("state", "stats", "streams");
        }

        @Test
        void the_shells_own_words_are_offered_first_only() {
            assertThat(complete("")).contains("exit", "clear", "events", "shell");
            assertThat(complete("events", "")).doesNotContain("exit", "clear");
        }
    }

    @Nested
    class when_completing_options {

        @Test
        void options_of_the_command_match_the_prefix() {
            assertThat(complete("events", "--li")).containsExactly("--limit");
        }
    }

    @Nested
    class when_completing_values_from_the_store {

        @Test
        void an_aggregate_id_positional_offers_ids_with_the_prefix() {
            assertThat(complete("state", "case-1")).containsExactly("case-1", "case-10");
        }

        @Test
        void the_aggregate_id_option_offers_ids_in_both_spellings() {
            assertThat(complete("events", "--aggregate-id", "ord")).containsExactly("order-1");
            assertThat(complete("events", "--aggregate-id=ca"))
                    .containsExactly("--aggregate-id=case-1", "--aggregate-id=case-10", "--aggregate-id=case-2");
        }

        @Test
        void an_aggregate_type_earlier_on_the_line_narrows_the_ids() {
            // when
            complete("events", "--aggregate-type", "Order", "--aggregate-id", "");

            // then
            assertThat(narrowedBy).containsExactly("Order");
        }

        @Test
        void an_event_type_option_offers_event_types() {
            assertThat(complete("events", "--type", "")).containsExactly("OrderPlaced");
        }

        @Test
        void the_command_type_of_exec_offers_the_model_s_command_types() {
            assertThat(complete("exec", "P")).containsExactly("PayOrder", "PlaceOrder");
        }

        @Test
        void a_kind_without_a_source_offers_nothing() {
            assertThat(complete("events", "--aggregate-type", "")).isEmpty();
        }

        @Test
        void a_failing_source_offers_nothing() {
            // given
            ShellCompleter failing = new ShellCompleter(
                    cmd.getCommandSpec(),
                    Shell.EXTRAS,
                    new LiveValues().register(LiveValues.Kind.AGGREGATE_ID, (p, c, l) -> {
                        throw new IllegalStateException("no store");
                    }));

            // then
            assertThat(failing.values(List.of("state", "c"), 1, "c")).isEmpty();
        }
    }

    @Test
    void the_bash_completion_script_has_no_shell_only_words() {
        // when
        String script = AutoComplete.bash("evs", cmd);

        // then
        assertThat(script)
                .contains("stats")
                .contains("shell")
                .doesNotContain("clear")
                .doesNotContain("quit");
    }

    @Test
    void the_bash_completion_script_offers_the_statuses_of_saga_list() {
        // when
        String script = AutoComplete.bash("evs", cmd);

        // then
        String sagaList = script.substring(script.indexOf("function _picocli_evs_saga_list()"));
        sagaList = sagaList.substring(0, sagaList.indexOf("\n}\n"));
        assertThat(sagaList).contains("running").contains("stuck\"").contains("ended");
    }
}
