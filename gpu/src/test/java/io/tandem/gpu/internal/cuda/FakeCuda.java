package io.tandem.gpu.internal.cuda;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The fake CUDA driver ({@code fake_cuda.c}, a test resource next to this class): built with {@code gcc} from
 * the PATH into {@code target/fake-cuda/libfakecuda.so} once per JVM by {@link #library()}, and driven through
 * its {@code fake_*} control functions over FFM. Without gcc, {@link #library()} aborts the calling test
 * (reported as skipped, naming gcc). Thread safety: every method may be called from any thread (the
 * library serialises its state behind one mutex).
 */
final class FakeCuda {
    private static final int TEXT_BYTES = 1 << 16;
    private static Path built;

    private final MethodHandle reset;
    private final MethodHandle setInitResult;
    private final MethodHandle setAllocLimit;
    private final MethodHandle setInvalidPtxMarker;
    private final MethodHandle failCall;
    private final MethodHandle liveAllocations;
    private final MethodHandle liveEvents;
    private final MethodHandle liveStreams;
    private final MethodHandle liveModules;
    private final MethodHandle synchronizations;
    private final MethodHandle launchCount;
    private final MethodHandle launch;
    private final MethodHandle lastModule;

    private FakeCuda(SymbolLookup lib) {
        reset = bind(lib, "fake_reset", null);
        setInitResult = bind(lib, "fake_set_init_result", null, JAVA_INT);
        setAllocLimit = bind(lib, "fake_set_alloc_limit", null, JAVA_LONG);
        setInvalidPtxMarker = bind(lib, "fake_set_invalid_ptx_marker", null, ADDRESS);
        failCall = bind(lib, "fake_fail_call", JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
        liveAllocations = bind(lib, "fake_live_allocations", JAVA_LONG);
        liveEvents = bind(lib, "fake_live_events", JAVA_INT);
        liveStreams = bind(lib, "fake_live_streams", JAVA_INT);
        liveModules = bind(lib, "fake_live_modules", JAVA_INT);
        synchronizations = bind(lib, "fake_synchronizations", JAVA_LONG);
        launchCount = bind(lib, "fake_launch_count", JAVA_LONG);
        launch = bind(lib, "fake_launch", JAVA_INT, JAVA_LONG, ADDRESS, JAVA_INT);
        lastModule = bind(lib, "fake_last_module", JAVA_INT, ADDRESS, JAVA_INT);
    }

    /** The controls of the library at {@code path}: the same loaded copy the driver bindings call. */
    static FakeCuda open(Path path) {
        return new FakeCuda(SymbolLookup.libraryLookup(path, Arena.global()));
    }

    /** Builds the library once per JVM (gcc -shared -fPIC) and returns its path; aborts the test without gcc. */
    static synchronized Path library() {
        if (built != null) {
            return built;
        }
        Path gcc = onPath("gcc");
        Assumptions.assumeTrue(gcc != null, "skipped: gcc is not on the PATH (" + System.getenv("PATH") + "); the fake "
                + "CUDA driver these tests load is C compiled at test time (apt-get install gcc)");
        Path source = source();
        Path target = targetDir(source);
        try {
            Files.createDirectories(target);
            Path tmp = Files.createTempFile(target, "libfakecuda-", ".so.tmp");
            Path log = target.resolve("gcc.log");
            Process p = new ProcessBuilder(gcc.toString(), "-shared", "-fPIC", "-O1", "-pthread", "-Wall", "-Wextra",
                    "-o", tmp.toString(), source.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                Files.deleteIfExists(tmp);
                throw new AssertionError("gcc did not finish in 120 s building " + source);
            }
            if (p.exitValue() != 0) {
                Files.deleteIfExists(tmp);
                throw new AssertionError("gcc failed (" + p.exitValue() + ") building " + source + ":\n" + Files.readString(log));
            }
            Path lib = target.resolve("libfakecuda.so");
            Files.move(tmp, lib, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            built = lib;
            return lib;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while gcc built the fake CUDA driver", e);
        }
    }

    private static Path source() {
        URL url = FakeCuda.class.getResource("fake_cuda.c");
        if (url == null || !"file".equals(url.getProtocol())) {
            throw new AssertionError("fake_cuda.c is not a file next to " + FakeCuda.class.getName() + " (" + url + ")");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** target/fake-cuda when the source sits in target/test-classes/..., else a directory beside the source. */
    private static Path targetDir(Path source) {
        for (Path p = source.getParent(); p != null; p = p.getParent()) {
            if (p.getFileName() != null && p.getFileName().toString().equals("test-classes")) {
                return p.resolveSibling("fake-cuda");
            }
        }
        return source.resolveSibling("fake-cuda");
    }

    private static Path onPath(String program) {
        String path = System.getenv("PATH");
        for (String dir : path == null ? List.<String>of() : List.of(path.split(File.pathSeparator))) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return Path.of(dir, program);
            }
        }
        return null;
    }

    private static MethodHandle bind(SymbolLookup lib, String name, MemoryLayout result, MemoryLayout... args) {
        MemorySegment f = lib.find(name).orElseThrow(() -> new AssertionError("the fake driver has no " + name));
        return Linker.nativeLinker().downcallHandle(f, result == null ? FunctionDescriptor.ofVoid(args)
                : FunctionDescriptor.of(result, args));
    }

    private static AssertionError broken(Throwable t) {
        return new AssertionError("calling the fake driver's controls failed", t);
    }

    /** Disarms every injected failure, clears the launch log, reloads the FAKE_CUDA_* environment. */
    void reset() {
        try {
            reset.invokeExact();
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    /** The CUresult cuInit returns from now on (0: success). */
    void setInitResult(int result) {
        try {
            setInitResult.invokeExact(result);
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    /** cuMemAlloc_v2 of more than {@code bytes} fails with CUDA_ERROR_OUT_OF_MEMORY (0: no limit). */
    void setAllocLimit(long bytes) {
        try {
            setAllocLimit.invokeExact(bytes);
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    /** cuModuleLoadDataEx of PTX that contains {@code marker} fails with CUDA_ERROR_INVALID_PTX and a JIT log. */
    void setInvalidPtxMarker(String marker) {
        try (Arena a = Arena.ofConfined()) {
            setInvalidPtxMarker.invokeExact(a.allocateFrom(marker));
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    /** The call of driver function {@code call} after {@code skip} successful ones returns {@code result}, once. */
    void failCall(String call, int skip, int result) {
        try (Arena a = Arena.ofConfined()) {
            int r = (int) failCall.invokeExact(a.allocateFrom(call), skip, result);
            if (r != 0) {
                throw new AssertionError("the fake driver holds 8 armed failures at most");
            }
        } catch (Throwable t) {
            throw t instanceof AssertionError e ? e : broken(t);
        }
    }

    long liveAllocations() {
        try {
            return (long) liveAllocations.invokeExact();
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    int liveEvents() {
        try {
            return (int) liveEvents.invokeExact();
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    int liveStreams() {
        try {
            return (int) liveStreams.invokeExact();
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    int liveModules() {
        try {
            return (int) liveModules.invokeExact();
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    /** cuCtxSynchronize and cuStreamSynchronize calls so far. */
    long synchronizations() {
        try {
            return (long) synchronizations.invokeExact();
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    /** Launches since the last {@link #reset()}. */
    long launchCount() {
        try {
            return (long) launchCount.invokeExact();
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    /**
     * Launch {@code index} (0 = the first since {@link #reset()}), as the fake logs it:
     * {@code NAME grid=X,Y,Z block=X,Y,Z shared=B stream=S params=TYPE:VALUE,...}, each parameter read with the
     * size its PTX type declares.
     */
    String launch(long index) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(TEXT_BYTES);
            int n = (int) launch.invokeExact(index, buf, TEXT_BYTES);
            if (n < 0) {
                throw new AssertionError("the fake driver has no launch " + index + " (" + launchCount() + " since reset)");
            }
            return buf.getString(0);
        } catch (Throwable t) {
            throw t instanceof AssertionError e ? e : broken(t);
        }
    }

    String lastLaunch() {
        return launch(launchCount() - 1);
    }

    /** The PTX of the last module the fake loaded. */
    String lastModule() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(TEXT_BYTES);
            int n = (int) lastModule.invokeExact(buf, TEXT_BYTES);
            if (n < 0) {
                throw new AssertionError("the fake driver has no module loaded");
            }
            return buf.getString(0);
        } catch (Throwable t) {
            throw t instanceof AssertionError e ? e : broken(t);
        }
    }
}
