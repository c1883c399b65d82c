package dev.eventscope.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.eventscope.error.EventscopeException;
import dev.eventscope.event.Times;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Times, durations and cuts on the command line ({@code --at}, {@code --as-of}, {@code --since},
 * {@code --until}, {@code -2h}, {@code diff --from/--to}) and {@code --tz}: the core's parsers,
 * then one command over the orders sample.
 */
class TimeFuzzTest {

    private static final Evs EVS = new Evs(Fixtures.ordersStore());

    @FuzzTest(maxDuration = "10m")
    void times(FuzzedDataProvider data) {
        String zoneText = data.consumeBoolean() ? data.consumeString(30) : null;
        String first = data.consumeString(60);
        String second = data.consumeString(60);
        int command = data.consumeInt(0, 5);

        ZoneId zone = null;
        if (zoneText != null) {
            try {
                zone = Times.zone(zoneText);
            } catch (IllegalArgumentException | EventscopeException refused) {
                Core.requireReason(refused);
            }
        }
        try {
            Times.parseArgument(first, zone, Instant.parse("2024-06-01T00:00:00Z"));
        } catch (IllegalArgumentException | EventscopeException refused) {
            Core.requireReason(refused);
        }

        List<String> args = new ArrayList<>();
        if (zoneText != null) {
            args.add("--tz=" + zoneText);
        }
        args.add("--model=" + Fixtures.ordersModel());
        switch (command) {
            case 0 -> args.addAll(List.of("events", "--since=" + first, "--until=" + second, "--limit=3"));
            case 1 -> args.addAll(List.of("events", "--as-of=" + first, "--limit=3"));
            case 2 -> args.addAll(List.of("state", "order-0001", "--aggregate-type=Order", "--at=" + first));
            case 3 ->
                args.addAll(
                        List.of("state", "order-0001", "--aggregate-type=Order", "--at=" + first, "--as-of=" + second));
            case 4 ->
                args.addAll(
                        List.of("diff", "order-0001", "--aggregate-type=Order", "--from=" + first, "--to=" + second));
            default -> args.addAll(List.of("replay", "--aggregate-type=Order", "--at=" + first, "-o", "ndjson"));
        }
        Outcome.require(EVS.run(args.toArray(String[]::new)));
    }
}
