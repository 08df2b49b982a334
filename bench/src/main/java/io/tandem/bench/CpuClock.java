package io.tandem.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU seconds used by this JVM and every process it started: its own user and system time, the time of
 * the children it has already waited for (a worker JVM that exited during the runs), and the time of the
 * descendants still alive (warm worker JVMs). Read from {@code /proc/PID/stat}, so Linux only;
 * elsewhere {@link #seconds()} returns {@code NaN} and the report shows no CPU figure.
 *
 * <p>The difference of two readings around the timed runs, divided by their wall time and the core count,
 * is the "CPU" column: how busy the machine's cores were with this model's work (100% = every core, all
 * the time). It includes the JVM's own JIT and GC threads, which is part of what a model costs.
 * Stateless; safe to call from any thread.
 */
final class CpuClock {
    /** USER_HZ: the unit of /proc/PID/stat times; 100 on every mainstream Linux architecture. */
    private static final double TICKS_PER_SECOND = 100.0;

    private CpuClock() {
    }

    /** CPU seconds of this process tree so far, or {@code NaN} where /proc is not readable. */
    static double seconds() {
        double self = ticks(ProcessHandle.current().pid(), true);
        if (self < 0) {
            return Double.NaN;
        }
        double total = self;
        for (ProcessHandle p : ProcessHandle.current().descendants().toList()) {
            double t = ticks(p.pid(), true);
            if (t > 0) {
                total += t;
            }
        }
        return total / TICKS_PER_SECOND;
    }

    /**
     * utime + stime (+ cutime + cstime) of {@code pid} in clock ticks, or -1 when it cannot be read (no
     * /proc, or the process has just exited).
     */
    static long ticks(long pid, boolean withReapedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // f[0] is field 3 (state); utime is field 14, stime 15, cutime 16, cstime 17
            long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            if (withReapedChildren) {
                t += Long.parseLong(f[13]) + Long.parseLong(f[14]);
            }
            return t;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Share of all cores busy: {@code cpuSeconds / (wallSeconds * cores)}, or NaN if either is unknown. */
    static double utilisation(double cpuSeconds, double wallSeconds) {
        if (Double.isNaN(cpuSeconds) || wallSeconds <= 0) {
            return Double.NaN;
        }
        return cpuSeconds / (wallSeconds * Workloads.cores());
    }
}
