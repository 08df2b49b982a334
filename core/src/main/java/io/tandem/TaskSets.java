package io.tandem;

import io.tandem.Outcome;
import io.tandem.Task;
import io.tandem.Tasks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The engine behind {@link Tasks}: every operation registers an {@code onComplete} callback per task
 * that feeds one completion queue, then takes from it. No polling, no thread per task.
 */
final class TaskSets {
    private TaskSets() {
    }

    private static <T> List<Task<T>> copy(Collection<? extends Task<? extends T>> tasks) {
        if (tasks == null) {
            throw new NullPointerException("tasks");
        }
        List<Task<T>> list = new ArrayList<>(tasks.size());
        for (Task<? extends T> t : tasks) {
            if (t == null) {
                throw new NullPointerException("tasks contains null at position " + list.size());
            }
            @SuppressWarnings("unchecked")
            Task<T> cast = (Task<T>) t;
            list.add(cast);
        }
        return list;
    }

    private static <T> LinkedBlockingQueue<Task<T>> completionQueue(List<Task<T>> tasks) {
        LinkedBlockingQueue<Task<T>> q = new LinkedBlockingQueue<>();
        for (Task<T> t : tasks) {
            t.onComplete(o -> q.add(t));
        }
        return q;
    }

    private static CancellationException interrupted(String what, InterruptedException e) {
        Thread.currentThread().interrupt();
        CancellationException ce = new CancellationException("interrupted while " + what);
        ce.initCause(e);
        return ce;
    }

    public static <T> List<T> gather(Collection<? extends Task<? extends T>> input) {
        List<Task<T>> tasks = copy(input);
        LinkedBlockingQueue<Task<T>> q = completionQueue(tasks);
        try {
            for (int i = 0; i < tasks.size(); i++) {
                Task<T> t = q.take();
                if (t.state() != Future.State.SUCCESS) {
                    tasks.forEach(x -> x.cancel(true));
                    if (t.state() == Future.State.FAILED) {
                        Throwable e = t.exceptionNow();
                        throw new CompletionException("task " + t.name() + " failed: " + e, e);
                    }
                    throw new CancellationException("task " + t.name() + " was cancelled");
                }
            }
        } catch (InterruptedException e) {
            tasks.forEach(x -> x.cancel(true));
            throw interrupted("gathering " + tasks.size() + " tasks; they were cancelled", e);
        }
        List<T> out = new ArrayList<>(tasks.size());
        for (Task<T> t : tasks) {
            out.add(t.resultNow());
        }
        return out;
    }

    public static <T> List<Outcome<T>> settle(Collection<? extends Task<? extends T>> input) {
        List<Task<T>> tasks = copy(input);
        List<Outcome<T>> out = new ArrayList<>(tasks.size());
        for (Task<T> t : tasks) {
            out.add(t.outcome());
        }
        return out;
    }

    public static <T> Iterable<Task<T>> asCompleted(Collection<? extends Task<T>> input, Duration timeout) {
        List<Task<T>> tasks = copy(input);
        long deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
        return () -> new Iterator<>() {
            private final LinkedBlockingQueue<Task<T>> q = completionQueue(tasks);
            private int left = tasks.size();

            @Override
            public boolean hasNext() {
                return left > 0;
            }

            @Override
            public Task<T> next() {
                if (left == 0) {
                    throw new NoSuchElementException();
                }
                try {
                    Task<T> t;
                    if (timeout == null) {
                        t = q.take();
                    } else {
                        t = q.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                        if (t == null) {
                            throw new CompletionException(new TimeoutException(left + " of " + tasks.size()
                                    + " tasks still pending after " + timeout));
                        }
                    }
                    left--;
                    return t;
                } catch (InterruptedException e) {
                    throw interrupted("waiting in asCompleted", e);
                }
            }
        };
    }

    public static <T> Tasks.Done<T> waitFor(Collection<? extends Task<T>> input, Tasks.WaitMode mode, Duration timeout)
            throws InterruptedException {
        if (mode == null) {
            throw new NullPointerException("mode");
        }
        List<Task<T>> tasks = copy(input);
        LinkedBlockingQueue<Task<T>> q = completionQueue(tasks);
        long deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
        int done = 0;
        while (done < tasks.size()) {
            Task<T> t = timeout == null ? q.take() : q.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (t == null) {
                break;
            }
            done++;
            if (mode == Tasks.WaitMode.FIRST_COMPLETED
                    || mode == Tasks.WaitMode.FIRST_EXCEPTION && t.state() == Future.State.FAILED) {
                break;
            }
        }
        List<Task<T>> d = new ArrayList<>();
        List<Task<T>> p = new ArrayList<>();
        for (Task<T> t : tasks) {
            (t.isDone() ? d : p).add(t);
        }
        return new Tasks.Done<>(d, p);
    }

    public static <T> Set<Task<T>> doneNow(Collection<? extends Task<T>> input) {
        Set<Task<T>> out = new LinkedHashSet<>();
        for (Task<T> t : copy(input)) {
            if (t.isDone()) {
                out.add(t);
            }
        }
        return out;
    }

    /** invokeAny: the first successful result; if all fail, an ExecutionException with the last failure. */
    static <T> T firstSuccess(List<Task<T>> tasks, long timeoutNanos) throws InterruptedException, ExecutionException, TimeoutException {
        LinkedBlockingQueue<Task<T>> q = completionQueue(tasks);
        long deadline = System.nanoTime() + timeoutNanos;
        Throwable last = null;
        for (int i = 0; i < tasks.size(); i++) {
            Task<T> t = timeoutNanos == Long.MAX_VALUE ? q.take() : q.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (t == null) {
                throw new TimeoutException("no task succeeded within the timeout");
            }
            if (t.state() == Future.State.SUCCESS) {
                return t.resultNow();
            }
            last = t.state() == Future.State.FAILED ? t.exceptionNow() : new CancellationException("task " + t.name() + " was cancelled");
        }
        throw new ExecutionException("every task failed; the last failure is the cause", last);
    }
}
