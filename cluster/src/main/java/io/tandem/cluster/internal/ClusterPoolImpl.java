package io.tandem.cluster.internal;

import io.tandem.Pools;
import io.tandem.Task;
import io.tandem.cluster.ClusterPool;
import io.tandem.cluster.MemberStatus;
import io.tandem.spi.ForwardingTaskPool;

import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;

/* The cluster pool: core's pool around ClusterBackend, plus the cluster's own methods. */
public final class ClusterPoolImpl extends ForwardingTaskPool implements ClusterPool {
    private final ClusterBackend backend;

    private ClusterPoolImpl(ClusterBackend backend, String name, BiConsumer<Task<?>, Throwable> uncaught) {
        super(build(backend, name, uncaught));
        this.backend = backend;
    }

    private static io.tandem.TaskPool build(ClusterBackend backend, String name, BiConsumer<Task<?>, Throwable> uncaught) {
        Pools.Builder b = Pools.builder().name(name);
        if (uncaught != null) {
            b.uncaughtFailureHandler(uncaught);
        }
        return b.build(backend);
    }

    public static ClusterPool create(ClusterConfig cfg, BiConsumer<Task<?>, Throwable> uncaught) {
        ClusterBackend backend = new ClusterBackend(cfg);
        try {
            backend.start();
            backend.awaitMembers(cfg.minMembers(), cfg.joinTimeout());
        } catch (RuntimeException | Error e) {
            backend.stop();
            throw e;
        }
        return new ClusterPoolImpl(backend, cfg.name(), uncaught);
    }

    @Override
    public List<MemberStatus> members(Duration timeout) {
        return backend.members(timeout);
    }

    @Override
    public String address() {
        return backend.address();
    }

    @Override
    public List<Long> localMemberPids() {
        return backend.localPids();
    }
}
