package io.tandem.process.internal;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a worker JVM: the parent's java and class path, a small heap, the serial GC (a
 * worker runs one task at a time), the full tiered JIT unless C1 only was asked for (process pools exist
 * for CPU-heavy work, where C2 matters: C1-only code ran the primes workload ~2x slower here), exit on
 * OutOfMemoryError (a worker in an unknown state after OOM is
 * replaced rather than reused), then the user's options.
 */
final class WorkerCommand {
    private WorkerCommand() {
    }

    static List<String> build(ProcessPoolConfig cfg, Path socket, String token) {
        return build(cfg, socket, token, List.of());
    }

    static List<String> build(ProcessPoolConfig cfg, Path socket, String token, List<String> extra) {
        List<String> cmd = new ArrayList<>();
        String javaHome = System.getProperty("java.home");
        cmd.add(ProcessHandle.current().info().command()
                .filter(c -> c.endsWith("java"))
                .orElse(javaHome + File.separator + "bin" + File.separator + "java"));
        cmd.add("-Xmx" + cfg.heap());
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.add("-XX:-UsePerfData"); // no hsperfdata file per worker
        // At exit HotSpot waits up to 30 x 10 ms for threads in native code (a JDK HttpClient's selector, the
        // JDK's I/O poller) to return: a worker whose task left one open exited 300 ms late, and close() waits
        // for workers. One attempt: such threads are parked when they return; the worker is exiting anyway.
        cmd.add("-XX:UserThreadWaitAttemptsAtExit=1");
        if (cfg.fastStartJit()) {
            cmd.add("-XX:TieredStopAtLevel=1"); // C1 only: starts sooner, but CPU-heavy code runs up to ~2x slower
        }
        cmd.add("--sun-misc-unsafe-memory-access=allow"); // Fory still uses sun.misc.Unsafe; silence the warning
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-Dtandem.worker=true");
        // Core reflection through native accessors: a worker's first task reflects on the user's lambdas and
        // records (StandardCodec, LambdaForm), and the default, method-handle accessors spin classes for that,
        // some 20 ms of a fresh worker's first map; native ones cost well under a millisecond. Hot paths move
        // to method handles of their own (StandardCodec's RecordShape).
        cmd.add("-Djdk.reflect.useNativeAccessorOnly=true");
        cmd.addAll(extra);
        cmd.addAll(cfg.jvmOptions());
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath != null && !modulePath.isEmpty()) {
            cmd.add("--module-path");
            cmd.add(modulePath);
            cmd.add("--add-modules");
            cmd.add("ALL-MODULE-PATH");
        }
        WorkerClassPath.Split classPath = WorkerClassPath.split(System.getProperty("java.class.path"));
        if (!classPath.directories().isEmpty()) {
            cmd.add("-D" + WorkerClassPath.DIRECTORIES + "=" + classPath.directories());
        }
        cmd.add("-cp");
        cmd.add(classPath.jvm());
        cmd.add(WorkerMain.class.getName());
        cmd.add(socket.toString());
        cmd.add(token);
        cmd.add(cfg.codec().id());
        return List.copyOf(cmd);
    }
}
