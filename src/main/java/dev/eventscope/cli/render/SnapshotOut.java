package dev.eventscope.cli.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.Text;
import dev.eventscope.event.Times;
import dev.eventscope.snapshot.SnapshotCatalog;
import dev.eventscope.snapshot.SnapshotCheck;
import dev.eventscope.store.SnapshotInfo;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders snapshots: lists (created, stored, pruned) and the outcome of {@code snapshot verify}. */
public final class SnapshotOut {

    private SnapshotOut() {}

    /** "1 snapshot", "3 snapshots". */
    public static String count(long n) {
        return n + " snapshot" + (n == 1 ? "" : "s");
    }

    /** Snapshots with an optional extra column ({@code extraName}: null for none). */
    public static void infos(PrintWriter out, OutputFormat format, List<SnapshotInfo> infos, String extraName) {
        List<Row> rows = new ArrayList<>();
        for (SnapshotInfo i : infos) {
            rows.add(new Row(i, null, null, i.json()));
        }
        print(out, format, rows, extraName, null);
    }

    /** Stored snapshots with whether each is the current model's, and their age at {@code now}. */
    public static void listed(PrintWriter out, OutputFormat format, List<SnapshotCatalog.Listed> listed, Instant now) {
        List<Row> rows = new ArrayList<>();
        for (SnapshotCatalog.Listed l : listed) {
            rows.add(new Row(l.info(), l.current() == null ? "?" : l.current() ? "yes" : "no", null, l.json()));
        }
        print(out, format, rows, null, now);
    }

    /** Pruned snapshots with the reason for each. */
    public static void pruned(PrintWriter out, OutputFormat format, List<SnapshotCatalog.Pruned> pruned) {
        List<Row> rows = new ArrayList<>();
        for (SnapshotCatalog.Pruned p : pruned) {
            rows.add(new Row(p.info(), null, p.reason(), p.json()));
        }
        print(out, format, rows, "reason", null);
    }

    private record Row(SnapshotInfo info, String current, String extra, JsonNode json) {}

    private static void print(PrintWriter out, OutputFormat format, List<Row> rows, String extraName, Instant now) {
        boolean listing = now != null;
        if (format == OutputFormat.TABLE) {
            List<String> headers = new ArrayList<>(List.of(
                    ">SNAPSHOT",
                    "AGGREGATE_TYPE",
                    "AGGREGATE_ID",
                    ">VERSION",
                    ">POSITION",
                    "VALID_TIME",
                    "FINGERPRINT"));
            if (listing) {
                headers.addAll(List.of("CURRENT", ">SIZE", ">AGE"));
            } else {
                headers.add(">SIZE");
            }
            if (extraName != null) {
                headers.add(extraName.toUpperCase(Locale.ROOT));
            }
            int[] widths = new int[headers.size()];
            widths[1] = 32;
            widths[2] = 40;
            try (Table table = new Table(out, headers.toArray(String[]::new), widths)) {
                for (Row r : rows) {
                    SnapshotInfo i = r.info();
                    List<Object> cells = new ArrayList<>(List.of(
                            i.id(),
                            i.stream().aggregateType(),
                            i.stream().aggregateId(),
                            i.version(),
                            i.position(),
                            Times.format(i.validTime()),
                            shortForm(i.fingerprint())));
                    if (listing) {
                        cells.add(r.current());
                    }
                    cells.add(size(i.sizeBytes()));
                    if (listing) {
                        cells.add(age(Duration.between(i.createdAt(), now)));
                    }
                    if (extraName != null) {
                        cells.add(r.extra());
                    }
                    table.row(cells.toArray());
                }
            }
            return;
        }
        if (format == OutputFormat.CSV) {
            List<String> headers = new ArrayList<>(List.of(
                    "id",
                    "aggregateType",
                    "aggregateId",
                    "version",
                    "position",
                    "validTime",
                    "fingerprint",
                    "sizeBytes",
                    "createdAt"));
            if (listing) {
                headers.add("current");
            }
            if (extraName != null) {
                headers.add(extraName);
            }
            Csv.row(out, headers.toArray());
            for (Row r : rows) {
                SnapshotInfo i = r.info();
                List<Object> cells = new ArrayList<>(List.of(
                        i.id(),
                        i.stream().aggregateType(),
                        i.stream().aggregateId(),
                        i.version(),
                        i.position(),
                        Times.format(i.validTime()),
                        i.fingerprint(),
                        i.sizeBytes(),
                        Times.format(i.createdAt())));
                if (listing) {
                    cells.add(
                            r.current().equals("?")
                                    ? ""
                                    : Boolean.toString(r.current().equals("yes")));
                }
                if (extraName != null) {
                    cells.add(r.extra());
                }
                Csv.row(out, cells.toArray());
            }
            return;
        }
        if (format == OutputFormat.JSON) {
            try (JsonOut.Array array = JsonOut.array(out)) {
                rows.forEach(r -> array.add(r.json()));
            }
        } else {
            rows.forEach(r -> JsonOut.line(out, r.json()));
        }
    }

    /** The outcome of {@code snapshot verify}: a summary and one line per mismatch, or JSON. */
    public static void verified(PrintWriter out, OutputFormat format, SnapshotCheck.Result r) {
        String stale = r.stale() == 0 ? "" : "; " + count(r.stale()) + " of other models not checked";
        if (format == OutputFormat.TABLE) {
            if (r.ok()) {
                out.println("ok: " + count(r.checked()) + " match a fold from the first event" + stale);
                return;
            }
            out.println("FAILED: " + r.problems().size() + " of " + count(r.checked())
                    + (r.problems().size() == 1 ? " does" : " do") + " not match a fold from the first event" + stale);
            for (SnapshotCheck.Problem p : r.problems()) {
                out.println("  " + Text.printable(p.snapshot().describe() + ": " + p.problem(), 1_000));
            }
            return;
        }
        if (format == OutputFormat.JSON) {
            JsonOut.pretty(out, r.json());
        } else {
            JsonOut.line(out, r.json());
        }
    }

    /** Bytes for people: 812 B, 4.1 KiB, 2.0 MiB. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }

    /** An age for people: 45s, 12m, 5h, 3d. */
    static String age(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m";
        }
        if (s < 86_400) {
            return s / 3600 + "h";
        }
        return s / 86_400 + "d";
    }

    /** A fingerprint as people see it: its first 12 hex digits. */
    static String shortForm(String fingerprint) {
        return fingerprint.length() <= 12 ? fingerprint : fingerprint.substring(0, 12);
    }
}
