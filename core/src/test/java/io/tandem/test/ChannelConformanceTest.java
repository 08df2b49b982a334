package io.tandem.test;

import io.tandem.channel.Channel;
import io.tandem.channel.ClosedChannelException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every {@link Channel} kind must do, run once per kind by a subclass that says how to make one.
 *
 * <p>The tests send ascending integers, so first-in-first-out and least-first (natural order) give the
 * same receive order, and one suite covers FIFO and priority kinds. Tests that need a buffer of some size
 * or a channel that can be full say so with an assumption; everything else runs on every kind,
 * rendezvous included. Threads that block are started with {@link #fork}, observed parked (never slept
 * for) and always joined.
 */
public abstract class ChannelConformanceTest {
    private static final Duration SHORT = Duration.ofMillis(30);
    private final List<Forked<?>> forked = new ArrayList<>();

    /** A new, open, empty channel of the kind under test; priority kinds must use natural order. */
    protected abstract Channel<Integer> newChannel();


    @AfterEach
    final void joinForkedThreads() {
        for (Forked<?> f : forked) {
            f.thread.interrupt();
        }
        for (Forked<?> f : forked) {
            f.joinQuietly();
        }
    }

    // ---- sending and receiving ----

    @Test
    void itemsFromOneProducerArriveInOrder() {
        Channel<Integer> ch = newChannel();
        int n = 200;
        List<Integer> received = new ArrayList<>();
        TestThreads.run(2, i -> {
            if (i == 0) {
                for (int x = 0; x < n; x++) {
                    ch.send(x);
                }
            } else {
                for (int x = 0; x < n; x++) {
                    received.add(ch.receive());
                }
            }
        });
        assertEquals(IntStream.range(0, n).boxed().toList(), received);
        assertNull(ch.poll());
    }

    @Test
    void pollOnEmptyChannelReturnsNullAtOnce() throws InterruptedException {
        Channel<Integer> ch = newChannel();
        assertNull(ch.poll());
        assertNull(ch.poll(Duration.ZERO));
        assertNull(ch.poll(Duration.ofSeconds(-1)));
        assertEquals(0, ch.size());
    }

    @Test
    void timedPollWaitsThenReturnsNull() throws InterruptedException {
        Channel<Integer> ch = newChannel();
        long start = System.nanoTime();
        assertNull(ch.poll(SHORT));
        assertTrue(System.nanoTime() - start >= SHORT.toNanos(), "poll(timeout) returned before the timeout");
    }

    @Test
    void timedPollReturnsAnItemSentWhileWaiting() throws Exception {
        Channel<Integer> ch = newChannel();
        Forked<Integer> receiver = fork("receiver", () -> ch.poll(Duration.ofMinutes(1)));
        receiver.awaitParked();
        ch.send(7);
        assertEquals(7, receiver.join());
    }

    @Test
    void trySendAndPollAreTheNonBlockingPair() throws Exception {
        Channel<Integer> ch = newChannel();
        if (ch.capacity() == 0) {
            assertFalse(ch.trySend(1), "trySend without a waiting receiver must fail on a rendezvous channel");
            Forked<Integer> receiver = fork("receiver", ch::receive);
            receiver.awaitParked();
            assertTrue(ch.trySend(1), "trySend must hand over to a waiting receiver");
            assertEquals(1, receiver.join());
        } else {
            assertTrue(ch.trySend(1));
            assertTrue(ch.trySend(2));
            assertEquals(2, ch.size());
            assertEquals(1, ch.poll());
            assertEquals(2, ch.poll());
        }
        assertNull(ch.poll());
    }

    @Test
    void nullItemsAndTimeoutsAreRejected() {
        Channel<Integer> ch = newChannel();
        assertMessageNames("item", assertThrows(NullPointerException.class, () -> ch.send(null)));
        assertMessageNames("item", assertThrows(NullPointerException.class, () -> ch.trySend(null)));
        assertMessageNames("item", assertThrows(NullPointerException.class, () -> ch.send(null, SHORT)));
        assertMessageNames("timeout", assertThrows(NullPointerException.class, () -> ch.send(1, null)));
        assertMessageNames("timeout", assertThrows(NullPointerException.class, () -> ch.poll(null)));
        assertMessageNames("timeout", assertThrows(NullPointerException.class, () -> ch.awaitDone(null)));
        assertEquals(0, ch.size());
    }

