package dev.eventscope.decide;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.Json;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import dev.eventscope.replay.ResolvedCut;
import java.util.List;

/**
 * How one command of an {@code exec} run ended: accepted (its events appended, or only shown by a
 * dry run or a decision at a cut), rejected with a reason, or found already executed (events it
 * caused are stored: nothing is decided again).
 *
 * @param command the command, with its time
 * @param cut the cut it was decided at, resolved (the store's head for a live decision)
 * @param version the target's version it was decided against (the expected version of the append)
 * @param reads the other states it read
 * @param decided the new events decided (none when rejected or already executed)
 * @param stored the events as stored: appended now, or found already caused by the command
 * @param attempts how many times it was decided (more than 1 after conflicts with --retry)
 */
public record Outcome(
        Status status,
        Command command,
        StreamId target,
        ResolvedCut cut,
        long version,
        String reason,
        List<Decided.Read> reads,
        List<NewEvent> decided,
        List<RecordedEvent> stored,
        int attempts) {

    /** What happened to the command. */
    public enum Status {
        /** Accepted, and its events appended. */
        APPENDED("accepted"),
        /** Accepted, nothing written: a dry run, or a decision at a cut. */
        ACCEPTED("accepted"),
        /** Rejected by the decider: nothing written. */
        REJECTED("rejected"),
        /** Events caused by this command id are stored already: nothing decided or written. */
        ALREADY_EXECUTED("already-executed");

        private final String json;

        Status(String json) {
            this.json = json;
        }

        /** The value of {@code outcome} in JSON. */
        public String json() {
            return json;
        }
    }

    public Outcome {
        reads = List.copyOf(reads);
        decided = List.copyOf(decided);
        stored = List.copyOf(stored);
    }

    /**
     * The public JSON shape ({@code exec -o json}): commandId, commandType, aggregateType,
     * aggregateId, outcome (accepted, rejected, already-executed), written, reason (when
     * rejected), version and cut (what it was decided against), reads, attempts, and events: as
     * stored when written or already executed, else as decided with the streamVersion they would
     * take.
     */
    public ObjectNode json() {
        ObjectNode o = Json.object();
        o.put("commandId", command.commandId());
        o.put("commandType", command.commandType());
        o.put("aggregateType", target.aggregateType());
        o.put("aggregateId", target.aggregateId());
        o.put("outcome", status.json());
        o.put("written", status == Status.APPENDED);
        if (reason != null) {
            o.put("reason", reason);
        }
        o.put("version", version);
        o.set("cut", cut.json());
        o.put("timestamp", Times.format(command.timestamp()));
        ArrayNode r = o.putArray("reads");
        for (Decided.Read read : reads) {
            ObjectNode x = r.addObject();
            x.put("name", read.name());
            x.put("aggregateType", read.state().stream().aggregateType());
            x.put("aggregateId", read.state().stream().aggregateId());
            x.put("version", read.state().version());
        }
        o.put("attempts", attempts);
        ArrayNode events = o.putArray("events");
        if (!stored.isEmpty()) {
            stored.forEach(e -> events.add(EventJson.toNode(e, false)));
        } else {
            long v = version;
            for (NewEvent e : decided) {
                ObjectNode x = events.addObject();
                x.put("eventId", e.eventId().toString());
                x.put("eventType", e.eventType());
                x.put("aggregateId", e.stream().aggregateId());
                x.put("aggregateType", e.stream().aggregateType());
                x.put("eventVersion", e.eventVersion());
                x.put("timestamp", Times.format(e.timestamp()));
                x.set("payload", e.payload().node());
                x.set("metadata", e.metadata().node());
                x.put("streamVersion", ++v);
            }
        }
        return o;
    }
}
