package dev.eventscope.process;

import dev.eventscope.event.EventJson;
import dev.eventscope.event.Json;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.model.ExecHandlerModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an exec handler's command once per event: the event (after upcasting, in the output shape,
 * one line of JSON) on standard input; {@code EVENTSCOPE_EVENT_ID}, {@code EVENTSCOPE_POSITION} and
 * {@code EVENTSCOPE_HANDLER} in the environment; the model file's directory as working directory.
 * Exit 0 is success. Any other exit fails the event with the start of its standard error as the
 * error; running past the timeout kills the command and its child processes. Standard output is
 * not read.
 */
final class ExecHandler implements Handler {

    /** How much of a command's standard error is kept for the error message. */
    static final int MAX_STDERR = 2_000;

    private final ExecHandlerModel model;

    ExecHandler(ExecHandlerModel model) {
        this.model = model;
    }

    @Override
    public Effects handle(Unit unit) throws HandlerFailure {
        for (RecordedEvent e : unit.events()) {
            run(e);
        }
        return Effects.NONE;
    }

    private void run(RecordedEvent event) throws HandlerFailure {
        ProcessBuilder builder = new ProcessBuilder(model.command());
        if (model.directory() != null && !model.directory().toString().isEmpty()) {
            builder.directory(model.directory().toFile());
        }
        Map<String, String> env = builder.environment();
        env.put("EVENTSCOPE_EVENT_ID", event.eventId().toString());
        env.put("EVENTSCOPE_POSITION", Long.toString(event.position()));
        env.put("EVENTSCOPE_HANDLER", model.name());
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new HandlerFailure("cannot start " + model.command().get(0) + ": " + e.getMessage());
        }
        byte[] input = (Json.write(EventJson.toNode(event, false)) + "\n").getBytes(StandardCharsets.UTF_8);
        Thread feeder = daemon("exec-stdin", () -> feed(process.getOutputStream(), input));
        BoundedCapture stderr = new BoundedCapture(process.getErrorStream());
        Thread drainer = daemon("exec-stderr", stderr);
        feeder.start();
        drainer.start();
        boolean finished;
        try {
            finished = process.waitFor(model.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killTree(process);
            throw new HandlerFailure("interrupted while " + model.command().get(0) + " ran");
        }
        if (!finished) {
            killTree(process);
            join(drainer);
            throw new HandlerFailure("timed out after " + describe(model.timeout()) + " (killed)" + stderr.suffix());
        }
        join(drainer);
        int exit = process.exitValue();
        if (exit != 0) {
            throw new HandlerFailure("exit " + exit + stderr.suffix());
        }
    }

    private static void feed(OutputStream out, byte[] input) {
        try (out) {
            out.write(input);
        } catch (IOException ignored) {
            // the command did not read its input; its exit status says whether that matters
        }
    }

    private static void killTree(Process process) {
        // the children are found before the parent dies (they are re-parented after); the parent is
        // killed first so it cannot report its children's deaths on its standard error
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits a little for the rest of standard error (a grandchild may hold it open for longer). */
    private static void join(Thread drainer) {
        try {
            drainer.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        return t;
    }

    private static String describe(java.time.Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /** Reads a stream to its end, keeping the first {@link #MAX_STDERR} bytes. */
    private static final class BoundedCapture implements Runnable {
        private final InputStream in;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private volatile boolean truncated;

        BoundedCapture(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[4096];
            try (in) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    synchronized (kept) {
                        int room = MAX_STDERR - kept.size();
                        kept.write(buffer, 0, Math.max(0, Math.min(room, n)));
                        if (n > room) {
                            truncated = true;
                        }
                    }
                }
            } catch (IOException ignored) {
                // the command was killed; what was read so far is the error
            }
        }

        /** {@code ": <stderr>"} or empty when it wrote nothing. */
        String suffix() {
            String text;
            synchronized (kept) {
                text = kept.toString(StandardCharsets.UTF_8).strip();
            }
            if (text.isEmpty()) {
                return "";
            }
            return ": " + text + (truncated ? " …" : "");
        }
    }
}
