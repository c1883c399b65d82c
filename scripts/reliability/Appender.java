import dev.eventscope.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * One writer of scenario 3: appends ACKS events with an expected version, each through the real
 * command line ({@code evs append ... --expected-version N}, run in this JVM so the figure is the
 * append and not the JVM start). Before each attempt it reads the stream's current version as any
 * client would (ACKS may also be a duration, e.g. 60s); on a conflict (exit 3) or busy (exit 75) it reads again and retries. Writes one line
 * per attempt to OUT: exit code, microseconds, stream, expected version, eventId.
 *
 * <pre>java -cp target/eventscope.jar scripts/reliability/Appender.java DB WRITER ACKS STREAMS OUT</pre>
 */
public class Appender {
    public static void main(String[] args) throws Exception {
        String db = args[0];
        int writer = Integer.parseInt(args[1]);
        // a count of acknowledged appends, or a duration such as 60s
        boolean timed = args[2].endsWith("s");
        long acks = timed ? Long.MAX_VALUE : Long.parseLong(args[2]);
        long until = timed ? System.nanoTime() + Long.parseLong(args[2].replace("s", "")) * 1_000_000_000L : Long.MAX_VALUE;
        int streams = Integer.parseInt(args[3]);
        Path out = Path.of(args[4]);
        Random random = new Random(writer);
        List<String> lines = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db + "?open_mode=1")) {
            c.createStatement().execute("PRAGMA busy_timeout = 10000");
            PreparedStatement version = c.prepareStatement(
                    "SELECT coalesce(max(stream_version), 0) FROM events WHERE aggregate_type = 'Counter' AND aggregate_id = ?");
            for (long done = 0; done < acks && System.nanoTime() < until; ) {
                String stream = "c-" + random.nextInt(streams);
                version.setString(1, stream);
                long current;
                try (ResultSet rs = version.executeQuery()) {
                    current = rs.getLong(1);
                }
                String id = UUID.randomUUID().toString();
                String[] argv = {
                    "--db", db, "append", "--type", "Incremented", "--aggregate-type", "Counter",
                    "--aggregate-id", stream, "--event-id", id,
                    "--payload", "{\"writer\":" + writer + ",\"read\":" + current + "}",
                    "--expected-version", current == 0 ? "no-stream" : Long.toString(current)
                };
                StringWriter o = new StringWriter();
                StringWriter e = new StringWriter();
                Main main = new Main();
                long t0 = System.nanoTime();
                int code = Main.run(Main.commandLine(main, new PrintWriter(o), new PrintWriter(e), argv), main, argv);
                long micros = (System.nanoTime() - t0) / 1_000;
                lines.add(code + " " + micros + " " + stream + " " + current + " " + id);
                if (code == 0) {
                    done++;
                } else if (code != 3 && code != 75) {
                    System.err.println("writer " + writer + ": exit " + code + ": " + e);
                }
            }
        }
        Files.write(out, lines);
    }
}
