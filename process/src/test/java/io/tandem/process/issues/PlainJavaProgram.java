package io.tandem.process.issues;

import io.tandem.process.ProcessPool;

import java.util.List;

/** A user's program as the README shows it, run by {@link PlainJavaIsQuietTest} with no JVM options. */
public final class PlainJavaProgram {
    record Range(int from, int to) {
    }

    static long countPrimes(Range r) {
        long n = 0;
        for (int i = Math.max(2, r.from()); i < r.to(); i++) {
            boolean prime = true;
            for (int d = 2; (long) d * d <= i; d++) {
                if (i % d == 0) {
                    prime = false;
                    break;
                }
            }
            if (prime) {
                n++;
            }
        }
        return n;
    }

    public static void main(String[] args) {
        try (ProcessPool pool = ProcessPool.create(2)) {
            List<Long> counts = pool.map(PlainJavaProgram::countPrimes,
                    List.of(new Range(0, 2500), new Range(2500, 5000), new Range(5000, 7500), new Range(7500, 10000)));
            List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));
            System.out.println("primes " + counts.stream().mapToLong(Long::longValue).sum() + " squares " + squares);
        }
    }
}
