package io.tandem;

import io.tandem.spi.MapChunk;
import io.tandem.function.SerializableCallable;
import io.tandem.function.SerializableFunction;

import java.io.Serial;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/*
 * map, imap and imapUnordered for in-process pools.
 *
 * map: the input is copied to an array once; chunks of it run as ordinary tasks and write their
 * results straight into one output array (no per-item task, no per-chunk result copy). Chunk size by
 * default gives about four chunks per worker, which keeps both cores busy when item costs vary while
 * keeping per-task overhead negligible. Fail-fast: the first item to throw records itself (CAS) and
 * cancels every chunk; the other chunks also poll the failure flag between items, so they stop even on
 * a pool that cannot interrupt. A direct pool (parallelism 1) or a single chunk runs in the caller.
 *
 * imap/imapUnordered: a sliding window of at most 2 x parallelism chunks in flight; input is pulled
 * from the source iterator only to refill the window, so an endless source works and memory stays
 * bounded. Ordered mode waits for the oldest chunk; unordered mode takes chunks from a completion queue
 * fed by onComplete callbacks.
 */
final class MapSupport {
    private MapSupport() {
    }

    static Object[] toArray(Iterable<?> items) {
        if (items instanceof Collection<?> c) {
            Object[] a = c.toArray();
            return a;
        }
        ArrayList<Object> list = new ArrayList<>();
        for (Object o : items) {
            list.add(o);
        }
        return list.toArray();
    }

    static int autoChunk(int n, int parallelism) {
        // an unlimited virtual pool reports Integer.MAX_VALUE: chunk for the cores that will run the work
        int workers = Math.min(parallelism, Runtime.getRuntime().availableProcessors());
        int chunks = Math.max(1, workers * 4);
        return Math.max(1, (n + chunks - 1) / chunks);
    }

    /** Shared by the chunks of one map call. */
    static final class MapJob {
        final AtomicReference<ItemFailedException> failure = new AtomicReference<>();
        volatile boolean stop;
        final List<TaskImpl<?>> tasks = new ArrayList<>();

        void fail(long index, Throwable error) {
            if (failure.compareAndSet(null, new ItemFailedException(index, error))) {
                stop = true;
                cancelAll();
            }
        }

