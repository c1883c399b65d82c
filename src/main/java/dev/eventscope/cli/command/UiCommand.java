package dev.eventscope.cli.command;

import dev.eventscope.cli.console.Interrupts;
import dev.eventscope.engine.Engines;
import dev.eventscope.error.UsageException;
import dev.eventscope.web.WebConsole;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code evs ui}: a local web console over the same engine. */
@Command(
        name = "ui",
        description = {
            "A web console over the store: the overview with charts, streams, a stream's states and patches at"
                    + " any cut, events, traces drawn as graphs, bisect and what-if, dead letters, lint and audit."
                    + " Served from the jar by a small HTTP server; nothing to install.",
            "Prints the address to open, with a random token; the first visit turns the token into a cookie."
                    + " Listens on 127.0.0.1 only unless --bind says otherwise, and answers only requests that name"
                    + " this address. Read-only unless --allow-writes (dead-letter retry and skip). Pages that show"
                    + " the head update within a second when another process appends.",
            "Runs until Ctrl-C (exit 130). Exit 2 when an option is wrong, the port is taken or the address is"
                    + " not one of this machine's; 66 when the store does not exist (none is created)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs ui",
            "  evs --db permits.db --model samples/permits/eventscope.yaml ui --open",
            "  evs ui --port 8080 --allow-writes",
            "  evs ui --bind 0.0.0.0 --port 8080     (other machines: the token is all that",
            "                                         protects it, over plain HTTP)"
        })
public final class UiCommand extends BaseCommand {

    @Option(
            names = "--port",
            paramLabel = "N",
            defaultValue = "0",
            description = "Port to listen on (default: any free port; the address printed says which).")
    int port;

    @Option(
            names = "--bind",
            paramLabel = "ADDR",
            defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}: this machine only). Another address, or"
                    + " 0.0.0.0 for all, lets other machines in; they need the token too.")
    String bind;

    @Option(names = "--open", description = "Open the address in the default browser.")
    boolean open;

    @Option(
            names = "--allow-writes",
            description = "Offer write actions: retry and skip of dead letters (form posts with a CSRF token)."
                    + " Without it the console only reads.")
    boolean allowWrites;

    @Override
    public Integer call() throws InterruptedException {
        InetAddress address = address(bind);
        WebConsole.Options options = new WebConsole.Options(address, port, allowWrites);
        // the store must exist before anything is served: a typo in --db fails here, not on every page
        engine().overview().headPosition();
        BooleanSupplier stop = Interrupts.install();
        WebConsole web = WebConsole.start(new Engines(engine().settings()), options, line -> {
            synchronized (this) {
                err().println(line);
                err().flush();
            }
        });
        try {
            out().println(web.url());
            out().flush();
            note("evs ui: " + engine().settings().db() + " at " + web.address() + ", "
                    + (allowWrites ? "with write actions (--allow-writes)" : "read-only") + "; Ctrl-C stops it");
            if (!address.isLoopbackAddress()) {
                note("warning: listening on " + bind + ": other machines can reach the console; the token is all that"
                        + " protects it, and HTTP is not encrypted");
            }
            if (open) {
                openBrowser(web.url());
            }
            while (!stop.getAsBoolean()) {
                Thread.sleep(200);
            }
            note("evs ui: stopped");
            return dev.eventscope.cli.console.ExitCodes.INTERRUPTED;
        } finally {
            web.close();
        }
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text.trim());
        } catch (UnknownHostException e) {
            throw new UsageException(
                    "--bind " + text + " is not an address of this machine", "e.g. --bind 127.0.0.1 or --bind 0.0.0.0");
        }
    }

    private void openBrowser(URI url) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<String> command = os.contains("mac")
                ? List.of("open", url.toString())
                : os.contains("win")
                        ? List.of("rundll32", "url.dll,FileProtocolHandler", url.toString())
                        : List.of("xdg-open", url.toString());
        try {
            new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            note("warning: could not open a browser (" + command.get(0) + ": " + e.getMessage()
                    + "); open the address above yourself");
        }
    }
}
