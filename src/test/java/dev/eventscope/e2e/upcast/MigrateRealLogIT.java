package dev.eventscope.e2e.upcast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.e2e.Evs;
import dev.eventscope.e2e.RealLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real permit log (8,577 events) migrated with an upcaster that renames a payload field: the
 * new store verifies, holds exactly the events an upcast export of the source gives, and the source
 * file is byte-for-byte what it was.
 */
class MigrateRealLogIT {

    /** ConfirmationOfReceipt (1,434 events) gets a v2 whose payload calls 'responsible' 'assignee'. */
    private static final String MODEL = "upcasters:\n"
            + "  - type: ConfirmationOfReceipt\n    from: 1\n    to: 2\n"
            + "    transform: '{\"payload\": {for (.payload) (if (.key == \"responsible\") \"assignee\" else .key)"
            + " : .value}}'\n";

    @TempDir
    Path dir;

    @Test
    void the_permit_log_migrates_into_a_store_that_verifies_and_equals_the_upcast_export() throws Exception {
        // given
        Path log = RealLogs.file(RealLogs.PERMITS);
        Files.writeString(dir.resolve("eventscope.yaml"), MODEL);
        Evs evs = Evs.in(dir);
        assertThat(evs.run("import", log.toString()).exitCode()).isZero();
        String before = sha256(dir.resolve("events.db"));

        // when
        Evs.Result migrated = evs.run("upcast", "migrate", "--to", "migrated.db");
        Evs.Result verify = evs.run("--db", "migrated.db", "verify");
        Evs.Result expected = evs.run("export", "--upcast");
        Evs.Result actual = evs.run("--db", "migrated.db", "export");

        // then
        assertThat(migrated.exitCode()).as(migrated.toString()).isZero();
        assertThat(migrated.stdout())
                .startsWith("migrated 8577 events into " + dir.resolve("migrated.db") + " from 8577 (1434 upcast:"
                        + " ConfirmationOfReceipt 1434, 0 split, 0 dropped, 0 with a new stream version)");
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.stdout()).startsWith("ok: 8577 events, hash chain intact");
        assertThat(expected.stdout()).contains("\"eventVersion\":2,").contains("\"assignee\":");
        assertThat(actual.stdout().lines()).hasSize(8_577);
        assertThat(actual.stdout()).isEqualTo(expected.stdout());
        assertThat(sha256(dir.resolve("events.db"))).isEqualTo(before);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
