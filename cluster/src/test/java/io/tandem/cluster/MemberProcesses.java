package io.tandem.cluster;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Standalone member JVMs for tests, as {@code tandem worker} would start them on other machines: the first
 * starts alone, the others join it. Each exits when its stdin closes (this JVM ends) or is destroyed by
 * {@link #close()}. Thread safety: confined to the test thread.
 */
final class MemberProcesses implements AutoCloseable {
    final List<Process> processes = new ArrayList<>();
    final List<String> addresses = new ArrayList<>();
    private final List<Thread> pumps = new ArrayList<>();
    /** The members' class path (default: this JVM's). */
    String classPath = System.getProperty("java.class.path");

    static MemberProcesses start(int n, String secret, String... extraArgs) throws Exception {
        return start(new MemberProcesses(), n, secret, extraArgs);
    }

    static MemberProcesses start(MemberProcesses m, int n, String secret, String... extraArgs) throws Exception {
        try {
            m.addresses.add(m.spawn(secret, null, extraArgs).get(60, TimeUnit.SECONDS));
            List<CompletableFuture<String>> rest = new ArrayList<>();
            for (int i = 1; i < n; i++) {
                rest.add(m.spawn(secret, m.addresses.get(0), extraArgs));
            }
            for (CompletableFuture<String> f : rest) {
                m.addresses.add(f.get(60, TimeUnit.SECONDS));
            }
        } catch (Exception e) {
            m.close();
            throw e;
        }
        return m;
    }

    CompletableFuture<String> spawn(String secret, String join, String... extraArgs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "--add-modules=java.se", "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-cp", classPath, "io.tandem.cluster.internal.MemberMain",
                "--cores", "1", "--detect-seconds", "3", "--exit-with-stdin"));
        if (join != null) {
            cmd.addAll(List.of("--join", join));
        }
        cmd.addAll(List.of(extraArgs));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("TANDEM_CLUSTER_SECRET_FILE");
        if (secret == null) {
            pb.environment().remove("TANDEM_CLUSTER_SECRET");
        } else {
            pb.environment().put("TANDEM_CLUSTER_SECRET", secret);
        }
        Process p = pb.start();
        processes.add(p);
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().daemon(true).name("test-member-output-" + p.pid()).start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("TANDEM-MEMBER-READY ")) {
                        ready.complete(line.substring("TANDEM-MEMBER-READY ".length()).strip());
                    } else {
                        System.out.println("[test-member " + p.pid() + "] " + line);
                    }
                }
            } catch (IOException e) {
                // gone
            }
            ready.completeExceptionally(new IllegalStateException("member " + p.pid() + " ended before it was ready"));
        });
        pumps.add(t);
        return ready;
    }

    String joinList() {
        return String.join(",", addresses);
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (Process p : processes) {
            p.waitFor(10, TimeUnit.SECONDS);
        }
        for (Thread t : pumps) {
            t.join(10_000);
        }
    }

    /**
     * This JVM's class path without tests and test libraries: what a bare machine with only Tandem's jars
     * (and Hazelcast) has. Surefire passes the real class path in surefire.test.class.path.
     */
    static String bareClassPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> keep = new ArrayList<>();
        for (String e : cp.split(File.pathSeparator)) {
            String n = e.replace('\\', '/');
            if (n.endsWith("test-classes") || n.endsWith("test-classes/") || n.contains("-tests.jar") || n.contains("junit")
                    || n.contains("opentest4j") || n.contains("apiguardian") || n.contains("surefire")) {
                continue;
            }
            keep.add(e);
        }
        return String.join(File.pathSeparator, keep);
    }
}
