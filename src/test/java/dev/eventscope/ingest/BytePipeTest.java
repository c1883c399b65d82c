package dev.eventscope.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Bytes from one thread to another: all of them in order, the writer's failure seen by the reader. */
class BytePipeTest {

    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + i / 251);
        }
        return b;
    }

    @Test
    void the_reader_gets_every_byte_in_order_however_it_was_written() throws Exception {
        // given: more than the queue holds, written in odd pieces and single bytes
        byte[] sent = bytes(BytePipe.CHUNK * (BytePipe.QUEUED + 3) + 12_345);
        BytePipe pipe = new BytePipe();
        Thread writer = new Thread(() -> {
            try {
                OutputStream out = pipe.output();
                int i = 0;
                while (i < sent.length) {
                    if (i % 7 == 0) {
                        out.write(sent[i++]);
                        continue;
                    }
                    int n = Math.min(sent.length - i, 1 + i % 9_999);
                    out.write(sent, i, n);
                    i += n;
                }
                pipe.finish();
            } catch (IOException e) {
                pipe.fail(e);
            }
        });
        writer.start();

        // when
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (InputStream in = pipe.input()) {
            in.transferTo(received);
        }
        writer.join();

        // then
        assertThat(received.toByteArray()).isEqualTo(sent);
    }

    @Test
    void a_writer_that_fails_makes_the_reader_fail_after_what_came_before() throws Exception {
        // given
        BytePipe pipe = new BytePipe();
        pipe.output().write(bytes(10));
        pipe.output().flush();
        pipe.fail(new IllegalStateException("the source went away"));

        // then
        InputStream in = pipe.input();
        assertThat(in.readNBytes(10)).isEqualTo(bytes(10));
        assertThatThrownBy(in::read)
                .isInstanceOf(IOException.class)
                .hasMessage("reading the source failed: the source went away");
    }

    @Test
    void a_reader_that_stops_makes_a_waiting_writer_fail_instead_of_waiting_for_ever() throws Exception {
        // given: a writer that fills the queue
        BytePipe pipe = new BytePipe();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                byte[] chunk = bytes(BytePipe.CHUNK);
                while (true) {
                    pipe.output().write(chunk);
                }
            } catch (IOException e) {
                failure.set(e);
            }
        });
        writer.start();

        // when
        pipe.input().read();
        pipe.stopReading();
        writer.join();

        // then
        assertThat(failure.get()).isInstanceOf(IOException.class).hasMessage("the import stopped reading");
    }
}
