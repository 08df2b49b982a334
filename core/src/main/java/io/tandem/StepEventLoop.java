package io.tandem;

import io.tandem.internal.Checks;
import io.tandem.EventLoop;
import io.tandem.Outcome;
import io.tandem.TandemException;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/*
 * asyncio's loop in miniature. State is confined to the running thread except the inbox, a concurrent
 * queue that callSoonThreadSafe appends to before unparking the runner. Each iteration: drain the inbox
 * into the ready queue, move due timers there, then run exactly the callbacks ready at that moment, so a
 * task that yields goes behind everything already waiting (round robin). When nothing is ready, wait for
 * the next timer (parkNanos, woken early by unpark) or, in virtual time, set the clock to it.
 * Cancelled timers are removed from the heap at once, so they never keep the loop waiting.
 */
final class StepEventLoop implements EventLoop {
    private final boolean virtual;
    private final long origin = System.nanoTime();
    private long virtualNow;
    private long sequence;
    private final ArrayDeque<Handle> ready = new ArrayDeque<>();
    private final PriorityQueue<Handle> timers =
            new PriorityQueue<>(Comparator.<Handle>comparingLong(h -> h.when - origin).thenComparingLong(h -> h.seq));
    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final Set<Task<?>> tasks = new LinkedHashSet<>();
    private final Set<Task<?>> unobservedFailures = new LinkedHashSet<>();
    private volatile Thread runner;
    private volatile boolean closed;

    public StepEventLoop(boolean virtual) {
        this.virtual = virtual;
    }

    private long now() {
        return virtual ? origin + virtualNow : System.nanoTime();
    }

    @Override
    public Duration elapsed() {
        return Duration.ofNanos(now() - origin);
    }

    @Override
    public Timer callSoon(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        checkOpenOnLoopThread();
        Handle h = new Handle(callback, now(), sequence++);
        ready.add(h);
        return h;
    }

    @Override
    public Timer callLater(Duration delay, Runnable callback) {
        long nanos = Checks.nonNegativeNanos(delay, "delay");
        Objects.requireNonNull(callback, "callback");
        checkOpenOnLoopThread();
        long now = now();
        long when = nanos > Long.MAX_VALUE / 2 ? now + Long.MAX_VALUE / 2 : now + nanos;
        Handle h = new Handle(callback, when, sequence++);
        h.timer = true;
        timers.add(h);
        return h;
    }

    @Override
    public void callSoonThreadSafe(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        if (closed) {
            throw new IllegalStateException("event loop is closed");
        }
        inbox.add(callback);
        Thread r = runner;
        if (r != null) {
            LockSupport.unpark(r);
        }
    }

