package io.tandem.io.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;

/**
 * Encodes the Java values a handler returns from {@code Response.json} as JSON: maps, iterables, arrays,
 * strings, numbers, booleans, characters, enums, records, optionals and null. The tokens and their escaping
 * are Jackson's streaming generator (the project's one JSON writer); this class only maps Java values onto
 * them. Stateless; safe from any thread.
 */
public final class JsonWriter {
    private static final int MAX_DEPTH = 256;
    private static final JsonFactory JSON = new JsonFactory();

    private JsonWriter() {
    }

    /** {@code value} as compact JSON text; {@link IllegalArgumentException} naming the path of a value JSON cannot hold. */
    public static String write(Object value) {
        StringWriter out = new StringWriter(64);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            write(g, value, "$", 0);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a StringWriter cannot fail", e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Object v, String at, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("JSON nesting deeper than " + MAX_DEPTH + " at " + at + " (a cycle?)");
        }
        switch (v) {
            case null -> g.writeNull();
            case CharSequence s -> g.writeString(s.toString());
            case Boolean b -> g.writeBoolean(b);
            case Double d when d.isNaN() || d.isInfinite() ->
                    throw new IllegalArgumentException("JSON cannot encode " + d + " at " + at);
            case Float f when f.isNaN() || f.isInfinite() ->
                    throw new IllegalArgumentException("JSON cannot encode " + f + " at " + at);
            case Number n -> number(g, n);
            case Character c -> g.writeString(String.valueOf(c));
            case Enum<?> e -> g.writeString(e.name());
            case Optional<?> o -> write(g, o.orElse(null), at, depth + 1);
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    String key = String.valueOf(e.getKey());
                    g.writeFieldName(key);
                    write(g, e.getValue(), at + "." + key, depth + 1);
                }
                g.writeEndObject();
            }
            case Iterable<?> it -> {
                g.writeStartArray();
                int i = 0;
                for (Object o : it) {
                    write(g, o, at + "[" + i + "]", depth + 1);
                    i++;
                }
                g.writeEndArray();
            }
            case Record r -> record(g, r, at, depth);
            default -> {
                if (!v.getClass().isArray()) {
                    throw new IllegalArgumentException("cannot encode " + v.getClass().getName() + " as JSON at " + at
                            + "; pass a Map, List, record, String, number or boolean");
                }
                g.writeStartArray();
                int n = Array.getLength(v);
                for (int i = 0; i < n; i++) {
                    write(g, Array.get(v, i), at + "[" + i + "]", depth + 1);
                }
                g.writeEndArray();
            }
        }
    }

    private static void number(JsonGenerator g, Number n) throws IOException {
        switch (n) {
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case Short s -> g.writeNumber(s);
            case Byte b -> g.writeNumber(b);
            case Double d -> g.writeNumber(d);
            case Float f -> g.writeNumber(f);
            case BigInteger b -> g.writeNumber(b);
            case BigDecimal b -> g.writeNumber(b);
            default -> g.writeNumber(n.toString());   // AtomicLong, LongAdder, ...: their decimal text
        }
    }

    private static void record(JsonGenerator g, Record r, String at, int depth) throws IOException {
        g.writeStartObject();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object value;
            try {
                var accessor = c.getAccessor();
                if (!accessor.canAccess(r)) {
                    accessor.setAccessible(true);   // works for records on the class path and in open packages
                }
                value = accessor.invoke(r);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalArgumentException("cannot read record component " + c.getName() + " at " + at
                        + " (make the record public and its package readable): " + e, e);
            }
            g.writeFieldName(c.getName());
            write(g, value, at + "." + c.getName(), depth + 1);
        }
        g.writeEndObject();
    }
}
