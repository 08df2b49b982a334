package io.tandem.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * An {@link OutputStream} of UTF-8 text that writes each complete line to a {@link PrintWriter} as soon
 * as it ends: how examples, which print on a {@code PrintStream}, print through picocli's writers
 * line by line (so a streaming example streams). Closing it flushes what is left but does not close
 * the writer.
 *
 * <p>Thread safety: every method is synchronized; {@code PrintStream} already serialises its writes.
 */
final class LineWriterStream extends OutputStream {
    private final PrintWriter writer;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineWriterStream(PrintWriter writer) {
        this.writer = writer;
    }

    @Override
    public synchronized void write(int b) {
        line.write(b);
        if (b == '\n') {
            flushLine();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        // '\n' never occurs inside a UTF-8 multi-byte sequence, so splitting at it is safe
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (b[i] == '\n') {
                line.write(b, start, i + 1 - start);
                flushLine();
                start = i + 1;
            }
        }
        line.write(b, start, end - start);
    }

    private void flushLine() {
        writer.write(line.toString(StandardCharsets.UTF_8));
        writer.flush();
        line.reset();
    }

    @Override
    public synchronized void flush() {
        // only whole lines are written: a partial UTF-8 sequence must not be decoded on its own
        writer.flush();
    }

    @Override
    public synchronized void close() {
        if (line.size() > 0) {
            flushLine();
        }
    }
}
