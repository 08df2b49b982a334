package io.tandem.dashboard;

import io.tandem.Monitor;
import io.tandem.spi.WorkerInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/*
 * What a Recording keeps of a run, built from the monitor's events by the recording's drain thread: the
 * task stream as compact columns (one entry per finished task: lane, label, start, end, status), lanes per
 * worker, progress per label, busy time per worker per second, and the graphs' DAG state.
 *
 * Lanes: a worker that runs one task at a time (a platform thread) is one lane; a worker that runs several
 * at once (every virtual thread counts as the worker "virtual"; a process worker has several tasks in
 * flight) is split into sub-lanes, each task going to the first sub-lane free at its start.
 *
 * Memory is bounded: past MAX_SPANS tasks the stream stops growing (counted in `truncated`; counters,
 * progress and utilisation go on); utilisation costs one number per worker per second of the run.
 *
 * Tiny tasks the monitor left untimed (Monitor.TaskEvent#timed, one in N is timed) count in progress and
 * in `untimed`, not on the stream; their busy time is estimated as the duration of their worker's last
 * timed task (a neighbour of the same size: sampling only skips tasks after a tiny timed one), put at that
 * task's end.
 *
 * Concurrency: every method is called with the owning Recording's lock held.
 */
final class RunState {
    static final int MAX_SPANS = 1_000_000;
    static final int MAX_SUBLANES = 64;
    static final long BUCKET_NANOS = 1_000_000_000L;

    final long zeroNanos;
    final List<String> labels = new ArrayList<>();
    private final Map<String, Integer> labelIndex = new HashMap<>();
    private final Map<String, Integer> labelByInstance = new IdentityHashMap<>();
    private final Map<String, Map<WorkerInfo, Worker>> workerByInstance = new IdentityHashMap<>(); // pool name -> worker
    private static final int MAX_CACHED = 4096;
    final List<long[]> labelCounts = new ArrayList<>(); // per label: succeeded, failed, cancelled, retried
    final List<Lane> lanes = new ArrayList<>();
    final Map<String, Worker> workers = new LinkedHashMap<>();

    int spans;
    long truncated;
    long untimed;
    int[] spanLane = new int[1024];
    int[] spanLabel = new int[1024];
    byte[] spanStatus = new byte[1024];
    long[] spanStart = new long[1024]; // nanos since zero
    long[] spanEnd = new long[1024];
    long[] spanTask = new long[1024];
    int[] spanAttempt = new int[1024];
    final Map<Integer, String> spanError = new HashMap<>(); // failed spans (the first 10,000)

    RunState(long zeroNanos) {
        this.zeroNanos = zeroNanos;
    }

    /** A lane of the task stream. */
    record Lane(String pool, Worker worker, int sub) {
        String name() {
            return pool + " · " + worker.id + (worker.pid >= 0 ? " (pid " + worker.pid + ")" : "") + (sub > 0 ? " ·" + (sub + 1) : "");
        }
    }

    /** A worker of a pool: its lanes and its busy time per second. */
    static final class Worker {
        final String pool;
        final String id;
        final long pid;
        final List<Integer> laneIds = new ArrayList<>(1);
        long[] laneFreeAt = new long[1];
        double[] busy = new double[8]; // seconds busy per bucket (several lanes: more than 1)
        int buckets;
        long lastTimedEnd;      // nanos since zero
        long lastTimedDuration; // the estimate for its untimed tasks

        Worker(String pool, String id, long pid) {
            this.pool = pool;
            this.id = id;
            this.pid = pid;
        }
    }

    int label(String raw) {
        // most labels are one String per kind of task (a class's label, computed once): found by identity
        Integer hit = labelByInstance.get(raw);
        if (hit != null) {
            return hit;
        }
        String key = raw == null ? "task" : maskDigits(raw);
        Integer i = labelIndex.get(key);
        if (i == null) {
            i = labels.size();
            labels.add(key);
            labelIndex.put(key, i);
            labelCounts.add(new long[4]);
        }
        if (labelByInstance.size() >= MAX_CACHED) {
            labelByInstance.clear(); // named tasks bring a new String each: keep the cache small
        }
        labelByInstance.put(raw, i);
        return i;
    }

    /** Task names that differ only in numbers ("fetch-17", "fetch-18") are one kind: "fetch-#". */
    static String maskDigits(String s) {
        StringBuilder b = null;
        boolean inDigits = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean d = c >= '0' && c <= '9';
            if (d && b == null) {
                b = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (b != null) {
                if (!d) {
                    b.append(c);
                } else if (!inDigits) {
                    b.append('#');
                }
            }
            inDigits = d;
        }
        return b == null ? s : b.toString();
    }

