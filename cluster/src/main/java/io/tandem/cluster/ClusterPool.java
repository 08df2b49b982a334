package io.tandem.cluster;

import io.tandem.RetryPolicy;
import io.tandem.Task;
import io.tandem.TaskPool;
import io.tandem.cluster.internal.ClusterConfig;
import io.tandem.cluster.internal.ClusterPoolImpl;
import io.tandem.cluster.internal.Secret;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * A {@link TaskPool} whose tasks run on the members of a cluster: the same {@code submit}, {@code map},
 * {@code imap}, {@code Scope} and {@code TaskGraph} code as on threads or worker processes, on several
 * machines. Members are JVMs started with {@code tandem worker --join HOST:PORT} (or by {@link #local(int)}
 * on this machine); they find each other through embedded Hazelcast CE, which carries Tandem's messages.
 *
 * {@snippet :
 * try (ClusterPool pool = ClusterPool.connect("10.0.0.5:5701")) {   // TANDEM_CLUSTER_SECRET set on both sides
 *     List<Long> counts = pool.map(range -> countPrimes(range), ranges);
 * }
 * }
 *
 * <h2>Semantics</h2>
 * Tandem places each task on the least loaded member (tasks in flight per announced core) and keeps the
 * record of what runs where. When a member leaves (killed, crashed, cut off for longer than the detection
 * timeout, {@link Builder#detection}, 5 s by default), its tasks run again elsewhere while the
 * {@link Builder#retry retry policy} allows (3 attempts by default), else fail with a
 * {@link MemberLostException} naming the member, the task and the attempt. Execution is therefore
 * <b>at-least-once</b> (a lost member may have run part or all of a task); each task's result is delivered
 * once, late answers from a lost attempt are discarded. A task that throws fails with its own exception.
 * Classes a member lacks are fetched from the submitter, so members need only Tandem's jars.
 *
 * <h2>Security</h2>
 * Every payload and result is encrypted and authenticated with AES-GCM under a key derived from the
 * cluster secret ({@code TANDEM_CLUSTER_SECRET}, or the file named by {@code TANDEM_CLUSTER_SECRET_FILE},
 * or {@link Builder#secret}); members started with another secret are ignored and refused. Without a
 * secret, everything binds and joins loopback addresses only. Hazelcast CE itself has no TLS and no member
 * authentication: run clusters on a network you trust; Tandem's encryption protects the tasks, not
 * Hazelcast's own membership traffic.
 *
 * <h2>Closing</h2>
 * {@code close()} waits for submitted work, leaves the cluster and stops the members that {@link #local}
 * started; members drop the tasks of a submitter that leaves or dies.
 *
 * <h2>Thread safety</h2>
 * As {@link TaskPool}: every method may be called from any thread.
 */
public sealed interface ClusterPool extends TaskPool permits ClusterPoolImpl {

    /** Starts {@code members} member JVMs on this machine and a pool over them (development and tests). */
    static ClusterPool local(int members) {
        return builder().local(members).build();
    }

    /** Joins the cluster that the members at {@code addresses} ({@code host:port}) belong to. */
    static ClusterPool connect(String... addresses) {
        return builder().join(addresses).build();
    }

    static Builder builder() {
        return new Builder();
    }

    /** The worker members now in the cluster, with their load (asks each member; at most {@code timeout}). */
    List<MemberStatus> members(Duration timeout);

    /** This process's own address in the cluster ({@code host:port}). */
    String address();

    /** Process ids of the member JVMs that {@link #local} started and that are alive (for tests). */
    List<Long> localMemberPids();

    /**
     * Configures a {@link ClusterPool}. Every setter checks its argument at once and says what is wrong.
     * Not thread-safe; the pool it builds is.
     */
    final class Builder {
        private String name = "cluster";
        private String clusterName = "tandem";
        private String bind = "127.0.0.1";
        private final List<String> join = new ArrayList<>();
        private byte[] secret;
        private Path secretFile;
        private Duration detection = Duration.ofSeconds(5);
        private RetryPolicy retry = RetryPolicy.attempts(3);
        private int depth = 64;
        private Duration noMemberTimeout = Duration.ofSeconds(30);
        private Duration joinTimeout = Duration.ofSeconds(30);
        private int minMembers = 1;
        private int local;
        private int localCores = 1;
        private final List<String> localJvmOptions = new ArrayList<>();
        private BiConsumer<Task<?>, Throwable> uncaught;
        private final java.util.Map<String, Integer> require = new java.util.LinkedHashMap<>();
        private final java.util.Map<String, Integer> localResources = new java.util.LinkedHashMap<>();

        private Builder() {
        }

        /** The pool's name, used in task and thread names. */
        public Builder name(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
            this.name = name;
            return this;
        }

        /** The Hazelcast cluster name (default {@code tandem}); members and submitters must agree. */
        public Builder clusterName(String clusterName) {
            if (clusterName == null || clusterName.isBlank()) {
                throw new IllegalArgumentException("clusterName must not be blank");
            }
            this.clusterName = clusterName;
            return this;
        }

        /** The interface this process binds (default {@code 127.0.0.1}); non-loopback needs a secret. */
        public Builder bind(String address) {
            this.bind = Objects.requireNonNull(address, "address");
            return this;
        }

        /** Members to join, {@code host:port} each (or several in one string, separated by commas). */
        public Builder join(String... addresses) {
            List<String> all = new ArrayList<>();
            for (String a : addresses) {
                if (a == null) {
                    throw new IllegalArgumentException("a member address must not be null");
                }
                for (String part : a.split(",")) {
                    all.add(part.strip());
                }
            }
            for (String a : all) {
                if (a == null || !a.matches("[^:\\s]+(:\\d{1,5})?")) {
                    throw new IllegalArgumentException("a member address is host or host:port, got '" + a + "'");
                }
                join.add(a);
            }
            return this;
        }

        /** The cluster secret (otherwise {@code TANDEM_CLUSTER_SECRET} or {@code TANDEM_CLUSTER_SECRET_FILE}). */
        public Builder secret(String secret) {
            Objects.requireNonNull(secret, "secret");
            this.secret = secret.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** Reads the cluster secret from a file (its content, trimmed). */
        public Builder secretFile(Path file) {
            this.secretFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /** How long a silent member stays in the cluster before its tasks are re-run (default 5 s, at least 1 s). */
        public Builder detection(Duration timeout) {
            if (timeout == null || timeout.toSeconds() < 1) {
                throw new IllegalArgumentException("detection must be at least 1 second, got " + timeout);
            }
            this.detection = timeout;
            return this;
        }

        /** How many times a task lost with its member runs (default {@code RetryPolicy.attempts(3)}). */
        public Builder retry(RetryPolicy policy) {
            this.retry = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Tasks in flight per member core (default 64): more hides the round trip for tiny tasks. */
        public Builder depth(int depth) {
            if (depth < 1) {
                throw new IllegalArgumentException("depth must be at least 1, got " + depth);
            }
            this.depth = depth;
            return this;
        }

        /** How long tasks wait for a worker when the cluster has none before they fail (default 30 s). */
        public Builder noMemberTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("noMemberTimeout must be positive, got " + timeout);
            }
            this.noMemberTimeout = timeout;
            return this;
        }

        /** How long {@code build()} waits for the first members (default 30 s). */
        public Builder joinTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("joinTimeout must be positive, got " + timeout);
            }
            this.joinTimeout = timeout;
            return this;
        }

        /** How many workers {@code build()} waits for when joining (default 1). */
        public Builder minMembers(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("minMembers must be at least 1, got " + n);
            }
            this.minMembers = n;
            return this;
        }

        /** Starts {@code n} member JVMs on this machine and waits for them. */
        public Builder local(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("local members must be at least 1, got " + n);
            }
            this.local = n;
            return this;
        }

        /** Task slots of each local member (default 1). */
        public Builder localCores(int cores) {
            if (cores < 1) {
                throw new IllegalArgumentException("localCores must be at least 1, got " + cores);
            }
            this.localCores = cores;
            return this;
        }

        /** Extra JVM options for local members ({@code -Xmx2g}). */
        public Builder localJvmOption(String option) {
            this.localJvmOptions.add(Objects.requireNonNull(option, "option"));
            return this;
        }

        /**
         * Every task of this pool needs {@code count} of resource {@code name} on its member ({@code gpu}, 1):
         * tasks go only to members that announced it ({@code tandem worker --resources gpu=2}), and at most
         * as many run on a member at once as its resources hold. A {@code TaskGraph} task that needs a GPU
         * chooses such a pool; a pool without requirements places by cores only.
         */
        public Builder require(String name, int count) {
            if (name == null || !name.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("a resource name is letters, digits, '-' and '_', got '" + name + "'");
            }
            if (count < 1) {
                throw new IllegalArgumentException("resource '" + name + "' needs a count of at least 1, got " + count);
            }
            require.put(name, count);
            return this;
        }

        /** Resources each local member announces ({@code gpu}, 1), for {@link #local} clusters. */
        public Builder localResource(String name, int count) {
            if (name == null || !name.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("a resource name is letters, digits, '-' and '_', got '" + name + "'");
            }
            if (count < 1) {
                throw new IllegalArgumentException("resource '" + name + "' needs a count of at least 1, got " + count);
            }
            localResources.put(name, count);
            return this;
        }

        /** Who hears about failures nobody waits for (default: logged). */
        public Builder uncaughtFailureHandler(BiConsumer<Task<?>, Throwable> handler) {
            this.uncaught = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Joins (or starts) the cluster and returns once the members are there.
         *
         * @throws ClusterJoinException if no member accepted this process within the join timeout
         */
        public ClusterPool build() {
            if (local == 0 && join.isEmpty()) {
                throw new IllegalArgumentException("say where the cluster is: join(\"host:port\") or local(n)");
            }
            Secret s = Secret.resolve(secret, secretFile, System.getenv());
            if (local > 0 && !s.configured()) {
                s = Secret.random();
            }
            ClusterConfig cfg = new ClusterConfig(name, clusterName, bind, join, s, detection, retry, depth,
                    noMemberTimeout, joinTimeout, local > 0 ? local : minMembers, local, localCores, localJvmOptions,
                    require, localResources, System.err);
            return ClusterPoolImpl.create(cfg, uncaught);
        }
    }
}
