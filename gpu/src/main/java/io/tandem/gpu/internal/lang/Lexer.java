package io.tandem.gpu.internal.lang;

import java.util.ArrayList;
import java.util.List;

/** Splits kernel text into tokens; a character that starts no token is an error at its position. */
final class Lexer {
    private static final String[] SYMBOLS = {"==", "!=", "<=", ">=", "&&", "||",
            "+", "-", "*", "/", "%", "(", ")", ",", ";", "=", "<", ">", "!"};

    private Lexer() {
    }

    static List<Token> tokens(Source src) {
        String s = src.text();
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                    j++;
                }
                out.add(new Token(Token.Kind.NAME, s.substring(i, j), i));
                i = j;
            } else if (Character.isDigit(c) || c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
                i = number(src, i, out);
            } else {
                String sym = null;
                for (String candidate : SYMBOLS) {
                    if (s.startsWith(candidate, i)) {
                        sym = candidate;
                        break;
                    }
                }
                if (sym == null) {
                    throw src.error(i, "unexpected character '" + c + "'" + (c == '^'
                            ? " (use pow(a, b) for a power)" : c == '?' ? " (use select(cond, a, b))" : c == '[' ? " (elements are named by the parameter alone: x, not x[i])" : ""));
                }
                out.add(new Token(Token.Kind.SYMBOL, sym, i));
                i += sym.length();
            }
        }
        out.add(new Token(Token.Kind.END, "", s.length()));
        return out;
    }

    /** digits [. digits] [e [+-] digits] [f]: a float has a dot or an exponent; an 'f' suffix makes it float32. */
    private static int number(Source src, int start, List<Token> out) {
        String s = src.text();
        int j = start;
        while (j < s.length() && Character.isDigit(s.charAt(j))) {
            j++;
        }
        if (j < s.length() && s.charAt(j) == '.') {
            j++;
            while (j < s.length() && Character.isDigit(s.charAt(j))) {
                j++;
            }
        }
        if (j < s.length() && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
            int k = j + 1;
            if (k < s.length() && (s.charAt(k) == '+' || s.charAt(k) == '-')) {
                k++;
            }
            if (k >= s.length() || !Character.isDigit(s.charAt(k))) {
                throw src.error(j, "malformed number: the exponent needs digits");
            }
            j = k;
            while (j < s.length() && Character.isDigit(s.charAt(j))) {
                j++;
            }
        }
        if (j < s.length() && (s.charAt(j) == 'f' || s.charAt(j) == 'F')) {
            j++;
        }
        if (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '.')) {
            throw src.error(j, "malformed number '" + s.substring(start, j + 1) + "'");
        }
        out.add(new Token(Token.Kind.NUMBER, s.substring(start, j), start));
        return j;
    }
}
