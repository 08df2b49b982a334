package io.tandem.spi;

import io.tandem.Task;
import io.tandem.TaskPool;
import io.tandem.function.SerializableCallable;
import io.tandem.function.SerializableFunction;
import io.tandem.function.SerializableRunnable;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link TaskPool} that forwards every call to another: the base of a pool type with methods of its own
 * (a {@code ProcessPool} adds {@code workerPids()}), built by composition around the pool core made from
 * its backend ({@link io.tandem.Pools.Builder#build(PoolBackend)}).
 *
 * <p>Concurrency: exactly that of {@link #delegate()}; this class adds no state.
 */
public abstract class ForwardingTaskPool implements TaskPool {
    private final TaskPool delegate;

    /** Forwards to {@code delegate}, typically {@code Pools.builder().build(backend)}. */
    protected ForwardingTaskPool(TaskPool delegate) {
        this.delegate = java.util.Objects.requireNonNull(delegate, "delegate");
    }

    /** The pool every call goes to. */
    public final TaskPool delegate() {
        return delegate;
    }

    @Override
    public String name() {
        return delegate().name();
    }

    @Override
    public int parallelism() {
        return delegate().parallelism();
    }

    @Override
    public Set<Capability> capabilities() {
        return delegate().capabilities();
    }

    @Override
    public <T> Task<T> submit(SerializableCallable<T> task) {
        return delegate().submit(task);
    }

    @Override
    public <T> Task<T> submit(String name, SerializableCallable<T> task) {
        return delegate().submit(name, task);
    }

    @Override
    public <T> Task<T> submit(Callable<T> task) {
        return delegate().submit(task);
    }

    @Override
    public Task<Void> submit(SerializableRunnable task) {
        return delegate().submit(task);
    }

    @Override
    public Task<?> submit(Runnable task) {
        return delegate().submit(task);
    }

    @Override
    public <T> Task<T> submit(Runnable task, T result) {
        return delegate().submit(task, result);
    }

    @Override
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items) {
        return delegate().map(fn, items);
    }

    @Override
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items, int chunkSize) {
        return delegate().map(fn, items, chunkSize);
    }

    @Override
    public <T, R> MapIterator<R> imap(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items) {
        return delegate().imap(fn, items);
    }

    @Override
    public <T, R> MapIterator<R> imap(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items, int chunkSize) {
        return delegate().imap(fn, items, chunkSize);
    }

    @Override
    public <T, R> MapIterator<R> imapUnordered(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items) {
        return delegate().imapUnordered(fn, items);
    }

    @Override
    public <T, R> MapIterator<R> imapUnordered(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items,
                                               int chunkSize) {
        return delegate().imapUnordered(fn, items, chunkSize);
    }

    @Override
    public void execute(Runnable command) {
        delegate().execute(command);
    }

    @Override
    public void shutdown() {
        delegate().shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return delegate().shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return delegate().isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return delegate().isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return delegate().awaitTermination(timeout, unit);
    }

    @Override
    public void close() {
        delegate().close();
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        return delegate().invokeAll(tasks);
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException {
        return delegate().invokeAll(tasks, timeout, unit);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        return delegate().invokeAny(tasks);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return delegate().invokeAny(tasks, timeout, unit);
    }

    @Override
    public String toString() {
        return delegate().toString();
    }
}
