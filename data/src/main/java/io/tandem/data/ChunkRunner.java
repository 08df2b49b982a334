package io.tandem.data;

import io.tandem.ItemFailedException;
import io.tandem.Progress;
import io.tandem.TaskPool;
import io.tandem.function.SerializableFunction;
import io.tandem.spi.Capability;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BinaryOperator;
import java.util.function.ToLongFunction;

/**
 * The one map-reduce loop behind every {@link Chunks}: an ordered lazy map on the pool, one chunk per task,
 * folded in the caller as results arrive; progress counts each chunk's weight when its result is folded.
 */
final class ChunkRunner {
    private ChunkRunner() {
    }

    static boolean otherProcess(TaskPool pool) {
        return pool.capabilities().contains(Capability.OTHER_PROCESS);
    }

    static <C, R> R reduce(TaskPool pool, List<C> items, SerializableFunction<C, R> task, BinaryOperator<R> combiner,
                           Progress progress, ToLongFunction<C> weight) {
        Objects.requireNonNull(combiner, "combiner");
        Objects.requireNonNull(progress, "progress");
        long total = 0;
        for (C c : items) {
            total += weight.applyAsLong(c);
        }
        progress.addTotal(total);
        R acc = null;
        int i = 0;
        try (TaskPool.MapIterator<R> it = pool.imap(task, items, 1)) {
            while (it.hasNext()) {
                R r = it.next();
                acc = i == 0 ? r : combiner.apply(acc, r);
                progress.step(weight.applyAsLong(items.get(i++)));
            }
        } catch (ItemFailedException e) {
            throw unwrap(e);
        }
        return acc;
    }

    static <C, R> List<R> map(TaskPool pool, List<C> items, SerializableFunction<C, R> task) {
        try {
            return new ArrayList<>(pool.map(task, items, 1));
        } catch (ItemFailedException e) {
            throw unwrap(e);
        }
    }

    /** A malformed row is the user's error, named by file and line: it reaches the caller as it is. */
    private static RuntimeException unwrap(ItemFailedException e) {
        if (e.getCause() instanceof MalformedRowException m) {
            return m;
        }
        return e;
    }
}
