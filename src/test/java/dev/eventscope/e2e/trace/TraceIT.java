package dev.eventscope.e2e.trace;

import static dev.eventscope.e2e.trace.TraceRun.evs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventscope.e2e.trace.TraceRun.Result;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evs trace} through the real jar, on the orders sample and the real permit log. */
class TraceIT {

    static final String ORPHAN = "e5397f62-d39d-4e18-b6c6-2a2147ce4661";
    static final String MISSING_CAUSE = "dfa19531-0d7c-4689-ae0d-651266a8c018";

    @TempDir
    static Path dir;

    static Path orders;

    @BeforeAll
    static void importTheOrdersSample() {
        orders = dir.resolve("orders.db");
        Result r = evs(
                dir,
                "--db",
                orders.toString(),
                "import",
                TraceRun.basedir().resolve("samples/orders/events.ndjson").toString());
        assertThat(r.exit()).as(r.err()).isZero();
    }

    static Result trace(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "--db";
        all[1] = orders.toString();
        all[2] = "trace";
        System.arraycopy(args, 0, all, 3, args.length);
        return evs(dir, all);
    }

    static String golden(String name) throws IOException {
        try (InputStream in = TraceIT.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Nested
    class when_tracing_the_orders_sample {

        @Test
        void the_failing_payment_chain_shows_the_compensating_cancellation() {
            // when
            Result r = trace("req-8186caa3");
            // then
            assertThat(r.exit()).isZero();
            assertThat(r.err()).isEmpty();
            assertThat(r.out()).isEqualTo("""
                    trace: correlation req-8186caa3

                    cmd-place-order-0005 (command)
                    └─ #22 OrderPlaced  Order/order-0005  by cust-004  2024-01-15T18:57:27.258Z
                       #23 PaymentFailed  Payment/pay-0005  by payment-service  2024-01-15T18:58:25.987Z  +58.729s
                       #24 OrderCancelled  Order/order-0005  by system  2024-01-15T18:58:26.770Z  +0.783s

                    summary
                      events         3 in correlation req-8186caa3
                      aggregates     2 (Order/order-0005, Payment/pay-0005)
                      services       2 aggregate types: Order, Payment
                      users          3: cust-004, payment-service, system
                      depth          3
                      first          2024-01-15T18:57:27.258Z
                      last           2024-01-15T18:58:26.770Z
                      span           59.512s
                      critical path  #22 OrderPlaced → #23 PaymentFailed → #24 OrderCancelled (3 events, 59.512s)
                      roots          1
                      broken links   none
                      cycles         none
                      unreachable    none
                      outside        none
                    """);
        }

        @Test
        void the_deliberately_broken_link_is_reported_and_the_event_stays_with_its_order() {
            // when
            Result r = trace(ORPHAN);
            // then
            assertThat(r.exit()).isZero();
            assertThat(r.out())
                    .startsWith("trace: correlation req-31d2310c, from #292 OrderShipped\n")
                    .contains("""
                    %s (missing event: no stored event has this id)
                    └─ #292 OrderShipped  Order/order-0050  by shipping-service  2024-01-25T09:36:07.578Z  ◀ entry
                    """.formatted(MISSING_CAUSE))
                    .contains("  broken links   1: " + MISSING_CAUSE + " (missing; caused #292 OrderShipped)\n")
                    .contains("  events         4 in correlation req-31d2310c\n");
        }

        @Test
        void up_from_a_shipment_walks_its_causes_back_to_the_command() {
            // when
            Result r = trace("33", "--up", "--ascii");
            // then
            assertThat(r.exit()).isZero();
            assertThat(r.out()).startsWith("""
                    trace: causes of #33 OrderShipped

                    cmd-place-order-0001 (command)
                    `- #1 OrderPlaced  Order/order-0001  by cust-032  2024-01-15T11:43:55.161Z
                       #2 PaymentProcessed  Payment/pay-0001  by payment-service  2024-01-15T11:58:10.935Z  +14m15.774s
                       #5 StockReserved  Inventory/SKU-02  by inventory-service  2024-01-15T11:58:16.972Z  +6.037s
                       #33 OrderShipped  Order/order-0001  by shipping-service  2024-01-16T16:44:53.846Z  +1d4h46m  <- entry
                    """);
        }

        @Test
        void down_from_a_command_id_is_what_the_command_caused() {
            // when
            Result r = trace("cmd-place-order-0005", "--down", "-o", "table");
            // then
            assertThat(r.exit()).isZero();
            assertThat(r.out().lines()).hasSize(4);
            assertThat(r.out()).startsWith("DEPTH  POSITION  PARENT  EVENT_TYPE ");
        }

        @Test
        void ndjson_has_one_line_per_event_with_depth_and_parent() throws IOException {
            // when
            Result r = trace("23", "-o", "ndjson");
            // then
            assertThat(r.exit()).isZero();
            var rows = r.out().lines().toList();
            assertThat(rows).hasSize(3);
            JsonNode last = new ObjectMapper().readTree(rows.get(2));
            assertThat(last.get("depth").asInt()).isEqualTo(3);
            assertThat(last.get("eventType").asText()).isEqualTo("OrderCancelled");
            assertThat(last.get("parent").asText()).isEqualTo("631d1d3b-0a73-4018-923a-aa307d4df0ad");
        }

        @Test
        void json_nests_the_events_under_their_causes() throws IOException {
            // when
            Result r = trace("req-8186caa3", "-o", "json");
            // then
            assertThat(r.exit()).isZero();
            JsonNode doc = new ObjectMapper().readTree(r.out());
            JsonNode placed = doc.get("causes").get(0).get("events").get(0);
            assertThat(placed.get("children")
                            .get(0)
                            .get("children")
                            .get(0)
                            .get("eventType")
                            .asText())
                    .isEqualTo("OrderCancelled");
            assertThat(doc.get("summary").get("span").asText()).isEqualTo("PT59.512S");
        }

        @Test
        void dot_and_mermaid_match_the_reviewed_files() throws IOException {
            assertThat(trace("req-5c2102a9", "-o", "dot").out()).isEqualTo(golden("order-0001.dot"));
            assertThat(trace("req-5c2102a9", "-o", "mermaid").out()).isEqualTo(golden("order-0001.mmd"));
            assertThat(trace(ORPHAN, "-o", "dot").out()).isEqualTo(golden("order-0050-orphan.dot"));
            assertThat(trace(ORPHAN, "-o", "mermaid").out()).isEqualTo(golden("order-0050-orphan.mmd"));
            assertThat(trace("req-8186caa3", "-o", "dot").out()).isEqualTo(golden("order-0005-failed-payment.dot"));
            assertThat(trace("req-8186caa3", "-o", "mermaid").out()).isEqualTo(golden("order-0005-failed-payment.mmd"));
        }

        @Test
        void svg_is_drawn_by_evs_itself_and_matches_the_reviewed_drawings() throws IOException {
            // issue 23: a picture needed Graphviz
            assertThat(trace("req-5c2102a9", "-o", "svg").out()).isEqualTo(golden("order-0001.svg"));
            assertThat(trace(ORPHAN, "-o", "svg").out()).isEqualTo(golden("order-0050-orphan.svg"));
        }

        @Test
        void html_is_one_self_contained_page_with_the_drawing_and_the_events() throws Exception {
            // when
            Result r = trace("req-8186caa3", "-o", "html");

            // then
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.err()).isEmpty();
            var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            var doc =
                    factory.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(r.out())));
            assertThat(doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg")
                            .getLength())
                    .isEqualTo(1);
            assertThat(doc.getElementsByTagName("script").getLength()).isZero();
            assertThat(doc.getDocumentElement().getTextContent())
                    .contains("trace: correlation req-8186caa3")
                    .contains("#22 OrderPlaced → #23 PaymentFailed → #24 OrderCancelled (3 events, 59.512s)")
                    .contains("963b63dd-1668-4ae9-85b9-cb377ecbc9c0");
            assertThat(r.out().replace("xmlns=\"http://www.w3.org/", ""))
                    .doesNotContain("http:")
                    .doesNotContain("https:");
        }

