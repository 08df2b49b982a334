package io.tandem.graph.internal;

import io.tandem.RetryPolicy;
import io.tandem.function.SerializableFunction;
import io.tandem.function.SerializablePredicate;
import io.tandem.graph.TaskContext;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A task as described, before a run resolves it: immutable. */
public record Spec(String name, List<String> deps, int priority, Map<String, Integer> resources, RetryPolicy retry,
                   Duration timeout, String pool, SerializablePredicate<TaskContext> skipIf,
                   SerializableFunction<TaskContext, Object> fn) {
}
