package io.tandem.cluster.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/*
 * The main class of a member JVM started by ClusterPool.local(n) (and the engine of `tandem worker`):
 * joins, prints READY, and runs until its stdin closes (--exit-with-stdin: its parent closed the pool or
 * died) or it is told to stop (SIGTERM: drains, see MemberRuntime.drain). The secret comes from the
 * environment (TANDEM_CLUSTER_SECRET or TANDEM_CLUSTER_SECRET_FILE).
 */
public final class MemberMain {
    static final String READY = "TANDEM-MEMBER-READY ";
    static final String FAILED = "TANDEM-MEMBER-FAILED ";

    private MemberMain() {
    }

    private static final java.util.logging.Logger HAZELCAST_LOGGER = java.util.logging.Logger.getLogger("com.hazelcast");

    public static void main(String[] args) throws Exception {
        if (System.getenv("TANDEM_HAZELCAST_LOG") == null) {
            HAZELCAST_LOGGER.setLevel(java.util.logging.Level.SEVERE); // a member's own view of peers leaving is noise
        }
        List<String> join = new ArrayList<>();
        String bind = "127.0.0.1";
        String cluster = ClusterNames.DEFAULT_CLUSTER;
        int cores = Runtime.getRuntime().availableProcessors();
        int port = 0;
        long detect = 5;
        Map<String, Integer> resources = Map.of();
        boolean exitWithStdin = false;
        boolean forwardOutput = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--join" -> join.addAll(List.of(args[++i].split(",")));
                case "--bind" -> bind = args[++i];
                case "--cluster" -> cluster = args[++i];
                case "--cores" -> cores = Integer.parseInt(args[++i]);
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--detect-seconds" -> detect = Long.parseLong(args[++i]);
                case "--resources" -> resources = MemberInfo.parseResources(args[++i]);
                case "--exit-with-stdin" -> exitWithStdin = true;
                case "--forward-output" -> forwardOutput = true;
                default -> {
                    System.out.println(FAILED + "unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        MemberRuntime m;
        try {
            m = MemberRuntime.start(Secret.resolve(null, null, System.getenv()), cluster, bind, port, join, cores,
                    resources, Duration.ofSeconds(detect), System.err, forwardOutput);
        } catch (RuntimeException e) {
            System.out.println(FAILED + e);
            System.out.flush();
            System.exit(1);
            return;
        }
        System.out.println(READY + m.address());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> m.drain(Duration.ofSeconds(10)), "tandem-member-drain"));
        if (exitWithStdin) {
            try {
                while (System.in.read() >= 0) {
                    // nothing is sent on stdin; it only tells us the parent is alive
                }
            } catch (IOException ignored) {
                // the parent is gone
            }
            Runtime.getRuntime().halt(exitQuietly(m));
        } else {
            while (m.isRunning()) {
                Thread.sleep(500); // a daemon's main thread: nothing to synchronise with, only to keep the JVM up
            }
        }
    }

    private static int exitQuietly(MemberRuntime m) {
        try {
            m.close();
            return 0;
        } catch (RuntimeException e) {
            return 1;
        }
    }
}
