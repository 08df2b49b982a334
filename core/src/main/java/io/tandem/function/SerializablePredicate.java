package io.tandem.function;

import java.io.Serializable;
import java.util.function.Predicate;

/**
 * A {@link Predicate} that can travel to a worker process; used for skip conditions.
 *
 * <p>Thread safety: as safe as the lambda it is.
 */
@FunctionalInterface
public interface SerializablePredicate<T> extends Predicate<T>, Serializable {
}
