import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.*;

/**
 * Generates the "tasks" sample event log for Eventscope: a software team's task board over half a
 * year (Task aggregates: created, assigned, started, reviewed, merged, reopened, commented on).
 *
 * <p>Run from the repository root: {@code java samples/tasks/GenerateTasks.java > samples/tasks/events.ndjson}
 *
 * <p>Byte-for-byte reproducible: fixed seeds, a fixed start, no clock, no hash-ordered iteration,
 * a hand-written JSON writer. Timestamps are whole seconds in UTC.
 *
 * <p>Reviewers are assigned by the model's reactor {@code assign_reviewer} (eventscope.yaml): the
 * first code owner of the task's component, or the second when the first asked for the review. The
 * log already holds the ReviewerAssigned events the reactor made while it ran, with exactly the
 * eventId, payload and metadata the reactor gives them, so running it again over the history
 * appends nothing. It stopped two days before the log ends: the review requests of those two days
 * have no reviewer yet, and {@code evs process assign_reviewer} catches up.
 */
public class GenerateTasks {

    static final Instant START = Instant.parse("2024-01-08T08:00:00Z"); // a Monday
    static final Instant END = Instant.parse("2024-07-05T17:00:00Z"); // a Friday: the log ends here
    static final Instant BOT_DOWN = END.minus(Duration.ofDays(2));
    static final int TASKS = 1500;
    static final String REACTOR = "assign_reviewer";
    /** The first task from this one with a comment gets the one deliberate double write, for evs lint. */
    static final String DOUBLE_POSTED_FROM = "task-0777";
    static boolean doublePosted;

    static final Random rnd = new Random(9L);
    static final Random ids = new Random(20240108L);

    static final DateTimeFormatter TS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    static final List<String> DEVS = List.of("alice", "bob", "carol", "dan", "erin", "farid", "grace", "hiro");
    static final String PM = "maria";
    static final String QA = "lin";
    static final String BOT = "review-bot";
    static final List<String> COMPONENTS = List.of("api", "web", "mobile", "infra");
    // CODEOWNERS, as in the reactor of eventscope.yaml: keep the two in step
    static final Map<String, List<String>> OWNERS = new TreeMap<>(Map.of(
            "api", List.of("carol", "dan"),
            "web", List.of("erin", "alice"),
            "mobile", List.of("farid", "grace"),
            "infra", List.of("hiro", "bob")));
    // dan is away for two weeks in April: reviews assigned to him wait
    static final Instant AWAY_FROM = Instant.parse("2024-04-08T00:00:00Z");
    static final Instant AWAY_UNTIL = Instant.parse("2024-04-22T08:00:00Z");

    static final String[] VERBS = {"Add", "Fix", "Refactor", "Document", "Speed up", "Remove", "Migrate", "Test"};
    static final String[] THINGS = {"login form", "search endpoint", "push notifications", "CI cache", "invoice PDF",
        "rate limiter", "dark mode", "export to CSV", "session timeout", "image upload", "audit log", "onboarding flow",
        "health check", "offline sync", "deploy script", "price rounding"};
    static final String[] COMMENTS = {"Can we split this?", "Blocked on the API change.", "Repro steps added.",
        "Customer asked again about this.", "Looks related to the cache bug.", "Moved to next sprint?",
        "Design attached.", "Needs a migration note."};

    record Event(String id, String type, String aggregateId, Instant ts, String payload, String userId,
                 String correlationId, String causationId, int seq) {}

    static final List<Event> events = new ArrayList<>();
    static int seq;

