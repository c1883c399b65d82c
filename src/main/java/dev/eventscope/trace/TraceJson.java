package dev.eventscope.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import dev.eventscope.event.Json;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The public JSON shape of a trace (written as it is walked, since a causal chain can nest deeper
 * than a tree built in memory should): one nested document ({@code -o json}: causes, each with its events and their
 * children), or one flat line per event in tree order with its depth and parent
 * ({@code -o ndjson}). Field order is fixed; times are UTC {@code Z}; delays and spans are
 * ISO-8601 durations ({@code PT14M15.774S}).
 */
final class TraceJson {

    /** A causal chain nests two JSON levels per event; it may be longer than Jackson's default allows. */
    private static final JsonFactory FACTORY = Json.mapper()
            .getFactory()
            .rebuild()
            .streamWriteConstraints(StreamWriteConstraints.builder()
                    .maxNestingDepth(Integer.MAX_VALUE)
                    .build())
            .build();

    private TraceJson() {}

    /** The whole trace as one indented document; with {@code summaryOnly}, without the events. */
    static void document(Writer out, Trace trace, boolean summaryOnly, boolean pretty) {
        write(out, pretty, g -> {
            g.writeStartObject();
            entry(g, trace);
            g.writeStringField("scope", trace.options().scope());
            g.writeBooleanField("followCausation", trace.options().followCausation());
            g.writeFieldName("summary");
            summary(g, trace);
            if (!summaryOnly) {
                g.writeArrayFieldStart("causes");
                for (TraceNode.Cause c : trace.causes()) {
                    cause(g, trace, c);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("effectsOutside");
                for (Trace.OutsideEffect o : trace.effectsOutside()) {
                    g.writeStartObject();
                    g.writeStringField("cause", o.cause().toString());
                    ref(g, o.event());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeArrayFieldStart("missingCauses");
            for (TraceNode.Cause c : trace.missingCauses()) {
                g.writeStartObject();
                g.writeStringField("causationId", c.id());
                ids(g, "events", c.roots());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("cycles");
            for (List<UUID> cycle : trace.cycles()) {
                ids(g, null, cycle);
            }
            g.writeEndArray();
            ids(g, "unreachable", trace.unreachable());
            g.writeArrayFieldStart("limits");
            for (String limit : trace.limits()) {
                g.writeString(limit);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** One compact line per event, in tree order. */
    static void rows(Writer out, Trace trace) {
        Map<UUID, String> links = links(trace);
        for (TraceNode.Event node : trace.inOrder()) {
            write(out, false, g -> {
                g.writeStartObject();
                depth(g, node);
                g.writeStringField(
                        "parent", node.parent() == null ? null : node.parent().toString());
                g.writeStringField("link", links.get(node.id()));
                fields(g, node);
                g.writeEndObject();
            });
        }
    }

    /**
     * How each event is linked to its cause: {@code event} when its cause is in the trace, else the
     * kind of the cause it is a root of.
     */
    static Map<UUID, String> links(Trace trace) {
        Map<UUID, String> links = new HashMap<>();
        for (TraceNode.Cause c : trace.causes()) {
            if (c.kind() != TraceNode.CauseKind.CYCLE) {
                c.roots().forEach(id -> links.put(id, c.kind().label()));
            }
        }
        trace.events().keySet().forEach(id -> links.putIfAbsent(id, "event"));
        return links;
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static void write(Writer out, boolean pretty, Body body) {
        try {
            try (JsonGenerator g = FACTORY.createGenerator(out)) {
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                g.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
                g.setPrettyPrinter(pretty ? new DefaultPrettyPrinter() : new MinimalPrettyPrinter(""));
                body.write(g);
            }
            out.write(System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void entry(JsonGenerator g, Trace trace) throws IOException {
        TraceEntry entry = trace.entry();
        g.writeObjectFieldStart("entry");
        g.writeStringField("id", entry.id());
        if (entry instanceof TraceEntry.Event ev) {
            g.writeStringField("kind", ev.byPosition() ? "position" : "eventId");
            g.writeStringField("eventId", ev.event().eventId().toString());
            g.writeNumberField("position", ev.event().position());
        } else {
            g.writeStringField("kind", entry instanceof TraceEntry.Correlation ? "correlationId" : "causationId");
        }
        g.writeEndObject();
    }

    private static void cause(JsonGenerator g, Trace trace, TraceNode.Cause c) throws IOException {
        g.writeStartObject();
        g.writeStringField("causationId", c.id().isEmpty() ? null : c.id());
        g.writeStringField("kind", c.kind().label());
        if (c.event() != null) {
            g.writeObjectFieldStart("event");
            ref(g, c.event());
            g.writeEndObject();
        }
        if (!c.cycle().isEmpty()) {
            ids(g, "cycle", c.cycle());
        }
        g.writeArrayFieldStart("events");
        Set<UUID> written = new HashSet<>();
        for (UUID root : c.roots()) {
            nested(g, trace, root, written);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** An event and everything below it, without recursion (chains may be long). */
    private static void nested(JsonGenerator g, Trace trace, UUID root, Set<UUID> written) throws IOException {
        record Frame(TraceNode.Event node, int next) {}
        Deque<Frame> stack = new ArrayDeque<>();
        open(g, trace.event(root));
        written.add(root);
        stack.push(new Frame(trace.event(root), 0));
        while (!stack.isEmpty()) {
            Frame top = stack.pop();
            List<UUID> children = top.node().children();
            int i = top.next();
            while (i < children.size() && written.contains(children.get(i))) {
                i++; // the edge that closes a cycle
            }
            if (i == children.size()) {
                g.writeEndArray();
                g.writeEndObject();
                continue;
            }
            stack.push(new Frame(top.node(), i + 1));
            TraceNode.Event child = trace.event(children.get(i));
            open(g, child);
            written.add(child.id());
            stack.push(new Frame(child, 0));
        }
    }

    private static void open(JsonGenerator g, TraceNode.Event node) throws IOException {
        g.writeStartObject();
        fields(g, node);
        depth(g, node);
        g.writeArrayFieldStart("children");
    }

    private static void fields(JsonGenerator g, TraceNode.Event node) throws IOException {
        RecordedEvent e = node.event();
        g.writeNumberField("position", e.position());
        g.writeStringField("eventId", e.eventId().toString());
        g.writeStringField("eventType", e.eventType());
        g.writeNumberField("eventVersion", e.eventVersion());
        g.writeStringField("aggregateType", e.aggregateType());
        g.writeStringField("aggregateId", e.aggregateId());
        g.writeNumberField("streamVersion", e.streamVersion());
        g.writeStringField("userId", e.userId());
        g.writeStringField("timestamp", Times.format(e.timestamp()));
        g.writeStringField("correlationId", e.correlationId());
        g.writeStringField("causationId", e.causationId());
        g.writeStringField("delay", duration(node.delay()));
        g.writeBooleanField("critical", node.critical());
        g.writeBooleanField("entry", node.entry());
    }

    private static void depth(JsonGenerator g, TraceNode.Event node) throws IOException {
        if (node.depth() != null) {
            g.writeNumberField("depth", node.depth());
        } else {
            g.writeNullField("depth");
        }
    }

    private static void ref(JsonGenerator g, RecordedEvent e) throws IOException {
        g.writeNumberField("position", e.position());
        g.writeStringField("eventId", e.eventId().toString());
        g.writeStringField("eventType", e.eventType());
        g.writeStringField("aggregateType", e.aggregateType());
        g.writeStringField("aggregateId", e.aggregateId());
        g.writeStringField("timestamp", Times.format(e.timestamp()));
        g.writeStringField("correlationId", e.correlationId());
    }

    private static void summary(JsonGenerator g, Trace trace) throws IOException {
        TraceSummary s = trace.summary();
        g.writeStartObject();
        g.writeNumberField("events", s.events());
        strings(g, "correlations", s.correlations());
        g.writeArrayFieldStart("aggregates");
        for (StreamId stream : s.aggregates()) {
            g.writeStartObject();
            g.writeStringField("aggregateType", stream.aggregateType());
            g.writeStringField("aggregateId", stream.aggregateId());
            g.writeEndObject();
        }
        g.writeEndArray();
        strings(g, "aggregateTypes", s.aggregateTypes());
        strings(g, "users", s.users());
        g.writeNumberField("depth", s.depth());
        g.writeStringField("first", Times.format(s.first()));
        g.writeStringField("last", Times.format(s.last()));
        g.writeStringField("span", duration(s.span()));
        g.writeObjectFieldStart("criticalPath");
        ids(g, "events", s.criticalPath());
        g.writeStringField("delay", duration(s.criticalDelay()));
        g.writeEndObject();
        g.writeNumberField("roots", s.roots());
        g.writeNumberField("missingCauses", s.missingCauses());
        g.writeNumberField("cycles", s.cycles());
        g.writeNumberField("unreachable", s.unreachable());
        g.writeNumberField("effectsOutside", s.effectsOutside());
        g.writeNumberField("beforeCause", s.beforeCause());
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void ids(JsonGenerator g, String field, List<UUID> ids) throws IOException {
        if (field == null) {
            g.writeStartArray();
        } else {
            g.writeArrayFieldStart(field);
        }
        for (UUID id : ids) {
            g.writeString(id.toString());
        }
        g.writeEndArray();
    }

    static String duration(Duration d) {
        return d == null ? null : d.toString();
    }
}
