package io.tandem.bench;

import java.util.ArrayList;
import java.util.List;

/** The work items shared by scenarios, the JMH benchmarks and the tests: small pure functions. */
public final class Workloads {
    private Workloads() {
    }

    /** Cores the harness sizes its pools by (the JDK's view, which honours container limits). */
    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** {@code 0, 1, ..., n-1} as boxed longs: the input of the tiny-task scenarios. */
    public static List<Long> longs(int n) {
        List<Long> list = new ArrayList<>(n);
        for (long i = 0; i < n; i++) {
            list.add(i);
        }
        return list;
    }

    /** Sum of {@code x*x} for {@code x} in {@code [0, n)}, in closed form. */
    public static long sumOfSquares(long n) {
        return (n - 1) * n * (2 * n - 1) / 6;
    }

    /** Trial division up to the square root, exactly as the seed's {@code is_prime}. */
    public static boolean isPrime(long n) {
        if (n < 2) {
            return false;
        }
        long limit = (long) Math.sqrt((double) n);
        for (long i = 2; i <= limit; i++) {
            if (n % i == 0) {
                return false;
            }
        }
        return true;
    }

    /** Sum of the primes in {@code [from, to)}. */
    public static long sumPrimes(long from, long to) {
        long sum = 0;
        for (long n = from; n < to; n++) {
            if (isPrime(n)) {
                sum += n;
            }
        }
        return sum;
    }

    /** Sum of the primes below {@code n} with a sieve: the independent answer check for the primes scenario. */
    public static long sumPrimesSieve(int n) {
        if (n < 3) {
            return 0;
        }
        boolean[] composite = new boolean[n];
        long sum = 0;
        for (int i = 2; i < n; i++) {
            if (!composite[i]) {
                sum += i;
                for (long j = (long) i * i; j < n; j += i) {
                    composite[(int) j] = true;
                }
            }
        }
        return sum;
    }

    /** {@code [from, to)} bounds of {@code parts} equal-width ranges covering {@code [0, n)} (the seed splits by value). */
    public static List<long[]> ranges(long n, int parts) {
        List<long[]> out = new ArrayList<>(parts);
        for (int i = 0; i < parts; i++) {
            out.add(new long[] {n * i / parts, n * (i + 1) / parts});
        }
        return out;
    }
}
