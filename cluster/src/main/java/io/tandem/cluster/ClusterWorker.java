package io.tandem.cluster;

import io.tandem.cluster.internal.MemberRuntime;
import io.tandem.cluster.internal.Secret;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A worker member of a Tandem cluster in this JVM: what {@code tandem worker --join HOST:PORT} runs. It
 * announces its cores and resources, runs the tasks that submitters place on it (fetching their classes
 * from the submitter when its class path lacks them), and drops the tasks of a submitter that leaves.
 *
 * {@snippet :
 * try (ClusterWorker w = ClusterWorker.builder().join("10.0.0.5:5701").resources(Map.of("gpu", 1)).start()) {
 *     w.awaitStopped();
 * }
 * }
 *
 * <p>Leaving: {@link #drain} stops taking tasks, hands queued ones back to their submitters (they run
 * elsewhere without spending an attempt), lets running ones finish within a grace period, then leaves;
 * {@link #close} leaves at once (its running tasks are re-run elsewhere by their submitters' retry policy).
 *
 * <p>Thread safety: every method may be called from any thread.
 */
public final class ClusterWorker implements AutoCloseable {
    private final MemberRuntime runtime;

    private ClusterWorker(MemberRuntime runtime) {
        this.runtime = runtime;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** This member's {@code host:port}: what other machines pass to {@code --join}. */
    public String address() {
        return runtime.address();
    }

    /** This member's id in the cluster. */
    public UUID id() {
        return runtime.uuid();
    }

    /** Whether this member is still in the cluster. */
    public boolean isRunning() {
        return runtime.isRunning();
    }

    /** Waits until this member has left the cluster ({@link #drain}, {@link #close}, or Hazelcast shut it down). */
    public void awaitStopped() throws InterruptedException {
        while (runtime.isRunning()) {
            Thread.sleep(200); // Hazelcast offers no lifecycle wait; a short poll of a local flag
        }
    }

    /** Stops taking tasks, hands queued ones back, lets running ones finish within {@code grace}, then leaves. */
    public void drain(Duration grace) {
        runtime.drain(Objects.requireNonNull(grace, "grace"));
    }

    /** Leaves the cluster at once. */
    @Override
    public void close() {
        runtime.close();
    }

    /** Configures a {@link ClusterWorker}; checks each argument at once. Not thread-safe. */
    public static final class Builder {
        private final List<String> join = new ArrayList<>();
        private String bind = "127.0.0.1";
        private int port = 5701;
        private int cores = Runtime.getRuntime().availableProcessors();
        private Map<String, Integer> resources = Map.of();
        private String clusterName = "tandem";
        private byte[] secret;
        private Path secretFile;
        private Duration detection = Duration.ofSeconds(5);
        private PrintStream log = System.err;
        private boolean forwardOutput = true;

        private Builder() {
        }

        /** Members to join ({@code host:port}, or several separated by commas); none: this is the first member. */
        public Builder join(String... addresses) {
            for (String a : addresses) {
                for (String part : Objects.requireNonNull(a, "address").split(",")) {
                    if (!part.strip().matches("[^:\\s]+(:\\d{1,5})?")) {
                        throw new IllegalArgumentException("a member address is host or host:port, got '" + part + "'");
                    }
                    join.add(part.strip());
                }
            }
            return this;
        }

        /** The interface to bind (default 127.0.0.1); another one needs a cluster secret. */
        public Builder bind(String address) {
            this.bind = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The first port to try (default 5701; the next free one up to 200 above is taken). */
        public Builder port(int port) {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port must be from 1 to 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** Task slots (default: this machine's processors). */
        public Builder cores(int cores) {
            if (cores < 1) {
                throw new IllegalArgumentException("cores must be at least 1, got " + cores);
            }
            this.cores = cores;
            return this;
        }

        /** Resources this member announces ({@code gpu=1}). */
        public Builder resources(Map<String, Integer> resources) {
            Map<String, Integer> copy = new LinkedHashMap<>();
            resources.forEach((k, v) -> {
                if (k == null || !k.matches("[A-Za-z0-9_-]+") || v == null || v < 1) {
                    throw new IllegalArgumentException("a resource is a name of letters, digits, '-', '_' with a count >= 1, got " + k + "=" + v);
                }
                copy.put(k, v);
            });
            this.resources = copy;
            return this;
        }

        /** The Hazelcast cluster name (default {@code tandem}). */
        public Builder clusterName(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("clusterName must not be blank");
            }
            this.clusterName = name;
            return this;
        }

        /** The cluster secret (otherwise TANDEM_CLUSTER_SECRET or TANDEM_CLUSTER_SECRET_FILE). */
        public Builder secret(String secret) {
            this.secret = Objects.requireNonNull(secret, "secret").getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** Reads the cluster secret from a file. */
        public Builder secretFile(Path file) {
            this.secretFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /** How long a silent peer stays in the cluster (default 5 s, at least 1 s). */
        public Builder detection(Duration timeout) {
            if (timeout == null || timeout.toSeconds() < 1) {
                throw new IllegalArgumentException("detection must be at least 1 second, got " + timeout);
            }
            this.detection = timeout;
            return this;
        }

        /** Where the member reports refusals and dropped submitters (default System.err). */
        public Builder log(PrintStream log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /**
         * Whether what a task prints goes to its submitter (default true: printed there as
         * {@code [member HOST:PORT] line}); false keeps it on this member's own streams. Forwarding replaces
         * this JVM's {@code System.out} and {@code System.err} with streams that route task threads' lines.
         */
        public Builder forwardOutput(boolean forward) {
            this.forwardOutput = forward;
            return this;
        }

        /** Joins the cluster. */
        public ClusterWorker start() {
            Secret s = Secret.resolve(secret, secretFile, System.getenv());
            return new ClusterWorker(MemberRuntime.start(s, clusterName, bind, port, join, cores, resources, detection, log,
                    forwardOutput));
        }
    }
}
