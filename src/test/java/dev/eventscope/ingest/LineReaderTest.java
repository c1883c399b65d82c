package dev.eventscope.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    /** Every line as text, or "<too long: N bytes>" for a skipped one. */
    private static List<String> lines(InputStream in, int maxLine) throws IOException {
        List<String> out = new ArrayList<>();
        try (LineReader reader = new LineReader(in, maxLine)) {
            LineReader.Line line;
            long expectedNumber = 1;
            while ((line = reader.next()) != null) {
                assertThat(line.number).isEqualTo(expectedNumber++);
                out.add(
                        line.tooLong
                                ? "<too long: " + line.size + " bytes>"
                                : new String(line.buffer, 0, line.length, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static List<String> lines(String text) throws IOException {
        return lines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 1 << 20);
    }

    /** Hands out at most {@code step} bytes per read, to cross chunk boundaries everywhere. */
    private static InputStream trickle(byte[] bytes, int step) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    /** {@code size} bytes of 'x' and then a newline, produced on the fly (never held in memory). */
    private static InputStream hugeLineThen(long size, String after) {
        byte[] tail = ("\n" + after).getBytes(StandardCharsets.UTF_8);
        return new InputStream() {
            long pos;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                long total = size + tail.length;
                if (pos >= total) {
                    return -1;
                }
                int n = (int) Math.min(len, total - pos);
                for (int i = 0; i < n; i++) {
                    long p = pos + i;
                    b[off + i] = p < size ? (byte) 'x' : tail[(int) (p - size)];
                }
                pos += n;
                return n;
            }
        };
    }

    @Nested
    class when_reading_line_ends {

        @Test
        void lines_end_at_newlines() throws IOException {
            assertThat(lines("a\nbb\nccc\n")).containsExactly("a", "bb", "ccc");
        }

        @Test
        void crlf_line_ends_read_the_same_as_lf() throws IOException {
            assertThat(lines("a\r\nbb\r\nccc\r\n")).containsExactly("a", "bb", "ccc");
        }

        @Test
        void the_last_line_without_a_newline_is_read() throws IOException {
            assertThat(lines("a\nlast")).containsExactly("a", "last");
        }

        @Test
        void blank_lines_are_returned_empty_and_keep_the_numbering() throws IOException {
            assertThat(lines("a\n\n\r\nb\n")).containsExactly("a", "", "", "b");
        }

        @Test
        void empty_input_has_no_lines() throws IOException {
            assertThat(lines("")).isEmpty();
        }

        @Test
        void a_single_newline_is_one_blank_line() throws IOException {
            assertThat(lines("\n")).containsExactly("");
        }

        @Test
        void a_carriage_return_inside_a_line_is_kept() throws IOException {
            assertThat(lines("a\rb\n")).containsExactly("a\rb");
        }
    }

    @Nested
    class when_the_input_starts_with_a_byte_order_mark {

        @Test
        void the_bom_is_skipped_on_the_first_line() throws IOException {
            assertThat(lines("\uFEFF{\"a\":1}\n{\"b\":2}")).containsExactly("{\"a\":1}", "{\"b\":2}");
        }

        @Test
        void a_bom_on_a_later_line_is_left_alone() throws IOException {
            assertThat(lines("a\n\uFEFFb\n")).containsExactly("a", "\uFEFFb");
        }

        @Test
        void a_bom_alone_on_the_first_line_leaves_a_blank_line() throws IOException {
            assertThat(lines("\uFEFF\r\nx")).containsExactly("", "x");
        }
    }

    @Nested
    class when_lines_are_long {

        @Test
        void a_line_longer_than_the_limit_is_skipped_and_reported_with_its_size() throws IOException {
            // given
            String text = "ok\n" + "y".repeat(101) + "\nafter\n";

            // when
            List<String> read = lines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 100);

            // then
            assertThat(read).containsExactly("ok", "<too long: 101 bytes>", "after");
        }

        @Test
        void a_line_of_exactly_the_limit_is_kept() throws IOException {
            String text = "z".repeat(100) + "\n";
            assertThat(lines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 100))
                    .containsExactly("z".repeat(100));
        }

        @Test
        void a_hostile_50_MB_line_is_skipped_without_holding_it() throws IOException {
            // given
            long size = 50L << 20;
            int maxLine = 4096;

            // when
            try (LineReader reader = new LineReader(hugeLineThen(size, "{\"a\":1}"), maxLine)) {
                LineReader.Line first = reader.next();

                // then
                assertThat(first.tooLong).isTrue();
                assertThat(first.size).isEqualTo(size);
                assertThat(first.buffer.length).isLessThanOrEqualTo(maxLine);
                LineReader.Line second = reader.next();
                assertThat(second.number).isEqualTo(2);
                assertThat(new String(second.buffer, 0, second.length, StandardCharsets.UTF_8))
                        .isEqualTo("{\"a\":1}");
                assertThat(reader.next()).isNull();
                assertThat(reader.bytesRead()).isEqualTo(size + 8);
            }
        }

        @Test
        void lines_crossing_read_boundaries_are_put_together() throws IOException {
            // given: lines around the 64 KiB chunk size, delivered a few bytes at a time
            StringBuilder text = new StringBuilder();
            List<String> expected = new ArrayList<>();
            for (int length : new int[] {1, 65_535, 65_536, 65_537, 200_000, 3}) {
                String line = "L" + "m".repeat(length - 1);
                expected.add(line);
                text.append(line).append("\r\n");
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);

            // when
            List<String> read = lines(trickle(bytes, 7_777), 1 << 20);

            // then
            assertThat(read).containsExactlyElementsOf(expected);
        }

        @Test
        void a_crlf_split_across_reads_is_still_one_line_end() throws IOException {
            byte[] bytes = "ab\r\ncd\r\n".getBytes(StandardCharsets.UTF_8);
            assertThat(lines(trickle(bytes, 3), 100)).containsExactly("ab", "cd");
        }
    }
}
