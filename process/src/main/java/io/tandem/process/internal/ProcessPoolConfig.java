package io.tandem.process.internal;

import io.tandem.RetryPolicy;
import io.tandem.function.SerializableRunnable;
import io.tandem.Task;
import io.tandem.process.Codec;
import io.tandem.process.WorkerOutput;

import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;

/** A process pool's frozen configuration (checked by {@link io.tandem.process.ProcessPool.Builder}). */
public record ProcessPoolConfig(int workers, List<String> jvmOptions, String heap, SerializableRunnable initializer,
                                int maxTasksPerWorker, boolean fastStartJit, Duration taskTimeout, RetryPolicy retry, Codec codec,
                                WorkerOutput output, int pipelineDepth, Duration cancelGrace, String name,
                                BiConsumer<Task<?>, Throwable> uncaughtFailureHandler) {
}
