package io.tandem.limit;

import io.tandem.limit.KeyedLimiter;
import io.tandem.limit.Limiter;
import io.tandem.limit.RefCountedKeyedLimiter;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.lincheck.datastructures.ThreadIdGen;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;

/**
 * Model-checks the reference counting of {@link KeyedLimiter}: tryAcquire, release and available are
 * linearizable against the same class run sequentially, and after every scenario each key's state exists
 * exactly while one of its permits is held, with a reference count equal to the holders.
 *
 * <p>Each Lincheck thread keeps its own permits ({@link ThreadIdGen} passes the thread's index), so the
 * test adds no shared state of its own.
 */
@Param(name = "key", gen = IntGen.class, conf = "0:1")
@Param(name = "thread", gen = ThreadIdGen.class)
public class KeyedLimiterLincheckTest {
    private static final int PER_KEY = 1;
    private static final int MAX_THREADS = 8; // Lincheck's init/post parts get their own index

    private final RefCountedKeyedLimiter<Integer> limiter = new RefCountedKeyedLimiter<>(PER_KEY, false);
    @SuppressWarnings("unchecked")
    private final ArrayDeque<Limiter.Permit>[][] held = new ArrayDeque[MAX_THREADS][2];

    public KeyedLimiterLincheckTest() {
        for (ArrayDeque<Limiter.Permit>[] row : held) {
            for (int k = 0; k < row.length; k++) {
                row[k] = new ArrayDeque<>();
            }
        }
    }

    @Operation
    public boolean tryAcquire(@Param(name = "thread") int thread, @Param(name = "key") int key) {
        Limiter.Permit p = limiter.tryAcquire(key);
        if (p == null) {
            return false;
        }
        held[thread][key].push(p);
        return true;
    }

    @Operation
    public boolean release(@Param(name = "thread") int thread, @Param(name = "key") int key) {
        Limiter.Permit p = held[thread][key].poll();
        if (p == null) {
            return false;
        }
        p.close();
        return true;
    }

    @Operation
    public int available(@Param(name = "key") int key) {
        return limiter.available(key);
    }

    @Validate
    public void stateExistsExactlyWhilePermitsAreHeld() {
        for (int key = 0; key < 2; key++) {
            int holders = 0;
            for (ArrayDeque<Limiter.Permit>[] row : held) {
                holders += row[key].size();
            }
            int refs = limiter.references(key);
            if (refs != holders) {
                throw new IllegalStateException("key " + key + ": " + refs + " references but " + holders + " holders");
            }
            if (limiter.available(key) != PER_KEY - holders) {
                throw new IllegalStateException("key " + key + ": " + limiter.available(key) + " available with "
                        + holders + " holders");
            }
        }
        int keysInUse = 0;
        for (int key = 0; key < 2; key++) {
            keysInUse += limiter.references(key) > 0 ? 1 : 0;
        }
        if (limiter.activeKeys() != keysInUse) {
            throw new IllegalStateException(limiter.activeKeys() + " keys in the map, " + keysInUse + " in use");
        }
    }

    @Test
    void modelChecking() {
        new ModelCheckingOptions()
                .iterations(10 * Integer.getInteger("tandem.stressScale", 1))
                .invocationsPerIteration(500)
                .threads(3)
                .actorsPerThread(3)
                .check(getClass());
    }

    @Test
    void stress() {
        new StressOptions()
                .iterations(10 * Integer.getInteger("tandem.stressScale", 1))
                .invocationsPerIteration(1_000)
                .threads(3)
                .actorsPerThread(3)
                .check(getClass());
    }
}
