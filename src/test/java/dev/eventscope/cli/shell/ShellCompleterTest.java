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
    final List<String> instancesOf = new ArrayList<>();
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
                                    .toList())
                    .register(
                            LiveValues.Kind.HANDLER,
                            (prefix, context, limit) -> Stream.of("fulfilment", "notify", "orders")
                                    .filter(t -> t.startsWith(prefix))
                                    .toList())
                    .register(
                            LiveValues.Kind.SAGA,
                            (prefix, context, limit) -> Stream.of("fulfilment", "review")
                                    .filter(t -> t.startsWith(prefix))
                                    .toList())
                    .register(LiveValues.Kind.SAGA_INSTANCE, (prefix, context, limit) -> {
                        instancesOf.add(String.valueOf(context.saga()));
                        return Stream.of("order-0035", "order-0042", "task-0684#1")
                                .filter(t -> t.startsWith(prefix))
                                .toList();
                    }));

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
        void saga_list_and_saga_show_offer_the_sagas() {
            assertThat(complete("saga", "list", "")).contains("fulfilment", "review");
            assertThat(complete("saga", "list", "re")).containsExactly("review");
            assertThat(complete("saga", "show", "f")).containsExactly("fulfilment");
        }

        @Test
        void the_instance_of_saga_show_offers_the_instances_of_the_saga_named_before_it() {
            // when
            List<String> offered = complete("saga", "show", "fulfilment", "order-0");

            // then
            assertThat(offered).containsExactly("order-0035", "order-0042");
            assertThat(instancesOf).containsExactly("fulfilment");
        }

        @Test
        void the_id_of_whatif_with_a_saga_offers_its_instances_and_without_one_aggregate_ids() {
            // when
            List<String> withSaga = complete("whatif", "--saga", "review", "task-");
            List<String> withSagaJoined = complete("whatif", "--saga=fulfilment", "order-0");
            List<String> withoutSaga = complete("whatif", "case-1");

            // then
            assertThat(withSaga).containsExactly("task-0684#1");
            assertThat(withSagaJoined).containsExactly("order-0035", "order-0042");
            assertThat(instancesOf).containsExactly("review", "fulfilment");
            assertThat(withoutSaga).containsExactly("case-1", "case-10");
        }

        @Test
        void the_saga_option_of_whatif_offers_the_sagas() {
            assertThat(complete("whatif", "--saga", "r")).containsExactly("review");
        }

        @Test
        void process_and_the_handler_option_offer_the_processors() {
            assertThat(complete("process", "")).contains("fulfilment", "notify", "orders");
            assertThat(complete("process", "o")).containsExactly("orders");
            assertThat(complete("dlq", "list", "--handler", "n")).containsExactly("notify");
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
