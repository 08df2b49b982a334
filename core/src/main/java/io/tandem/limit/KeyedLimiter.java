package io.tandem.limit;

import io.tandem.limit.Limiter;
import io.tandem.limit.LimiterTimeoutException;
import io.tandem.limit.RefCountedKeyedLimiter;

import java.time.Duration;

/**
 * A separate {@link Limiter} per key: at most {@code permitsPerKey} holders per key at once, any number
 * of keys (for example at most 6 connections per host while fetching many hosts).
 *
 * {@snippet :
 * KeyedLimiter<String> perHost = KeyedLimiter.of(6);
 * try (Limiter.Permit p = perHost.acquire(uri.getHost())) {
 *     fetch(uri);
 * }
 * }
 *
 * <p>A key's state exists only while one of its permits is held or awaited: it is created by the first
 * acquire and removed when the last permit is released or the last waiter gives up, so memory stays
 * bounded by the keys in use, not by every key ever seen. Keys must have consistent
 * {@code equals}/{@code hashCode} (they are {@link java.util.concurrent.ConcurrentHashMap} keys).
 *
 * <h2>Thread safety and blocking</h2>
 * Every method may be called from any thread. {@code acquire} blocks until a permit of that key is free
 * and throws {@link InterruptedException} on interrupt (having taken nothing); {@code tryAcquire} returns
 * {@code null} instead of throwing or waiting. Keys never block each other. A permit may be closed by any
 * thread; closing it twice does nothing.
 *
 * <h2>Memory consistency effects</h2>
 * Actions before closing a permit of a key happen-before actions after a later acquire of that key that
 * obtains the released permit.
 *
 * <h2>Nulls</h2>
 * Keys and durations must not be null.
 *
 * @param <K> the key type
 */
public interface KeyedLimiter<K> {

    /** At most {@code permitsPerKey} holders per key; waiters may be overtaken (fastest). */
    static <K> KeyedLimiter<K> of(int permitsPerKey) {
        return new RefCountedKeyedLimiter<>(permitsPerKey, false);
    }

    /** At most {@code permitsPerKey} holders per key; each key serves its waiters in arrival order. */
    static <K> KeyedLimiter<K> fair(int permitsPerKey) {
        return new RefCountedKeyedLimiter<>(permitsPerKey, true);
    }

    /** Waits for a permit of {@code key}. */
    Limiter.Permit acquire(K key) throws InterruptedException;

    /**
     * Waits at most {@code timeout} for a permit of {@code key}.
     *
     * @throws LimiterTimeoutException if none became free in time; the message names the key and its state
     */
    Limiter.Permit acquire(K key, Duration timeout) throws InterruptedException;

    /** A permit of {@code key} if one is free now, else {@code null}. Never blocks. */
    Limiter.Permit tryAcquire(K key);

    /** A permit of {@code key} if one becomes free within {@code timeout}, else {@code null}. */
    Limiter.Permit tryAcquire(K key, Duration timeout) throws InterruptedException;

    /** Permits of {@code key} free now ({@link #permitsPerKey()} for a key not in use): a snapshot. */
    int available(K key);

    /** The limit per key. */
    int permitsPerKey();

    /**
     * How many keys have a permit held or awaited now: a weakly consistent count, for monitoring and
     * for tests that check that state does not pile up.
     */
    int activeKeys();
}
