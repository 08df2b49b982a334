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
            default -> throw new IllegalArgumentException("unknown job " + args[0]);
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
