package dev.eventscope.cli.render;

import dev.eventscope.engine.ExportSink;
import dev.eventscope.event.RecordedEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/**
 * The output of {@code evs export}: NDJSON, one event per line. Lines the store wrote are copied as
 * bytes when standard output is a byte stream ({@link StdoutBytes}), else decoded onto the writer;
 * events are written by the {@link EventRenderer}, so both give the same bytes.
 */
public final class ExportOut implements ExportSink, AutoCloseable {

    private final PrintWriter out;
    private final OutputStream bytes;
    private final EventRenderer renderer;
    private final StringWriter one;
    private final EventRenderer oneRenderer;
    private boolean failed;

    public ExportOut(PrintWriter out) {
        this.out = out;
        this.bytes = StdoutBytes.of(out);
        if (bytes != null) {
            // everything written so far goes first; from here on this writes only bytes
            out.flush();
            this.renderer = null;
            this.one = new StringWriter();
            this.oneRenderer = new EventRenderer(new PrintWriter(one), OutputFormat.NDJSON, false);
        } else {
            this.renderer = new EventRenderer(out, OutputFormat.NDJSON, false);
            this.one = null;
            this.oneRenderer = null;
        }
    }

    @Override
    public boolean line(byte[] utf8, int length) {
        if (bytes == null) {
            out.write(new String(utf8, 0, length, StandardCharsets.UTF_8));
            out.write('\n');
            return !out.checkError();
        }
        try {
            bytes.write(utf8, 0, length);
            bytes.write('\n');
            return true;
        } catch (IOException e) {
            // as the writer does: a reader that went away (| head) ends the output, not the run
            failed = true;
            return false;
        }
    }

    @Override
    public boolean accept(RecordedEvent event) {
        if (bytes == null) {
            return renderer.accept(event);
        }
        oneRenderer.accept(event);
        byte[] line = one.toString().getBytes(StandardCharsets.UTF_8);
        one.getBuffer().setLength(0);
        try {
            bytes.write(line);
            return true;
        } catch (IOException e) {
            failed = true;
            return false;
        }
    }

    @Override
    public void close() {
        if (bytes == null) {
            renderer.close();
            return;
        }
        if (!failed) {
            try {
                bytes.flush();
            } catch (IOException e) {
                // a reader that went away: as the writer, which keeps such errors to itself
                failed = true;
            }
        }
    }
}
