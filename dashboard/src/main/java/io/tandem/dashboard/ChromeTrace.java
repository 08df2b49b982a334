package io.tandem.dashboard;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tandem.Monitor;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

/*
 * Chrome's trace-event format (the JSON object form), which Perfetto and chrome://tracing open: one
 * "process" per pool, one "thread" per lane, a complete event ("ph":"X") per task with microsecond start
 * and duration (its args: task number, attempt, status, error), the grouped failures as global instant
 * events at their first occurrence (with count and stack), and the dropped/untraced counts as metadata.
 */
final class ChromeTrace {
    private static final JsonFactory JSON = new JsonFactory();
    private static final String[] STATUS = {"succeeded", "failed", "cancelled", "retried"};

    private ChromeTrace() {
    }

    static void write(RunState s, Monitor monitor, OutputStream out) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeStringField("displayTimeUnit", "ms");
            g.writeArrayFieldStart("traceEvents");
            Map<String, Integer> pids = new HashMap<>();
            for (int i = 0; i < s.lanes.size(); i++) {
                RunState.Lane lane = s.lanes.get(i);
                Integer pid = pids.get(lane.pool());
                if (pid == null) {
                    pid = pids.size() + 1;
                    pids.put(lane.pool(), pid);
                    meta(g, "process_name", pid, 0, lane.pool());
                }
                meta(g, "thread_name", pid, i + 1, lane.name());
            }
            for (int i = 0; i < s.spans; i++) {
                RunState.Lane lane = s.lanes.get(s.spanLane[i]);
                g.writeStartObject();
                g.writeStringField("name", s.labels.get(s.spanLabel[i]));
                g.writeStringField("cat", STATUS[s.spanStatus[i]]);
                g.writeStringField("ph", "X");
                g.writeNumberField("ts", s.spanStart[i] / 1000.0);
                g.writeNumberField("dur", (s.spanEnd[i] - s.spanStart[i]) / 1000.0);
                g.writeNumberField("pid", pids.get(lane.pool()));
                g.writeNumberField("tid", s.spanLane[i] + 1);
                g.writeObjectFieldStart("args");
                g.writeNumberField("task", s.spanTask[i]);
                g.writeNumberField("attempt", s.spanAttempt[i]);
                g.writeStringField("status", STATUS[s.spanStatus[i]]);
                String err = s.spanError.get(i);
                if (err != null) {
                    g.writeStringField("error", err);
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            for (Monitor.FailureGroup f : monitor.failures()) {
                g.writeStartObject();
                g.writeStringField("name", f.type() + ": " + f.message());
                g.writeStringField("cat", "failure");
                g.writeStringField("ph", "i");
                g.writeStringField("s", "g");
                g.writeNumberField("ts", Math.max(0, f.firstNanos() - s.zeroNanos) / 1000.0);
                g.writeNumberField("pid", 0);
                g.writeNumberField("tid", 0);
                g.writeObjectFieldStart("args");
                g.writeNumberField("count", f.count());
                g.writeStringField("stack", f.stack());
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("metadata");
            g.writeStringField("source", "Tandem");
            g.writeNumberField("tasksNotInTrace", s.truncated + s.untimed);
            g.writeNumberField("tinyTasksUntimed", s.untimed);
            long dropped = 0;
            for (Monitor.PoolStats p : monitor.pools()) {
                dropped += p.dropped();
            }
            g.writeNumberField("eventsDropped", dropped);
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    private static void meta(JsonGenerator g, String what, int pid, int tid, String name) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", what);
        g.writeStringField("ph", "M");
        g.writeNumberField("pid", pid);
        g.writeNumberField("tid", tid);
        g.writeObjectFieldStart("args");
        g.writeStringField("name", name);
        g.writeEndObject();
        g.writeEndObject();
    }
}
