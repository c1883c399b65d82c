package dev.eventscope.e2e.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.e2e.Evs;
import dev.eventscope.event.Json;
import dev.eventscope.testing.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading from a streaming replica (docs/SCALING.md): every reading command and {@code copy} work
 * against the replica's URL, a follower on the replica (where LISTEN is refused) falls back to
 * polling and still sees what the primary appends, and a write to the replica fails clearly.
 */
class PostgresReplicaIT {

    @TempDir
    Path dir;

    @Test
    void reading_commands_copy_and_follow_work_on_a_replica_and_writes_are_refused() throws Exception {
        try (TestPostgres primary = TestPostgres.start("primary")) {
            String schema = TestPostgres.newSchema();
            Evs onPrimary = Evs.in(dir)
                    .withEnv("EVENTSCOPE_DB", primary.url(schema))
                    .withEnv(
                            "EVENTSCOPE_MODEL",
                            Evs.baseDir()
                                    .resolve("samples/orders/eventscope.yaml")
                                    .toString());
            assertThat(onPrimary
                            .run(
                                    "import",
                                    Evs.baseDir()
                                            .resolve("samples/orders/events.ndjson")
                                            .toString())
                            .exitCode())
                    .isZero();
            try (TestPostgres replica = primary.replica("replica")) {
                Evs onReplica = Evs.in(dir)
                        .withEnv("EVENTSCOPE_DB", replica.url(schema))
                        .withEnv(
                                "EVENTSCOPE_MODEL",
                                Evs.baseDir()
                                        .resolve("samples/orders/eventscope.yaml")
                                        .toString());

                // then: the reading commands answer as on the primary
                for (List<String> command : List.of(
                        List.of("head"),
                        List.of("verify"),
                        List.of("export"),
                        List.of("streams", "--limit", "5"),
                        List.of("events", "--correlation-id", "req-852ff24c"),
                        List.of("trace", "req-8186caa3"),
                        List.of("state", "order-0007"),
                        List.of("replay", "--aggregate-type", "Order", "-o", "ndjson"),
                        List.of("lint"),
                        List.of("query", "select count(*) as n from events"))) {
                    Evs.Result a = onPrimary.run(command.toArray(String[]::new));
                    Evs.Result b = awaitSame(onReplica, command, a);
                    assertThat(b.exitCode())
                            .as(String.join(" ", command) + "\n" + b)
                            .isEqualTo(a.exitCode());
                    assertThat(b.stdout()).as(String.join(" ", command)).isEqualTo(a.stdout());
                }

                // and copy reads from it
                Path local = dir.resolve("local.db");
                Evs.Result copy = onReplica.run("copy", "--to", local.toString());
                assertThat(copy.exitCode()).as(copy.toString()).isZero();
                assertThat(Evs.in(dir).run("--db", local.toString(), "head").stdout())
                        .isEqualTo(onPrimary.run("head").stdout());

                // and a follower on the replica polls, and sees what the primary appends
                Path out = dir.resolve("follow.out");
                Path err = dir.resolve("follow.err");
                Process follower = onReplica.start(
                        out, err, "events", "--follow", "--from-position", "419", "-o", "ndjson", "--poll", "100");
                try {
                    Evs.Result append = onPrimary.run(
                            "append", "--type", "OrderNoted", "--aggregate-type", "Order", "--aggregate-id", "order-9");
                    assertThat(append.exitCode()).as(append.toString()).isZero();
                    List<String> lines = PostgresFollowIT.awaitLines(out, 1, follower, err);
                    assertThat(Json.parseTrusted(lines.get(0)).get("position").asLong())
                            .isEqualTo(419);
                } finally {
                    follower.destroy();
                    follower.waitFor(30, TimeUnit.SECONDS);
                }

                // and a write to the replica fails clearly
                Evs.Result write =
                        onReplica.run("append", "--type", "T", "--aggregate-type", "A", "--aggregate-id", "a");
                assertThat(write.exitCode()).as(write.toString()).isEqualTo(74);
                assertThat(write.stderr())
                        .startsWith("evs: cannot write to " + replica.url(schema)
                                + " while appending: the server is read-only (a replica?)\n");
            }
        }
    }

    /** The replica's answer once it has replayed what the primary had when {@code a} was taken. */
    private static Evs.Result awaitSame(Evs replica, List<String> command, Evs.Result a) throws Exception {
        Evs.Result b = replica.run(command.toArray(String[]::new));
        for (int i = 0; i < 200 && !b.stdout().equals(a.stdout()); i++) {
            Thread.sleep(50);
            b = replica.run(command.toArray(String[]::new));
        }
        return b;
    }
}
