package io.tandem;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/*
 * Every failure a Monitor hears of, grouped by exception type and message with digits masked ("task 17
 * timed out" and "task 18 timed out" are one group), so a million failures make a handful of groups. Kept
 * apart from the event ring: a group's count is exact whatever the ring dropped. The first failure of a
 * group keeps its stack; a few examples say where it happened. Past MAX_GROUPS distinct groups, further
 * kinds are counted in one overflow group, so memory stays bounded.
 */
final class FailureBook {
    static final int MAX_GROUPS = 1000;
    static final int EXAMPLES = 5;
    private static final int MAX_STACK = 16_000;
    private static final int MAX_KEY = 300;

    private final ConcurrentHashMap<String, Group> groups = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();

    /** Records one failure. Any thread; allocates (failures are not the fast path). */
    void add(Throwable error, String where, long nanos) {
        String type = error.getClass().getName();
        String message = String.valueOf(error.getMessage());
        String key = type + ": " + mask(message);
        Group g = groups.get(key);
        if (g == null) {
            if (groups.size() >= MAX_GROUPS) {
                key = "(more kinds of failure than the " + MAX_GROUPS + " groups kept)";
                type = "(other)";
                message = key;
            }
            String k = key;
            String t = type;
            String m = message;
            g = groups.computeIfAbsent(k, x -> new Group(t, m, stackOf(error), nanos));
        }
        g.add(where, nanos);
        total.incrementAndGet(); // last: a reader that sees the total sees every group count behind it
    }

    long total() {
        return total.get();
    }

    /** The groups, most frequent first. */
    List<Monitor.FailureGroup> snapshot() {
        List<Monitor.FailureGroup> out = new ArrayList<>(groups.size());
        for (Group g : groups.values()) {
            out.add(g.snapshot());
        }
        out.sort(Comparator.comparingLong(Monitor.FailureGroup::count).reversed()
                .thenComparing(Monitor.FailureGroup::type));
        return out;
    }

    /** The message with every run of digits replaced by '#', at most MAX_KEY characters. */
    static String mask(String message) {
        StringBuilder b = new StringBuilder(Math.min(message.length(), MAX_KEY));
        boolean inDigits = false;
        for (int i = 0; i < message.length() && b.length() < MAX_KEY; i++) {
            char c = message.charAt(i);
            if (c >= '0' && c <= '9') {
                if (!inDigits) {
                    b.append('#');
                }
                inDigits = true;
            } else {
                b.append(c);
                inDigits = false;
            }
        }
        return b.toString();
    }

    static String stackOf(Throwable error) {
        StringWriter w = new StringWriter();
        error.printStackTrace(new PrintWriter(w));
        String s = w.toString();
        return s.length() <= MAX_STACK ? s : s.substring(0, MAX_STACK) + "\n\t... (stack cut at " + MAX_STACK + " characters)";
    }

    private static final class Group {
        final String type;
        final String message;
        final String stack;
        final long first;
        final AtomicLong count = new AtomicLong();
        volatile long last;
        final List<String> examples = new ArrayList<>(EXAMPLES); // guarded by this

        Group(String type, String message, String stack, long first) {
            this.type = type;
            this.message = message;
            this.stack = stack;
            this.first = first;
        }

        void add(String where, long nanos) {
            count.incrementAndGet();
            last = nanos;
            synchronized (this) {
                if (examples.size() < EXAMPLES) {
                    examples.add(where);
                }
            }
        }

        Monitor.FailureGroup snapshot() {
            List<String> ex;
            synchronized (this) {
                ex = List.copyOf(examples);
            }
            return new Monitor.FailureGroup(type, message, stack, count.get(), first, last, ex);
        }
    }
}
