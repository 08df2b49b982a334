package io.tandem.bench;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
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

    /**
     * tiny-submit's work on {@code pool}: {@code n} tasks {@code x -> x*x} submitted one by one, then each
     * joined; returns the sum. Closes the pool.
     */
    public static long submitEach(io.tandem.TaskPool pool, int n) {
        try (pool) {
            List<io.tandem.Task<Long>> tasks = new ArrayList<>(n);
            for (long i = 0; i < n; i++) {
                long x = i;
                tasks.add(pool.submit(() -> x * x));
            }
            long sum = 0;
            for (io.tandem.Task<Long> t : tasks) {
                sum += t.join();
            }
            return sum;
        }
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

    /** The modulus of the factorials scenario's answer: the sum of {@code n! mod P} fits a long. */
    public static final long FACTORIAL_MOD = 1_000_000_007L;

    /** {@code n!} by the seed's loop ({@code result *= i} for {@code i} in {@code 2..n}), one multiplication per step. */
    public static BigInteger factorial(int n) {
        BigInteger result = BigInteger.ONE;
        for (int i = 2; i <= n; i++) {
            result = result.multiply(BigInteger.valueOf(i));
        }
        return result;
    }

    /** {@code n! mod FACTORIAL_MOD} computed exactly, the task's result (a few bytes to send back, not n!). */
    public static long factorialModP(int n) {
        return factorial(n).mod(BigInteger.valueOf(FACTORIAL_MOD)).longValueExact();
    }

    /** {@code n! mod FACTORIAL_MOD} by a modular loop, no big numbers: the independent answer check. */
    public static long factorialModLoop(int n) {
        long r = 1;
        for (long i = 2; i <= n; i++) {
            r = r * i % FACTORIAL_MOD;
        }
        return r;
    }

    /** {@code count} numbers evenly spread up to {@code max}: {@code max*(k+1)/count} for {@code k < count}. */
    public static List<Integer> spread(int max, int count) {
        List<Integer> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            out.add((int) ((long) max * (k + 1) / count));
        }
        return out;
    }

    /** The period of {@link #columnValue}; one period sums to {@code 0 + 1 + ... + 1008}. */
    public static final int COLUMN_PERIOD = 1009;

    /**
     * Row {@code i} of the mean-column scenario's column: {@code (i * 7919) % 1009}, periodic with period
     * 1009 (both are prime) so Python builds the same column by repeating one period.
     */
    public static long columnValue(long i) {
        return i * 7919 % COLUMN_PERIOD;
    }

    /** Sum of the column's first {@code n} rows from its period, without building it: the independent check. */
    public static long columnSum(long n) {
        long periodSum = (long) (COLUMN_PERIOD - 1) * COLUMN_PERIOD / 2;
        long sum = n / COLUMN_PERIOD * periodSum;
        for (long i = 0; i < n % COLUMN_PERIOD; i++) {
            sum += columnValue(i);
        }
        return sum;
    }

    /** The sum of a chunk: the seed's {@code process_chunk} (which returns {@code chunk.mean()}) kept exact. */
    public static long sum(long[] chunk) {
        long s = 0;
        for (long v : chunk) {
            s += v;
        }
        return s;
    }

    /** {@code sum / n} rounded half-even to 6 places, as a plain decimal string ({@code "504.000347"}). */
    public static String mean6(long sum, long n) {
        return new BigDecimal(sum).divide(new BigDecimal(n), 6, RoundingMode.HALF_EVEN)
                .toPlainString();
    }
}