    @Override
    public <T> StepTask<T> spawn(String name, Step<T> step) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(step, "step");
        checkOpenOnLoopThread();
        Task<T> task = new Task<>(name, step);
        tasks.add(task);
        task.scheduled = callSoon(task::stepOnce);
        return task;
    }

    @Override
    public <T> T runUntilComplete(StepTask<T> task) {
        Objects.requireNonNull(task, "task");
        if (!(task instanceof Task<T> t) || t.loop() != this) {
            throw new IllegalArgumentException("task " + task.name() + " belongs to another event loop");
        }
        enter();
        try {
            while (!t.isDone()) {
                if (!runOnce()) {
                    throw new IllegalStateException("event loop ran out of work before task " + t.name + " finished");
                }
            }
        } finally {
            runner = null;
        }
        return t.result();
    }

    @Override
    public void run() {
        enter();
        try {
            while (runOnce()) {
                // keep going
            }
        } finally {
            runner = null;
        }
    }

    private void enter() {
        if (closed) {
            throw new IllegalStateException("event loop is closed");
        }
        Thread current = Thread.currentThread();
        Thread r = runner;
        if (r == current) {
            throw new IllegalStateException("the event loop is already running in this thread: a step or callback"
                    + " cannot run the loop; schedule work with callSoon or spawn instead");
        }
        if (r != null) {
            throw new IllegalStateException("the event loop is already running in thread " + r.getName());
        }
        runner = current;
    }

    /** One iteration; false when there was nothing to do and nothing scheduled. */
    private boolean runOnce() {
        for (Runnable r; (r = inbox.poll()) != null; ) {
            ready.add(new Handle(r, now(), sequence++));
        }
        long now = now();
        while (!timers.isEmpty() && timers.peek().when - now <= 0) {
            ready.add(timers.poll());
        }
        if (ready.isEmpty()) {
            if (timers.isEmpty()) {
                return !inbox.isEmpty();
            }
            long wait = timers.peek().when - now;
            if (virtual) {
                virtualNow += wait;
            } else {
                LockSupport.parkNanos(this, wait);
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted while the event loop waited for a timer");
                }
            }
            return true;
        }
        for (int n = ready.size(); n > 0; n--) {
            Handle h = ready.poll();
            if (!h.cancelled) {
                h.ran = true;
                h.action.run();
            }
        }
        return true;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        checkOpenOnLoopThread();
        if (runner != null) {
            throw new IllegalStateException("cannot close a running event loop; close it after run() returns");
        }
        closed = true;
        for (Task<?> t : List.copyOf(tasks)) {
            t.cancel();
        }
        ready.clear();
        timers.clear();
        inbox.clear();
        if (!unobservedFailures.isEmpty()) {
            List<Task<?>> failed = new ArrayList<>(unobservedFailures);
            unobservedFailures.clear();
            StringBuilder names = new StringBuilder();
            for (Task<?> t : failed) {
                names.append(names.isEmpty() ? "" : ", ").append(t.name);
            }
            TandemException e = new TandemException(failed.size() + " step task(s) failed and nobody read the"
                    + " outcome: " + names + "; call result() or outcome() on them, or runUntilComplete",
                    failed.getFirst().failure);
            for (int i = 1; i < failed.size(); i++) {
                e.addSuppressed(failed.get(i).failure);
            }
            throw e;
        }
    }

    private void checkOpenOnLoopThread() {
        if (closed) {
            throw new IllegalStateException("event loop is closed");
        }
        Thread r = runner;
        if (r != null && r != Thread.currentThread()) {
            throw new IllegalStateException("the event loop runs in thread " + r.getName()
                    + "; call it only from there, or from other threads through callSoonThreadSafe");
        }
    }

    @Override
    public String toString() {
        return "EventLoop[" + (virtual ? "virtual time " : "") + elapsed() + ", " + ready.size() + " ready, "
                + timers.size() + " timers, " + tasks.size() + " tasks" + (closed ? ", closed]" : "]");
    }

    private final class Handle implements Timer {
        final Runnable action;
        final long when;
        final long seq;
        boolean timer;
        boolean cancelled;
        boolean ran;

        Handle(Runnable action, long when, long seq) {
            this.action = action;
            this.when = when;
            this.seq = seq;
        }

        @Override
        public boolean cancel() {
            if (cancelled || ran) {
                return false;
            }
            cancelled = true;
            if (timer) {
                timers.remove(this);
            }
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }
    }

    private final class Task<T> implements StepTask<T> {
        final String name;
        final Step<T> step;
        Timer scheduled;
        Outcome<T> outcome;
        Throwable failure;

        Task(String name, Step<T> step) {
            this.name = name;
            this.step = step;
        }

        StepEventLoop loop() {
            return StepEventLoop.this;
        }

        void stepOnce() {
            if (outcome != null) {
                return;
            }
            Poll<T> poll;
            try {
                poll = step.poll();
                if (poll == null) {
                    throw new NullPointerException("step of task " + name
                            + " returned null; return Poll.pending() to yield or Poll.ready(value) to finish");
                }
            } catch (Throwable e) {
                if (outcome == null) {
                    failure = e;
                    finish(Outcome.failure(e));
                    unobservedFailures.add(this);
                }
                if (e instanceof VirtualMachineError) {
                    throw (VirtualMachineError) e;
                }
                return;
            }
            if (outcome != null) {
                return; // cancelled by its own step
            }
            switch (poll) {
                case Poll.Pending<T> p -> scheduled = callSoon(this::stepOnce);
                case Poll.Sleep<T> s -> scheduled = callLater(s.delay(), this::stepOnce);
                case Poll.Ready<T> r -> finish(Outcome.success(r.value()));
            }
        }

        private void finish(Outcome<T> o) {
            outcome = o;
            scheduled = null;
            tasks.remove(this);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean isDone() {
            return outcome != null;
        }

        @Override
        public boolean cancel() {
            if (outcome != null) {
                return false;
            }
            Timer s = scheduled;
            finish(Outcome.cancelled());
            if (s != null) {
                s.cancel();
            }
            return true;
        }

        @Override
        public Outcome<T> outcome() {
            if (outcome == null) {
                throw new IllegalStateException("task " + name + " is not done yet; run the loop first");
            }
            unobservedFailures.remove(this);
            return outcome;
        }

        @Override
        public String toString() {
            return "StepTask[" + name + (outcome == null ? ", running]" : ", " + outcome + "]");
        }
    }
}
