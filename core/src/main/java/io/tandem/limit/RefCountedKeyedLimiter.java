package io.tandem.limit;

import io.tandem.internal.Checks;
import io.tandem.limit.OncePermit;
import io.tandem.limit.KeyedLimiter;
import io.tandem.limit.Limiter;
import io.tandem.limit.LimiterTimeoutException;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/*
 * Design: one Semaphore per key in a ConcurrentHashMap, created on demand and removed when unused.
 *
 * Each entry carries a reference count: the number of threads that hold a permit of the entry or are
 * trying to get one. The count is changed only inside ConcurrentHashMap.compute / computeIfPresent for
 * its key, which run atomically per key (the map locks the key's bin), so a plain int is enough and
 * "count reached zero" and "remove the entry" are one atomic step.
 *
 *   acquire:  compute(key): entry = existing or new; refs++     -- the entry cannot be removed now
 *             entry.semaphore.acquire()                        -- block outside any map lock
 *             on failure/interrupt: unref
 *   release:  entry.semaphore.release(); unref
 *   unref:    computeIfPresent(key): refs--; remove if 0
 *
 * Why this is safe: a thread only ever waits on an entry it holds a reference to, and an entry is removed
 * only at refs == 0, so no thread can be waiting on (or holding a permit of) a removed entry; a later
 * acquire of the key then creates a fresh entry with a full semaphore, which is correct because nobody
 * holds a permit of the key. Releasing the semaphore before unref keeps the count of an entry at least
 * the number of its holders at every moment, so the per-key bound holds across entry replacement.
 */
final class RefCountedKeyedLimiter<K> implements KeyedLimiter<K> {
    private final ConcurrentHashMap<K, Entry> entries = new ConcurrentHashMap<>();
    private final int permitsPerKey;
    private final boolean fair;

    public RefCountedKeyedLimiter(int permitsPerKey, boolean fair) {
        this.permitsPerKey = Checks.positive(permitsPerKey, "permitsPerKey");
        this.fair = fair;
    }

    @Override
    public Limiter.Permit acquire(K key) throws InterruptedException {
        Entry e = ref(key);
        try {
            e.semaphore.acquire();
        } catch (Throwable t) {
            unref(key);
            throw t;
        }
        return new KeyPermit(key, e);
    }

    @Override
    public Limiter.Permit acquire(K key, Duration timeout) throws InterruptedException {
        long nanos = Checks.nonNegativeNanos(timeout, "timeout");
        Entry e = ref(key);
        boolean got = false;
        try {
            got = e.semaphore.tryAcquire(nanos, TimeUnit.NANOSECONDS);
        } finally {
            if (!got) {
                unref(key);
            }
        }
        if (!got) {
            throw new LimiterTimeoutException("no permit for key " + key + " within " + Checks.human(timeout)
                    + ": " + e.semaphore.availablePermits() + " of " + permitsPerKey + " free, "
                    + e.semaphore.getQueueLength() + " waiting");
        }
        return new KeyPermit(key, e);
    }

    @Override
    public Limiter.Permit tryAcquire(K key) {
        Entry e = ref(key);
        if (e.semaphore.tryAcquire()) {
            return new KeyPermit(key, e);
        }
        unref(key);
        return null;
    }

    @Override
    public Limiter.Permit tryAcquire(K key, Duration timeout) throws InterruptedException {
        long nanos = Checks.nonNegativeNanos(timeout, "timeout");
        Entry e = ref(key);
        boolean got = false;
        try {
            got = e.semaphore.tryAcquire(nanos, TimeUnit.NANOSECONDS);
        } finally {
            if (!got) {
                unref(key);
            }
        }
        return got ? new KeyPermit(key, e) : null;
    }

    @Override
    public int available(K key) {
        Entry e = entries.get(Objects.requireNonNull(key, "key"));
        return e == null ? permitsPerKey : e.semaphore.availablePermits();
    }

    @Override
    public int permitsPerKey() {
        return permitsPerKey;
    }

    @Override
    public int activeKeys() {
        return entries.size();
    }

    /** The entry's reference count, or 0 when the key has no entry; for tests of the clean-up. */
    public int references(K key) {
        int[] refs = {0};
        entries.computeIfPresent(key, (k, e) -> {
            refs[0] = e.refs;
            return e;
        });
        return refs[0];
    }

    private Entry ref(K key) {
        Objects.requireNonNull(key, "key");
        return entries.compute(key, (k, e) -> {
            Entry entry = e == null ? new Entry(permitsPerKey, fair) : e;
            entry.refs++;
            return entry;
        });
    }

    private void unref(K key) {
        entries.computeIfPresent(key, (k, e) -> --e.refs == 0 ? null : e);
    }

    @Override
    public String toString() {
        return "KeyedLimiter[" + permitsPerKey + " per key, " + entries.size() + " keys in use"
                + (fair ? ", fair]" : "]");
    }

    private static final class Entry {
        final Semaphore semaphore;
        /** Holders plus waiters; read and written only inside compute for this entry's key. */
        int refs;

        Entry(int permits, boolean fair) {
            this.semaphore = new Semaphore(permits, fair);
        }
    }

    private final class KeyPermit extends OncePermit {
        private final K key;
        private final Entry entry;

        KeyPermit(K key, Entry entry) {
            super(1);
            this.key = key;
            this.entry = entry;
        }

        @Override
        protected void release() {
            entry.semaphore.release();
            unref(key);
        }

        @Override
        public String toString() {
            return "Permit[" + key + (isClosed() ? ", closed]" : "]");
        }
    }
}
