import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Generates a realistic, reproducible event store for the benchmarks (docs/PERFORMANCE.md).
 *
 * <p>Run from the repository root: {@code java bench/Generate.java --events 1000000 --out DIR}
 * (options: {@code --parts K} splits the events into K consecutive files, {@code --seed S},
 * {@code --csv} also writes each part as CSV rows of the {@code events} table for the sqlite3
 * yardstick, {@code --first J} writes only the first J parts: the same bytes as a run writing all,
 * without the disk the others would take). Writes {@code DIR/part-1.ndjson} ... and {@code DIR/sample.properties} (ids the
 * lookup figures use).
 *
 * <p>The shape: 10,000 aggregates (Order, Customer, Payment, Shipment, and one hot Inventory
 * aggregate that gets 1% of all events); payloads of 150 to 320 bytes with nested items;
 * correlation groups of 1 to 8 events, each caused by the one before it, interleaved as
 * concurrent requests would be; random version-4 event ids; timestamps mostly in UTC, some with
 * a +01:00 offset. The same seed gives the same bytes on any machine: one seeded generator, no
 * clock, no hash-ordered iteration, hand-written JSON.
 *
 * <p>The CSV carries what Eventscope would store for the same events if it assigned the record
 * times the generator assigns: positions, stream versions, microsecond times, the copied metadata
 * columns, compact JSON and the hash chain of docs/FORMAT.md. So the sqlite3 CLI loads the same
 * bytes that Eventscope stores, and its store even passes the chain check.
 */
public class Generate {

    static final int AGGREGATES = 10_000;
    static final double HOT_SHARE = 0.01;
    static final int OPEN_GROUPS = 32;
    static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    static final DateTimeFormatter PLUS_ONE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx").withZone(ZoneOffset.ofHours(1));

    static final String[] TYPES = {"Order", "Customer", "Payment", "Shipment"};
    static final String[][] EVENTS = {
        {"OrderPlaced", "OrderLineAdded", "OrderLineRemoved", "OrderConfirmed", "OrderShipped", "OrderCancelled"},
        {"CustomerRegistered", "AddressChanged", "EmailChanged", "LoyaltyPointsAdded"},
        {"PaymentRequested", "PaymentAuthorized", "PaymentCaptured", "PaymentFailed", "PaymentRefunded"},
        {"ShipmentCreated", "ParcelHandedOver", "ParcelDelivered"}
    };
    static final String HOT_TYPE = "Inventory";
    static final String HOT_ID = "warehouse-main";
    static final String[] PRODUCTS = {
        "USB-C cable", "Wireless mouse", "Coffee beans 1kg", "Water bottle", "Notebook A5", "Desk lamp",
        "Phone case", "Headphones", "Backpack", "Tea sampler", "Keyboard", "Monitor stand"
    };
    static final String[] CHANNELS = {"web", "mobile", "api", "store"};
    static final String FILLER = "Customer asked for delivery after five in the evening; leave the parcel with"
            + " the neighbours at number twelve if nobody answers the door. Gift wrap requested. ";

    final SplittableRandom rnd;
    final String[] aggregateTypes = new String[AGGREGATES];
    final String[] aggregateIds = new String[AGGREGATES];
    final long[] versions = new long[AGGREGATES];
    final MessageDigest sha256;
    long position;
    long clockMicros = START.getEpochSecond() * 1_000_000L;
    long recordedMicros;
    String previousHash = "";
    String sampleCorrelation;
    String sampleEvent;

    Generate(long seed) throws Exception {
        rnd = new SplittableRandom(seed);
        sha256 = MessageDigest.getInstance("SHA-256");
        // aggregate 0 is the hot one; the others are spread over the types 50/20/20/10
        aggregateTypes[0] = HOT_TYPE;
        aggregateIds[0] = HOT_ID;
        for (int i = 1; i < AGGREGATES; i++) {
            int t = i % 10 < 5 ? 0 : i % 10 < 7 ? 1 : i % 10 < 9 ? 2 : 3;
            aggregateTypes[i] = TYPES[t];
            aggregateIds[i] = TYPES[t].toLowerCase() + "-" + String.format("%05d", i);
        }
    }

    /** One request in flight: its correlation id, what caused its next event, events left. */
    static final class Group {
        String correlationId;
        String lastEventId;
        String firstCause;
        int left;
        int aggregate;
    }

