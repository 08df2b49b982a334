package io.tandem;

import io.tandem.EventLoop.Poll;
import io.tandem.EventLoop.StepTask;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventLoopTest {
    private final List<String> log = new ArrayList<>();

    /** A task that logs each step and finishes with its name after {@code steps} steps. */
    private EventLoop.Step<String> counting(String name, int steps) {
        int[] n = {0};
        return () -> {
            log.add(name + ++n[0]);
            return n[0] < steps ? Poll.pending() : Poll.ready(name + " done");
        };
    }

    @Test
    void yieldingTasksRunRoundRobin() {
        try (EventLoop loop = EventLoop.virtualTime()) {
            StepTask<String> a = loop.spawn("A", counting("A", 3));
            StepTask<String> b = loop.spawn("B", counting("B", 5));
            loop.run();
            assertEquals(List.of("A1", "B1", "A2", "B2", "A3", "B3", "B4", "B5"), log);
            assertEquals("A done", a.result());
            assertEquals("B done", b.result());
            assertEquals(Duration.ZERO, loop.elapsed());
        }
    }

    /** The seed's generator example: A works for 2 s and B for 3 s, 0.3 s per step, interleaved. */
    @Test
    void seedExampleInVirtualTime() {
        try (EventLoop loop = EventLoop.virtualTime()) {
            StepTask<Integer> a = loop.spawn("A", seedTask(loop, "A", Duration.ofSeconds(2), 11_000));
            StepTask<Integer> b = loop.spawn("B", seedTask(loop, "B", Duration.ofSeconds(3), 12_000));
            loop.run();
            assertEquals(11_000, a.result());
            assertEquals(12_000, b.result());
            assertEquals(List.of("A 0ms", "B 0ms", "A 300ms", "B 300ms", "A 600ms", "B 600ms", "A 900ms", "B 900ms",
                    "A 1200ms", "B 1200ms", "A 1500ms", "B 1500ms", "A 1800ms", "B 1800ms", "A completed at 2100ms",
                    "B 2100ms", "B 2400ms", "B 2700ms", "B completed at 3000ms"), log);
            assertEquals(Duration.ofMillis(3000), loop.elapsed());
        }
    }

    private EventLoop.Step<Integer> seedTask(EventLoop loop, String name, Duration seconds, int result) {
        Duration start = loop.elapsed();
        return () -> {
            Duration now = loop.elapsed();
            if (start.plus(seconds).compareTo(now) > 0) {
                log.add(name + " " + now.toMillis() + "ms");   // "Task A is working..."
                return Poll.sleep(Duration.ofMillis(300));     // time.sleep(0.3); yield None
            }
            log.add(name + " completed at " + now.toMillis() + "ms");
            return Poll.ready(result);
        };
    }

    @Test
    void timersRunInDueOrderThenSchedulingOrder() {
        try (EventLoop loop = EventLoop.virtualTime()) {
            loop.callLater(Duration.ofMillis(300), () -> log.add("c@" + loop.elapsed().toMillis()));
            loop.callLater(Duration.ofMillis(100), () -> log.add("a@" + loop.elapsed().toMillis()));
            loop.callLater(Duration.ofMillis(200), () -> log.add("b@" + loop.elapsed().toMillis()));
            loop.callLater(Duration.ofMillis(100), () -> log.add("a2@" + loop.elapsed().toMillis()));
            loop.callSoon(() -> log.add("soon"));
            loop.run();
            assertEquals(List.of("soon", "a@100", "a2@100", "b@200", "c@300"), log);
        }
    }

    @Test
    void callbacksScheduledWhileRunningGoToTheNextIteration() {
        try (EventLoop loop = EventLoop.virtualTime()) {
            loop.callSoon(() -> {
                log.add("first");
                loop.callSoon(() -> log.add("scheduled by first"));
            });
            loop.callSoon(() -> log.add("second"));
            loop.run();
            assertEquals(List.of("first", "second", "scheduled by first"), log);
        }
    }

    @Test
    void cancelledTimerNeverRunsAndDoesNotKeepTheLoopWaiting() {
        try (EventLoop loop = EventLoop.virtualTime()) {
            EventLoop.Timer late = loop.callLater(Duration.ofHours(1), () -> log.add("late"));
            loop.callLater(Duration.ofMillis(5), () -> assertTrue(late.cancel()));
            loop.run();
            assertTrue(log.isEmpty());
            assertTrue(late.isCancelled());
            assertFalse(late.cancel(), "second cancel");
            assertEquals(Duration.ofMillis(5), loop.elapsed());
            EventLoop.Timer ran = loop.callSoon(() -> log.add("ran"));
            loop.run();
            assertFalse(ran.cancel(), "cancel after running");
            assertFalse(ran.isCancelled());
        }
    }

    @Test
    void cancelledTaskStopsAndReportsCancellation() {
        try (EventLoop loop = EventLoop.virtualTime()) {
            StepTask<String> sleeper = loop.spawn("sleeper", () -> {
                log.add("sleeping");
                return Poll.sleep(Duration.ofHours(1));
            });
            StepTask<String> canceller = loop.spawn("canceller", () -> Poll.ready(String.valueOf(sleeper.cancel())));
            loop.run();
            assertEquals("true", canceller.result());
            assertEquals(List.of("sleeping"), log);
            assertTrue(sleeper.isDone());
            assertInstanceOf(Outcome.Cancelled.class, sleeper.outcome());
            assertThrows(CancellationException.class, sleeper::result);
            assertThrows(CancellationException.class, () -> loop.runUntilComplete(sleeper));
            assertFalse(sleeper.cancel());
            assertEquals(Duration.ZERO, loop.elapsed(), "the cancelled sleep does not hold the loop");
        }
    }

    @Test
    void closeCancelsUnfinishedTasks() {
        EventLoop loop = EventLoop.virtualTime();
        StepTask<String> never = loop.spawn("never", Poll::pending);
        loop.close();
        assertTrue(never.isDone());
        assertThrows(CancellationException.class, never::result);
        assertThrows(IllegalStateException.class, () -> loop.callSoon(() -> { }));
        assertThrows(IllegalStateException.class, () -> loop.callSoonThreadSafe(() -> { }));
        assertThrows(IllegalStateException.class, loop::run);
        loop.close(); // idempotent
    }

    @Test
    void stepFailureFailsItsTaskAndReachesRunUntilComplete() {
        try (EventLoop loop = EventLoop.virtualTime()) {
            IllegalStateException boom = new IllegalStateException("boom");
            StepTask<String> bad = loop.spawn("bad", () -> {
                throw boom;
            });
            StepTask<String> good = loop.spawn("good", counting("G", 2));
            CompletionException e = assertThrows(CompletionException.class, () -> loop.runUntilComplete(bad));
            assertSame(boom, e.getCause());
            assertEquals("G done", loop.runUntilComplete(good), "other tasks are not disturbed");
        }
    }

    @Test
    void unreadFailureIsReportedByClose() {
        EventLoop loop = EventLoop.virtualTime();
        IllegalStateException boom = new IllegalStateException("boom");
        loop.spawn("nobody-reads-me", () -> {
            throw boom;
        });
        StepTask<Object> read = loop.spawn("read", () -> {
            throw new IllegalArgumentException("read");
        });
        loop.run();
        assertInstanceOf(Outcome.Failure.class, read.outcome());
        TandemException e = assertThrows(TandemException.class, loop::close);
        assertTrue(e.getMessage().startsWith("1 step task(s) failed and nobody read the outcome: nobody-reads-me"),
                e.getMessage());
        assertSame(boom, e.getCause());
    }

    @Test
    void nullPollFailsTheTaskWithAHint() {
        try (EventLoop loop = EventLoop.virtualTime()) {
            StepTask<String> t = loop.spawn("t", () -> null);
            var e = assertThrows(CompletionException.class, () -> loop.runUntilComplete(t));
            assertInstanceOf(NullPointerException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("Poll.pending()"), e.getCause().getMessage());
        }
    }

    @Test
    void failingCallbackPropagatesOutOfRunAndTheRestStaysScheduled() {
        try (EventLoop loop = EventLoop.virtualTime()) {
            loop.callSoon(() -> {
                throw new IllegalStateException("callback");
            });
            loop.callSoon(() -> log.add("after"));
            assertEquals("callback", assertThrows(IllegalStateException.class, loop::run).getMessage());
            loop.run();
            assertEquals(List.of("after"), log);
        }
    }

    @Test
    void runningTheLoopFromInsideIsRefused() {
        try (EventLoop loop = EventLoop.virtualTime()) {
            StepTask<Object> t = loop.spawn("nested", () -> {
                loop.run();
                return Poll.ready(null);
            });
            var e = assertThrows(CompletionException.class, () -> loop.runUntilComplete(t));
            assertInstanceOf(IllegalStateException.class, e.getCause());
        }
    }

    @Test
    void otherThreadsUseCallSoonThreadSafeWhichWakesTheLoop() throws Exception {
        try (EventLoop loop = EventLoop.create()) {
            AtomicReference<Throwable> misuse = new AtomicReference<>();
            // A timer an hour away keeps the loop waiting; only the other thread's callback ends the wait.
            EventLoop.Timer keepAlive = loop.callLater(Duration.ofHours(1), () -> log.add("an hour later"));
            Thread other = Thread.ofPlatform().unstarted(() -> {
                try {
                    loop.callSoon(() -> { });
                } catch (Throwable t) {
                    misuse.set(t);
                }
                loop.callSoonThreadSafe(() -> {
                    log.add("from other thread");
                    keepAlive.cancel();
                });
            });
            loop.callSoon(other::start);
            loop.run();
            other.join();
            assertEquals(List.of("from other thread"), log);
            assertInstanceOf(IllegalStateException.class, misuse.get());
            assertTrue(misuse.get().getMessage().contains("callSoonThreadSafe"), misuse.get().getMessage());
            assertTrue(loop.elapsed().compareTo(Duration.ofMinutes(1)) < 0);
        }
    }

    @Test
    void callSoonThreadSafeBeforeRunWaitsForIt() throws Exception {
        try (EventLoop loop = EventLoop.create()) {
            Thread other = Thread.ofPlatform().start(() -> loop.callSoonThreadSafe(() -> log.add("queued")));
            other.join();
            assertTrue(log.isEmpty());
            loop.run();
            assertEquals(List.of("queued"), log);
        }
    }

    @Test
    void realTimeSleepWaitsAboutTheDelay() {
        try (EventLoop loop = EventLoop.create()) {
            StepTask<Duration> t = loop.spawn("sleep", new EventLoop.Step<>() {
                boolean slept;

                @Override
                public Poll<Duration> poll() {
                    if (slept) {
                        return Poll.ready(loop.elapsed());
                    }
                    slept = true;
                    return Poll.sleep(Duration.ofMillis(20));
                }
            });
            Duration woke = loop.runUntilComplete(t);
            assertTrue(woke.compareTo(Duration.ofMillis(20)) >= 0, "woke at " + woke);
        }
    }

    @Test
    void rejectsBadArguments() {
        try (EventLoop loop = EventLoop.virtualTime()) {
            assertThrows(IllegalArgumentException.class, () -> loop.callLater(Duration.ofMillis(-1), () -> { }));
            assertThrows(NullPointerException.class, () -> loop.spawn(null, Poll::pending));
            assertThrows(NullPointerException.class, () -> loop.callSoon(null));
            assertThrows(IllegalArgumentException.class, () -> Poll.sleep(Duration.ofSeconds(-1)));
            try (EventLoop other = EventLoop.virtualTime()) {
                StepTask<Object> foreign = other.spawn("foreign", () -> Poll.ready(1));
                assertThrows(IllegalArgumentException.class, () -> loop.runUntilComplete(foreign));
                other.run();
            }
            StepTask<Object> notRun = loop.spawn("t", () -> Poll.ready(1));
            assertThrows(IllegalStateException.class, notRun::result);
            loop.run();
        }
    }
}
