package io.tandem.gpu.internal.cuda;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link io.tandem.gpu.Gpu} end to end against the fake driver ({@link FakeCuda}), each case in a child JVM
 * ({@link FakeDriverChild}) started with {@code -Dtandem.gpu.library=} the fake, because the probe behind
 * {@code Gpu} runs once per JVM. A working driver makes {@code Gpu.available()} true with the fake's device;
 * a {@code cuInit} that fails makes it false with the reason, and the CPU computes instead. The fake runs no
 * PTX, so the GPU case checks the launch the driver received, not the squares. Skipped without gcc.
 */
class FakeDriverProcessTest {
    private Path library;

    /** Per test, not in a @BeforeAll, so that without gcc every test is reported skipped with the reason. */
    @BeforeEach
    void buildTheFake() {
        library = FakeCuda.library();
    }

    @Test
    void gpuSeesTheFakesDeviceAndLaunchesOnIt(@TempDir Path dir) throws Exception {
        Map<String, String> out = child(dir, Map.of());
        assertEquals("true", out.get("available"), out.toString());
        assertEquals("", out.get("reason"));
        assertEquals("[cuda:0 Tandem fake CUDA device (sm_90, 4 SMs, 16.0 GiB)]", out.get("devices"));
        assertEquals("cuda:0 Tandem fake CUDA device (sm_90, 4 SMs, 16.0 GiB)", out.get("describe"));
        assertEquals("cuda:0", out.get("best"));
        assertEquals("1", out.get("resourceUnits"));
        assertEquals("cuda:0", out.get("device"));
        assertTrue(out.get("launch").matches("\\w+ grid=1,1,1 block=256,1,1 shared=0 stream=0 params=u64:\\d+,u64:\\d+,u64:10"),
                out.get("launch"));
    }

    @Test
    void aFailingCuInitMeansNoGpuWithTheReasonAndTheCpuComputes(@TempDir Path dir) throws Exception {
        Map<String, String> out = child(dir, Map.of("FAKE_CUDA_INIT_RESULT", "100"));
        assertEquals("false", out.get("available"), out.toString());
        assertEquals("cuInit failed: CUDA_ERROR_NO_DEVICE (100)", out.get("reason"));
        assertEquals("[]", out.get("devices"));
        assertTrue(out.get("describe").endsWith("no GPU, cuInit failed: CUDA_ERROR_NO_DEVICE (100)"), out.get("describe"));
        assertEquals("cpu", out.get("best"));
        assertEquals("cpu", out.get("device"));
        assertEquals("[ 0  1  4  9 16 25 36 49 64 81]", out.get("squares"));
    }

    /** The test's class path, and its module path under -Pmodule-path: the child runs all of it on the class path. */
    private static String classPath() {
        List<String> parts = new java.util.ArrayList<>();
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            String value = System.getProperty(property, "");
            if (!value.isBlank()) {
                parts.add(value);
            }
        }
        return String.join(java.io.File.pathSeparator, parts);
    }

    /** Runs {@link FakeDriverChild} on the fake and returns its key=value lines; fails, quoting it, unless it exits 0. */
    private Map<String, String> child(Path dir, Map<String, String> env) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("child.log");
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED", "-Dtandem.gpu.library=" + library,
                "-cp", classPath(), FakeDriverChild.class.getName()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the child JVM still runs after 60 s; output:\n" + Files.readString(log));
            }
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
        String text = Files.readString(log);
        assertEquals(0, p.exitValue(), "the child JVM failed; output:\n" + text);
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("\\w+")) {
                out.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return out;
    }
}
