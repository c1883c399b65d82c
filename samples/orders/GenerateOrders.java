import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.*;

/**
 * Generates the "orders" sample event log for Eventscope (Order, Payment and Inventory aggregates).
 *
 * <p>Run from the repository root: {@code java samples/orders/GenerateOrders.java > samples/orders/events.ndjson}
 *
 * <p>The output must be byte-for-byte reproducible so that tests and docs can quote event ids:
 * fixed seeds, a fixed base time, no clock, no iteration over hash-ordered collections, and a
 * hand-written JSON writer whose output does not depend on a library version or the platform.
 */
public class GenerateOrders {

    static final Instant BASE = Instant.parse("2024-01-15T08:00:00Z");
    static final int DAYS = 14;
    static final int ORDERS = 80;
    /** The oldest 40% of orders were placed before OrderPlaced v2 added totalAmount. */
    static final int LAST_V1_ORDER = ORDERS * 2 / 5;
    /** The first shipment from this order number on gets the one deliberately broken causation link. */
    static final int ORPHAN_FROM_ORDER = 50;
    static final int REPLENISHMENTS = 8;

    static final long SEC = 1_000, MIN = 60 * SEC, HOUR = 60 * MIN;

    // Two generators: business decisions and identifiers draw from separate streams, so adding an
    // id somewhere does not reshuffle which orders fail, ship or get cancelled (and vice versa).
    // With only ~80 orders the dice wander; seed 3 was picked from a few because its mix lands close
    // to the rates below (13% of payments fail, a handful of each cancellation kind).
    static final Random rnd = new Random(3L);
    static final Random ids = new Random(424242L);

    // Explicit pattern because ISO_INSTANT drops the fraction when it is zero; we want .SSS always.
    static final DateTimeFormatter TS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    record Product(String sku, String name, BigDecimal price) {}

    record Line(Product product, int quantity) {}

    record Event(String id, String type, String aggregateId, String aggregateType, int version, Instant ts,
                 Map<String, Object> payload, String userId, String correlationId, String causationId) {}

    // Earlier entries are picked more often (see popular()), so a few inventory streams get long.
    // Two names carry a quote and non-ASCII letters on purpose, to exercise JSON escaping downstream.
    // The accents are written as unicode escapes so the source compiles alike under any platform charset.
    static final List<Product> CATALOG = List.of(
            product("SKU-01", "USB-C Charging Cable 2m", "9.99"),
            product("SKU-02", "Wireless Mouse", "24.90"),
            product("SKU-03", "Caf\u00e9 Cr\u00e8me Beans 1kg", "16.50"),
            product("SKU-04", "Stainless Water Bottle", "19.99"),
            product("SKU-05", "Notebook A5 Dotted", "6.49"),
            product("SKU-06", "Mechanical Keyboard", "89.00"),
            product("SKU-07", "12\" Cast-Iron Skillet", "34.95"),
            product("SKU-08", "LED Desk Lamp", "42.00"),
            product("SKU-09", "Noise-Cancelling Headphones", "149.99"),
            product("SKU-10", "Yoga Mat", "27.50"),
            product("SKU-11", "Ceramic Mug Set (4)", "22.00"),
            product("SKU-12", "Running Socks 3-Pack", "12.99"),
            product("SKU-13", "Bluetooth Speaker", "59.00"),
            product("SKU-14", "Backpack 25L", "64.90"),
            product("SKU-15", "French Press 1L", "29.95"),
            product("SKU-16", "Phone Stand Aluminium", "15.49"));

    static final List<String> CUSTOMER_REASONS =
            List.of("changed my mind", "found a better price", "ordered by mistake", "delivery too slow");
    static final List<String> DECLINE_REASONS = List.of("card declined", "insufficient funds", "3-D Secure timeout");
    static final List<String> METHODS = List.of("card", "card", "card", "paypal", "sepa");
    static final List<String> CARRIERS = List.of("DHL", "UPS", "DPD", "GLS");

    static final List<Event> events = new ArrayList<>();
    static final Set<String> usedCorrelations = new HashSet<>(); // membership only, never iterated
    static String orphanEventId;

    public static void main(String[] args) {
        // Draw all start times first and number orders by them, so low numbers are the old (v1) orders.
        List<Instant> starts = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            starts.add(BASE.plusMillis(rnd.nextInt(DAYS) * 24 * HOUR + (long) (rnd.nextDouble() * 15 * HOUR)));
        }
        Collections.sort(starts);
        for (int n = 1; n <= ORDERS; n++) {
            orderWorkflow(n, starts.get(n - 1));
        }
        for (int n = 1; n <= REPLENISHMENTS; n++) {
            replenishment(n);
        }
        // List.sort is stable and every workflow's own timestamps strictly increase, so the result
        // is a valid append order: a cause always comes before its effects.
        events.sort(Comparator.comparing(Event::ts));

