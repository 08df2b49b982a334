package io.tandem.process.internal;

import io.tandem.Pools;
import io.tandem.process.ProcessPool;
import io.tandem.spi.ForwardingTaskPool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link ProcessPool} a user holds: core's pool built around a {@link ProcessBackend}, plus the
 * process-only methods, which ask the backend.
 */
public final class ProcessPoolImpl extends ForwardingTaskPool implements ProcessPool {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final ProcessBackend backend;

    private ProcessPoolImpl(ProcessBackend backend, String name, ProcessPoolConfig cfg) {
        super(core(backend, name, cfg));
        this.backend = backend;
    }

    private static io.tandem.TaskPool core(ProcessBackend backend, String name, ProcessPoolConfig cfg) {
        Pools.Builder b = Pools.builder().name(name);
        if (cfg.uncaughtFailureHandler() != null) {
            b.uncaughtFailureHandler(cfg.uncaughtFailureHandler());
        }
        return b.build(backend);
    }

    /** Builds the pool and starts its workers; returns without waiting for them. */
    public static ProcessPoolImpl start(ProcessPoolConfig cfg) {
        String name = cfg.name() != null ? cfg.name() : "process-" + SEQUENCE.incrementAndGet();
        ProcessBackend backend;
        try {
            backend = new ProcessBackend(cfg, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the process pool's socket directory: " + e.getMessage(), e);
        }
        ProcessPoolImpl pool = new ProcessPoolImpl(backend, name, cfg);
        backend.startWorkers();
        return pool;
    }

    @Override
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return backend.awaitReady(timeout);
    }

    @Override
    public List<Long> workerPids() {
        return backend.workerPids();
    }

    @Override
    public long workersStarted() {
        return backend.workersStarted();
    }

    /** The socket directory (for tests: it must be gone after close). */
    public Path socketDirectory() {
        return backend.socketDirectory();
    }
}