    Worker worker(String pool, WorkerInfo info) {
        // a pool's name and its workers' infos are one object each for the whole run: found by identity
        Map<WorkerInfo, Worker> byInfo = workerByInstance.get(pool);
        Worker w = byInfo == null || info == null ? null : byInfo.get(info);
        if (w != null) {
            return w;
        }
        String id = info == null ? "queue" : info.id();
        long pid = info == null ? -1 : info.pid();
        String key = pool + '\u0000' + id + '\u0000' + pid;
        w = workers.get(key);
        if (w == null) {
            w = new Worker(pool, id, pid);
            workers.put(key, w);
            w.laneIds.add(lanes.size());
            lanes.add(new Lane(pool, w, 0));
        }
        if (info != null) {
            if (byInfo == null) {
                if (workerByInstance.size() >= MAX_CACHED) {
                    workerByInstance.clear();
                }
                byInfo = new IdentityHashMap<>();
                workerByInstance.put(pool, byInfo);
            }
            if (byInfo.size() < MAX_CACHED) {
                byInfo.put(info, w);
            }
        }
        return w;
    }

    /** Adds one event from the monitor. */
    void add(Monitor.TaskEvent e) {
        add(e.kind(), e.pool(), e.task(), e.label(), e.worker(), e.attempt(), e.startNanos(), e.endNanos(), e.error());
    }

    /** Adds {@code count} tiny tasks the monitor counted untimed ({@link Monitor.EventSink#untimed}). */
    void untimed(String pool, String rawLabel, WorkerInfo info, long count) {
        labelCounts.get(label(rawLabel))[0] += count;
        untimed += count;
        Worker w = worker(pool, info);
        busy(w, w.lastTimedEnd, w.lastTimedEnd + w.lastTimedDuration * count);
    }

    /** Adds one event from the monitor, field by field ({@link Monitor.EventSink}). */
    void add(Monitor.Kind kind, String pool, long task, String rawLabel, WorkerInfo info, int attempt,
             long startNanos, long endNanos, Throwable error) {
        int label = label(rawLabel);
        long[] counts = labelCounts.get(label);
        switch (kind) {
            case SUCCEEDED -> counts[0]++;
            case FAILED -> counts[1]++;
            case CANCELLED -> counts[2]++;
            case RETRIED -> {
                counts[3]++;
                return;
            }
        }
        if (info == null) {
            return; // cancelled before it started: counted, not on the stream
        }
        Worker w = worker(pool, info);
        if (startNanos == 0 && endNanos == 0) {
            untimed++; // a tiny task left untimed: counted above, estimated here, not on the stream
            busy(w, w.lastTimedEnd, w.lastTimedEnd + w.lastTimedDuration);
            return;
        }
        long start = Math.max(0, startNanos - zeroNanos);
        long end = Math.max(start, endNanos - zeroNanos);
        w.lastTimedEnd = end;
        w.lastTimedDuration = end - start;
        busy(w, start, end);
        if (spans >= MAX_SPANS) {
            truncated++;
            return;
        }
        int lane = lane(w, start, end);
        grow();
        int i = spans++;
        spanLane[i] = lane;
        spanLabel[i] = label;
        spanStatus[i] = (byte) kind.ordinal();
        spanStart[i] = start;
        spanEnd[i] = end;
        spanTask[i] = task;
        spanAttempt[i] = attempt;
        if (error != null && spanError.size() < 10_000) {
            spanError.put(i, error.getClass().getName() + ": " + error.getMessage());
        }
    }

    private int lane(Worker w, long start, long end) {
        int n = w.laneIds.size();
        for (int k = 0; k < n; k++) {
            if (w.laneFreeAt[k] <= start) {
                w.laneFreeAt[k] = end;
                return w.laneIds.get(k);
            }
        }
        if (n >= MAX_SUBLANES) {
            w.laneFreeAt[n - 1] = Math.max(w.laneFreeAt[n - 1], end);
            return w.laneIds.get(n - 1);
        }
        if (w.laneFreeAt.length == n) {
            w.laneFreeAt = Arrays.copyOf(w.laneFreeAt, n * 2);
        }
        w.laneFreeAt[n] = end;
        int id = lanes.size();
        lanes.add(new Lane(w.pool, w, n));
        w.laneIds.add(id);
        return id;
    }

    private static void busy(Worker w, long start, long end) {
        long b = start / BUCKET_NANOS;
        while (start < end) {
            long bucketEnd = (b + 1) * BUCKET_NANOS;
            long until = Math.min(end, bucketEnd);
            int i = (int) Math.min(b, Integer.MAX_VALUE - 8);
            if (i >= w.busy.length) {
                w.busy = Arrays.copyOf(w.busy, Math.max(i + 1, w.busy.length * 2));
            }
            w.busy[i] += (until - start) / 1e9;
            w.buckets = Math.max(w.buckets, i + 1);
            start = until;
            b++;
        }
    }

    private void grow() {
        if (spans == spanLane.length) {
            int n = Math.min(MAX_SPANS, spans * 2);
            spanLane = Arrays.copyOf(spanLane, n);
            spanLabel = Arrays.copyOf(spanLabel, n);
            spanStatus = Arrays.copyOf(spanStatus, n);
            spanStart = Arrays.copyOf(spanStart, n);
            spanEnd = Arrays.copyOf(spanEnd, n);
            spanTask = Arrays.copyOf(spanTask, n);
            spanAttempt = Arrays.copyOf(spanAttempt, n);
        }
    }
}
