package io.tandem.test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A nanosecond clock that moves only when told to; its sleeper advances it instead of waiting. */
public final class FakeClock implements LongSupplier {
    private final AtomicLong nanos;

    public FakeClock(long start) {
        nanos = new AtomicLong(start);
    }

    public FakeClock() {
        this(1_000_000_000L);
    }

    @Override
    public long getAsLong() {
        return nanos.get();
    }

    public void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    public void advanceNanos(long d) {
        nanos.addAndGet(d);
    }
}
