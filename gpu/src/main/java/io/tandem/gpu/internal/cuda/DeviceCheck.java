package io.tandem.gpu.internal.cuda;

import io.tandem.gpu.DType;
import io.tandem.gpu.Device;
import io.tandem.gpu.DeviceArray;
import io.tandem.gpu.ElementwiseKernel;
import io.tandem.gpu.Gpu;
import io.tandem.gpu.ReductionKernel;
import io.tandem.gpu.internal.lang.Checker;
import io.tandem.gpu.internal.lang.Elementwise;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The device check {@code gpu/device-check.sh} runs on an NVIDIA machine: every kernel kind on the GPU
 * against the CPU backend, the stream and event bindings, first-use and launch latency, and the bandwidth
 * table (device-to-device copy, square, saxpy, sum) with each kernel as a share of the copy's bandwidth.
 * Exits 0 when every check passed, 1 when one failed, 2 without a GPU. Not part of the API.
 */
public final class DeviceCheck {
    private static final List<String> FAILED = new ArrayList<>();

    private DeviceCheck() {
    }

    public static void main(String[] args) {
        int maxLog2 = args.length > 0 ? Integer.parseInt(args[0]) : 28;
        System.out.println("Tandem GPU device check; java " + Runtime.version());
        if (!Gpu.available()) {
            System.out.println("NO GPU: " + Gpu.unavailableReason());
            System.exit(2);
        }
        CudaDevice gpu = (CudaDevice) Gpu.gpu();
        System.out.println("device: " + gpu.info() + ", driver " + gpu.driverVersion() + ", devices: " + Gpu.devices());
        System.out.println("PTX header used first: .version 6.0 / .target sm_50; fallback header: " + gpu.ptxHeader().replace('\n', ' '));
        Device cpu = Gpu.cpu();
        check("first use (generate + JIT + launch)", () -> firstUse(gpu));
        check("square int64 (the seed)", () -> {
            try (DeviceArray x = gpu.arange(10); DeviceArray y = x.mul(x).eval()) {
                expect("[ 0  1  4  9 16 25 36 49 64 81]".equals(y.toString()), "square printed " + y);
            }
        });
        for (int n : new int[]{0, 1, 255, 257, 1_000_003}) {
            check("elementwise exact ops, n=" + n, () -> exact(gpu, cpu, n));
            check("reductions, n=" + n, () -> reductions(gpu, cpu, n));
        }
        check("float32 math within approximation error", () -> math(gpu, cpu));
        check("streams (create/synchronize/destroy)", gpu::checkStreams);
        check("events (an empty timing)", () -> expect(gpu.timeMillis(() -> { }) >= 0, "negative event time"));
        check("launch-to-completion latency", () -> latency(gpu));
        bandwidth(gpu, maxLog2);
        System.out.println(FAILED.isEmpty() ? "ALL CHECKS PASSED" : "FAILED: " + FAILED);
        System.exit(FAILED.isEmpty() ? 0 : 1);
    }

    private static void check(String name, Runnable r) {
        long t0 = System.nanoTime();
        try {
            r.run();
            System.out.printf(Locale.ROOT, "PASS %-45s %8.1f ms%n", name, (System.nanoTime() - t0) / 1e6);
        } catch (Throwable t) {
            FAILED.add(name);
            System.out.println("FAIL " + name + ": " + t);
            t.printStackTrace(System.out);
        }
    }

