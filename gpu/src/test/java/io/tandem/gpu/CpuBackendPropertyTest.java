package io.tandem.gpu;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The CPU backend against plain Java loops: seeded random expressions (arithmetic, comparisons, select,
 * math functions, casts, the index) over random sizes, including 0, 1, the block size +-1 and sizes that
 * cross the parallel split. Each expression is rendered as kernel text and, separately, evaluated by this
 * test with Java's own operators; the results must be bit-identical (same IEEE operations, same order).
 * Reductions: int64 sums and float64 max are order-independent, so exact too. A failure prints the seed
 * and the expression; {@code -Dtandem.gpuSeed=N} replays one seed.
 */
class CpuBackendPropertyTest {
    private static final int[] SIZES = {0, 1, 7, 255, 256, 257, 1000, 32_767, 32_769, 100_003, 262_145};
    private static final int EXPRESSIONS = Integer.getInteger("tandem.gpuExpressions", 80);

    /** A generated expression: its text, and its value computed directly in Java. */
    private record Gen(String text, Function<Env, Double> eval) {
    }

    private record Env(double x, double y, int k, long i) {
    }

    private record GenI(String text, Function<Env, Integer> eval) {
    }

    private static Gen leaf(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> new Gen("x", e -> e.x);
            case 1 -> new Gen("y", e -> e.y);
            case 2 -> new Gen("float64(k)", e -> (double) e.k);
            case 3 -> new Gen("float64(i)", e -> (double) e.i);
            default -> {
                double c = Math.round(r.nextGaussian() * 400) / 100.0;
                yield new Gen(Double.toString(c), e -> c);
            }
        };
    }

    private static Gen floats(Random r, int depth) {
        if (depth == 0 || r.nextInt(4) == 0) {
            return leaf(r);
        }
        Gen a = floats(r, depth - 1);
        Gen b = floats(r, depth - 1);
        return switch (r.nextInt(12)) {
            case 0 -> new Gen("(" + a.text + " + " + b.text + ")", e -> a.eval.apply(e) + b.eval.apply(e));
            case 1 -> new Gen("(" + a.text + " - " + b.text + ")", e -> a.eval.apply(e) - b.eval.apply(e));
            case 2 -> new Gen("(" + a.text + " * " + b.text + ")", e -> a.eval.apply(e) * b.eval.apply(e));
            case 3 -> new Gen("(" + a.text + " / " + b.text + ")", e -> a.eval.apply(e) / b.eval.apply(e));
            case 4 -> new Gen("sqrt(abs(" + a.text + "))", e -> Math.sqrt(Math.abs(a.eval.apply(e))));
            case 5 -> new Gen("exp(min(" + a.text + ", 5.0))", e -> Math.exp(Math.min(a.eval.apply(e), 5.0)));
            case 6 -> new Gen("sin(" + a.text + ")", e -> Math.sin(a.eval.apply(e)));
            case 7 -> new Gen("max(" + a.text + ", " + b.text + ")", e -> Math.max(a.eval.apply(e), b.eval.apply(e)));
            case 8 -> new Gen("floor(" + a.text + ")", e -> Math.floor(a.eval.apply(e)));
            case 9 -> new Gen("-" + a.text, e -> -a.eval.apply(e));
            case 10 -> new Gen("float64(float32(" + a.text + "))", e -> (double) (float) (double) a.eval.apply(e));
            default -> {
                Gen c = floats(r, depth - 1);
                String op = new String[]{"<", "<=", ">", ">=", "==", "!="}[r.nextInt(6)];
                yield new Gen("select(" + a.text + " " + op + " " + b.text + " || x < -3.0, " + c.text + ", " + b.text + ")", e -> {
                    double av = a.eval.apply(e);
                    double bv = b.eval.apply(e);
                    boolean cond = switch (op) {
                        case "<" -> av < bv;
                        case "<=" -> av <= bv;
                        case ">" -> av > bv;
                        case ">=" -> av >= bv;
                        case "==" -> av == bv;
                        default -> av != bv;
                    } || e.x < -3.0;
                    return cond ? c.eval.apply(e) : bv;
                });
            }
        };
    }

    private static GenI ints(Random r, int depth) {
        if (depth == 0 || r.nextInt(4) == 0) {
            return switch (r.nextInt(4)) {
                case 0 -> new GenI("k", e -> e.k);
                case 1 -> new GenI("int32(i)", e -> (int) e.i);
                case 2 -> new GenI("int32(x * 100.0)", e -> (int) (e.x * 100.0));
                default -> {
                    int c = r.nextInt(2001) - 1000;
                    yield new GenI(Integer.toString(c), e -> c);
                }
            };
        }
        GenI a = ints(r, depth - 1);
        GenI b = ints(r, depth - 1);
        int d = 1 + r.nextInt(97);
        return switch (r.nextInt(7)) {
            case 0 -> new GenI("(" + a.text + " + " + b.text + ")", e -> a.eval.apply(e) + b.eval.apply(e));
            case 1 -> new GenI("(" + a.text + " - " + b.text + ")", e -> a.eval.apply(e) - b.eval.apply(e));
            case 2 -> new GenI("(" + a.text + " * " + b.text + ")", e -> a.eval.apply(e) * b.eval.apply(e));
            case 3 -> new GenI("(" + a.text + " % " + d + ")", e -> a.eval.apply(e) % d);
            case 4 -> new GenI("(" + a.text + " / " + d + ")", e -> a.eval.apply(e) / d);
            case 5 -> new GenI("abs(min(" + a.text + ", " + b.text + "))", e -> Math.abs(Math.min(a.eval.apply(e), b.eval.apply(e))));
            default -> new GenI("select(" + a.text + " > " + b.text + ", " + a.text + ", -" + b.text + ")",
                    e -> a.eval.apply(e) > b.eval.apply(e) ? a.eval.apply(e) : -b.eval.apply(e));
        };
    }

    private static double[] doubles(Random r, int n) {
        double[] a = new double[n];
        for (int j = 0; j < n; j++) {
            a[j] = r.nextInt(50) == 0 ? 0.0 : r.nextGaussian() * 3;
        }
        return a;
    }

    @Test
    void randomExpressionsMatchPlainLoops() {
        long base = Long.getLong("tandem.gpuSeed", 20261202L); // fixed in the build, any seed by hand
        Device cpu = Gpu.cpu();
        for (int t = 0; t < EXPRESSIONS; t++) {
            long seed = base + t;
            Random r = new Random(seed);
            Gen f = floats(r, 4);
            GenI g = ints(r, 3);
            int n = SIZES[r.nextInt(SIZES.length)];
            double[] x = doubles(r, n);
            double[] y = doubles(r, n);
            int[] k = new int[n];
            for (int j = 0; j < n; j++) {
                k[j] = r.nextInt(20001) - 10000;
            }
            String body = "f = " + f.text + "; g = " + g.text;
            try {
                ElementwiseKernel kernel = ElementwiseKernel.create("float64 x, float64 y, int32 k", "float64 f, int32 g", body, "prop");
                try (DeviceArray dx = cpu.copyOf(x); DeviceArray dy = cpu.copyOf(y); DeviceArray dk = cpu.copyOf(k);
                     DeviceArray of = cpu.allocate(DType.FLOAT64, n); DeviceArray og = cpu.allocate(DType.INT32, n)) {
                    kernel.launch(dx, dy, dk, of, og);
                    double[] fs = of.toDoubleArray();
                    int[] gs = og.toIntArray();
                    for (int j = 0; j < n; j++) {
                        Env e = new Env(x[j], y[j], k[j], j);
                        double want = f.eval.apply(e);
                        if (Double.compare(want, fs[j]) != 0) {
                            fail("seed " + seed + ", n " + n + ", element " + j + ": f = " + fs[j] + ", plain loop " + want + "\n" + body);
                        }
                        assertEquals(g.eval.apply(e), gs[j], "seed " + seed + ", n " + n + ", element " + j + "\n" + body);
                    }
                    long sum = 0;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < n; j++) {
                        sum += g.eval.apply(new Env(x[j], y[j], k[j], j));
                        max = Math.max(max, fs[j]);
                    }
                    ReductionKernel sumK = ReductionKernel.create("float64 x, float64 y, int32 k", "int64 s", g.text, "a + b", null, "0", "psum");
                    assertEquals(sum, sumK.apply(dx, dy, dk), "seed " + seed + " sum of " + g.text);
                    if (n > 0) {
                        assertEquals(0, Double.compare(max, of.max().doubleValue()), "seed " + seed + " max");
                    }
                }
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + " (replay: -Dtandem.gpuSeed=" + seed + "), n " + n + ", body: " + body + ": " + e, e);
            }
        }
    }

    @Test
    void scalarsAndFloat32FollowJavasFloatArithmetic() {
        Random r = new Random(42);
        for (int n : SIZES) {
            float[] x = new float[n];
            float[] y = new float[n];
            for (int j = 0; j < n; j++) {
                x[j] = (float) r.nextGaussian();
                y[j] = (float) r.nextGaussian();
            }
            ElementwiseKernel saxpy = ElementwiseKernel.create("float32 a, float32 x, float32 y", "float32 z", "z = a * x + y", "saxpy");
            try (DeviceArray dx = Gpu.cpu().copyOf(x); DeviceArray dy = Gpu.cpu().copyOf(y); DeviceArray z = saxpy.apply(2.5f, dx, dy)) {
                float[] zs = z.toFloatArray();
                for (int j = 0; j < n; j++) {
                    assertEquals(2.5f * x[j] + y[j], zs[j], "n " + n + " element " + j);
                }
                double want = 0;
                for (float v : x) {
                    want += (double) v * v;
                }
                float got = dx.dot(dx).floatValue();
                assertEquals(want, got, 1e-4 * Math.max(1, want), "n " + n + ": float32 sum of squares within rounding");
            }
        }
    }
}
