package io.tandem.process;

import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.Base64;

/**
 * The child process of the cross-process tests: decodes shared objects sent as base64 of a codec's bytes
 * and does one job with them. Exit status 0 means the job was done; anything thrown exits non-zero with
 * its stack trace on stderr.
 *
 * <pre>
 * locked-increments CODEC N SHARED_LONG   N times, under the value's lock: set(get() + 1)   (seed 004)
 * atomic-increments CODEC N SHARED_LONG   N times incrementAndGet()
 * hold-lock         CODEC SHARED_LOCK      lock, then wait forever (the test kills it)
 * touch-all         CODEC MEMORY INTS DOUBLES   memory[0] = 42; ints[i] += i; doubles[i] += 0.5
 * every-view        CODEC N MEMORY LOCK LONG DOUBLE LONGS INTS DOUBLES
 *                   checks the values the parent set, says so (memory[0] = 8), then N times: one atomic
 *                   update through each view
 * </pre>
 */
public final class SharedCounterChild {
    private SharedCounterChild() {
    }

    public static void main(String[] args) throws Exception {
        Codec codec = Codecs.fromId(args[1]);
        switch (args[0]) {
            case "locked-increments" -> {
                int n = Integer.parseInt(args[2]);
                try (SharedLong counter = (SharedLong) decode(codec, args[3])) {
                    for (int i = 0; i < n; i++) {
                        try (SharedLock.Held held = counter.lock().acquire()) {
                            counter.set(counter.get() + 1);
                        }
                    }
                }
            }
            case "atomic-increments" -> {
                int n = Integer.parseInt(args[2]);
                try (SharedLong counter = (SharedLong) decode(codec, args[3])) {
                    for (int i = 0; i < n; i++) {
                        counter.incrementAndGet();
                    }
                }
            }
            case "hold-lock" -> {
                SharedLock lock = (SharedLock) decode(codec, args[2]);
                lock.lock();
                System.out.println("locked by " + ProcessHandle.current().pid());
                System.out.flush();
                while (true) {
                    // parked until the test kills this process; never unlocks
                    java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
                }
            }
            case "touch-all" -> {
                try (SharedMemory memory = (SharedMemory) decode(codec, args[2]);
                     SharedIntArray ints = (SharedIntArray) decode(codec, args[3]);
                     SharedDoubleArray doubles = (SharedDoubleArray) decode(codec, args[4])) {
                    memory.segment().set(ValueLayout.JAVA_INT, 0, 42);
                    for (int i = 0; i < ints.length(); i++) {
                        ints.addAndGet(i, i);
                    }
                    for (int i = 0; i < doubles.length(); i++) {
                        doubles.addAndGet(i, 0.5);
                    }
                }
            }
            case "every-view" -> everyView(codec, Integer.parseInt(args[2]), java.util.Arrays.copyOfRange(args, 3, args.length));
            default -> throw new IllegalArgumentException("unknown job " + args[0]);
        }
    }

    /** The child half of {@code SharedMemoryCrossProcessTest.everyViewOverOneSegment_fromTwoProcesses}. */
    private static void everyView(Codec codec, int n, String[] handles) {
        try (SharedMemory memory = (SharedMemory) decode(codec, handles[0]);
             SharedLock lock = (SharedLock) decode(codec, handles[1]);
             SharedLong l = (SharedLong) decode(codec, handles[2]);
             SharedDouble d = (SharedDouble) decode(codec, handles[3]);
             SharedLongArray longs = (SharedLongArray) decode(codec, handles[4]);
             SharedIntArray ints = (SharedIntArray) decode(codec, handles[5]);
             SharedDoubleArray doubles = (SharedDoubleArray) decode(codec, handles[6])) {
            expect("memory[0]", 7, memory.segment().get(ValueLayout.JAVA_INT, 0));
            expect("long", 10L, l.get());
            expect("double", 1.5, d.get());
            expect("longs", java.util.List.of(1L, 2L), java.util.Arrays.stream(longs.toArray()).boxed().toList());
            expect("ints", java.util.List.of(3, 4, 5), java.util.Arrays.stream(ints.toArray()).boxed().toList());
            expect("doubles", 0.25, doubles.get(0));
            var raw = memory.segment();
            raw.set(ValueLayout.JAVA_INT, 0, 8); // checked: the parent may start updating
            var counter = ValueLayout.JAVA_LONG.varHandle();
            for (int i = 0; i < n; i++) {
                counter.getAndAdd(raw, 8L, 1L);
                try (SharedLock.Held held = lock.acquire()) {
                    raw.set(ValueLayout.JAVA_LONG, 16, raw.get(ValueLayout.JAVA_LONG, 16) + 1);
                }
                l.incrementAndGet();
                d.addAndGet(1);
                longs.incrementAndGet(i % longs.length());
                ints.incrementAndGet(i % ints.length());
                doubles.addAndGet(0, 1);
            }
        }
    }

    private static void expect(String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            throw new AssertionError(what + ": expected " + expected + " as the parent set it, got " + actual);
        }
    }

    private static Object decode(Codec codec, String base64) {
        return codec.decode(Base64.getDecoder().decode(base64));
    }

    /** What the tests pass as a handle argument. */
    static String encode(Codec codec, Object shared) {
        return Base64.getEncoder().encodeToString(codec.encode(shared));
    }
}
