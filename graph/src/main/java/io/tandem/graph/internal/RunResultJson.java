package io.tandem.graph.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tandem.graph.RunResult;
import io.tandem.graph.TaskResult;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * Writes a {@link RunResult} as the JSON document of {@code RunResult.toJson()} and {@code tandem run --json}:
 * run fields one per line, then one line per task ({@link RunResultLayout}). Stateless and thread-safe.
 */
public final class RunResultJson {
    private static final JsonFactory JSON = new JsonFactory();

    private RunResultJson() {
    }

    /** The document, ending with a newline. */
    public static String write(RunResult r) {
        StringWriter out = new StringWriter(256 + r.tasks().size() * 200);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.setPrettyPrinter(new RunResultLayout());
            g.writeStartObject();
            g.writeStringField("startedAt", String.valueOf(r.startedAt()));
            g.writeFieldName("elapsedMs");
            g.writeNumber(ms(r.elapsed()));
            g.writeBooleanField("cancelled", r.cancelled());
            g.writeBooleanField("succeeded", r.succeeded());
            g.writeObjectFieldStart("counts");
            for (var e : r.counts().entrySet()) {
                g.writeNumberField(e.getKey().name(), e.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("workers");
            for (String w : r.workers()) {
                g.writeString(w);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("tasks");
            for (TaskResult t : r.tasks()) {
                task(g, t);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a StringWriter cannot fail", e);
        }
        return out.append('\n').toString();
    }

    private static void task(JsonGenerator g, TaskResult t) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", t.name());
        g.writeStringField("status", t.status().name());
        g.writeNumberField("attempts", t.attempts());
        g.writeNumberField("priority", t.priority());
        if (t.start() != null) {
            g.writeFieldName("startMs");
            g.writeNumber(ms(t.start()));
            g.writeFieldName("endMs");
            g.writeNumber(ms(t.end()));
            g.writeStringField("startedAt", String.valueOf(t.startedAt()));
            g.writeStringField("worker", t.worker());
        }
        if (t.dynamic()) {
            g.writeBooleanField("dynamic", true);
        }
        if (t.value() != null) {
            g.writeStringField("value", String.valueOf(t.value()));
        }
        if (t.error() != null) {
            g.writeObjectFieldStart("error");
            g.writeStringField("type", t.error().getClass().getName());
            g.writeStringField("message", String.valueOf(t.error().getMessage()));
            g.writeEndObject();
        }
        if (t.skipReason() != null) {
            g.writeStringField("reason", t.skipReason());
        }
        g.writeEndObject();
    }

    /** Milliseconds with three decimals (microsecond resolution), as documented for the run JSON. */
    private static BigDecimal ms(Duration d) {
        return BigDecimal.valueOf(d.toNanos(), 6).setScale(3, RoundingMode.HALF_UP);
    }
}
