package io.tandem.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a benchmark ran on, for the report: figures mean little without the machine. Read once from the
 * JVM and, on Linux, from {@code /proc}; a field that cannot be read is {@code "unknown"} (or 0).
 *
 * @param cpuModel  the processor's model name ({@code /proc/cpuinfo})
 * @param cores     cores available to the JVM (honours container limits; what pools are sized by)
 * @param memoryMb  total memory in MiB ({@code /proc/meminfo})
 * @param os        operating system name, version and architecture
 * @param java      JDK version and vendor
 * @param python    Python version, or {@code null} when {@code python3} was not found
 * @param loadAverage the 1-minute load average when the run started (noise from other work), or NaN
 */
public record Machine(String cpuModel, int cores, long memoryMb, String os, String java, String python,
                      double loadAverage) {

    /** This machine, with the given Python version (or null). */
    public static Machine current(String pythonVersion) {
        return new Machine(readCpuModel(), Workloads.cores(), readMemoryMb(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")",
                pythonVersion,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** One line: "4 cores (Intel Xeon ...), 24.0 GiB, Linux 6.1 amd64, Java 25+36 (Eclipse Adoptium), Python 3.11.2". */
    public String describe() {
        return String.format(Locale.ROOT, "%d cores (%s), %.1f GiB, %s, Java %s, %s%s", cores, cpuModel, memoryMb / 1024.0,
                os, java, python == null ? "python3 not found" : "Python " + python,
                loadAverage >= 0 ? String.format(Locale.ROOT, ", load average %.2f at start", loadAverage) : "");
    }

    /** The JSON object of schema 2's {@code "machine"} field. */
    Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu_model", cpuModel);
        m.put("cores", cores);
        m.put("memory_mb", memoryMb);
        m.put("os", os);
        m.put("java", java);
        m.put("python", python);
        m.put("load_average", loadAverage >= 0 ? loadAverage : Double.NaN);
        return m;
    }

    private static String readCpuModel() {
        for (String line : lines("/proc/cpuinfo")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        return "unknown";
    }

    private static long readMemoryMb() {
        for (String line : lines("/proc/meminfo")) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return 0;
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
