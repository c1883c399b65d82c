package dev.eventscope.e2e.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.e2e.RealLogs;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real logs (see {@link RealLogs}) with their sample models. */
class SamplesIT {

    @TempDir
    static Path dir;

    static ModelEvs evs;

    @BeforeAll
    static void stores() {
        Path receipt = RealLogs.file(RealLogs.PERMITS);
        Path fines = RealLogs.file(RealLogs.FINES);
        evs = new ModelEvs(dir);
        ModelEvs.Result r = evs.run("--db", "permits.db", "import", receipt.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        r = evs.run("--db", "fines.db", "import", fines.toString());
        assertThat(r.code()).as(r.toString()).isZero();
    }

    static ModelEvs.Result permits(String... args) {
        return evs.run(with("permits.db", "samples/permits/eventscope.yaml", args));
    }

    static ModelEvs.Result fines(String... args) {
        return evs.run(with("fines.db", "samples/fines/eventscope.yaml", args));
    }

    private static String[] with(String db, String model, String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--db";
        all[1] = db;
        all[2] = "--model";
        all[3] = ModelEvs.repo(model).toString();
        System.arraycopy(args, 0, all, 4, args.length);
        return all;
    }

    @Nested
    class when_replaying_the_permit_log {

        @Test
        void a_case_before_and_after_the_dst_change_of_october_2010() {
            // when: case-3998 has v4 at 2010-10-28T13:45:19.365+02:00 and v5 at 2010-11-02T14:38:22.827+01:00
            ModelEvs.Result summer =
                    permits("state", "case-3998", "--at", "2010-10-28T13:45:19.365+02:00", "-o", "ndjson");
            ModelEvs.Result justBefore =
                    permits("state", "case-3998", "--at", "2010-11-02T14:38:22.826+01:00", "-o", "ndjson");
            ModelEvs.Result winter = permits("state", "case-3998", "--at", "2010-11-02T13:38:22.827Z", "-o", "ndjson");

            // then
            assertThat(summer.out()).contains("\"version\":4,").contains("\"currentActivityCode\":\"T05\"");
            assertThat(justBefore.out()).contains("\"version\":4,");
            assertThat(winter.out())
                    .contains("\"version\":5,")
                    .contains("\"stopAdviceDetermined\":true")
                    .contains("\"lastActivityAt\":\"2010-11-02T13:38:22.827Z\"");
        }

        @Test
        void local_times_are_read_in_the_zone_of_tz_with_its_summer_and_winter_offsets() {
            // when: 13:45:19 in Amsterdam on 28 October is 11:45:19Z, before v4 (11:45:19.365Z)
            ModelEvs.Result october = permits(
                    "--tz", "Europe/Amsterdam", "state", "case-3998", "--at", "2010-10-28T13:45:19", "-o", "ndjson");
            ModelEvs.Result november = permits(
                    "--tz", "Europe/Amsterdam", "state", "case-3998", "--at", "2010-11-02T14:38:23", "-o", "ndjson");

            // then
            assertThat(october.code()).as(october.toString()).isZero();
            assertThat(october.out()).contains("\"version\":3,").contains("\"at\":\"2010-10-28T11:45:19Z\"");
            assertThat(november.out()).contains("\"version\":5,").contains("\"at\":\"2010-11-02T13:38:23Z\"");
        }

        @Test
        void the_state_tracks_steps_people_and_whether_a_stop_advice_was_drafted() {
            // when
            ModelEvs.Result r = permits("state", "case-891", "-o", "ndjson");

            // then
            assertThat(r.out())
                    .contains("\"version\":18,\"position\":321")
                    .contains("\"steps\":[\"RECEIPT\",\"T02\",\"T03\",\"T02\",\"T03\",\"T02\",\"T04\",\"T05\",\"T06\"")
                    .contains("\"workedBy\":[\"Resource26\"]")
                    .contains("\"stopAdviceDrafted\":true");
        }

        @Test
        void bisect_finds_when_the_stop_advice_was_drafted() {
            // when
            ModelEvs.Result r = permits("bisect", "case-891", "--when", "$state.stopAdviceDrafted", "-o", "table");

            // then
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out()).contains("found      after position ").contains(": DraftInternAdviceAspect");
        }

        @Test
        void replay_at_a_cut_lists_the_cases_received_by_then() {
            // when
            ModelEvs.Result r = permits("replay", "--at", "2010-10-12T00:00:00Z", "-o", "ndjson");

            // then
            assertThat(r.code()).isZero();
            assertThat(r.out().lines())
                    .isNotEmpty()
                    .allMatch(l -> l.contains("\"cut\":{\"at\":\"2010-10-12T00:00:00Z\"," + "\"position\":8577}"));
            assertThat(r.out().lines().count()).isGreaterThan(1);
            assertThat(r.err()).startsWith("replayed " + r.out().lines().count() + " aggregates (");
        }

        @Test
        void diff_between_two_days_shows_the_steps_taken() {
            // when
            ModelEvs.Result r = permits(
                    "diff",
                    "case-3998",
                    "--from",
                    "at:2010-10-27T00:00:00Z",
                    "--to",
                    "at:2010-10-29T00:00:00Z",
                    "-o",
                    "json");

            // then
            assertThat(r.code()).isZero();
            assertThat(r.out())
                    .contains("\"path\" : \"/steps/2\"")
                    .contains("\"eventType\" : \"DetermineConfirmationOfReceipt\"");
        }
    }

    @Nested
    class when_replaying_the_fines_log {

        @Test
        void a_fine_paid_in_two_instalments() {
            // when
            ModelEvs.Result halfway = fines("state", "N47046", "--version", "5", "-o", "ndjson");
            ModelEvs.Result end = fines("state", "N47046", "-o", "ndjson");

            // then
            assertThat(halfway.out()).contains("\"status\":\"PARTIALLY_PAID\"").contains("\"outstanding\":30.33");
            assertThat(end.out())
                    .contains("\"status\":\"PAID\"")
                    .contains("\"amount\":68.77,\"originalAmount\":33.6,\"penalties\":35.17,\"expenses\":15.16,"
                            + "\"due\":83.93,\"paid\":83.93,\"outstanding\":0.0");
        }

        @Test
        void whatif_the_penalty_had_not_been_added() {
            // when: S45359's PenaltyAdded
            ModelEvs.Result r =
                    fines("whatif", "S45359", "--drop", "4cd81ff7-60af-518e-979c-5ef4b02c92e5", "-o", "ndjson");

            // then
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out())
                    .contains("\"real\":{\"version\":5,")
                    .contains("{\"op\":\"replace\",\"path\":\"/amount\",\"value\":31.3}")
                    .contains("{\"op\":\"replace\",\"path\":\"/penalties\",\"value\":0.0}");
        }

        @Test
        void replay_before_2001_shows_the_fines_created_by_then() {
            // when
            ModelEvs.Result r = fines("replay", "--at", "2001-01-01T00:00:00Z", "-o", "csv");

            // then
            assertThat(r.code()).isZero();
            assertThat(r.out()).startsWith("aggregateType,aggregateId,version,position,state\r\nFine,");
        }

        @Test
        void bisect_all_finds_when_each_fine_was_paid() {
            // when
            ModelEvs.Result r = fines(
                    "bisect", "--all", "--aggregate-type", "Fine", "--when", "$state.status == \"PAID\"", "-o", "csv");

            // then
            assertThat(r.code()).isZero();
            assertThat(r.out().lines()).hasSize(101);
            assertThat(r.out()).contains("Fine,N47046,yes,110,6,2003-10-21T22:00:00Z,PaymentReceived");
        }
    }
}
