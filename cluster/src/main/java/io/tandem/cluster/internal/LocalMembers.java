package io.tandem.cluster.internal;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/*
 * The member JVMs of ClusterPool.local(n): started with this JVM's class path, given the cluster secret in
 * their environment (never on the command line), joined to this process. Their stdout and stderr are
 * forwarded line by line with a "[member-i]" prefix. They exit when their stdin closes (this process
 * closed the pool, or died, even by SIGKILL), and close() waits for them, then kills what is left.
 */
final class LocalMembers {
    private final List<Process> processes = new ArrayList<>();
    private final List<Thread> pumps = new ArrayList<>();
    private volatile String failure;

    static LocalMembers start(ClusterConfig cfg, String joinAddress) {
        LocalMembers m = new LocalMembers();
        try {
            for (int i = 1; i <= cfg.localMembers(); i++) {
                m.spawn(cfg, joinAddress, i);
            }
        } catch (IOException e) {
            m.close();
            throw new io.tandem.cluster.ClusterJoinException("cannot start local cluster members: " + e.getMessage(), e);
        }
        return m;
    }

    private void spawn(ClusterConfig cfg, String joinAddress, int index) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1".equals(System.getProperty("tandem.cluster.jit")) ? "-XX:TieredStopAtLevel=1" : "-Xshare:auto");
        cmd.add("--add-modules=java.se");
        cmd.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
        cmd.add("--add-opens=java.management/sun.management=ALL-UNNAMED");
        cmd.add("--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED");
        cmd.add("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");
        cmd.add("--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED");
        cmd.add("--sun-misc-unsafe-memory-access=allow");
        cmd.addAll(cfg.localJvmOptions());
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(MemberMain.class.getName());
        cmd.addAll(List.of("--join", joinAddress, "--bind", cfg.bind(), "--cores", Integer.toString(cfg.localCores()),
                "--cluster", cfg.clusterName(), "--detect-seconds", Long.toString(cfg.detection().toSeconds()),
                "--exit-with-stdin"));
        if (!cfg.localResources().isEmpty()) {
            StringBuilder r = new StringBuilder();
            cfg.localResources().forEach((k, v) -> r.append(r.isEmpty() ? "" : ",").append(k).append('=').append(v));
            cmd.addAll(List.of("--resources", r.toString()));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put(Secret.ENV, cfg.secret().text());
        pb.environment().remove(Secret.FILE_ENV);
        Process p = pb.start();
        processes.add(p);
        String prefix = "[member-" + index + "] ";
        pumps.add(pump(p.getInputStream(), System.out, prefix, p));
        pumps.add(pump(p.getErrorStream(), System.err, prefix, p));
    }

    private Thread pump(InputStream in, PrintStream out, String prefix, Process p) {
        return Thread.ofPlatform().daemon(true).name("tandem-cluster-output-" + p.pid()).start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith(MemberMain.READY)) {
                        continue;
                    }
                    if (line.startsWith(MemberMain.FAILED)) {
                        failure = "local member " + p.pid() + " failed to start: " + line.substring(MemberMain.FAILED.length());
                    }
                    out.println(prefix + line);
                }
            } catch (IOException e) {
                // the member is gone
            }
        });
    }

    private static String classPath() {
        String cp = System.getProperty("java.class.path", "");
        String mp = System.getProperty("jdk.module.path", "");
        if (mp.isEmpty()) {
            return cp;
        }
        return cp.isEmpty() ? mp : cp + File.pathSeparator + mp;
    }

    String failure() {
        if (failure != null) {
            return failure;
        }
        for (Process p : processes) {
            if (!p.isAlive()) {
                return "local member " + p.pid() + " exited with status " + p.exitValue() + " before joining";
            }
        }
        return null;
    }

    List<Long> pids() {
        List<Long> out = new ArrayList<>();
        for (Process p : processes) {
            if (p.isAlive()) {
                out.add(p.pid());
            }
        }
        return out;
    }

    void close() {
        for (Process p : processes) {
            try {
                p.getOutputStream().close(); // the member exits when its stdin closes
            } catch (IOException ignored) {
                // already gone
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Process p : processes) {
            try {
                if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        for (Thread t : pumps) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
