package io.tandem.function;

import java.io.Serializable;
import java.util.function.BiFunction;

/**
 * A {@link BiFunction} that can travel to a worker process (see {@code io.tandem.function.SerializableFunction}).
 *
 * <p>Thread safety: as safe as the lambda it is.
 */
@FunctionalInterface
public interface SerializableBiFunction<A, B, R> extends BiFunction<A, B, R>, Serializable {
}
