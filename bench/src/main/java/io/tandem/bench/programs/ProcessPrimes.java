package io.tandem.bench.programs;

import io.tandem.process.ProcessPool;

import java.util.ArrayList;
import java.util.List;

/**
 * Seed 004's {@code ProcessPoolExecutor} prime finder (four ranges up to a limit) as a user ports it from
 * the README: {@link ProcessPool#create()} and {@code map} over the ranges. Usage: {@code ProcessPrimes LIMIT}
 * (the seed's LIMIT is 100000); prints {@code Found P prime numbers}. Single-threaded main.
 */
public final class ProcessPrimes {
    private ProcessPrimes() {
    }

    /** Numbers {@code start..end}, both included, as the seed's {@code (start, end)} tuples. */
    record Range(int start, int end) {
    }

    static boolean isPrime(int n) {
        if (n < 2) {
            return false;
        }
        for (int i = 2; i <= (int) Math.sqrt(n); i++) {
            if (n % i == 0) {
                return false;
            }
        }
        return true;
    }

    static List<Integer> findPrimes(int start, int end) {
        List<Integer> primes = new ArrayList<>();
        for (int n = start; n <= end; n++) {
            if (isPrime(n)) {
                primes.add(n);
            }
        }
        return primes;
    }

    public static void main(String[] args) {
        int limit = Integer.parseInt(args[0]);
        int q = limit / 4;
        List<Range> ranges = List.of(new Range(1, q), new Range(q + 1, 2 * q), new Range(2 * q + 1, 3 * q),
                new Range(3 * q + 1, limit));
        try (ProcessPool executor = ProcessPool.create()) {
            List<List<Integer>> results = executor.map(r -> findPrimes(r.start(), r.end()), ranges);
            List<Integer> allPrimes = results.stream().flatMap(List::stream).toList();
            System.out.println("Found " + allPrimes.size() + " prime numbers");
        }
    }
}
