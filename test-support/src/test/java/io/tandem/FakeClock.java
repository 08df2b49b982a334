package io.tandem;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A nanosecond clock that moves only when told to; its sleeper advances it instead of waiting. */
final class FakeClock implements LongSupplier {
    private final AtomicLong nanos;

    FakeClock(long start) {
        nanos = new AtomicLong(start);
    }

    FakeClock() {
        this(1_000_000_000L);
    }

    @Override
    public long getAsLong() {
        return nanos.get();
    }

    void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    void advanceNanos(long d) {
        nanos.addAndGet(d);
    }
}
