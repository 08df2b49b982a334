package io.tandem.gpu.internal.cuda;

import io.tandem.gpu.DeviceInfo;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Finds the CUDA driver once per JVM, without throwing: {@link #state()} is either the driver and its
 * devices or the reason there are none (no {@code libcuda.so.1}, a driver that does not start, no device).
 *
 * <p>The library is looked for on disk before it is loaded, so a machine without an NVIDIA driver never
 * calls a restricted FFM method (no native-access warning for programs that only use the CPU backend).
 * {@code -Dtandem.gpu.disable=true} forces the CPU; {@code -Dtandem.gpu.library=PATH} names another library.
 */
public final class Cuda {
    /** The probe's outcome: {@code driver} and {@code devices}, or a {@code reason}. */
    public record State(Driver driver, List<DeviceInfo> devices, int driverVersion, String reason) {
        public boolean available() {
            return driver != null && !devices.isEmpty();
        }
    }

    private static final ConcurrentMap<Integer, CudaDevice> OPEN = new ConcurrentHashMap<>();

    private Cuda() {
    }

    private static final class Holder {
        static final State STATE = probe(System.getProperty("tandem.gpu.library", "libcuda.so.1"),
                Boolean.getBoolean("tandem.gpu.disable"));
    }

    public static State state() {
        return Holder.STATE;
    }

    /** The device with this ordinal, its primary context retained on first use (kept for the JVM's life). */
    public static CudaDevice device(int ordinal) {
        State s = state();
        if (!s.available()) {
            throw new IllegalStateException(s.reason());
        }
        if (ordinal < 0 || ordinal >= s.devices().size()) {
            throw new IllegalArgumentException("no CUDA device " + ordinal + ": this machine has " + s.devices().size());
        }
        return OPEN.computeIfAbsent(ordinal, o -> new CudaDevice(s.driver(), s.devices().get(o), s.driverVersion()));
    }

    /** Probes {@code library}; never throws. Visible for the fallback tests. */
    public static State probe(String library, boolean disabled) {
        if (disabled) {
            return new State(null, List.of(), 0, "disabled by -Dtandem.gpu.disable=true");
        }
        try {
            if (!findable(library)) {
                return new State(null, List.of(), 0, library + " not found (searched " + String.join(", ", searchDirs())
                        + "; no /proc/driver/nvidia): this machine has no NVIDIA driver");
            }
            SymbolLookup lib;
            try {
                lib = SymbolLookup.libraryLookup(library, Arena.global());
            } catch (IllegalArgumentException e) {
                return new State(null, List.of(), 0, library + " could not be loaded: " + e.getMessage());
            }
            Driver d = new Driver(lib);
            int r = (int) d.cuInit.invokeExact(0);
            if (r != Driver.CUDA_SUCCESS) {
                return new State(null, List.of(), 0, "cuInit failed: " + d.errorName(r) + " (" + r + ")");
            }
            try (Arena a = Arena.ofConfined()) {
                MemorySegment box = a.allocate(JAVA_INT);
                d.check((int) d.cuDriverGetVersion.invokeExact(box), "cuDriverGetVersion");
                int version = box.get(JAVA_INT, 0);
                d.check((int) d.cuDeviceGetCount.invokeExact(box), "cuDeviceGetCount");
                int count = box.get(JAVA_INT, 0);
                if (count == 0) {
                    return new State(null, List.of(), version, "the CUDA driver (" + version(version) + ") sees no device");
                }
                List<DeviceInfo> devices = new ArrayList<>();
                for (int o = 0; o < count; o++) {
                    devices.add(info(d, a, o));
                }
                return new State(d, List.copyOf(devices), version, "");
            }
        } catch (Throwable t) {
            return new State(null, List.of(), 0, "the CUDA driver could not be used: " + t);
        }
    }

    private static DeviceInfo info(Driver d, Arena a, int ordinal) throws Throwable {
        MemorySegment dev = a.allocate(JAVA_INT);
        d.check((int) d.cuDeviceGet.invokeExact(dev, ordinal), "cuDeviceGet");
        int device = dev.get(JAVA_INT, 0);
        MemorySegment name = a.allocate(256);
        d.check((int) d.cuDeviceGetName.invokeExact(name, 256, device), "cuDeviceGetName");
        MemorySegment bytes = a.allocate(JAVA_LONG);
        d.check((int) d.cuDeviceTotalMem.invokeExact(bytes, device), "cuDeviceTotalMem_v2");
        return new DeviceInfo(ordinal, name.getString(0), bytes.get(JAVA_LONG, 0),
                attribute(d, a, device, Driver.ATTR_COMPUTE_CAPABILITY_MAJOR),
                attribute(d, a, device, Driver.ATTR_COMPUTE_CAPABILITY_MINOR),
                attribute(d, a, device, Driver.ATTR_MULTIPROCESSOR_COUNT));
    }

    static int attribute(Driver d, Arena a, int device, int attribute) throws Throwable {
        MemorySegment v = a.allocate(JAVA_INT);
        d.check((int) d.cuDeviceGetAttribute.invokeExact(v, attribute, device), "cuDeviceGetAttribute(" + attribute + ")");
        return v.get(JAVA_INT, 0);
    }

    /** 12040 -> "CUDA 12.4". */
    static String version(int v) {
        return "CUDA " + v / 1000 + "." + v % 1000 / 10;
    }

    private static boolean findable(String library) {
        if (library.contains("/")) {
            return Files.exists(Path.of(library));
        }
        for (String dir : searchDirs()) {
            if (Files.exists(Path.of(dir, library))) {
                return true;
            }
        }
        // an NVIDIA kernel driver is loaded: the library may be where only ld.so.cache knows; let dlopen look
        return Files.exists(Path.of("/proc/driver/nvidia"));
    }

    private static List<String> searchDirs() {
        Set<String> dirs = new LinkedHashSet<>();
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) {
            for (String d : ld.split(":")) {
                if (!d.isBlank()) {
                    dirs.add(d);
                }
            }
        }
        dirs.addAll(List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib",
                "/usr/local/nvidia/lib64", "/usr/local/cuda/lib64", "/usr/local/cuda/compat", "/usr/lib/wsl/lib"));
        return List.copyOf(dirs);
    }

    static MemorySegment pointerBox(Arena a) {
        return a.allocate(ADDRESS);
    }
}
