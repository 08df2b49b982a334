package io.tandem.report;

import java.util.Objects;

/**
 * Text for HTML: {@link #escape} makes any string safe as element text and as a double- or single-quoted
 * attribute value. Every toolkit type escapes what it is given; call this only for markup you assemble
 * yourself (see {@link HtmlPage#markup}).
 *
 * <p>Thread safety: stateless; call from any thread.
 */
public final class Html {
    private Html() {
    }

    /** {@code text} with {@code < > & " '} replaced by character references; {@code null} is refused. */
    public static String escape(String text) {
        Objects.requireNonNull(text, "text");
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            String ref = switch (text.charAt(i)) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (ref != null && b == null) {
                b = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (b != null) {
                if (ref != null) {
                    b.append(ref);
                } else {
                    b.append(text.charAt(i));
                }
            }
        }
        return b == null ? text : b.toString();
    }

    /** {@code text} cut to at most {@code max} characters, ending with an ellipsis when cut. */
    public static String abbreviate(String text, int max) {
        Objects.requireNonNull(text, "text");
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
