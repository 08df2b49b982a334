package io.tandem.io.internal;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Optional;

/**
 * A small JSON encoder for response bodies: maps, iterables, arrays, strings, numbers, booleans, enums,
 * records, optionals and null. Stateless; safe from any thread.
 */
public final class JsonWriter {
    private static final int MAX_DEPTH = 256;

    private JsonWriter() {
    }

    /** {@code value} as JSON text. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder(64);
        write(sb, value, "$", 0);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v, String at, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("JSON nesting deeper than " + MAX_DEPTH + " at " + at + " (a cycle?)");
        }
        switch (v) {
            case null -> sb.append("null");
            case CharSequence s -> string(sb, s);
            case Boolean b -> sb.append(b);
            case Double d when d.isNaN() || d.isInfinite() ->
                    throw new IllegalArgumentException("JSON cannot encode " + d + " at " + at);
            case Float f when f.isNaN() || f.isInfinite() ->
                    throw new IllegalArgumentException("JSON cannot encode " + f + " at " + at);
            case Number n -> sb.append(n);
            case Character c -> string(sb, String.valueOf(c));
            case Enum<?> e -> string(sb, e.name());
            case Optional<?> o -> write(sb, o.orElse(null), at, depth + 1);
            case Map<?, ?> m -> {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    String key = String.valueOf(e.getKey());
                    string(sb, key);
                    sb.append(':');
                    write(sb, e.getValue(), at + "." + key, depth + 1);
                }
                sb.append('}');
            }
            case Iterable<?> it -> {
                sb.append('[');
                int i = 0;
                for (Object o : it) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    write(sb, o, at + "[" + i + "]", depth + 1);
                    i++;
                }
                sb.append(']');
            }
            case Record r -> record(sb, r, at, depth);
            default -> {
                if (v.getClass().isArray()) {
                    sb.append('[');
                    int n = Array.getLength(v);
                    for (int i = 0; i < n; i++) {
                        if (i > 0) {
                            sb.append(',');
                        }
                        write(sb, Array.get(v, i), at + "[" + i + "]", depth + 1);
                    }
                    sb.append(']');
                } else {
                    throw new IllegalArgumentException("cannot encode " + v.getClass().getName() + " as JSON at " + at
                            + "; pass a Map, List, record, String, number or boolean");
                }
            }
        }
    }

    private static void record(StringBuilder sb, Record r, String at, int depth) {
        sb.append('{');
        RecordComponent[] cs = r.getClass().getRecordComponents();
        for (int i = 0; i < cs.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            string(sb, cs[i].getName());
            sb.append(':');
            Object value;
            try {
                var accessor = cs[i].getAccessor();
                if (!accessor.canAccess(r)) {
                    accessor.setAccessible(true);   // works for records on the class path and in open packages
                }
                value = accessor.invoke(r);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalArgumentException("cannot read record component " + cs[i].getName() + " at " + at
                        + " (make the record public and its package readable): " + e, e);
            }
            write(sb, value, at + "." + cs[i].getName(), depth + 1);
        }
        sb.append('}');
    }

    private static void string(StringBuilder sb, CharSequence s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
