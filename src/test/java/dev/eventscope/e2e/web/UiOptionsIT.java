package dev.eventscope.e2e.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.e2e.Evs;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evs ui} refuses what it cannot serve before serving anything, with the exit codes of
 * DESIGN §5 that its help lists: a bad option, a port another program holds or an address not of
 * this machine is a usage error (2) with a hint; a missing store is not found (66) and none is
 * created. Nothing is printed on standard output (no address of a console that does not run).
 */
class UiOptionsIT {

    @TempDir
    static Path dir;

    static Evs evs;

    @BeforeAll
    static void an_empty_store() {
        evs = Evs.in(dir);
        Evs.Result init = evs.run("-q", "init");
        assertThat(init.exitCode()).as(init.toString()).isZero();
    }

    private static void refused(Evs.Result r, int exit, String message, String hint) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(exit);
        assertThat(r.stdout()).as(r.toString()).isEmpty();
        assertThat(r.stderr()).as(r.toString()).startsWith("evs: " + message).contains("\nhint: " + hint);
        assertThat(r.stderr().strip().lines()).as(r.toString()).hasSize(2);
    }

    @Test
    void a_port_out_of_range_is_a_usage_error() {
        refused(
                evs.run("ui", "--port", "70000"),
                2,
                "--port must be from 0 to 65535, got 70000",
                "pass --port 0 (the default) for any free port");
        refused(evs.run("ui", "--port", "-1"), 2, "--port must be from 0 to 65535, got -1", "pass --port 0");
    }

    @Test
    void a_port_that_is_not_a_number_or_an_unknown_option_is_a_usage_error() {
        refused(evs.run("ui", "--port", "http"), 2, "Invalid value for option '--port': 'http' is not an int", "");
        refused(evs.run("ui", "--writes"), 2, "Unknown option: '--writes'", "");
    }

    @Test
    void a_port_another_program_listens_on_is_a_usage_error_that_names_it() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();

            Evs.Result r = evs.run("ui", "--port", Integer.toString(port));

            refused(
                    r,
                    2,
                    "cannot listen on 127.0.0.1:" + port + ": Address already in use",
                    "another program listens on port " + port + "; pick another --port");
        }
    }

    @Test
    void an_address_not_of_this_machine_is_a_usage_error() {
        // 192.0.2.1 is TEST-NET-1 (RFC 5737): documentation only, never a machine's own address
        refused(
                evs.run("ui", "--bind", "192.0.2.1"),
                2,
                "cannot listen on 192.0.2.1:0: ",
                "pass --bind with an address of this machine");
    }

    @Test
    void a_missing_store_is_not_found_and_not_created() {
        Evs.Result r = evs.run("--db", "missing.db", "ui");

        refused(r, 66, "no store at missing.db", "create one with 'evs init'");
        assertThat(dir.resolve("missing.db")).doesNotExist();
    }
}