    public static void main(String[] args) throws Exception {
        List<Instant> creations = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            long span = Duration.between(START, END.minus(Duration.ofDays(1))).toSeconds();
            creations.add(workTime(START.plusSeconds((long) (rnd.nextDouble() * span))));
        }
        Collections.sort(creations);
        for (int i = 0; i < TASKS; i++) {
            task(String.format("task-%04d", i + 1), creations.get(i));
        }
        events.sort(Comparator.comparing(Event::ts).thenComparingInt(Event::seq));
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        for (Event e : events) {
            out.print(json(e));
            out.print('\n');
        }
        out.flush();
    }

    /** One task's life; events after END are not written (the task is still open when the log ends). */
    static void task(String id, Instant created) throws Exception {
        String component = COMPONENTS.get(rnd.nextInt(COMPONENTS.size()));
        String creator = rnd.nextInt(10) < 6 ? PM : pick(DEVS);
        String title = VERBS[rnd.nextInt(VERBS.length)] + " " + THINGS[rnd.nextInt(THINGS.length)];
        String priority = new String[] {"low", "medium", "medium", "high", "urgent"}[rnd.nextInt(5)];
        int workflow = 1;
        String corr = "wf-" + id + "-" + workflow;
        Instant t = created;
        String last = emit("TaskCreated", id, t, obj("title", title, "component", component, "priority", priority),
                creator, corr, "cmd-create-" + id);
        if (last == null) return;
        String assignee = pick(DEVS);
        t = later(t, minutes(5, 60 * 24));
        last = emit("TaskAssigned", id, t, obj("assignee", assignee, "previousAssignee", null),
                creator.equals(PM) ? PM : creator, corr, last);
        if (last == null) return;
        while (true) {
            // some tasks wait in the backlog for weeks
            t = later(t, rnd.nextInt(5) == 0 ? minutes(60 * 24 * 5, 60 * 24 * 30) : minutes(30, 60 * 24 * 3));
            last = emit("StatusChanged", id, t, obj("from", workflow == 1 ? "TODO" : "REOPENED", "to", "IN_PROGRESS"),
                    assignee, corr, last);
            if (last == null) return;
            if (rnd.nextInt(100) < 12) {
                // reassigned while in progress (holiday, overload, wrong skills)
                String other = pickOther(DEVS, assignee);
                t = later(t, minutes(60, 60 * 24 * 4));
                last = emit("TaskAssigned", id, t, obj("assignee", other, "previousAssignee", assignee), PM, corr, last);
                if (last == null) return;
                assignee = other;
            }
            int comments = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(3) : 0;
            int previous = -1;
            for (int c = 0; c < comments; c++) {
                int text;
                do {
                    text = rnd.nextInt(COMMENTS.length);
                } while (text == previous);
                previous = text;
                t = later(t, minutes(20, 60 * 24));
                String author = rnd.nextBoolean() ? PM : pick(DEVS);
                last = emit("CommentAdded", id, t, obj("text", COMMENTS[text]), author, corr, last);
                if (last == null) return;
                if (!doublePosted && id.compareTo(DOUBLE_POSTED_FROM) >= 0) {
                    doublePosted = true;
                    // the one deliberate double write: a comment posted twice a second apart
                    t = t.plusSeconds(1);
                    last = emit("CommentAdded", id, t, obj("text", COMMENTS[text]), author, corr, last);
                }
            }
            t = later(t, minutes(60 * 2, 60 * 24 * 6));
            for (int round = 1; ; round++) {
                Instant requested = t;
                String request = emit("ReviewRequested", id, t, obj("round", round, "component", component),
                        assignee, corr, last);
                if (request == null) return;
                if (!requested.isBefore(BOT_DOWN)) return; // the bot is down: nobody is assigned, nothing follows
                List<String> pool = OWNERS.get(component);
                String reviewer = pool.get(0).equals(assignee) ? pool.get(1) : pool.get(0);
                String assigned = emitReaction(id, t, request, round, component, reviewer, corr);
                // most reviews come within a day; one in ten stalls for one to three weeks
                t = later(t, rnd.nextInt(10) == 0 ? minutes(60 * 24 * 7, 60 * 24 * 21) : minutes(15, 60 * 30));
                if (reviewer.equals("dan") && t.isAfter(AWAY_FROM) && t.isBefore(AWAY_UNTIL)) {
                    t = later(AWAY_UNTIL, minutes(30, 60 * 8));
                }
                boolean approved = rnd.nextInt(100) >= (round == 1 ? 35 : 15);
                last = emit(approved ? "ReviewApproved" : "ChangesRequested", id, t,
                        approved ? obj("reviewer", reviewer, "round", round)
                                 : obj("reviewer", reviewer, "round", round, "comments", 1 + rnd.nextInt(6)),
                        reviewer, corr, assigned);
                if (last == null) return;
                if (approved) break;
                t = later(t, minutes(30, 60 * 24 * 2));
            }
            t = later(t, minutes(5, 60 * 6));
            last = emit("TaskMerged", id, t, obj("commit", hex(7)), assignee, corr, last);
            if (last == null) return;
            if (rnd.nextInt(100) >= 7) return;
            // reopened: a regression found by QA starts a new workflow with its own correlation
            t = later(t, minutes(60 * 4, 60 * 24 * 20));
            workflow++;
            corr = "wf-" + id + "-" + workflow;
            last = emit("TaskReopened", id, t, obj("reason", "regression found in " + component), QA, corr,
                    "cmd-reopen-" + id + "-" + workflow);
            if (last == null) return;
        }
    }

    /** Adds an event unless it falls after the end of the log; returns its id, or null when it does not. */
    static String emit(String type, String id, Instant t, String payload, String user, String corr, String cause) {
        if (t.isAfter(END)) return null;
        String eventId = uuid();
        events.add(new Event(eventId, type, id, t, payload, user, corr, cause, seq++));
        return eventId;
    }

    /** The reactor's ReviewerAssigned, exactly as eventscope.yaml's assign_reviewer emits it. */
    static String emitReaction(String id, Instant t, String trigger, int round, String component, String reviewer,
                               String corr) throws Exception {
        String eventId = reactionId(REACTOR, trigger, 0);
        String payload = obj("reviewer", reviewer, "round", round, "rule", "codeowners:" + component);
        events.add(new Event(eventId, "ReviewerAssigned", id, t, payload, BOT, corr, trigger, seq++));
        return eventId;
    }

    /** The eventId Eventscope gives a reactor's reaction: SHA-256 of handler, trigger and index, as a version-8 UUID. */
    static String reactionId(String handler, String trigger, int index) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(("eventscope-reaction-v1\0" + handler + "\0" + trigger + "\0" + index).getBytes(StandardCharsets.UTF_8));
        ByteBuffer bytes = ByteBuffer.wrap(sha.digest());
        long high = (bytes.getLong() & ~0xF000L) | 0x8000L;
        long low = (bytes.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** {@code base} plus the given minutes, moved into working hours (Mon-Fri 08:00-18:00 UTC). */
    static Instant later(Instant base, long minutes) {
        return workTime(base.plus(Duration.ofMinutes(minutes)).plusSeconds(rnd.nextInt(60)));
    }

    static Instant workTime(Instant t) {
        ZonedDateTime z = t.atZone(ZoneOffset.UTC);
        if (z.getHour() >= 18) z = z.plusDays(1).withHour(8).withMinute(rnd.nextInt(60));
        if (z.getHour() < 8) z = z.withHour(8).withMinute(rnd.nextInt(60));
        while (z.getDayOfWeek() == DayOfWeek.SATURDAY || z.getDayOfWeek() == DayOfWeek.SUNDAY) {
            z = z.plusDays(1).withHour(8).withMinute(rnd.nextInt(60));
        }
        return z.toInstant();
    }

    static long minutes(long min, long max) {
        // skewed towards the short end, as waiting times are
        double u = rnd.nextDouble();
        return min + (long) ((max - min) * u * u);
    }

    static String pick(List<String> list) {
        return list.get(rnd.nextInt(list.size()));
    }

    static String pickOther(List<String> list, String not) {
        String s;
        do {
            s = pick(list);
        } while (s.equals(not));
        return s;
    }

    static String uuid() {
        long hi = (ids.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (ids.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo).toString();
    }

    static String hex(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) s.append("0123456789abcdef".charAt(ids.nextInt(16)));
        return s.toString();
    }

    /** A compact JSON object of key/value pairs (strings, integers or null), keys in the given order. */
    static String obj(Object... kv) {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < kv.length; i += 2) {
            if (i > 0) s.append(',');
            s.append(str((String) kv[i])).append(':');
            Object v = kv[i + 1];
            s.append(v == null ? "null" : v instanceof Integer ? v.toString() : str((String) v));
        }
        return s.append('}').toString();
    }

    static String str(String v) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : v.toCharArray()) {
            if (c == '"' || c == '\\') s.append('\\').append(c);
            else if (c < 0x20) s.append(String.format("\\u%04x", (int) c));
            else s.append(c);
        }
        return s.append('"').toString();
    }

    static String json(Event e) {
        // the reactor writes causationId before correlationId after the metadata it was given; keep
        // the same order for its events so that re-running it finds them identical
        String metadata = e.userId().equals(BOT)
                ? obj("userId", e.userId(), "causationId", e.causationId(), "correlationId", e.correlationId())
                : obj("userId", e.userId(), "correlationId", e.correlationId(), "causationId", e.causationId());
        return "{\"eventId\":" + str(e.id()) + ",\"eventType\":" + str(e.type()) + ",\"aggregateId\":"
                + str(e.aggregateId()) + ",\"aggregateType\":\"Task\",\"timestamp\":"
                + str(TS.format(e.ts())) + ",\"payload\":" + e.payload() + ",\"metadata\":" + metadata + "}";
    }
}
