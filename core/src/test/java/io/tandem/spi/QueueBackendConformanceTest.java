package io.tandem.spi;

import io.tandem.Pools;
import io.tandem.Task;
import io.tandem.TaskPool;
import io.tandem.test.TaskPoolConformanceTest;

import java.util.function.BiConsumer;

/** The pool conformance suite over the guide's minimal backend: the SPI alone makes a complete pool. */
class QueueBackendConformanceTest extends TaskPoolConformanceTest {
    @Override
    protected TaskPool newPool(BiConsumer<Task<?>, Throwable> h) {
        return Pools.builder().uncaughtFailureHandler(h).build(new QueueBackend(2));
    }
}
