package dev.eventscope.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * An event made in memory ({@code import --from}) and the NDJSON line it would be: whenever {@link
 * EventJson#readsAsIs} vouches for an event, reading its line ({@link EventJson#writeInput}) gives
 * that event back, field by field and byte by byte (ADR 0260). Events are drawn with what trips the
 * rules: unpaired surrogates, times finer than a microsecond or beyond year 9999, documents near
 * their limits, indexed metadata values that are not clean names, numbers of every node kind.
 */
class InputLineProperties {

    @Property(tries = 2000)
    void an_event_that_reads_as_is_is_read_back_unchanged_from_its_line(
            @ForAll("events") NewEvent event, @ForAll @IntRange(min = 2, max = 3000) int maxPayload) {
        // given
        EventJson.ReadOptions options = new EventJson.ReadOptions(null, maxPayload);
        boolean asIs = EventJson.readsAsIs(event, options);
        Statistics.collect(asIs ? "as is" : "through the line");

        // when
        byte[] line = EventJson.inputLine(event);
        NewEvent read;
        try {
            read = EventJson.read(Json.parse(line, 0, line.length), options);
        } catch (IllegalArgumentException | IOException refused) {
            // then: the line's rules refuse it, so nothing may vouch for it
            assertThat(asIs)
                    .as("vouched for an event its line refuses: %s", refused.getMessage())
                    .isFalse();
            return;
        }

        // then
        if (asIs) {
            assertThat(read.eventId()).isEqualTo(event.eventId());
            assertThat(read.eventType()).isEqualTo(event.eventType());
            assertThat(read.stream()).isEqualTo(event.stream());
            assertThat(read.eventVersion()).isEqualTo(event.eventVersion());
            assertThat(read.timestamp()).isEqualTo(event.timestamp());
            assertThat(read.payload().text()).isEqualTo(event.payload().text());
            assertThat(read.metadata().text()).isEqualTo(event.metadata().text());
            assertThat(read.streamVersion()).isEqualTo(event.streamVersion());
        }
    }

    @Property(tries = 500)
    void the_bound_of_a_line_is_never_below_its_length(@ForAll("events") NewEvent event) {
        assertThat(EventJson.inputLineBound(event)).isGreaterThanOrEqualTo(EventJson.inputLine(event).length);
    }

    @Property(tries = 500)
    void a_line_is_always_valid_utf_8(@ForAll("events") NewEvent event) {
        // given: a document may hold unpaired surrogates, which UTF-8 cannot encode
        byte[] line = EventJson.inputLine(event);

        // when / then: they are written as escapes, for the line's rules to refuse
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(line));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new AssertionError("the line is not valid UTF-8: " + e.getMessage(), e);
        }
    }

    @Provide
    Arbitrary<NewEvent> events() {
        Arbitrary<UUID> ids =
                mix(weighted(9, Arbitraries.longs().map(l -> new UUID(l, ~l))), weighted(1, Arbitraries.just(null)));
        Arbitrary<String> names = text(1, 12).filter(s -> Names.problemWith(s) == null && !s.isBlank());
        Arbitrary<Integer> versions = mix(
                weighted(8, Arbitraries.just(1)),
                weighted(2, Arbitraries.integers().between(1, Integer.MAX_VALUE)));
        Arbitrary<Instant> times = mix(
                weighted(2, Arbitraries.just(null)),
                // whole microseconds around now
                weighted(
                        5,
                        Arbitraries.longs()
                                .between(0, 4_000_000_000L)
                                .map(s -> Instant.ofEpochSecond(s, (s % 1000) * 1000))),
                // any nanosecond, any year a JVM holds
                weighted(
                        3,
                        Combinators.combine(
                                        Arbitraries.longs()
                                                .between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
                                        Arbitraries.integers().between(0, 999_999_999))
                                .as((second, nano) -> Instant.ofEpochSecond(second, nano))),
                weighted(
                        1,
                        Arbitraries.of(
                                Instant.parse("0000-01-01T00:00:00Z"),
                                Instant.parse("9999-12-31T23:59:59.999999Z"),
                                Instant.parse("+10000-01-01T00:00:00Z"),
                                Instant.parse("-0001-12-31T23:59:59Z"))));
        Arbitrary<Long> streamVersions = mix(
                weighted(9, Arbitraries.just(null)),
                weighted(1, Arbitraries.longs().between(1, Long.MAX_VALUE)));
        Arbitrary<StreamId> streams = Combinators.combine(names, names).as(StreamId::new);
        return Combinators.combine(ids, names, streams, versions, times, payloads(), metadata(), streamVersions)
                .as((id, type, stream, version, at, payload, metadata, streamVersion) ->
                        new NewEvent(id, type, stream, version, at, payload, metadata, streamVersion));
    }

    /** Payload documents as readers make them: usually objects, now and then another value. */
    private Arbitrary<JsonDoc> payloads() {
        return mix(
                weighted(9, objects(3).map(o -> JsonDoc.ofText(Json.write(o)))),
                weighted(1, value(2).map(v -> JsonDoc.ofText(Json.write(v)))));
    }

    /** Metadata as readers make it: a tree with the indexed keys set now and then, kept with its text. */
    private Arbitrary<JsonDoc> metadata() {
        Arbitrary<JsonNode> indexed = mix(
                weighted(6, text(1, 20).map(JsonNodeFactory.instance::textNode)),
                weighted(1, Arbitraries.strings().ofLength(513).withChars('x').map(JsonNodeFactory.instance::textNode)),
                weighted(1, Arbitraries.of(" ", "a\u0001b", "a\u2028").map(JsonNodeFactory.instance::textNode)),
                weighted(1, Arbitraries.integers().map(JsonNodeFactory.instance::numberNode)));
        return Combinators.combine(
                        objects(2),
                        indexed.optional(0.5),
                        indexed.optional(0.3),
                        Arbitraries.integers().between(0, 5))
                .as((o, correlation, user, big) -> {
                    correlation.ifPresent(c -> o.set(Metadata.CORRELATION_ID, c));
                    user.ifPresent(u -> o.set(Metadata.USER_ID, u));
                    if (big == 0) {
                        o.put("padding", "y".repeat(65_500));
                    }
                    return JsonDoc.of(Json.write(o), o);
                });
    }

    private Arbitrary<ObjectNode> objects(int depth) {
        return Combinators.combine(
                        text(0, 6).list().ofMaxSize(4).uniqueElements(),
                        value(depth).list().ofSize(4))
                .as((keys, values) -> {
                    ObjectNode o = Json.object();
                    for (int i = 0; i < keys.size(); i++) {
                        o.set(keys.get(i), values.get(i));
                    }
                    return o;
                });
    }

    private Arbitrary<JsonNode> value(int depth) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        List<Arbitrary<? extends JsonNode>> leaves = List.of(
                text(0, 30).map(nodes::textNode),
                Arbitraries.integers().map(nodes::numberNode),
                Arbitraries.longs().map(nodes::numberNode),
                Arbitraries.bigIntegers()
                        .between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
                        .map(nodes::numberNode),
                Arbitraries.doubles().map(nodes::numberNode),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1e300, 4.9e-324)
                        .map(nodes::numberNode),
                Arbitraries.floats().map(nodes::numberNode),
                Arbitraries.bigDecimals().ofScale(4).map(nodes::numberNode),
                Arbitraries.of(new BigDecimal("1E+5"), new BigDecimal("2.50E-3"), new BigDecimal("-0.0"))
                        .map(nodes::numberNode),
                Arbitraries.of("1e5", "-0", "157.0", "2.50e-3", "1E400").map(InputLineProperties::parsed),
                Arbitraries.of(true, false).map(nodes::booleanNode),
                Arbitraries.just(nodes.nullNode()),
                Arbitraries.integers().between(0, 40_000).map(n -> nodes.textNode("é".repeat(n))));
        if (depth == 0) {
            return Arbitraries.oneOf(leaves);
        }
        Arbitrary<JsonNode> array = value(depth - 1).list().ofMaxSize(3).map(items -> {
            ArrayNode a = Json.object().arrayNode();
            items.forEach(a::add);
            return a;
        });
        return mix(
                weighted(6, Arbitraries.oneOf(leaves)),
                weighted(1, array),
                weighted(1, objects(depth - 1).map(o -> o)));
    }

    /** Text with the characters that make trouble: quotes, escapes, controls, pairs and lone halves. */
    private static Arbitrary<String> text(int min, int max) {
        return Arbitraries.strings()
                .withCharRange('a', 'e')
                .withChars('"', '\\', '/', '\u0000', '\u001f', '\u007f', '\u2028', 'é', '€')
                .withChars('\ud83d', '\ude00', '\udbff', '\udfff')
                .ofMinLength(min)
                .ofMaxLength(max);
    }

    private static JsonNode parsed(String number) {
        byte[] b = number.getBytes(StandardCharsets.UTF_8);
        try {
            return Json.parse(b, 0, b.length);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @SafeVarargs
    private static <T> Arbitrary<T> mix(net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<? extends T>>... choices) {
        return Arbitraries.frequencyOf(choices);
    }

    private static <T> net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<? extends T>> weighted(
            int weight, Arbitrary<? extends T> choice) {
        return net.jqwik.api.Tuple.of(weight, choice);
    }
}