        void cancelAll() {
            stop = true;
            synchronized (tasks) {
                for (TaskImpl<?> t : tasks) {
                    t.cancel(true);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    static <T, R> List<R> map(CorePool pool, SerializableFunction<? super T, ? extends R> fn,
                              Object[] in, int chunkSize) {
        int n = in.length;
        if (n == 0) {
            return List.of();
        }
        int chunk = chunkSize > 0 ? chunkSize : autoChunk(n, pool.parallelism());
        if (pool.remote()) {
            // Tasks run in another process: results come back by value, chunk by chunk, all in flight at once.
            List<R> results = new ArrayList<>(n);
            @SuppressWarnings("unchecked")
            List<T> input = (List<T>) Arrays.asList(in);
            try (TaskPool.MapIterator<R> it = lazy(pool, fn, input, chunk, true, Integer.MAX_VALUE)) {
                it.forEachRemaining(results::add);
            }
            return results;
        }
        Object[] out = new Object[n];
        if (chunk >= n || pool.parallelism() == 1) {
            // One chunk or a sequential pool: still a task of the pool (so direct pools count and track it).
            MapJob job = new MapJob();
            TaskImpl<Object> t = pool.submitTask(null, () -> {
                runChunk(fn, in, out, 0, n, job);
                return null;
            });
            awaitAll(job, List.of(t));
            return (List<R>) Arrays.asList(out);
        }
        MapJob job = new MapJob();
        List<TaskImpl<?>> submitted = new ArrayList<>((n + chunk - 1) / chunk);
        try {
            for (int start = 0; start < n; start += chunk) {
                int from = start;
                int to = Math.min(n, start + chunk);
                TaskImpl<Object> t = pool.submitTask(null, () -> {
                    runChunk(fn, in, out, from, to, job);
                    return null;
                });
                submitted.add(t);
                synchronized (job.tasks) {
                    job.tasks.add(t);
                }
                if (job.stop) {
                    t.cancel(true);
                    break;
                }
            }
        } catch (RuntimeException e) {
            job.cancelAll();
            throw e;
        }
        awaitAll(job, submitted);
        return (List<R>) Arrays.asList(out);
    }

    private static <T, R> void runChunk(SerializableFunction<? super T, ? extends R> fn, Object[] in, Object[] out,
                                        int from, int to, MapJob job) {
        int i = from;
        try {
            for (; i < to; i++) {
                if (job.stop) {
                    return;
                }
                @SuppressWarnings("unchecked")
                T item = (T) in[i];
                out[i] = fn.apply(item);
            }
        } catch (Throwable e) {
            job.fail(i, e);
        }
    }

    private static void awaitAll(MapJob job, List<TaskImpl<?>> tasks) {
        try {
            for (TaskImpl<?> t : tasks) {
                t.awaitCompletion();
                if (job.failure.get() != null) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            job.cancelAll();
            Thread.currentThread().interrupt();
            CancellationException ce = new CancellationException("interrupted while waiting for map results; the work was cancelled");
            ce.initCause(e);
            throw ce;
        }
        ItemFailedException failure = job.failure.get();
        if (failure != null) {
            // Wait for the cancelled chunks to notice, so no chunk writes into `out` after we return.
            for (TaskImpl<?> t : tasks) {
                try {
                    t.awaitCompletion();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            throw new ItemFailedException(failure.index(), failure.getCause());
        }
        for (TaskImpl<?> t : tasks) {
            if (t.isCancelled()) {
                throw new CancellationException("map was cancelled: its task " + t.name() + " was cancelled (pool shut down?)");
            }
        }
    }

    // ---- lazy maps -------------------------------------------------------------------------------

    static <T, R> TaskPool.MapIterator<R> lazy(CorePool pool, SerializableFunction<? super T, ? extends R> fn,
                                                Iterable<? extends T> items, int chunkSize, boolean ordered, int window) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(items, "items");
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1, got " + chunkSize);
        }
        return new LazyMap<>(pool, fn, items.iterator(), chunkSize, Math.max(1, window), ordered);
    }

    static final class LazyMap<T, R> implements TaskPool.MapIterator<R> {
        private final CorePool pool;
        private final SerializableFunction<? super T, ? extends R> fn;
        private final Iterator<? extends T> source;
        private final int chunkSize;
        private final int window;
        private final boolean ordered;
        private final ArrayDeque<TaskImpl<MapChunk.Result>> inFlight = new ArrayDeque<>();
        private final LinkedBlockingQueue<TaskImpl<MapChunk.Result>> completed = new LinkedBlockingQueue<>();
        private long nextIndex;
        private Object[] current;
        private int pos;
        private int limit;
        private ItemFailedException pendingFailure;
        private boolean closed;

        LazyMap(CorePool pool, SerializableFunction<? super T, ? extends R> fn, Iterator<? extends T> source,
                int chunkSize, int window, boolean ordered) {
            this.pool = pool;
            this.fn = fn;
            this.source = source;
            this.chunkSize = chunkSize;
            this.window = window;
            this.ordered = ordered;
            refill();
        }

        private void refill() {
            while (!closed && inFlight.size() < window && source.hasNext()) {
                Object[] buf = new Object[chunkSize];
                int k = 0;
                while (k < chunkSize && source.hasNext()) {
                    buf[k++] = source.next();
                }
                Object[] items = k == chunkSize ? buf : Arrays.copyOf(buf, k);
                TaskImpl<MapChunk.Result> t = pool.submitTask(null, new MapChunk<T, R>(fn, items, nextIndex));
                nextIndex += k;
                inFlight.add(t);
                if (!ordered) {
                    t.onComplete(o -> completed.add(t));
                }
            }
        }

        @Override
        public boolean hasNext() {
            if (closed) {
                return false;
            }
            if (current != null && pos < limit) {
                return true;
            }
            if (pendingFailure != null) {
                ItemFailedException f = pendingFailure;
                close();
                throw new ItemFailedException(f.index(), f.getCause());
            }
            if (inFlight.isEmpty()) {
                close();
                return false;
            }
            TaskImpl<MapChunk.Result> t;
            try {
                if (ordered) {
                    t = inFlight.poll();
                    t.awaitCompletion();
                } else {
                    t = completed.take();
                    inFlight.remove(t);
                }
            } catch (InterruptedException e) {
                close();
                Thread.currentThread().interrupt();
                CancellationException ce = new CancellationException("interrupted while waiting for the next map result; the work was cancelled");
                ce.initCause(e);
                throw ce;
            }
            switch (t.state()) {
                case SUCCESS -> {
                    MapChunk.Result r = t.resultNow();
                    current = r.values();
                    limit = r.count();
                    pos = 0;
                    pendingFailure = r.failure();
                    if (pendingFailure != null) {
                        // stop the rest now; the items before the failure are still yielded
                        for (TaskImpl<MapChunk.Result> other : inFlight) {
                            other.cancel(true);
                        }
                        inFlight.clear();
                        return hasNext();
                    }
                }
                case FAILED -> {
                    Throwable e = t.exceptionNow();
                    close();
                    throw new CompletionException("map chunk " + t.name() + " failed: " + e, e);
                }
                default -> {
                    close();
                    throw new CancellationException("map was cancelled: its task " + t.name() + " was cancelled");
                }
            }
            refill();
            return hasNext();
        }

        @Override
        @SuppressWarnings("unchecked")
        public R next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            R r = (R) current[pos];
            current[pos++] = null;
            return r;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                for (TaskImpl<MapChunk.Result> t : inFlight) {
                    t.cancel(true);
                }
                inFlight.clear();
                current = null;
            }
        }
    }
}
