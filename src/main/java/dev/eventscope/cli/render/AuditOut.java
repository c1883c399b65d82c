package dev.eventscope.cli.render;

import dev.eventscope.audit.AuditEntry;
import dev.eventscope.audit.Timeline;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Text;
import dev.eventscope.event.Times;
import java.io.PrintWriter;

/** {@code evs audit} timelines for people: one heading line per change, then what changed in the state. */
public final class AuditOut {

    private AuditOut() {}

    public static void print(PrintWriter out, Timeline t, boolean byUser, Palette palette) {
        out.println(palette.paint(
                Palette.Role.HEADING,
                "audit " + Text.printable(t.subject(), 200) + ": " + t.entries().size() + " change"
                        + (t.entries().size() == 1 ? "" : "s")
                        + (byUser
                                ? ""
                                : " by " + t.users().size() + " user"
                                        + (t.users().size() == 1 ? "" : "s"))
                        + " (times UTC; valid time, then record time)"));
        for (AuditEntry e : t.entries()) {
            RecordedEvent ev = e.event();
            String where = byUser
                    ? Text.printable(ev.stream().toString(), 200) + " v" + ev.streamVersion()
                    : "v" + ev.streamVersion();
            out.println();
            out.println(palette.paint(Palette.Role.POSITION, where) + "  "
                    + palette.paint(Palette.Role.TIME, Times.format(ev.timestamp()))
                    + palette.paint(Palette.Role.MUTED, " (recorded " + Times.format(ev.recordedAt()) + ")") + "  "
                    + Text.printable(ev.userId() == null ? "(no user)" : ev.userId(), 80) + "  "
                    + palette.paint(Palette.Role.EVENT_TYPE, Text.printable(ev.eventType(), 120))
                    + (ev.correlationId() == null
                            ? ""
                            : palette.paint(
                                    Palette.Role.MUTED, "  correlation " + Text.printable(ev.correlationId(), 80))));
            if (e.patch() == null) {
                out.println("    payload " + Text.printable(ev.payload().text(), 300));
            } else {
                PatchView.print(out, e.patch(), e.before(), "    ", palette.on());
            }
        }
    }
}
