package dev.eventscope.e2e;

import static dev.eventscope.e2e.Fixtures.ID_2;
import static dev.eventscope.e2e.Fixtures.ID_3;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.event.Times;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShowIT {

    @TempDir
    Path dir;

    private Evs evs;
    private String recordedAt;
    private String hash;

    @BeforeEach
    void fourEvents() {
        evs = Evs.in(dir);
        Fixtures.importOrders(evs);
        Path db = dir.resolve("events.db");
        long micros = Long.parseLong(Fixtures.column(db, "SELECT recorded_at FROM events WHERE position = 3")
                .get(0));
        recordedAt = Times.format(Times.fromMicros(micros));
        hash = Fixtures.column(db, "SELECT hash FROM events WHERE position = 3").get(0);
    }

    @Test
    void an_event_by_position_is_shown_as_json_with_its_hash() {
        Evs.Result r = evs.run("show", "3");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdout())
                .isEqualTo("{\n"
                        + "  \"eventId\" : \"" + ID_3 + "\",\n"
                        + "  \"eventType\" : \"OrderShipped\",\n"
                        + "  \"aggregateId\" : \"order-1\",\n"
                        + "  \"aggregateType\" : \"Order\",\n"
                        + "  \"eventVersion\" : 1,\n"
                        + "  \"timestamp\" : \"2024-01-16T08:00:00.250Z\",\n"
                        + "  \"payload\" : {\n"
                        + "    \"carrier\" : \"DHL\"\n"
                        + "  },\n"
                        + "  \"metadata\" : {\n"
                        + "    \"userId\" : \"u-2\",\n"
                        + "    \"correlationId\" : \"req-1\",\n"
                        + "    \"causationId\" : \"" + ID_2 + "\"\n"
                        + "  },\n"
                        + "  \"position\" : 3,\n"
                        + "  \"streamVersion\" : 2,\n"
                        + "  \"recordedAt\" : \"" + recordedAt + "\",\n"
                        + "  \"hash\" : \"" + hash + "\"\n"
                        + "}\n");
    }

    @Test
    void an_event_by_id_in_upper_case_is_the_same_event() {
        Evs.Result byId = evs.run("show", ID_3.toUpperCase(), "-o", "ndjson");
        Evs.Result byPosition = evs.run("show", "3", "-o", "ndjson");

        assertThat(byId.exitCode()).as(byId.toString()).isZero();
        assertThat(byId.stdout()).isEqualTo(byPosition.stdout()).contains("\"hash\":\"" + hash + "\"");
    }

    @Test
    void the_table_form_lists_every_field() {
        Evs.Result r = evs.run("show", "3", "-o", "table");

        assertThat(r.stdoutLines())
                .containsExactly(
                        "position       3",
                        "eventId        " + ID_3,
                        "eventType      OrderShipped",
                        "stream         Order/order-1",
                        "streamVersion  2",
                        "eventVersion   1",
                        "timestamp      2024-01-16T08:00:00.250Z",
                        "recordedAt     " + recordedAt,
                        "payload        {\"carrier\":\"DHL\"}",
                        "metadata       {\"userId\":\"u-2\",\"correlationId\":\"req-1\",\"causationId\":\"" + ID_2
                                + "\"}",
                        "hash           " + hash);
    }

    @Test
    void an_unknown_event_is_not_found() {
        Evs.Result byPosition = evs.run("show", "99");
        Evs.Result byId = evs.run("show", "00000000-0000-4000-8000-00000000ffff");

        assertThat(byPosition.exitCode()).isEqualTo(66);
        assertThat(byPosition.stdout()).isEmpty();
        assertThat(byPosition.stderr())
                .isEqualTo("evs: no event 99 in the store\nhint: list events with 'evs events'\n");
        assertThat(byId.exitCode()).isEqualTo(66);
        assertThat(byId.stderr())
                .isEqualTo("evs: no event 00000000-0000-4000-8000-00000000ffff in the store\n"
                        + "hint: list events with 'evs events'\n");
    }

    @Test
    void something_that_is_neither_an_id_nor_a_position_is_a_usage_error() {
        Evs.Result r = evs.run("show", "order-1");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr())
                .isEqualTo("evs: 'order-1' is neither an eventId nor a position\n"
                        + "hint: pass a UUID such as 550e8400-e29b-41d4-a716-446655440000 or a number\n");
    }
}
