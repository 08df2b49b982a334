package io.tandem.function;

import io.tandem.function.SerializableCallable;
import java.io.Serializable;

/**
 * A {@link Runnable} that can travel to a worker process; see {@link SerializableCallable}.
 */
@FunctionalInterface
public interface SerializableRunnable extends Runnable, Serializable {
}