    @Test
    void worksBetweenVirtualThreads() throws Exception {
        Channel<Integer> ch = newChannel();
        int n = 1000;
        AtomicInteger sum = new AtomicInteger();
        Thread consumer = Thread.ofVirtual().name("consumer").start(() -> {
            for (int x : ch) {
                sum.addAndGet(x);
            }
        });
        Thread producer = Thread.ofVirtual().name("producer").start(() -> {
            try (ch) {
                for (int x = 0; x < n; x++) {
                    ch.send(x);
                }
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        assertTrue(producer.join(Await.DEFAULT_TIMEOUT), "producer did not finish");
        assertTrue(consumer.join(Await.DEFAULT_TIMEOUT), "consumer did not finish");
        assertEquals(n * (n - 1) / 2, sum.get());
    }

    // ---- closing ----

    @Test
    void closeLetsReceiversDrainThenIterationEnds() {
        Channel<Integer> ch = newChannel();
        List<Integer> received = new ArrayList<>();
        TestThreads.run(2, i -> {
            if (i == 0) {
                for (int x = 0; x < 50; x++) {
                    ch.send(x);
                }
                ch.close();
            } else {
                for (int x : ch) {
                    received.add(x);
                }
            }
        });
        assertEquals(IntStream.range(0, 50).boxed().toList(), received);
        assertTrue(ch.isClosed());
        assertTrue(ch.isClosedForReceive());
    }

    @Test
    void streamEndsWhenClosedAndDrained() {
        Channel<Integer> ch = newChannel();
        AtomicInteger sum = new AtomicInteger();
        TestThreads.run(2, i -> {
            if (i == 0) {
                try (ch) {
                    for (int x = 1; x <= 10; x++) {
                        ch.send(x);
                    }
                }
            } else {
                sum.set(ch.stream().mapToInt(Integer::intValue).sum());
            }
        });
        assertEquals(55, sum.get());
    }

    @Test
    void bufferedItemsSurviveCloseUntilReceived() throws InterruptedException {
        Channel<Integer> ch = newChannel();
        assumeTrue(ch.capacity() >= 3, "needs a buffer of 3");
        ch.send(1);
        ch.send(2);
        ch.send(3);
        ch.close();
        assertTrue(ch.isClosed());
        assertFalse(ch.isClosedForReceive(), "closed but not drained");
        assertEquals(3, ch.size());
        assertEquals(1, ch.receive());
        assertEquals(2, ch.poll());
        assertEquals(3, ch.poll(SHORT));
        assertTrue(ch.isClosedForReceive());
    }

    @Test
    void afterCloseSendsFailAndReceivesEnd() throws InterruptedException {
        Channel<Integer> ch = newChannel();
        ch.close();
        assertTrue(ch.isClosed());
        assertTrue(ch.isClosedForReceive());
        ClosedChannelException send = assertThrows(ClosedChannelException.class, () -> ch.send(1));
        assertTrue(send.getMessage().contains("closed") && send.getMessage().contains("no more items are accepted"),
                send.getMessage());
        assertThrows(ClosedChannelException.class, () -> ch.send(1, SHORT));
        assertFalse(ch.trySend(1), "trySend on a closed channel returns false, never throws");
        ClosedChannelException receive = assertThrows(ClosedChannelException.class, ch::receive);
        assertTrue(receive.getMessage().contains("closed and drained"), receive.getMessage());
        assertInstanceOf(IllegalStateException.class, receive);
        assertNull(ch.poll());
        long start = System.nanoTime();
        assertNull(ch.poll(Duration.ofMinutes(1)), "poll(timeout) returns null at once when closed and drained");
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos());
        assertFalse(ch.iterator().hasNext());
        assertEquals(0, ch.stream().count());
        assertEquals(0, ch.size());
    }

    @Test
    void closeIsIdempotent() {
        Channel<Integer> ch = newChannel();
        ch.close();
        ch.close();
        assertTrue(ch.isClosed());
        assertEquals(List.of(), ch.cancel());
        ch.close();
        assertTrue(ch.isClosedForReceive());
    }

    @Test
    void closeWakesBlockedReceiverWithClosedChannelException() throws Exception {
        Channel<Integer> ch = newChannel();
        Forked<Integer> receiver = fork("receiver", ch::receive);
        Forked<Boolean> iterating = fork("iterator", () -> ch.iterator().hasNext());
        Forked<Integer> polling = fork("poller", () -> ch.poll(Duration.ofMinutes(1)));
        receiver.awaitParked();
        iterating.awaitParked();
        polling.awaitParked();
        ch.close();
        assertInstanceOf(ClosedChannelException.class, receiver.joinFailure());
        assertFalse(iterating.join());
        assertNull(polling.join());
    }

    @Test
    void closeWakesBlockedSenderWithClosedChannelExceptionAndItsItemIsNotSent() throws Exception {
        Channel<Integer> ch = newChannel();
        List<Integer> buffered = fill(ch);
        Forked<Void> sender = fork("sender", () -> {
            ch.send(1_000_000);
            return null;
        });
        Forked<Boolean> timedSender = fork("timed sender", () -> ch.send(1_000_001, Duration.ofMinutes(1)));
        sender.awaitParked();
        timedSender.awaitParked();
        ch.close();
        assertInstanceOf(ClosedChannelException.class, sender.joinFailure());
        assertInstanceOf(ClosedChannelException.class, timedSender.joinFailure());
        assertEquals(buffered, drain(ch), "exactly the items sent before the close are received");
    }

    // ---- cancel ----

    @Test
    void cancelReturnsBufferedItemsInReceiveOrderAndEndsTheChannel() throws InterruptedException {
        Channel<Integer> ch = newChannel();
        assumeTrue(ch.capacity() >= 3, "needs a buffer of 3");
        ch.send(1);
        ch.send(2);
        ch.send(3);
        assertEquals(List.of(1, 2, 3), ch.cancel());
        assertTrue(ch.isClosed());
        assertTrue(ch.isClosedForReceive());
        assertEquals(0, ch.size());
        assertNull(ch.poll());
        assertThrows(ClosedChannelException.class, ch::receive);
        assertFalse(ch.trySend(4));
        assertEquals(List.of(), ch.cancel(), "a second cancel has nothing left to return");
        assertTrue(ch.awaitDone(Duration.ZERO), "cancelled items no longer count as unfinished");
    }

    @Test
    void cancelWakesBlockedReceivers() throws Exception {
        Channel<Integer> ch = newChannel();
        Forked<Integer> receiver = fork("receiver", ch::receive);
        receiver.awaitParked();
        List<Integer> cancelled = ch.cancel();
        assertInstanceOf(ClosedChannelException.class, receiver.joinFailure());
        assertEquals(List.of(), cancelled);
    }

    @Test
    void cancelWakesBlockedSendersAndReturnsOnlyTheBufferedItems() throws Exception {
        Channel<Integer> full = newChannel();
        List<Integer> buffered = fill(full);
        Forked<Void> sender = fork("sender", () -> {
            full.send(1_000_000);
            return null;
        });
        sender.awaitParked();
        assertEquals(buffered, full.cancel());
        assertInstanceOf(ClosedChannelException.class, sender.joinFailure());
    }

    // ---- timeouts and interrupts ----

    @Test
    void timedSendGivesUpWhenFull() throws InterruptedException {
        Channel<Integer> ch = newChannel();
        List<Integer> buffered = fill(ch);
        assertFalse(ch.trySend(1_000_000));
        assertFalse(ch.send(1_000_000, Duration.ZERO));
        long start = System.nanoTime();
        assertFalse(ch.send(1_000_000, SHORT));
        assertTrue(System.nanoTime() - start >= SHORT.toNanos(), "send(timeout) returned before the timeout");
        ch.close();
        assertEquals(buffered, drain(ch), "an item whose send timed out was not sent");
    }

    @Test
    void blockedSenderProceedsWhenAReceiverTakes() throws Exception {
        Channel<Integer> ch = newChannel();
        List<Integer> buffered = fill(ch);
        Forked<Void> sender = fork("sender", () -> {
            ch.send(1_000_000);
            return null;
        });
        sender.awaitParked();
        List<Integer> expected = new ArrayList<>(buffered);
        expected.add(1_000_000);
        List<Integer> received = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            received.add(ch.receive());
        }
        sender.join();
        assertEquals(expected, received);
    }

    @Test
    void interruptedReceiverThrowsAndTakesNothing() throws Exception {
        Channel<Integer> ch = newChannel();
        Forked<Integer> receiver = fork("receiver", ch::receive);
        receiver.awaitParked();
        receiver.thread.interrupt();
        assertInstanceOf(InterruptedException.class, receiver.joinFailure());
        assertChannelStillWorks(ch);
    }

    @Test
    void interruptedTimedPollThrows() throws Exception {
        Channel<Integer> ch = newChannel();
        Forked<Integer> receiver = fork("receiver", () -> ch.poll(Duration.ofMinutes(1)));
        receiver.awaitParked();
        receiver.thread.interrupt();
        assertInstanceOf(InterruptedException.class, receiver.joinFailure());
        assertChannelStillWorks(ch);
    }

    @Test
    void interruptedIterationThrowsCancellationExceptionAndKeepsTheFlag() throws Exception {
        Channel<Integer> ch = newChannel();
        AtomicReference<Boolean> flagAfter = new AtomicReference<>();
        Forked<Boolean> iterating = fork("iterator", () -> {
            try {
                return ch.iterator().hasNext();
            } finally {
                flagAfter.set(Thread.currentThread().isInterrupted());
            }
        });
        iterating.awaitParked();
        iterating.thread.interrupt();
        Throwable failure = iterating.joinFailure();
        assertInstanceOf(CancellationException.class, failure);
        assertTrue(failure.getMessage().contains("interrupted"), failure.getMessage());
        assertEquals(Boolean.TRUE, flagAfter.get(), "the interrupt flag must be set again");
    }

    @Test
    void interruptedSenderThrowsAndItsItemIsNotSent() throws Exception {
        Channel<Integer> ch = newChannel();
        List<Integer> buffered = fill(ch);
        Forked<Void> sender = fork("sender", () -> {
            ch.send(1_000_000);
            return null;
        });
        sender.awaitParked();
        sender.thread.interrupt();
        assertInstanceOf(InterruptedException.class, sender.joinFailure());
        ch.close();
        assertEquals(buffered, drain(ch));
    }

    @Test
    void blockingCallsThrowIfInterruptedOnEntry() {
        Channel<Integer> ch = newChannel();
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, ch::receive);
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> ch.poll(SHORT));
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> ch.send(1));
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> ch.send(1, SHORT));
        assertFalse(Thread.interrupted());
        assertNull(ch.poll(), "an interrupted send sent nothing");
    }

    // ---- taskDone / awaitDone ----

    @Test
    void awaitDoneReturnsOnceEveryItemIsMarkedDone() throws Exception {
        Channel<Integer> ch = newChannel();
        assertTrue(ch.awaitDone(Duration.ZERO), "nothing sent, nothing unfinished");
        ch.awaitDone();
        int n = 100;
        AtomicInteger processed = new AtomicInteger();
        Forked<Void> worker = fork("worker", () -> {
            for (int x : ch) {
                processed.incrementAndGet();
                ch.taskDone();
            }
            return null;
        });
        for (int x = 0; x < n; x++) {
            ch.send(x);
        }
        ch.awaitDone();
        assertEquals(n, processed.get(), "awaitDone returned before every item was processed");
        ch.close();
        worker.join();
    }

    @Test
    void awaitDoneWaitsForTaskDoneNotForReceive() throws Exception {
        Channel<Integer> ch = newChannel();
        Forked<Void> sender = fork("sender", () -> {
            ch.send(1);
            return null;
        });
        assertEquals(1, ch.receive());
        sender.join();
        assertFalse(ch.awaitDone(SHORT), "received but not marked done");
        Forked<Void> waiter = fork("awaitDone", () -> {
            ch.awaitDone();
            return null;
        });
        waiter.awaitParked();
        ch.taskDone();
        waiter.join();
        assertTrue(ch.awaitDone(Duration.ZERO));
    }

    @Test
    void tooManyTaskDoneCallsFail() {
        Channel<Integer> ch = newChannel();
        IllegalStateException e = assertThrows(IllegalStateException.class, ch::taskDone);
        assertTrue(e.getMessage().contains("taskDone() called more times than items were sent"), e.getMessage());
    }

    @Test
    void interruptedAwaitDoneThrows() throws Exception {
        Channel<Integer> ch = newChannel();
        Forked<Void> sender = fork("sender", () -> {
            ch.send(1);
            return null;
        });
        assertEquals(1, ch.receive());
        sender.join();
        Forked<Void> waiter = fork("awaitDone", () -> {
            ch.awaitDone();
            return null;
        });
        waiter.awaitParked();
        waiter.thread.interrupt();
        assertInstanceOf(InterruptedException.class, waiter.joinFailure());
    }

    // ---- many producers and consumers ----

    @Test
    void manyProducersAndConsumersLoseAndDuplicateNothing() {
        Channel<Integer> ch = newChannel();
        int producers = 3;
        int consumers = 3;
        int perProducer = 2_000;
        AtomicInteger producing = new AtomicInteger(producers);
        ConcurrentLinkedQueue<List<Integer>> receivedByConsumer = new ConcurrentLinkedQueue<>();
        TestThreads.run(producers + consumers, i -> {
            if (i < producers) {
                // Producer p sends p, p + producers, p + 2 * producers, ...: ascending, disjoint.
                for (int k = 0; k < perProducer; k++) {
                    ch.send(i + k * producers);
                }
                if (producing.decrementAndGet() == 0) {
                    ch.close();
                }
            } else {
                List<Integer> mine = new ArrayList<>();
                for (int x : ch) {
                    mine.add(x);
                }
                receivedByConsumer.add(mine);
            }
        });
        BitSet seen = new BitSet();
        for (List<Integer> mine : receivedByConsumer) {
            int[] last = new int[producers];
            Arrays.fill(last, -1);
            for (int x : mine) {
                assertFalse(seen.get(x), "received twice: " + x);
                seen.set(x);
                int p = x % producers;
                assertTrue(x > last[p], "items from one producer arrived out of order at one consumer: "
                        + last[p] + " then " + x);
                last[p] = x;
            }
        }
        assertEquals(producers * perProducer, seen.cardinality(), "items lost");
    }

    @Test
    void toStringShowsKindAndState() {
        Channel<Integer> ch = newChannel();
        assertTrue(ch.toString().contains("open"), ch.toString());
        ch.close();
        assertTrue(ch.toString().contains("closed"), ch.toString());
    }

    // ---- helpers for subclasses ----

    /**
     * Fills {@code ch} to capacity with 0, 1, 2, ... (nothing for a rendezvous channel, which is always
     * "full") and returns what it sent; skips the test for a channel too large to fill.
     */
    protected static List<Integer> fill(Channel<Integer> ch) {
        assumeTrue(ch.capacity() <= 10_000, "needs a channel that can be full");
        List<Integer> sent = new ArrayList<>();
        while (sent.size() < ch.capacity()) {
            assertTrue(ch.trySend(sent.size()), "trySend failed below capacity");
            sent.add(sent.size());
        }
        assertFalse(ch.trySend(-1), "trySend succeeded on a full channel");
        assertEquals(ch.capacity(), ch.size());
        return sent;
    }

    /** Receives until {@code ch}, which must be closed, is drained. */
    protected static List<Integer> drain(Channel<Integer> ch) {
        assertTrue(ch.isClosed(), "drain needs a closed channel");
        List<Integer> out = new ArrayList<>();
        for (Iterator<Integer> it = ch.iterator(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    private static void assertChannelStillWorks(Channel<Integer> ch) throws Exception {
        if (ch.capacity() == 0) {
            assertFalse(ch.trySend(5), "a withdrawn receiver must not take items");
        } else {
            assertTrue(ch.trySend(5));
            assertEquals(5, ch.poll());
        }
        assertNull(ch.poll());
    }

    private static void assertMessageNames(String what, Throwable e) {
        assertTrue(e.getMessage() != null && e.getMessage().contains(what),
                "the message should name '" + what + "': " + e.getMessage());
    }

    /** Starts {@code body} in a new platform thread that the test joins (and interrupts if still running). */
    protected final <R> Forked<R> fork(String name, Callable<R> body) {
        Forked<R> f = new Forked<>(name, body);
        forked.add(f);
        f.thread.start();
        return f;
    }

    /** One call running in its own thread; the test waits for it to park, interrupts it or joins it. */
    protected static final class Forked<R> {
        final Thread thread;
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile R result;
        private volatile Throwable failure;

        Forked(String name, Callable<R> body) {
            this.thread = Thread.ofPlatform().name("forked-" + name).unstarted(() -> {
                try {
                    result = body.call();
                } catch (Throwable e) {
                    failure = e;
                } finally {
                    done.countDown();
                }
            });
        }

        /** The thread running the call. */
        public Thread thread() {
            return thread;
        }

        /** Waits until the call is parked (blocked in the channel), or has ended. */
        public void awaitParked() {
            Await.await(thread.getName() + " parked", () -> done.getCount() == 0 || parked(thread));
            if (done.getCount() == 0) {
                fail(thread.getName() + " ended instead of blocking: result " + result + ", failure " + failure);
            }
        }

        private static boolean parked(Thread t) {
            Thread.State state = t.getState();
            return (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
                    && Arrays.stream(t.getStackTrace()).anyMatch(
                            f -> f.getClassName().equals("java.util.concurrent.locks.LockSupport"));
        }

        /** Joins and returns the call's result; fails if it threw. */
        public R join() throws InterruptedException {
            awaitDone();
            if (failure != null) {
                throw new AssertionError(thread.getName() + " failed", failure);
            }
            return result;
        }

        /** Joins and returns what the call threw; fails if it returned. */
        public Throwable joinFailure() throws InterruptedException {
            awaitDone();
            if (failure == null) {
                fail(thread.getName() + " returned " + result + " instead of throwing");
            }
            return failure;
        }

        private void awaitDone() throws InterruptedException {
            if (!thread.join(Await.DEFAULT_TIMEOUT)) {
                fail(thread.getName() + " still running after " + Await.DEFAULT_TIMEOUT + "\n" + ThreadDump.allThreads());
            }
        }

        void joinQuietly() {
            try {
                thread.join(Await.DEFAULT_TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
