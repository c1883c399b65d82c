package dev.eventscope.verify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import dev.eventscope.store.StoreHead;
import java.util.List;

/**
 * What {@code verify} found: the problems (empty when the store is sound), how many events were
 * checked, the head, the first position whose event or chain link is wrong (0 when none), and,
 * when a head pinned earlier was given ({@code pinGiven}), whether it is still in the chain.
 */
public record VerifyReport(
        List<String> problems,
        long eventsChecked,
        StoreHead head,
        long firstBadPosition,
        boolean pinGiven,
        boolean headPinned) {

    public VerifyReport {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** The public JSON shape ({@code verify -o json}). */
    public ObjectNode json() {
        ObjectNode o = Json.object();
        o.put("ok", ok());
        o.put("events", eventsChecked);
        o.put("headPosition", head.position());
        o.put("headHash", head.hash());
        if (firstBadPosition > 0) {
            o.put("firstBadPosition", firstBadPosition);
        } else {
            o.putNull("firstBadPosition");
        }
        if (pinGiven) {
            o.put("pinnedHeadFound", headPinned);
        }
        var list = o.putArray("problems");
        problems.forEach(list::add);
        return o;
    }
}
