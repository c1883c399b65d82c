package dev.eventscope.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * JSLT expressions given on the command line: {@code events --where EXPR} and {@code bisect ID
 * --when EXPR}, over the orders sample.
 */
class ExpressionFuzzTest {

    private static final Evs EVS = new Evs(Fixtures.ordersStore());

    @FuzzTest(maxDuration = "10m")
    @DictionaryEntries({
        ".payload.",
        "$event",
        "$state",
        ".eventType == \"OrderPlaced\"",
        " and ",
        " or ",
        "not(",
        "size(",
        "def f(x) ",
        "let x = ",
        "[for (.) .]",
        "((((((((((((((((",
        "if (",
        " else ",
        "contains(",
        "test(",
        "number(",
        "round(",
        "now()"
    })
    void where(byte[] expression) {
        String text = new String(expression, StandardCharsets.UTF_8);
        Outcome.require(EVS.run("events", "--where=" + text, "--limit=5", "-o", "ndjson"));
        Outcome.require(
                EVS.run(
                        "--model",
                        Fixtures.ordersModel().toString(),
                        "bisect",
                        "order-0001",
                        "--aggregate-type=Order",
                        "--when=" + text),
                1);
    }
}
