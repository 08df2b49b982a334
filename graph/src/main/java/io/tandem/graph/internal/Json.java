package io.tandem.graph.internal;

import io.tandem.graph.RunResult;
import io.tandem.graph.TaskResult;

import java.time.Duration;

/** Writes run results as JSON (no dependency needed for this one shape). Stateless and thread-safe. */
public final class Json {
    private Json() {
    }

    public static String runResult(RunResult r) {
        StringBuilder sb = new StringBuilder(256 + r.tasks().size() * 200);
        sb.append("{\n  \"startedAt\": ");
        str(sb, String.valueOf(r.startedAt()));
        sb.append(",\n  \"elapsedMs\": ").append(ms(r.elapsed()));
        sb.append(",\n  \"cancelled\": ").append(r.cancelled());
        sb.append(",\n  \"succeeded\": ").append(r.succeeded());
        sb.append(",\n  \"counts\": {");
        boolean first = true;
        for (var e : r.counts().entrySet()) {
            sb.append(first ? "" : ", ");
            first = false;
            str(sb, e.getKey().name());
            sb.append(": ").append(e.getValue());
        }
        sb.append("},\n  \"workers\": [");
        for (int i = 0; i < r.workers().size(); i++) {
            sb.append(i == 0 ? "" : ", ");
            str(sb, r.workers().get(i));
        }
        sb.append("],\n  \"tasks\": [");
        for (int i = 0; i < r.tasks().size(); i++) {
            sb.append(i == 0 ? "\n    " : ",\n    ");
            task(sb, r.tasks().get(i));
        }
        sb.append(r.tasks().isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
        return sb.toString();
    }

    private static void task(StringBuilder sb, TaskResult t) {
        sb.append("{\"name\": ");
        str(sb, t.name());
        sb.append(", \"status\": ");
        str(sb, t.status().name());
        sb.append(", \"attempts\": ").append(t.attempts());
        sb.append(", \"priority\": ").append(t.priority());
        if (t.start() != null) {
            sb.append(", \"startMs\": ").append(ms(t.start()));
            sb.append(", \"endMs\": ").append(ms(t.end()));
            sb.append(", \"startedAt\": ");
            str(sb, String.valueOf(t.startedAt()));
            sb.append(", \"worker\": ");
            str(sb, t.worker());
        }
        if (t.dynamic()) {
            sb.append(", \"dynamic\": true");
        }
        if (t.value() != null) {
            sb.append(", \"value\": ");
            str(sb, String.valueOf(t.value()));
        }
        if (t.error() != null) {
            sb.append(", \"error\": {\"type\": ");
            str(sb, t.error().getClass().getName());
            sb.append(", \"message\": ");
            str(sb, String.valueOf(t.error().getMessage()));
            sb.append('}');
        }
        if (t.skipReason() != null) {
            sb.append(", \"reason\": ");
            str(sb, t.skipReason());
        }
        sb.append('}');
    }

    private static String ms(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.3f", d.toNanos() / 1e6);
    }

    /** Appends {@code s} as a JSON string literal. */
    public static void str(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
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
