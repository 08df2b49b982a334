package io.tandem.dashboard;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tandem.Monitor;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/*
 * One message of the page's event stream: everything small in full (pools, workers with RSS, lanes,
 * progress per label, utilisation, failures, graphs) and, of the task stream, only the tasks the client has
 * not had yet (columns, so 100,000 tasks are a few arrays, not 100,000 objects). Called with the
 * Recording's lock held.
 */
final class PageJson {
    static final int MAX_GRAPH_TASKS = 2000;
    static final int MAX_SPANS_PER_MESSAGE = 200_000;
    private static final JsonFactory JSON = new JsonFactory();

    private PageJson() {
    }

    /** Returns the message and the number of spans the client has after it. */
    static String message(Recording rec, int fromSpan, long nowNanos) throws IOException {
        RunState s = rec.state();
        Monitor m = rec.monitor();
        StringWriter w = new StringWriter(4096);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeNumberField("now", (nowNanos - s.zeroNanos) / 1e6);
            g.writeArrayFieldStart("pools");
            for (Monitor.PoolStats p : m.pools()) {
                g.writeStartObject();
                g.writeStringField("name", p.name());
                g.writeStringField("kind", p.kind());
                g.writeNumberField("parallelism", p.parallelism());
                g.writeNumberField("submitted", p.submitted());
                g.writeNumberField("unfinished", p.unfinished());
                g.writeNumberField("failed", p.failed());
                g.writeNumberField("cancelled", p.cancelled());
                g.writeNumberField("dropped", p.dropped());
                g.writeBooleanField("terminated", p.terminated());
                g.writeNumberField("restarts", p.workerExits());
                g.writeArrayFieldStart("workers");
                for (Monitor.WorkerState ws : p.workers()) {
                    g.writeStartObject();
                    g.writeStringField("id", ws.info().id());
                    g.writeNumberField("pid", ws.info().pid());
                    g.writeBooleanField("alive", ws.alive());
                    if (ws.exitReason() != null) {
                        g.writeStringField("exit", ws.exitReason());
                    }
                    long rss = ws.alive() ? rssKb(ws.info().pid()) : -1;
                    if (rss >= 0) {
                        g.writeNumberField("rssKb", rss);
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("selfRssKb", rssKb(ProcessHandle.current().pid()));

            g.writeArrayFieldStart("lanes");
            for (RunState.Lane l : s.lanes) {
                g.writeString(l.name());
            }
            g.writeEndArray();

            g.writeArrayFieldStart("labels");
            for (int i = 0; i < s.labels.size(); i++) {
                long[] c = s.labelCounts.get(i);
                g.writeStartObject();
                g.writeStringField("name", s.labels.get(i));
                g.writeNumberField("ok", c[0]);
                g.writeNumberField("failed", c[1]);
                g.writeNumberField("cancelled", c[2]);
                g.writeNumberField("retried", c[3]);
                g.writeEndObject();
            }
            g.writeEndArray();

            g.writeObjectFieldStart("util");
            g.writeNumberField("bucketMs", RunState.BUCKET_NANOS / 1e6);
            g.writeArrayFieldStart("workers");
            for (RunState.Worker wk : s.workers.values()) {
                g.writeStartObject();
                g.writeStringField("name", wk.pool + " · " + wk.id + (wk.pid >= 0 ? " (pid " + wk.pid + ")" : ""));
                g.writeArrayFieldStart("busy");
                for (int b = 0; b < wk.buckets; b++) {
                    g.writeNumber(Math.round(wk.busy[b] * 1000) / 1000.0);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();

            int to = Math.min(s.spans, fromSpan + MAX_SPANS_PER_MESSAGE);
            g.writeObjectFieldStart("spans");
            g.writeNumberField("from", fromSpan);
            g.writeNumberField("to", to);
            g.writeNumberField("total", s.spans); // more than "to": the rest follows in the next messages
            g.writeNumberField("truncated", s.truncated);
            g.writeNumberField("untimed", s.untimed);
            g.writeArrayFieldStart("lane");
            for (int i = fromSpan; i < to; i++) {
                g.writeNumber(s.spanLane[i]);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("label");
            for (int i = fromSpan; i < to; i++) {
                g.writeNumber(s.spanLabel[i]);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("status");
            for (int i = fromSpan; i < to; i++) {
                g.writeNumber(s.spanStatus[i]);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("start"); // microseconds since the recording started
            for (int i = fromSpan; i < to; i++) {
                g.writeNumber(s.spanStart[i] / 1000);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("end");
            for (int i = fromSpan; i < to; i++) {
                g.writeNumber(s.spanEnd[i] / 1000);
            }
            g.writeEndArray();
            g.writeEndObject();

            g.writeNumberField("failureCount", m.failureCount());
            g.writeArrayFieldStart("failures");
            for (Monitor.FailureGroup f : m.failures()) {
                g.writeStartObject();
                g.writeStringField("type", f.type());
                g.writeStringField("message", f.message());
                g.writeNumberField("count", f.count());
                g.writeStringField("stack", f.stack());
                g.writeArrayFieldStart("examples");
                for (String e : f.examples()) {
                    g.writeString(e);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();

            g.writeArrayFieldStart("graphs");
            for (GraphView v : rec.graphViews()) {
                writeGraph(g, v);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return w.toString();
    }

    private static void writeGraph(JsonGenerator g, GraphView v) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", v.id);
        g.writeBooleanField("finished", v.finished);
        g.writeNumberField("size", v.names.size());
        g.writeObjectFieldStart("counts");
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        for (String st : v.status) {
            counts.merge(st, 1, Integer::sum);
        }
        for (var e : counts.entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("tasks");
        int n = Math.min(v.names.size(), MAX_GRAPH_TASKS);
        for (int i = 0; i < n; i++) {
            g.writeStartObject();
            g.writeStringField("name", v.names.get(i));
            g.writeStringField("status", v.status.get(i));
            g.writeNumberField("attempts", v.attempts.get(i));
            if (v.worker.get(i) != null) {
                g.writeStringField("worker", v.worker.get(i));
            }
            if (v.error.get(i) != null) {
                g.writeStringField("error", v.error.get(i));
            }
            g.writeArrayFieldStart("needs");
            for (int d : v.needs.get(i)) {
                if (d >= 0 && d < n) {
                    g.writeNumber(d);
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** A process's resident set size from /proc (Linux), or -1 where it cannot be read. */
    static long rssKb(long pid) {
        if (pid < 0) {
            return -1;
        }
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
            for (String l : lines) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.substring(6).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
