package io.tandem.test;

import java.util.Map;

/** Formats the stacks of live platform threads, for failure messages of hung or leaking tests. */
public final class ThreadDump {
    private ThreadDump() {
    }

    public static String allThreads() {
        StringBuilder sb = new StringBuilder("Thread dump:\n");
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            sb.append(describe(e.getKey(), e.getValue()));
        }
        return sb.toString();
    }

    public static String describe(Thread t, StackTraceElement[] stack) {
        StringBuilder sb = new StringBuilder();
        sb.append("  \"").append(t.getName()).append("\" ").append(t.getState())
                .append(t.isDaemon() ? " daemon" : "").append('\n');
        int n = Math.min(stack.length, 25);
        for (int i = 0; i < n; i++) {
            sb.append("      at ").append(stack[i]).append('\n');
        }
        if (stack.length > n) {
            sb.append("      ... ").append(stack.length - n).append(" more\n");
        }
        return sb.toString();
    }
}
