package io.tandem.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The harness's JSON as plain Java trees, on Jackson's streaming generator and parser (the project's one JSON
 * library): writing its report and the child JVMs' result lines, and reading those lines and the Python
 * scripts' results back. Objects read as {@code LinkedHashMap}s, arrays as {@code List}s, numbers as
 * {@code Long} when integral (a {@code BigInteger} past 64 bits) and {@code Double} otherwise; NaN and
 * infinities (numbers that were not measured) are written as {@code null}. Stateless; safe from any thread.
 */
public final class Json {
    private static final JsonFactory JSON = new JsonFactory();

    private Json() {
    }

    /** Parses one JSON value; {@link IllegalArgumentException} with the offset and the text when it is malformed. */
    public static Object parse(String text) {
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() == null) {
                throw new IllegalArgumentException("malformed JSON: no value in: " + clip(text));
            }
            Object v = value(p);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("malformed JSON at offset " + p.currentTokenLocation().getCharOffset()
                        + ": trailing characters in: " + clip(text));
            }
            return v;
        } catch (IOException e) {   // a JsonParseException: its message names the line and column
            throw new IllegalArgumentException("malformed JSON: " + e.getMessage() + " in: " + clip(text), e);
        }
    }

    /** Writes {@code value} (Map, Iterable, String, Number, Boolean or null; others as their string) as compact JSON. */
    public static String write(Object value) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a StringWriter cannot fail", e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Object v) throws IOException {
        switch (v) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Boolean b -> g.writeBoolean(b);
            case Double d when d.isNaN() || d.isInfinite() -> g.writeNull();
            case Float f when f.isNaN() || f.isInfinite() -> g.writeNull();
            case Double d -> g.writeNumber(d);
            case Float f -> g.writeNumber(f);
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case BigInteger b -> g.writeNumber(b);
            case BigDecimal b -> g.writeNumber(b);
            case Number n -> g.writeNumber(n.toString());
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    g.writeFieldName(String.valueOf(e.getKey()));
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case Iterable<?> it -> {
                g.writeStartArray();
                for (Object o : it) {
                    write(g, o);
                }
                g.writeEndArray();
            }
            default -> g.writeString(v.toString());
        }
    }

    private static Object value(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    m.put(key, value(p));
                }
                yield m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p));
                }
                yield l;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? p.getBigIntegerValue() : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IllegalArgumentException("malformed JSON: unexpected " + p.currentToken()
                    + " at offset " + p.currentTokenLocation().getCharOffset());
        };
    }

    private static String clip(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
