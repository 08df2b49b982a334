package io.tandem.gpu.internal.lang;

/** A lexical token: kind, its text, and its 0-based offset in the source. */
record Token(Kind kind, String text, int pos) {
    enum Kind { NAME, NUMBER, SYMBOL, END }

    boolean is(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    String describe() {
        return switch (kind) {
            case END -> "the end of the text";
            case NUMBER -> "number " + text;
            case NAME -> "'" + text + "'";
            case SYMBOL -> "'" + text + "'";
        };
    }
}
