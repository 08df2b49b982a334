package io.tandem.cli;

import io.tandem.cluster.ClusterWorker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code tandem worker}: a cluster member on this machine. Runs the tasks that {@code ClusterPool}s place
 * on it until Ctrl-C or SIGTERM, which drains it (queued tasks go back to their submitters, running ones
 * finish within 10 s) before it leaves.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Join (or start) a Tandem cluster as a worker member: ClusterPool tasks run here.",
                "The cluster secret comes from TANDEM_CLUSTER_SECRET or --secret-file; without one, loopback only.",
                "Ctrl-C or SIGTERM drains the member (queued tasks go back to their submitters) and leaves."})
final class WorkerCommand implements Callable<Integer> {
    @Option(names = "--join", description = "members to join, HOST:PORT[,HOST:PORT...] (none: start a new cluster)")
    String join;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "interface to bind (default ${DEFAULT-VALUE}; another needs a secret)")
    String bind;

    @Option(names = "--port", defaultValue = "5701", description = "first port to try (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--cores", description = "task slots (default: this machine's processors)")
    Integer cores;

    @Option(names = "--resources", description = "resources to announce, NAME=COUNT[,...] (e.g. gpu=1)")
    String resources;

    @Option(names = "--cluster", defaultValue = "tandem", description = "cluster name (default ${DEFAULT-VALUE})")
    String cluster;

    @Option(names = "--secret-file", description = "file holding the cluster secret (instead of TANDEM_CLUSTER_SECRET)")
    Path secretFile;

    @Option(names = "--detect-seconds", defaultValue = "5", description = "seconds before a silent peer counts as lost (default ${DEFAULT-VALUE})")
    int detectSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ClusterWorker.Builder b = ClusterWorker.builder().bind(bind).clusterName(cluster);
        try {
            b.port(port).detection(Duration.ofSeconds(detectSeconds));
            if (join != null && !join.isBlank()) {
                b.join(join);
            }
            if (cores != null) {
                b.cores(cores);
            }
            if (resources != null) {
                b.resources(parseResources(resources));
            }
            if (secretFile != null) {
                b.secretFile(secretFile);
            }
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        ClusterWorker w;
        try {
            w = b.start();
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> w.drain(Duration.ofSeconds(10)), "tandem-worker-drain"));
        out.println("tandem worker: member " + w.address() + " joined cluster '" + cluster + "'; others join with --join "
                + w.address() + "; Ctrl-C to leave");
        out.flush();
        w.awaitStopped();
        return 0;
    }

    static Map<String, Integer> parseResources(String spec) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String kv : spec.split(",")) {
            int eq = kv.indexOf('=');
            String name = (eq < 0 ? kv : kv.substring(0, eq)).strip();
            try {
                out.put(name, eq < 0 ? 1 : Integer.parseInt(kv.substring(eq + 1).strip()));
            } catch (NumberFormatException e) {
                throw new BadInputException("--resources takes NAME=COUNT[,...] (gpu=1), got '" + kv + "'");
            }
        }
        return out;
    }
}
