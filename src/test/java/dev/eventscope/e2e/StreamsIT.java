package dev.eventscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamsIT {

    @TempDir
    Path dir;

    private Evs evs;

    @BeforeEach
    void fourEvents() {
        evs = Evs.in(dir);
        Fixtures.importOrders(evs);
    }

    @Test
    void the_table_lists_each_stream_with_its_figures() {
        Evs.Result r = evs.run("streams");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdout()).isEqualTo("""
                AGGREGATE_TYPE  AGGREGATE_ID  EVENTS  VERSION  FIRST                 LAST
                Order           order-1            2        2  2024-01-15T09:30:00Z  2024-01-16T08:00:00.250Z
                Order           order-2            1        1  2024-01-17T09:00:00Z  2024-01-17T09:00:00Z
                Payment         pay-1              1        1  2024-01-15T10:35:00Z  2024-01-15T10:35:00Z
                """);
    }

    @Test
    void csv_lists_positions_too() {
        Evs.Result r = evs.run("streams", "-o", "csv");

        // CSV lines end with CRLF (RFC 4180); the runner reads every line end as \n
        assertThat(r.stdout())
                .isEqualTo("aggregateType,aggregateId,events,version,firstPosition,lastPosition,firstTimestamp,"
                        + "lastTimestamp\n"
                        + "Order,order-1,2,2,1,3,2024-01-15T09:30:00Z,2024-01-16T08:00:00.250Z\n"
                        + "Order,order-2,1,1,4,4,2024-01-17T09:00:00Z,2024-01-17T09:00:00Z\n"
                        + "Payment,pay-1,1,1,2,2,2024-01-15T10:35:00Z,2024-01-15T10:35:00Z\n");
    }

    @Test
    void streams_filter_by_type_prefix_and_limit() {
        Evs.Result byType = evs.run("streams", "--aggregate-type", "Order", "-o", "ndjson");
        Evs.Result byPrefix = evs.run("streams", "--prefix", "order-", "--limit", "1", "-o", "json");

        assertThat(byType.stdoutLines())
                .containsExactly(
                        "{\"aggregateType\":\"Order\",\"aggregateId\":\"order-1\",\"events\":2,\"version\":2,"
                                + "\"firstPosition\":1,\"lastPosition\":3,\"firstTimestamp\":\"2024-01-15T09:30:00Z\","
                                + "\"lastTimestamp\":\"2024-01-16T08:00:00.250Z\"}",
                        "{\"aggregateType\":\"Order\",\"aggregateId\":\"order-2\",\"events\":1,\"version\":1,"
                                + "\"firstPosition\":4,\"lastPosition\":4,\"firstTimestamp\":\"2024-01-17T09:00:00Z\","
                                + "\"lastTimestamp\":\"2024-01-17T09:00:00Z\"}");
        JsonNode array = Json.parseTrusted(byPrefix.stdout());
        assertThat(array.size()).isEqualTo(1);
        assertThat(array.get(0).get("aggregateId").asText()).isEqualTo("order-1");
    }

    @Test
    void no_streams_is_an_empty_json_array() {
        Evs.Result r = evs.run("streams", "--aggregate-type", "Nothing", "-o", "json");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("[]\n");
    }
}