    public static void main(String[] args) throws Exception {
        long events = 0;
        int parts = 1;
        long seed = 20240101L;
        boolean csv = false;
        int first = 0;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Long.parseLong(args[++i].replace("_", ""));
                case "--parts" -> parts = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--csv" -> csv = true;
                case "--first" -> first = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: java bench/Generate.java --events N --out DIR [--parts K] [--first J] [--seed S] [--csv]");
                    System.exit(2);
                }
            }
        }
        if (first < 1 || first > parts) {
            first = parts;
        }
        if (events < 1 || out == null || parts < 1 || events % parts != 0) {
            System.err.println("usage: java bench/Generate.java --events N --out DIR [--parts K] [--seed S] [--csv]"
                    + " (N a multiple of K)");
            System.exit(2);
        }
        Files.createDirectories(out);
        new Generate(seed).run(events, parts, first, csv, out);
    }

    /** Writes the first {@code first} of {@code parts} parts (the same bytes as when all are written). */
    void run(long events, int parts, int first, boolean csv, Path out) throws Exception {
        Group[] open = new Group[OPEN_GROUPS];
        for (int i = 0; i < open.length; i++) {
            open[i] = newGroup();
        }
        long perPart = events / parts;
        for (int p = 1; p <= first; p++) {
            Path ndjson = out.resolve("part-" + p + ".ndjson");
            Path csvFile = out.resolve("part-" + p + ".csv");
            try (Writer json = writer(ndjson);
                    Writer rows = csv ? writer(csvFile) : Writer.nullWriter()) {
                for (long n = 0; n < perPart; n++) {
                    int g = rnd.nextInt(open.length);
                    event(open[g], json, rows);
                    if (position == events / 2) {
                        sampleCorrelation = open[g].correlationId;
                        sampleEvent = open[g].lastEventId;
                    }
                    if (--open[g].left == 0) {
                        open[g] = newGroup();
                    }
                }
            }
        }
        // written by hand: Properties.store adds the current date, which would break reproducibility
        try (Writer w = writer(out.resolve("sample.properties"))) {
            w.write("# written by bench/Generate.java\n");
            w.write("events=" + events + "\n");
            w.write("parts=" + parts + "\n");
            w.write("written=" + first + "\n");
            w.write("hotAggregateType=" + HOT_TYPE + "\n");
            w.write("hotAggregateId=" + HOT_ID + "\n");
            w.write("hotEvents=" + versions[0] + "\n");
            w.write("correlationId=" + sampleCorrelation + "\n");
            w.write("eventId=" + sampleEvent + "\n");
            w.write("lastHash=" + previousHash + "\n");
        }
    }

    Group newGroup() {
        Group g = new Group();
        g.correlationId = uuid();
        g.firstCause = rnd.nextInt(10) < 7 ? "cmd-" + uuid() : null;
        g.left = 1 + rnd.nextInt(8);
        g.aggregate = otherAggregate();
        return g;
    }

    int otherAggregate() {
        return 1 + rnd.nextInt(AGGREGATES - 1);
    }

    void event(Group g, Writer json, Writer csv) throws Exception {
        int aggregate;
        if (rnd.nextDouble() < HOT_SHARE) {
            aggregate = 0;
        } else {
            // a request mostly stays with its aggregate, sometimes touches another one
            aggregate = g.lastEventId == null || rnd.nextInt(10) < 6 ? g.aggregate : otherAggregate();
        }
        String type = aggregate == 0 ? "StockAdjusted" : pick(EVENTS[typeIndex(aggregateTypes[aggregate])]);
        int eventVersion = type.equals("OrderPlaced") && rnd.nextBoolean() ? 2 : 1;
        String eventId = uuid();
        String causation = g.lastEventId == null ? g.firstCause : g.lastEventId;
        String user = rnd.nextInt(10) == 0 ? null : String.format("user-%04d", rnd.nextInt(2_000));
        clockMicros += rnd.nextInt(1_000) * 1_000L + rnd.nextInt(1_000);
        long occurred = clockMicros - clockMicros % 1_000; // input times carry milliseconds
        recordedMicros = Math.max(recordedMicros, occurred + 50_000 + rnd.nextInt(200_000));
        Instant at = Instant.ofEpochSecond(occurred / 1_000_000, (occurred % 1_000_000) * 1_000);
        String timestamp = rnd.nextInt(5) == 0 ? PLUS_ONE.format(at) : UTC.format(at);
        String payload = payload(type, aggregate);
        StringBuilder metadata = new StringBuilder(160).append('{');
        field(metadata, "correlationId", g.correlationId);
        if (causation != null) {
            metadata.append(',');
            field(metadata, "causationId", causation);
        }
        if (user != null) {
            metadata.append(',');
            field(metadata, "userId", user);
        }
        metadata.append(',');
        field(metadata, "client", pick(CHANNELS));
        metadata.append('}');

        position++;
        long version = ++versions[aggregate];
        StringBuilder line = new StringBuilder(640).append('{');
        field(line, "eventId", eventId).append(',');
        field(line, "eventType", type).append(',');
        field(line, "aggregateId", aggregateIds[aggregate]).append(',');
        field(line, "aggregateType", aggregateTypes[aggregate]).append(',');
        line.append("\"eventVersion\":").append(eventVersion).append(',');
        field(line, "timestamp", timestamp).append(',');
        line.append("\"payload\":").append(payload).append(',');
        line.append("\"metadata\":").append(metadata).append("}\n");
        json.write(line.toString());

        String hash = hash(
                previousHash, Long.toString(position), eventId, aggregateTypes[aggregate], aggregateIds[aggregate],
                Long.toString(version), type, Integer.toString(eventVersion), Long.toString(occurred),
                Long.toString(recordedMicros), g.correlationId, causation, user, payload, metadata.toString());
        previousHash = hash;
        csv.write(csvRow(
                Long.toString(position), eventId, aggregateTypes[aggregate], aggregateIds[aggregate],
                Long.toString(version), type, Integer.toString(eventVersion), Long.toString(occurred),
                Long.toString(recordedMicros), g.correlationId, causation, user, payload, metadata.toString(), hash));

        g.lastEventId = eventId;
        if (aggregate != 0) {
            g.aggregate = aggregate;
        }
    }

    /** A payload of 150 to 320 bytes: a few top-level facts, nested items, and a note to pad. */
    String payload(String type, int aggregate) {
        int target = 150 + rnd.nextInt(171);
        StringBuilder p = new StringBuilder(330).append('{');
        field(p, "customerId", String.format("cust-%05d", rnd.nextInt(50_000))).append(',');
        field(p, "channel", pick(CHANNELS)).append(',');
        p.append("\"items\":[");
        int items = 1 + rnd.nextInt(3);
        long total = 0;
        for (int i = 0; i < items; i++) {
            int cents = 199 + rnd.nextInt(9_800);
            int qty = 1 + rnd.nextInt(4);
            total += (long) cents * qty;
            if (i > 0) {
                p.append(',');
            }
            p.append('{');
            field(p, "sku", String.format("SKU-%04d", rnd.nextInt(5_000))).append(',');
            field(p, "name", pick(PRODUCTS)).append(',');
            p.append("\"qty\":").append(qty).append(",\"price\":").append(money(cents)).append('}');
        }
        p.append("],\"total\":").append(money(total));
        String head = p.toString();
        // keep within the range: drop to one item when three long names overshoot
        String noteField = ",\"note\":\"\"";
        if (head.length() + 1 + noteField.length() + 1 > 320) {
            return payload(type, aggregate);
        }
        int room = Math.max(target, head.length() + 1 + noteField.length() + 1) - head.length() - 1 - noteField.length();
        int from = rnd.nextInt(FILLER.length() / 2);
        p.append(',');
        field(p, "note", (FILLER + FILLER).substring(from, from + room));
        return p.append('}').toString();
    }

    static String money(long cents) {
        return cents / 100 + "." + (cents % 100 < 10 ? "0" : "") + cents % 100;
    }

    static int typeIndex(String type) {
        for (int i = 0; i < TYPES.length; i++) {
            if (TYPES[i].equals(type)) {
                return i;
            }
        }
        throw new IllegalArgumentException(type);
    }

    String pick(String[] from) {
        return from[rnd.nextInt(from.length)];
    }

    /** A random version-4 UUID from the seeded generator. */
    String uuid() {
        long hi = (rnd.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (rnd.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new java.util.UUID(hi, lo).toString();
    }

    /** Appends {@code "name":"value"}; the generator only writes values that need no escaping. */
    static StringBuilder field(StringBuilder b, String name, String value) {
        return b.append('"').append(name).append("\":\"").append(value).append('"');
    }

    String hash(String... fields) {
        sha256.reset();
        sha256.update("eventscope-chain-v1".getBytes(StandardCharsets.US_ASCII));
        for (String f : fields) {
            if (f == null) {
                sha256.update(new byte[] {-1, -1, -1, -1});
                continue;
            }
            byte[] bytes = f.getBytes(StandardCharsets.UTF_8);
            int n = bytes.length;
            sha256.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
            sha256.update(bytes);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /**
     * One CSV row (RFC 4180, as the sqlite3 CLI reads it). A NULL is written as an empty field; the
     * load turns empty strings of the nullable columns back into NULL.
     */
    static String csvRow(String... fields) {
        StringBuilder b = new StringBuilder(800);
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            String f = fields[i];
            if (f == null) {
                continue;
            }
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0) {
                b.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                b.append(f);
            }
        }
        return b.append('\n').toString();
    }

    static Writer writer(Path file) throws IOException {
        return new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
    }
}
