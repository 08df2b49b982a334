package io.tandem.graph.runfile;

import java.io.Reader;

/**
 * A reader of a string that never ends a read on the first half of a surrogate pair (an emoji, say).
 * SnakeYAML Engine 2.9's {@code StreamReader} fills a fixed buffer and, when the buffer's last char is a
 * high surrogate, reads one more char past the buffer's end: {@code IndexOutOfBoundsException} for a
 * valid file with an emoji at an unlucky offset (fixed upstream in "Allow HighSurrogate to be the last
 * char in the data window"). Ending each chunk one char early keeps the pair together. One instance per
 * parse; not thread-safe.
 */
final class SurrogateSafeReader extends Reader {
    private final String text;
    private int next;

    SurrogateSafeReader(String text) {
        this.text = text;
    }

    @Override
    public int read(char[] buf, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (next >= text.length()) {
            return -1;
        }
        int n = Math.min(len, text.length() - next);
        if (n > 1 && Character.isHighSurrogate(text.charAt(next + n - 1))) {
            n--;
        }
        text.getChars(next, next + n, buf, off);
        next += n;
        return n;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
