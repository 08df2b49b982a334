package io.tandem;

import io.tandem.test.TaskPoolConformanceTest;

import java.util.function.BiConsumer;

class DirectPoolConformanceTest extends TaskPoolConformanceTest {
    @Override
    protected TaskPool newPool(BiConsumer<Task<?>, Throwable> h) {
        return Pools.builder().uncaughtFailureHandler(h).direct();
    }
}