        @Test
        void summary_all_ranks_every_correlation_by_span_and_depth() {
            // when
            Result r = trace("--summary", "--all", "--limit", "2");
            // then
            assertThat(r.exit()).isZero();
            assertThat(r.out())
                    .startsWith("slowest correlations (longest span from first to last event)\n")
                    .contains("\ndeepest correlations (longest causal chain)\n")
                    .contains("   1  req-67f2e0dc       6      4    2d0h2m  2024-01-23T14:52:22.548Z")
                    .endsWith("\n88 correlations, 418 events (events without a correlationId are not counted)\n");
        }

        @Test
        void a_trace_cut_by_its_bound_says_so_on_stderr() {
            // when
            Result r = trace("23", "--max-events", "2", "-o", "ndjson");
            // then
            assertThat(r.exit()).isZero();
            assertThat(r.out().lines()).hasSize(2);
            assertThat(r.err()).isEqualTo("evs: warning: the trace is incomplete: cut at 2 events (--max-events)\n");
        }
    }

    @Nested
    class when_the_trace_cannot_be_made {

        @Test
        void an_unknown_id_is_not_found() {
            // when
            Result r = trace("req-nope");
            // then
            assertThat(r.exit()).isEqualTo(66);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).isEqualTo("""
                    evs: nothing to trace for 'req-nope': no event has it as position, eventId, correlationId or causationId
                    hint: list events with 'evs events', or their correlations with 'evs trace --summary --all'
                    """);
        }

        @Test
        void walking_up_from_a_correlation_is_a_usage_error() {
            // when
            Result r = trace("req-8186caa3", "--up");
            // then
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).startsWith("evs: --up and --down walk from an event, and 'req-8186caa3' is a corr");
        }

        @Test
        void a_format_the_command_does_not_have_is_a_usage_error() {
            // when
            Result r = trace("23", "-o", "csv");
            // then
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).isEqualTo("""
                    evs: -o csv is not a format of this command
                    hint: use one of tree, json, ndjson, table, dot, mermaid, svg, html
                    """);
        }

        @Test
        void no_id_and_no_all_is_a_usage_error() {
            assertThat(trace().exit()).isEqualTo(2);
            assertThat(trace("23", "--all").exit()).isEqualTo(2);
            assertThat(trace("23", "--summary", "-o", "dot").exit()).isEqualTo(2);
            assertThat(trace("23", "--summary", "-o", "svg").exit()).isEqualTo(2);
        }

        @Test
        void a_store_that_does_not_exist_is_not_found() {
            // when
            Result r = evs(dir, "--db", dir.resolve("absent.db").toString(), "trace", "1");
            // then
            assertThat(r.exit()).isEqualTo(66);
            assertThat(r.out()).isEmpty();
        }
    }

    @Nested
    class when_tracing_the_permit_log {

        @Test
        void each_case_is_one_correlation_traced_as_one_causal_chain() throws IOException {
            // given
            Path log = TraceRun.basedir().resolve("../shared/data/receipt.ndjson");
            assumeTrue(Files.isRegularFile(log), "the real permit log is not next to the repository");
            Path permits = dir.resolve("permits.db");
            assertThat(evs(dir, "--db", permits.toString(), "import", log.toString())
                            .exit())
                    .isZero();
            // when
            Result tree = evs(dir, "--db", permits.toString(), "trace", "case-891");
            Result json = evs(dir, "--db", permits.toString(), "trace", "case-891", "-o", "json");
            Result ranking = evs(dir, "--db", permits.toString(), "trace", "--summary", "--all", "-o", "json");
            // then
            assertThat(tree.exit()).isZero();
            assertThat(tree.out())
                    .startsWith("""
                    trace: correlation case-891

                    cmd-submit-case-891 (command)
                    └─ #1 ConfirmationOfReceipt  PermitApplication/case-891  by Resource26  2010-10-02T07:20:39.266Z
                       #2 CheckConfirmationOfReceipt  PermitApplication/case-891  by Resource26  2010-10-02T07:21:26.588Z  +47.322s
                    """)
                    .contains("  depth          18\n")
                    .contains("  span           41d5h20m\n");
            JsonNode summary = new ObjectMapper().readTree(json.out()).get("summary");
            assertThat(summary.get("events").asInt()).isEqualTo(18);
            assertThat(summary.get("depth").asInt()).isEqualTo(18);
            assertThat(summary.get("missingCauses").asInt()).isZero();
            JsonNode all = new ObjectMapper().readTree(ranking.out());
            assertThat(all.get("correlations").asInt()).isEqualTo(1434);
            assertThat(all.get("events").asInt()).isEqualTo(8577);
            assertThat(all.get("deepest").get(0).get("correlationId").asText()).isEqualTo("case-9289");
        }
    }
}
