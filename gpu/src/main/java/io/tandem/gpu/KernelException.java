package io.tandem.gpu;

import java.io.Serial;

/**
 * A kernel that cannot be compiled: a malformed expression, a type mismatch, an unknown name or
 * function, or a construct the chosen backend cannot run. The message names the part of the kernel
 * ("body of kernel 'square'", "map expression of 'l2norm'"), the column, and shows the source with a
 * caret under the position:
 * <pre>
 * body of kernel 'square', column 9: unknown name 'z' (known here: x, y, i, n)
 *   y = x * z
 *           ^
 * </pre>
 * Thrown when a kernel is created (syntax and types) or first launched on a backend (backend limits).
 *
 * <p>Thread safety: immutable.
 */
public final class KernelException extends IllegalArgumentException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String part;
    private final String source;
    private final int position;

    /**
     * @param part     which text of the kernel is wrong, e.g. {@code body of kernel 'square'}
     * @param source   that text
     * @param position 0-based offset of the problem in {@code source}
     * @param problem  what is wrong and how to fix it
     */
    public KernelException(String part, String source, int position, String problem) {
        super(format(part, source, position, problem));
        this.part = part;
        this.source = source;
        this.position = position;
    }

    /** Which text of the kernel is wrong, e.g. {@code body of kernel 'square'}. */
    public String part() {
        return part;
    }

    /** The text that is wrong. */
    public String source() {
        return source;
    }

    /** The 0-based offset of the problem in {@link #source()}. */
    public int position() {
        return position;
    }

    /** The 1-based column of the problem, as the message says. */
    public int column() {
        return position + 1;
    }

    private static String format(String part, String source, int position, String problem) {
        String line = source.replace('\n', ' ').replace('\t', ' ');
        int caret = Math.max(0, Math.min(position, line.length()));
        return part + ", column " + (caret + 1) + ": " + problem + "\n  " + line + "\n  " + " ".repeat(caret) + "^";
    }
}
