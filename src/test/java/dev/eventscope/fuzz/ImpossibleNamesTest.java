package dev.eventscope.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An aggregate id that no stream can have (a control character in it), with an aggregate type:
 * refused as bad input (exit 2), never an internal error. Regression test of what {@link
 * WebConsoleFuzzTest} found (issue 22): the console's audit page answered {@code ?id=…%00…&type=]}
 * with an internal error (500) out of {@code TimeMachine.resolve}; the command line took the same
 * path.
 */
class ImpossibleNamesTest {

    private static final Evs EVS = new Evs(Fixtures.ordersStore());

    @ParameterizedTest
    @ValueSource(strings = {"audit", "state"})
    void regression_issue_22_an_aggregate_id_with_a_control_character_is_bad_input(String command) {
        // when
        Evs.Run r = Outcome.require(EVS.run(
                "--model",
                Fixtures.ordersModel().toString(),
                command,
                "order-\u00010001",
                "--aggregate-type",
                "Order"));

        // then
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).as(r.toString()).startsWith("evs: no aggregate can be named so: aggregateId contains");
    }
}