        // Explicit UTF-8 and '\n' so the bytes do not depend on the platform's charset or line separator.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder();
        for (Event e : events) {
            sb.setLength(0);
            writeJson(sb, toJson(e));
            out.print(sb.append('\n'));
        }
        out.flush();
        System.err.println("wrote " + events.size() + " events; orphan causation on eventId " + orphanEventId);
    }

    /** One order from placement to shipment (or cancellation); every event shares one correlationId. */
    static void orderWorkflow(int n, Instant t) {
        String orderId = String.format(Locale.ROOT, "order-%04d", n);
        String payId = String.format(Locale.ROOT, "pay-%04d", n);
        String customer = String.format(Locale.ROOT, "cust-%03d", 1 + rnd.nextInt(40));
        String corr = newCorrelation();
        List<Line> lines = new ArrayList<>();
        int count = 1 + rnd.nextInt(3);
        while (lines.size() < count) {
            addDistinctLine(lines);
        }

        Map<String, Object> placedPayload = obj("customerId", customer, "items", items(lines), "currency", "EUR");
        int version = n <= LAST_V1_ORDER ? 1 : 2;
        if (version == 2) {
            placedPayload.put("totalAmount", total(lines));
        }
        Event placed = emit("OrderPlaced", orderId, "Order", version, t, placedPayload,
                customer, corr, "cmd-place-order-" + num(n));

        if (rnd.nextDouble() < 0.08) { // a few customers add something before paying
            t = later(t, 30 * SEC, 10 * MIN);
            Line extra = addDistinctLine(lines);
            emit("OrderItemAdded", orderId, "Order", 1, t, item(extra), customer, corr, "cmd-add-item-order-" + num(n));
        }
        if (rnd.nextDouble() < 0.06) { // cancelled before paying: nothing to compensate
            t = later(t, 1 * MIN, 20 * MIN);
            emit("OrderCancelled", orderId, "Order", 1, t, obj("reason", pick(CUSTOMER_REASONS)),
                    customer, corr, "cmd-cancel-order-" + num(n));
            return;
        }

        t = later(t, 5 * SEC, 15 * MIN);
        BigDecimal amount = total(lines); // includes an added item, unlike OrderPlaced.totalAmount
        if (rnd.nextDouble() < 0.12) {
            Event failed = emit("PaymentFailed", payId, "Payment", 1, t,
                    obj("orderId", orderId, "amount", amount, "reason", pick(DECLINE_REASONS)),
                    "payment-service", corr, placed.id());
            // Stock is only reserved after a successful payment, so there is nothing to release here.
            t = later(t, 300, 3 * SEC);
            emit("OrderCancelled", orderId, "Order", 1, t, obj("reason", "payment failed"),
                    "system", corr, failed.id());
            return;
        }
        Event paid = emit("PaymentProcessed", payId, "Payment", 1, t,
                obj("orderId", orderId, "amount", amount, "method", pick(METHODS)),
                "payment-service", corr, placed.id());

        Event lastReserved = null;
        for (Line l : lines) {
            t = later(t, 200, 4 * SEC);
            lastReserved = emit("StockReserved", l.product().sku(), "Inventory", 1, t, stock(orderId, l),
                    "inventory-service", corr, paid.id());
        }

        if (rnd.nextDouble() < 0.07) { // cancelled after paying: the reserved stock goes back
            t = later(t, 20 * MIN, 8 * HOUR);
            Event cancelled = emit("OrderCancelled", orderId, "Order", 1, t, obj("reason", pick(CUSTOMER_REASONS)),
                    customer, corr, "cmd-cancel-order-" + num(n));
            for (Line l : lines) {
                t = later(t, 200, 3 * SEC);
                emit("StockReleased", l.product().sku(), "Inventory", 1, t, stock(orderId, l),
                        "inventory-service", corr, cancelled.id());
            }
            return;
        }

        t = later(t, 22 * HOUR, 48 * HOUR);
        String carrier = pick(CARRIERS);
        boolean orphan = orphanEventId == null && n >= ORPHAN_FROM_ORDER;
        // The orphan points at a well-formed UUID that no event has: what a lost or purged event looks like.
        String causation = orphan ? uuid() : lastReserved.id();
        Event shipped = emit("OrderShipped", orderId, "Order", 1, t,
                obj("carrier", carrier, "trackingNumber", trackingNumber(carrier)),
                "shipping-service", corr, causation);
        if (orphan) {
            orphanEventId = shipped.id();
        }
    }

    /** A warehouse restock: its own correlation, caused by an operator's command. */
    static void replenishment(int n) {
        Instant t = BASE.plusMillis((long) (rnd.nextDouble() * DAYS * 24 * HOUR));
        Product p = popular();
        int quantity = 50 + 10 * rnd.nextInt(16);
        emit("StockReplenished", p.sku(), "Inventory", 1, t, obj("sku", p.sku(), "quantity", quantity),
                "warehouse-ops", newCorrelation(), "cmd-replenish-" + num(n));
    }

    static Event emit(String type, String aggregateId, String aggregateType, int version, Instant ts,
                      Map<String, Object> payload, String userId, String corr, String causation) {
        Event e = new Event(uuid(), type, aggregateId, aggregateType, version, ts, payload, userId, corr, causation);
        events.add(e);
        return e;
    }

    // ---- domain helpers -------------------------------------------------------------------------

    static Product product(String sku, String name, String price) {
        return new Product(sku, name, new BigDecimal(price));
    }

    /** Skewed towards the start of the catalogue: min of two uniform draws. */
    static Product popular() {
        return CATALOG.get(Math.min(rnd.nextInt(CATALOG.size()), rnd.nextInt(CATALOG.size())));
    }

    static Line addDistinctLine(List<Line> lines) {
        Product p;
        do {
            p = popular();
        } while (containsSku(lines, p.sku()));
        Line l = new Line(p, 1 + rnd.nextInt(3));
        lines.add(l);
        return l;
    }

    static boolean containsSku(List<Line> lines, String sku) {
        return lines.stream().anyMatch(l -> l.product().sku().equals(sku));
    }

    static BigDecimal total(List<Line> lines) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Line l : lines) {
            sum = sum.add(l.product().price().multiply(BigDecimal.valueOf(l.quantity())));
        }
        return sum.setScale(2, RoundingMode.HALF_UP);
    }

    static List<Object> items(List<Line> lines) {
        List<Object> out = new ArrayList<>();
        lines.forEach(l -> out.add(item(l)));
        return out;
    }

    static Map<String, Object> item(Line l) {
        return obj("sku", l.product().sku(), "name", l.product().name(), "quantity", l.quantity(),
                "unitPrice", l.product().price().setScale(2, RoundingMode.HALF_UP));
    }

    static Map<String, Object> stock(String orderId, Line l) {
        return obj("orderId", orderId, "sku", l.product().sku(), "quantity", l.quantity());
    }

    static String trackingNumber(String carrier) {
        return switch (carrier) {
            case "DHL" -> "JJD" + digits(18);
            case "UPS" -> "1Z" + digits(16);
            case "DPD" -> "0" + digits(13);
            default -> digits(11);
        };
    }

    // ---- randomness -----------------------------------------------------------------------------

    static Instant later(Instant t, long minMs, long maxMs) {
        return t.plusMillis(minMs + (long) (rnd.nextDouble() * (maxMs - minMs)));
    }

    static <T> T pick(List<T> options) {
        return options.get(rnd.nextInt(options.size()));
    }

    static String num(int n) {
        return String.format(Locale.ROOT, "%04d", n);
    }

    /** Seeded UUIDv4: random bits with the version (4) and variant (10xx) bits set as RFC 4122 says. */
    static String uuid() {
        long msb = (ids.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (ids.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString(); // UUID.toString is lower-case 8-4-4-4-12
    }

    static String newCorrelation() {
        String c;
        do {
            c = String.format(Locale.ROOT, "req-%08x", ids.nextInt());
        } while (!usedCorrelations.add(c));
        return c;
    }

    static String digits(int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append((char) ('0' + ids.nextInt(10)));
        }
        return sb.toString();
    }

    // ---- JSON -----------------------------------------------------------------------------------

    /** Insertion-ordered map, so fields come out in the order the contract shows. */
    static Map<String, Object> obj(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    static Map<String, Object> toJson(Event e) {
        return obj("eventId", e.id(), "eventType", e.type(), "aggregateId", e.aggregateId(),
                "aggregateType", e.aggregateType(), "eventVersion", e.version(), "timestamp", TS.format(e.ts()),
                "payload", e.payload(),
                "metadata", obj("userId", e.userId(), "correlationId", e.correlationId(),
                        "causationId", e.causationId()));
    }

    static void writeJson(StringBuilder sb, Object v) {
        if (v instanceof String s) {
            writeString(sb, s);
        } else if (v instanceof BigDecimal d) {
            sb.append(d.toPlainString()); // never exponent notation, keeps "20.00" as written
        } else if (v instanceof Integer || v instanceof Long) {
            sb.append(v);
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            String sep = "";
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(sep);
                writeString(sb, (String) e.getKey());
                sb.append(':');
                writeJson(sb, e.getValue());
                sep = ",";
            }
            sb.append('}');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            String sep = "";
            for (Object o : l) {
                sb.append(sep);
                writeJson(sb, o);
                sep = ",";
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + v);
        }
    }

    /** RFC 8259 escaping: quote, backslash and control characters; other characters go out as UTF-8. */
    static void writeString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
