package io.tandem.process;

import io.tandem.Task;
import io.tandem.TaskPool;
import io.tandem.test.TaskPoolConformanceTest;

import java.util.function.BiConsumer;

/** The pool conformance suite over worker processes: the same contract as threads. */
class ProcessPoolConformanceTest extends TaskPoolConformanceTest {
    @Override
    protected TaskPool newPool(BiConsumer<Task<?>, Throwable> h) {
        return ProcessPool.builder().workers(2).uncaughtFailureHandler(h).build();
    }

    @Override
    protected int lazyWindowChunks(TaskPool p) {
        return p.parallelism() * 16 * 2;
    }
}
