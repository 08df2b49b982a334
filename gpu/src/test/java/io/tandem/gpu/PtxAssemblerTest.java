package io.tandem.gpu;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of kernel Tandem generates, assembled by NVIDIA's own PTX assembler ({@code ptxas}, the compiler
 * the driver runs when it loads PTX) for the oldest target Tandem declares ({@code sm_50}), an A100
 * ({@code sm_80}) and an H100/H200 ({@code sm_90}): the golden constructs, typed kernels of each element type,
 * and 100 seeded random elementwise and 100 random reduction kernels. This checks, without a GPU, that the text is
 * PTX the driver accepts (syntax, types, registers, shared memory, branches); what the kernels compute is
 * checked against the CPU by {@code gpu/device-check.sh} on a GPU machine.
 *
 * <p>{@code ptxas} is looked for in {@code -Dtandem.gpu.ptxas}, {@code $TANDEM_PTXAS}, {@code PATH},
 * {@code /usr/local/cuda/bin} and {@code ~/.cache/tandem/cuda/bin} (where {@code .ci/run} puts the one from
 * Debian's {@code nvidia-cuda-toolkit}); without it the test is skipped and says so.
 */
class PtxAssemblerTest {
    private static final List<String> TARGETS = List.of("sm_50", "sm_75", "sm_80", "sm_90", "sm_100");

    static List<Path> ptxasCandidates() {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getProperty("tandem.gpu.ptxas")).map(Path::of).ifPresent(candidates::add);
        Optional.ofNullable(System.getenv("TANDEM_PTXAS")).map(Path::of).ifPresent(candidates::add);
        for (String dir : Optional.ofNullable(System.getenv("PATH")).orElse("").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "ptxas"));
            }
        }
        candidates.add(Path.of("/usr/local/cuda/bin/ptxas"));
        candidates.add(Path.of(System.getProperty("user.home"), ".cache", "tandem", "cuda", "bin", "ptxas"));
        return candidates.stream().filter(Files::isExecutable).toList();
    }

    /** name -> PTX of one module; entry names are unique across all of them. */
    private static Map<String, String> kernels() {
        Map<String, String> m = new LinkedHashMap<>();
        PtxGoldenTest.constructs().forEach((name, ptx) -> m.put(name, ptx.get()));
        for (String t : List.of("float32", "float64", "int32", "int64")) {
            m.put("elementwise_" + t, ElementwiseKernel.create(t + " a, " + t + " x, " + t + " y", t + " z",
                    "z = select(x < y, a * x + y, x - y * 2)", "ew_" + t).ptx());
            m.put("sum_" + t, ReductionKernel.create(t + " x", t + " s", "x", "a + b", null, "0", "sum_" + t).ptx());
            m.put("dot_" + t, ReductionKernel.create(t + " x, " + t + " y", t + " s", "x * y", "a + b", null, "0", "dot_" + t).ptx());
            m.put("min_" + t, ReductionKernel.create(t + " x", t + " s", "x", "min(a, b)", null,
                    t.startsWith("float") ? "inf" : t.equals("int32") ? "2147483647" : "9223372036854775807", "min_" + t).ptx());
        }
        m.put("sqrt_float64", ElementwiseKernel.create("float64 x", "float64 y", "y = sqrt(abs(x)) / (x * x + 1)", "sqrt64").ptx());
        long seed = Long.getLong("tandem.gpuSeed", 20261201L);
        Random r = new Random(seed);
        for (int t = 0; t < 100; t++) {
            String body = PtxStructureTest.expr(r, 5);
            m.put("random_e" + t + " (seed " + seed + "): " + body, ElementwiseKernel.create(
                    "float32 a, float32 x, float32 y, int32 k", "float32 z", "z = " + body, "rand_e" + t)
                    .ptx(r.nextBoolean() ? 1.0f : null, null, null, null));
            m.put("random_r" + t + " (seed " + seed + "): " + body, ReductionKernel.create(
                    "float32 a, float32 x, float32 y, int32 k", "float32 s", body, "max(a, b)", null, "-inf", "rand_r" + t).ptx());
        }
        return m;
    }

    @Test
    void nvidiasAssemblerAcceptsEveryKernelTandemGenerates(@TempDir Path dir) throws Exception {
        // every distinct release found (a machine may have an old and a new toolkit): one run each
        Map<String, Path> releases = new TreeMap<>();
        for (Path candidate : ptxasCandidates()) {
            releases.putIfAbsent(version(candidate, dir), candidate);
        }
        releases.remove("");
        Assumptions.assumeTrue(!releases.isEmpty(), "skipped: no ptxas (NVIDIA's PTX assembler) on this machine;"
                + " .ci/run fetches it from Debian's nvidia-cuda-toolkit, or pass -Dtandem.gpu.ptxas=PATH");
        Map<String, String> kernels = kernels();
        // one module with every entry (one header), so each target is one ptxas run, not hundreds
        StringBuilder module = new StringBuilder(".version 6.0\n.target sm_50\n.address_size 64\n");
        for (String ptx : kernels.values()) {
            int body = ptx.indexOf(".address_size 64\n");
            assertTrue(body >= 0, "every kernel has the conservative header");
            module.append(ptx, body + ".address_size 64\n".length(), ptx.length()).append('\n');
        }
        Path all = dir.resolve("all.ptx");
        Files.writeString(all, module);
        List<String> failures = new ArrayList<>();
        List<String> assembled = new ArrayList<>();
        for (Map.Entry<String, Path> release : releases.entrySet()) {
            for (String target : TARGETS) {
                String out = assemble(release.getValue(), all, target, dir);
                if (out != null && out.contains("is not defined for option 'gpu-name'")) {
                    continue; // this release does not know the target (CUDA 13 dropped sm_50, 11.8 predates sm_100)
                }
                assembled.add(release.getKey() + " " + target);
                if (out != null) {
                    blame(release, target, kernels, dir, out, failures);
                }
            }
        }
        System.out.println("ptxas assembled " + kernels.size() + " kernels for: " + assembled);
        assertTrue(failures.isEmpty(), String.join("\n\n", failures));
        assertTrue(assembled.stream().anyMatch(a -> a.endsWith(" sm_90")), "sm_90 (H100/H200) was assembled: " + assembled);
    }

    /** Assembles the kernels one by one to name the ones {@code release} refused for {@code target}. */
    private static void blame(Map.Entry<String, Path> release, String target, Map<String, String> kernels, Path dir,
                              String moduleOutput, List<String> failures) throws IOException, InterruptedException {
        int before = failures.size();
        for (Map.Entry<String, String> k : kernels.entrySet()) {
            Path one = dir.resolve("one.ptx");
            Files.writeString(one, k.getValue());
            String err = assemble(release.getValue(), one, target, dir);
            if (err != null && failures.size() < before + 10) {
                failures.add(release.getKey() + " " + target + " " + k.getKey() + ":\n" + err + "\n" + k.getValue());
            }
        }
        if (failures.size() == before) {
            failures.add(release.getKey() + " " + target + " (the module of all kernels): " + moduleOutput);
        }
    }

    /** "release 13.0, V13.0.88" for a ptxas that runs, else "". */
    private static String version(Path ptxas, Path dir) throws IOException, InterruptedException {
        Path log = dir.resolve("version.log");
        Process p = new ProcessBuilder(ptxas.toString(), "--version").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return "";
        }
        return p.exitValue() != 0 ? "" : Files.readAllLines(log).stream().filter(l -> l.contains("release"))
                .map(l -> l.substring(l.indexOf("release"))).findFirst().orElse("");
    }

    /** ptxas's messages if it refused the file, else null. */
    private static String assemble(Path ptxas, Path file, String target, Path dir) throws IOException, InterruptedException {
        Path log = dir.resolve("ptxas.log");
        Process p = new ProcessBuilder(ptxas.toString(), "-arch=" + target, "-o", dir.resolve("out.cubin").toString(), file.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return "ptxas did not finish in 120 s";
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        try (Stream<String> lines = out.lines()) {
            // warnings are allowed (none are expected); only a refusal fails
            return p.exitValue() == 0 ? null : lines.limit(40).reduce("exit " + p.exitValue(), (a, b) -> a + "\n" + b);
        }
    }
}