    private static void expect(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    private static void firstUse(CudaDevice gpu) {
        try (DeviceArray x = gpu.copyOf(new float[]{1, 2, 3})) {
            long t0 = System.nanoTime();
            ElementwiseKernel k = ElementwiseKernel.create("float32 x", "float32 y", "y = x * 3.0 + 1.0", "first_use");
            try (DeviceArray y = k.apply(x)) {
                double ms = (System.nanoTime() - t0) / 1e6;
                System.out.printf(Locale.ROOT, "     first use of a new kernel: %.2f ms (goal <= 50 ms)%n", ms);
                expect(Arrays.equals(y.toFloatArray(), new float[]{4, 7, 10}), "values " + Arrays.toString(y.toFloatArray()));
            }
        }
    }

    private static void exact(Device gpu, Device cpu, int n) {
        ElementwiseKernel k = ElementwiseKernel.create("float32 a, float32 x, float32 y, int32 m", "float32 z, int64 w, float64 d",
                "z = select(x > y, a * x + y, sqrt(abs(x)) / (y + 3.0)); w = int64(m) * m % 1000 + i - n; "
                        + "d = float64(x) * y - floor(float64(m) / 3.0) + max(x, y)", "exact");
        Random r = new Random(n);
        float[] x = new float[n];
        float[] y = new float[n];
        int[] m = new int[n];
        for (int j = 0; j < n; j++) {
            x[j] = (float) r.nextGaussian();
            y[j] = (float) r.nextGaussian();
            m[j] = r.nextInt();
        }
        try (DeviceArray gx = gpu.copyOf(x); DeviceArray gy = gpu.copyOf(y); DeviceArray gm = gpu.copyOf(m);
             DeviceArray gz = gpu.allocate(DType.FLOAT32, n); DeviceArray gw = gpu.allocate(DType.INT64, n);
             DeviceArray gd = gpu.allocate(DType.FLOAT64, n);
             DeviceArray cx = cpu.copyOf(x); DeviceArray cy = cpu.copyOf(y); DeviceArray cm = cpu.copyOf(m);
             DeviceArray cz = cpu.allocate(DType.FLOAT32, n); DeviceArray cw = cpu.allocate(DType.INT64, n);
             DeviceArray cd = cpu.allocate(DType.FLOAT64, n)) {
            k.launch(1.5f, gx, gy, gm, gz, gw, gd);
            k.launch(1.5f, cx, cy, cm, cz, cw, cd);
            expect(Arrays.equals(cz.toFloatArray(), gz.toFloatArray()), "float32 outputs differ");
            expect(Arrays.equals(cw.toLongArray(), gw.toLongArray()), "int64 outputs differ");
            expect(Arrays.equals(cd.toDoubleArray(), gd.toDoubleArray()), "float64 outputs differ");
            try (DeviceArray gs = gx.slice(n / 3, n / 2).mul(2.0).eval(); DeviceArray cs = cx.slice(n / 3, n / 2).mul(2.0).eval()) {
                expect(Arrays.equals(cs.toFloatArray(), gs.toFloatArray()), "slices differ");
            }
        }
    }

    private static void reductions(Device gpu, Device cpu, int n) {
        long[] l = new long[n];
        double[] d = new double[n];
        int[] i = new int[n];
        Random r = new Random(n);
        for (int j = 0; j < n; j++) {
            l[j] = r.nextLong() >> 20;
            d[j] = r.nextGaussian();
            i[j] = r.nextInt();
        }
        ReductionKernel l2 = ReductionKernel.create("float64 x", "float64 y", "x * x", "a + b", "y = sqrt(a)", "0", "l2");
        try (DeviceArray gl = gpu.copyOf(l); DeviceArray cl = cpu.copyOf(l); DeviceArray gd = gpu.copyOf(d);
             DeviceArray cd = cpu.copyOf(d); DeviceArray gi = gpu.copyOf(i); DeviceArray ci = cpu.copyOf(i)) {
            expect(cl.sum().equals(gl.sum()), "int64 sum " + cl.sum() + " vs " + gl.sum());
            expect(ci.sum().equals(gi.sum()), "int32 sum (in int64) " + ci.sum() + " vs " + gi.sum());
            if (n > 0) {
                expect(cl.max().equals(gl.max()), "int64 max");
                expect(ci.min().equals(gi.min()), "int32 min");
                expect(cd.max().equals(gd.max()), "float64 max");
            }
            double want = l2.apply(cd).doubleValue();
            double got = l2.apply(gd).doubleValue();
            expect(Math.abs(want - got) <= 1e-12 * Math.max(1, want), "l2norm " + want + " vs " + got);
            double dot = cd.dot(cd).doubleValue();
            expect(Math.abs(dot - gd.dot(gd).doubleValue()) <= 1e-12 * Math.max(1, dot), "fused dot");
        }
    }

    private static void math(Device gpu, Device cpu) {
        ElementwiseKernel k = ElementwiseKernel.create("float32 x", "float32 y",
                "y = exp(x) + log(abs(x) + 1) + sin(x) * cos(x) + pow(abs(x) + 0.5f, 1.5f)", "math");
        float[] x = new float[100_003];
        Random r = new Random(1);
        for (int j = 0; j < x.length; j++) {
            x[j] = (float) (r.nextDouble() * 6.2 - 3.1);
        }
        try (DeviceArray gx = gpu.copyOf(x); DeviceArray cx = cpu.copyOf(x); DeviceArray g = k.apply(gx); DeviceArray c = k.apply(cx)) {
            float[] gs = g.toFloatArray();
            float[] cs = c.toFloatArray();
            double worst = 0;
            for (int j = 0; j < x.length; j++) {
                worst = Math.max(worst, Math.abs(gs[j] - cs[j]) / Math.max(1, Math.abs(cs[j])));
            }
            System.out.printf(Locale.ROOT, "     worst relative difference of the float32 approximations: %.2e%n", worst);
            expect(worst < 2e-5, "worst relative difference " + worst);
        }
    }

    private static void latency(CudaDevice gpu) {
        Elementwise tiny = Checker.elementwise("tiny", "float32 x", "float32 y", "y = x");
        try (DeviceArray x = gpu.allocate(DType.FLOAT32, 1); DeviceArray y = gpu.allocate(DType.FLOAT32, 1)) {
            Object[] args = {x, y};
            boolean[] scalar = {false};
            long[] ns = new long[2000];
            for (int t = 0; t < ns.length; t++) {
                long t0 = System.nanoTime();
                gpu.launchElementwise(tiny, scalar, args, 1);
                gpu.synchronize();
                ns[t] = System.nanoTime() - t0;
            }
            Arrays.sort(ns);
            double median = ns[ns.length / 2] / 1e3;
            System.out.printf(Locale.ROOT, "     tiny kernel launch-to-completion: median %.1f us, p90 %.1f us (goal <= 10 us)%n",
                    median, ns[ns.length * 9 / 10] / 1e3);
        }
    }

    private static void bandwidth(CudaDevice gpu, int maxLog2) {
        System.out.println();
        System.out.println("bandwidth (GB/s; bytes read + written per run / GPU time by events; % of the copy in the same run)");
        System.out.printf(Locale.ROOT, "%-10s %12s %18s %18s %18s%n", "elements", "d2d copy", "square f32", "saxpy f32", "sum f32");
        Elementwise square = Checker.elementwise("square", "float32 x", "float32 y", "y = x * x");
        Elementwise saxpy = Checker.elementwise("saxpy", "float32 a, float32 x, float32 y", "float32 z", "z = a * x + y");
        ReductionKernel sum = ReductionKernel.create("float32 x", "float32 y", "x", "a + b", null, "0", "sum");
        long free = gpu.info().totalMemory();
        for (int log2 = 20; log2 <= maxLog2; log2 += 2) {
            long n = 1L << log2;
            if (n * 4 * 3 > free * 0.8) {
                System.out.println("2^" + log2 + ": skipped, three arrays do not fit in device memory");
                break;
            }
            int reps = log2 >= 26 ? 10 : 50;
            try (DeviceArray a = gpu.allocate(DType.FLOAT32, n); DeviceArray b = gpu.allocate(DType.FLOAT32, n);
                 DeviceArray c = gpu.allocate(DType.FLOAT32, n)) {
                double bytes = n * 4.0;
                double copy = rate(gpu, 2 * bytes, reps, () -> gpu.copyDeviceToDevice(a, b));
                double sq = rate(gpu, 2 * bytes, reps, () -> gpu.launchElementwise(square, new boolean[]{false}, new Object[]{a, b}, n));
                double sx = rate(gpu, 3 * bytes, reps, () -> gpu.launchElementwise(saxpy, new boolean[]{true, false, false},
                        new Object[]{2.0f, a, b, c}, n));
                double su = rate(gpu, bytes, reps, () -> sum.apply(a));
                System.out.printf(Locale.ROOT, "2^%-8d %12.0f %11.0f (%3.0f%%) %11.0f (%3.0f%%) %11.0f (%3.0f%%)%n", log2, copy,
                        sq, 100 * sq / copy, sx, 100 * sx / copy, su, 100 * su / copy);
            }
        }
        System.out.println("goals at >= 2^26: elementwise >= 85% of the copy, reductions >= 80% (sum includes its result's DtoH copy)");
    }

    /** GB/s of {@code reps} runs of {@code work} (after one warm-up run), moving {@code bytes} each. */
    private static double rate(CudaDevice gpu, double bytes, int reps, Runnable work) {
        work.run();
        gpu.synchronize();
        float ms = gpu.timeMillis(() -> {
            for (int r = 0; r < reps; r++) {
                work.run();
            }
        });
        return bytes * reps / (ms / 1e3) / 1e9;
    }
}
