package io.tandem.bench.programs;

import io.tandem.Task;
import io.tandem.process.Processes;
import io.tandem.process.SharedLock;
import io.tandem.process.SharedLong;

import java.util.ArrayList;
import java.util.List;

/**
 * Seed 004's {@code Value('i', 0)} incremented under {@code get_lock()} by four
 * {@code Process(target=increment)}, as a user ports it from the README: a {@link SharedLong}, its lock,
 * and four {@link Processes#start} (a fresh JVM each). Usage: {@code ValueCounter N} (increments per
 * process, no sleep); prints {@code Final counter value: V}. Single-threaded main.
 */
public final class ValueCounter {
    private ValueCounter() {
    }

    static void increment(SharedLong counter, int n) {
        for (int i = 0; i < n; i++) {
            try (SharedLock.Held held = counter.lock().acquire()) {
                counter.set(counter.get() + 1);
            }
        }
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        try (SharedLong counter = SharedLong.create(0)) {
            List<Task<Void>> processes = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                processes.add(Processes.start(() -> increment(counter, n)));
            }
            for (Task<Void> p : processes) {
                p.join();
            }
            System.out.println("Final counter value: " + counter.get());
        }
    }
}
