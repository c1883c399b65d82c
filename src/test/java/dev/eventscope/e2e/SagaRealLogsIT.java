package dev.eventscope.e2e;

import static dev.eventscope.e2e.SagaSamplesIT.assertStoredInstancesAreTheFold;
import static dev.eventscope.e2e.SagaSamplesIT.micros;
import static dev.eventscope.e2e.SagaSamplesIT.stuck;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding stuck processes in the history of the real logs (issue 24): the {@code confirmation} saga
 * of the permits model and the {@code sending} saga of the fines model, asked at moments in the
 * past, agree instance by instance with a query written by hand over the events table, before and
 * after {@code process} appends what they emit. The logs are where {@link RealLogs} finds them
 * (the shared data directory, else the committed copies).
 */
class SagaRealLogsIT {

    private static final long DAY = 86_400_000_000L;

    static Evs storeOf(Path dir, String log, String sample) throws Exception {
        Path source = Evs.dataDir().resolve(log);
        assertThat(source).as("the real log %s", log).isRegularFile();
        Files.copy(Evs.baseDir().resolve("samples/" + sample + "/eventscope.yaml"), dir.resolve("eventscope.yaml"));
        Evs evs = Evs.in(dir);
        Evs.Result r = evs.run("-q", "import", source.toString());
        assertThat(r.exitCode()).as("%s", r).isZero();
        return evs;
    }

    @Nested
    class the_permit_log {

        @TempDir
        Path dir;

        /**
         * Cases received 14 days or more before {@code at} whose confirmation of receipt was not
         * printed and sent by then.
         */
        List<String> byHand(String at) {
            long t = micros(at);
            return Fixtures.column(
                    dir.resolve("events.db"),
                    "SELECT aggregate_id FROM events WHERE event_type = 'ConfirmationOfReceipt'"
                            + " AND occurred_at + 14 * " + DAY + " <= " + t
                            + " AND aggregate_id NOT IN (SELECT aggregate_id FROM events"
                            + "   WHERE event_type = 'PrintAndSendConfirmationOfReceipt' AND occurred_at <= " + t + ")"
                            + " ORDER BY aggregate_id");
        }

        @Test
        void saga_list_stuck_agrees_with_the_query_by_hand_at_moments_in_history_before_and_after_process()
                throws Exception {
            Evs evs = storeOf(dir, "receipt.ndjson", "permits");
            List<String> moments = List.of(
                    "2010-11-01T00:00:00Z",
                    "2011-01-15T12:00:00Z",
                    "2011-06-01T00:00:00Z",
                    "2011-10-01T08:30:00Z",
                    "2012-01-01T00:00:00Z",
                    "2012-06-01T00:00:00Z");
            int total = 0;
            for (String at : moments) {
                List<String> expected = byHand(at);
                assertThat(stuck(evs, "confirmation", at)).as("stuck at %s", at).isEqualTo(expected);
                total += expected.size();
            }
            assertThat(byHand("2012-06-01T00:00:00Z")).as("never sent").hasSize(1_434 - 1_300);
            assertThat(total).as("cases stuck at those moments").isGreaterThan(200);

            // when: process appends a ConfirmationOverdue per case not confirmed in time
            Evs.Result p = evs.run("process", "confirmation", "--now", "2012-06-01T00:00:00Z");
            assertThat(p.exitCode()).as("%s", p).isZero();
            List<String> overdue = Fixtures.column(
                    dir.resolve("events.db"), "SELECT count(*) FROM events WHERE event_type = 'ConfirmationOverdue'");
            List<String> late = Fixtures.column(
                    dir.resolve("events.db"),
                    "SELECT count(*) FROM events r WHERE r.event_type = 'ConfirmationOfReceipt'"
                            + " AND NOT EXISTS (SELECT 1 FROM events s WHERE s.aggregate_id = r.aggregate_id"
                            + "   AND s.event_type = 'PrintAndSendConfirmationOfReceipt'"
                            + "   AND s.occurred_at <= r.occurred_at + 14 * " + DAY + ")");

            // then: one per case sent late or never, and the answers stay the same
            assertThat(overdue).isEqualTo(late);
            for (String at : List.of("2011-01-15T12:00:00Z", "2012-06-01T00:00:00Z")) {
                assertThat(stuck(evs, "confirmation", at))
                        .as("stuck at %s after process", at)
                        .isEqualTo(byHand(at));
            }
            assertStoredInstancesAreTheFold(
                    evs, dir.resolve("events.db"), "confirmation", "--now", "2012-06-01T00:00:00Z");
        }
    }

    @Nested
    class the_fines_log {

        @TempDir
        Path dir;

        /** Fines created 90 days or more before {@code at}, neither sent nor paid by then. */
        List<String> byHand(String at) {
            long t = micros(at);
            return Fixtures.column(
                    dir.resolve("events.db"),
                    "SELECT aggregate_id FROM events WHERE event_type = 'FineCreated'"
                            + " AND occurred_at + 90 * " + DAY + " <= " + t
                            + " AND aggregate_id NOT IN (SELECT aggregate_id FROM events"
                            + "   WHERE event_type IN ('FineSent', 'PaymentReceived') AND occurred_at <= " + t + ")"
                            + " ORDER BY aggregate_id");
        }

        @Test
        void saga_list_stuck_agrees_with_the_query_by_hand_at_moments_in_history_before_and_after_process()
                throws Exception {
            Evs evs = storeOf(dir, "roadtraffic.ndjson", "fines");
            List<String> moments = List.of(
                    "2001-07-01T00:00:00Z",
                    "2004-01-01T00:00:00Z",
                    "2005-07-01T00:00:00Z",
                    "2007-07-01T00:00:00Z",
                    "2009-04-01T00:00:00Z",
                    "2013-01-01T00:00:00Z",
                    "2014-01-01T00:00:00Z");
            int total = 0;
            for (String at : moments) {
                List<String> expected = byHand(at);
                assertThat(stuck(evs, "sending", at)).as("stuck at %s", at).isEqualTo(expected);
                total += expected.size();
            }
            assertThat(byHand("2005-07-01T00:00:00Z")).containsExactly("N77682", "N77802");
            assertThat(byHand("2014-01-01T00:00:00Z"))
                    .as("every fine is sent or paid in the end")
                    .isEmpty();
            assertThat(total).as("fines stuck at those moments").isEqualTo(6);

            // when
            Evs.Result p = evs.run("process", "sending", "--now", "2014-01-01T00:00:00Z");
            assertThat(p.exitCode()).as("%s", p).isZero();

            // then
            for (String at : moments) {
                assertThat(stuck(evs, "sending", at))
                        .as("stuck at %s after process", at)
                        .isEqualTo(byHand(at));
            }
            assertStoredInstancesAreTheFold(evs, dir.resolve("events.db"), "sending", "--now", "2014-01-01T00:00:00Z");
        }
    }
}
