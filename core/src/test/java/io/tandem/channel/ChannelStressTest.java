package io.tandem.channel;

import io.tandem.channel.Channel;
import io.tandem.channel.ClosedChannelException;
import io.tandem.test.Await;
import io.tandem.test.TestThreads;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many producers and consumers on every channel kind, with every way to send and receive mixed, and
 * with close, cancel and interrupts arriving under load. The invariant is always the same: an item is
 * received (or returned by cancel) exactly once if its send succeeded, and never if its send failed.
 * Work scales with {@code -Dtandem.stressScale} (default 1: a few seconds for the whole class).
 */
class ChannelStressTest {
    private static final int SCALE = Integer.getInteger("tandem.stressScale", 1);
    private static final int PRODUCERS = 4;
    private static final int CONSUMERS = 4;
    private static final Duration TICK = Duration.ofMillis(1);
    private static final int MIN_INTERRUPTS = 500 * SCALE;

    enum Kind {
        BOUNDED(() -> Channel.bounded(8)),
        UNBOUNDED(Channel::unbounded),
        RENDEZVOUS(Channel::rendezvous),
        PRIORITY(Channel::priority),
        BOUNDED_PRIORITY(() -> Channel.priority(8, Comparator.naturalOrder()));

        private final Supplier<Channel<Integer>> factory;

        Kind(Supplier<Channel<Integer>> factory) {
            this.factory = factory;
        }

        Channel<Integer> newChannel() {
            return factory.get();
        }

        /** Rendezvous hands over one item per park and unpark: fewer items keep its run as short. */
        int items() {
            return (this == RENDEZVOUS ? 8_000 : 40_000) * SCALE;
        }
    }


    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyItemSentIsReceivedExactlyOnce(Kind kind) {
        Channel<Integer> ch = kind.newChannel();
        int perProducer = kind.items() / PRODUCERS;
        AtomicInteger producing = new AtomicInteger(PRODUCERS);
        Ledger ledger = new Ledger();
        TestThreads.run(PRODUCERS + CONSUMERS, i -> {
            if (i < PRODUCERS) {
                List<Integer> sent = new ArrayList<>();
                for (int k = 0; k < perProducer; k++) {
                    int item = k * PRODUCERS + i;
                    assertTrue(send(ch, item, k % 3), "send failed on an open channel");
                    sent.add(item);
                }
                ledger.sent.add(sent);
                if (producing.decrementAndGet() == 0) {
                    ch.close();
                }
            } else {
                ledger.received.add(receiveAll(ch, i - PRODUCERS));
            }
        });
        ledger.assertEveryItemOnce(PRODUCERS * perProducer);
        assertTrue(ch.isClosedForReceive());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void closeUnderLoadLosesNothingSentBeforeIt(Kind kind) {
        Channel<Integer> ch = kind.newChannel();
        Ledger ledger = new Ledger();
        AtomicInteger receivedCount = new AtomicInteger();
        int closeAfter = kind.items() / 4;
        TestThreads.run(PRODUCERS + CONSUMERS + 1, i -> {
            if (i < PRODUCERS) {
                ledger.sent.add(sendUntilClosed(ch, i));
            } else if (i < PRODUCERS + CONSUMERS) {
                List<Integer> mine = new ArrayList<>();
                int way = i - PRODUCERS;
                for (Integer x; (x = receiveOne(ch, way)) != null; ) {
                    mine.add(x);
                    receivedCount.incrementAndGet();
                }
                ledger.received.add(mine);
            } else {
                Await.await("consumers received " + closeAfter + " items", () -> receivedCount.get() >= closeAfter);
                ch.close();
            }
        });
        ledger.assertReceivedExactlyWhatWasSent();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void cancelUnderLoadReturnsWhatNobodyReceived(Kind kind) {
        Channel<Integer> ch = kind.newChannel();
        Ledger ledger = new Ledger();
        AtomicInteger receivedCount = new AtomicInteger();
        int cancelAfter = kind.items() / 4;
        TestThreads.run(PRODUCERS + CONSUMERS + 1, i -> {
            if (i < PRODUCERS) {
                ledger.sent.add(sendUntilClosed(ch, i));
            } else if (i < PRODUCERS + CONSUMERS) {
                List<Integer> mine = new ArrayList<>();
                int way = i - PRODUCERS;
                for (Integer x; (x = receiveOne(ch, way)) != null; ) {
                    mine.add(x);
                    receivedCount.incrementAndGet();
                }
                ledger.received.add(mine);
            } else {
                Await.await("consumers received " + cancelAfter + " items", () -> receivedCount.get() >= cancelAfter);
                ledger.received.add(ch.cancel());
            }
        });
        ledger.assertReceivedExactlyWhatWasSent();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void interruptsUnderLoadNeitherLoseNorDuplicate(Kind kind) {
        Channel<Integer> ch = kind.newChannel();
        Ledger ledger = new Ledger();
        int perProducer = kind.items() / PRODUCERS / 2;
        AtomicInteger producing = new AtomicInteger(PRODUCERS);
        AtomicBoolean chaosOver = new AtomicBoolean();
        AtomicReferenceArray<Thread> threads = new AtomicReferenceArray<>(PRODUCERS + CONSUMERS);
        AtomicInteger interrupts = new AtomicInteger();
        TestThreads.run(PRODUCERS + CONSUMERS + 1, i -> {
            if (i < PRODUCERS) {
                threads.set(i, Thread.currentThread());
                List<Integer> sent = new ArrayList<>();
                // Keep sending past the quota until the chaos thread has had its way.
                for (int k = 0; k < perProducer || interrupts.get() < MIN_INTERRUPTS; k++) {
                    int item = k * PRODUCERS + i;
                    try {
                        if (k % 2 == 0 ? sendBlocking(ch, item) : ch.send(item, Duration.ofSeconds(10))) {
                            sent.add(item);
                        }
                    } catch (InterruptedException e) {
                        // not sent: it must never be received
                    }
                }
                Thread.interrupted();
                ledger.sent.add(sent);
                if (producing.decrementAndGet() == 0) {
                    chaosOver.set(true);
                    ch.close();
                }
            } else if (i < PRODUCERS + CONSUMERS) {
                threads.set(i, Thread.currentThread());
                List<Integer> mine = new ArrayList<>();
                boolean timed = i % 2 == 0;
                while (true) {
                    try {
                        Integer x = timed ? ch.poll(Duration.ofSeconds(10)) : ch.receive();
                        if (x == null) {
                            if (ch.isClosedForReceive()) {
                                break;
                            }
                        } else {
                            mine.add(x);
                        }
                    } catch (InterruptedException e) {
                        // nothing taken; try again
                    } catch (ClosedChannelException e) {
                        break;
                    }
                }
                Thread.interrupted();
                ledger.received.add(mine);
            } else {
                SplittableRandom random = new SplittableRandom(i);
                while (!chaosOver.get()) {
                    Thread t = threads.get(random.nextInt(PRODUCERS + CONSUMERS));
                    if (t != null) {
                        t.interrupt();
                        interrupts.incrementAndGet();
                    }
                    Thread.onSpinWait();
                    Thread.yield();
                }
            }
        });
        ledger.assertReceivedExactlyWhatWasSent();
        assertTrue(interrupts.get() >= MIN_INTERRUPTS, "the chaos thread interrupted too little: " + interrupts);
    }

    // ---- sending and receiving in every way ----

    /** Sends {@code item} in one of three ways; false only if the channel is closed. */
    private static boolean send(Channel<Integer> ch, int item, int way) throws InterruptedException {
        try {
            switch (way) {
                case 0 -> ch.send(item);
                case 1 -> {
                    while (!ch.send(item, TICK)) {
                        Thread.onSpinWait();
                    }
                }
                default -> {
                    while (!ch.trySend(item)) {
                        if (ch.isClosed()) {
                            return false;
                        }
                        Thread.yield();
                    }
                }
            }
            return true;
        } catch (ClosedChannelException e) {
            return false;
        }
    }

    private static boolean sendBlocking(Channel<Integer> ch, int item) throws InterruptedException {
        ch.send(item);
        return true;
    }

    /** Sends ascending items for producer {@code p} until the channel closes; returns those sent. */
    private static List<Integer> sendUntilClosed(Channel<Integer> ch, int p) throws InterruptedException {
        List<Integer> sent = new ArrayList<>();
        for (int k = 0; ; k++) {
            int item = k * PRODUCERS + p;
            if (!send(ch, item, (k + p) % 3)) {
                return sent;
            }
            sent.add(item);
        }
    }

    /** Receives one item in one of four ways; null once the channel is closed and drained. */
    private static Integer receiveOne(Channel<Integer> ch, int way) throws InterruptedException {
        while (true) {
            switch (way % 4) {
                case 0 -> {
                    try {
                        return ch.receive();
                    } catch (ClosedChannelException e) {
                        return null;
                    }
                }
                case 1 -> {
                    Integer x = ch.poll(TICK);
                    if (x != null || ch.isClosedForReceive()) {
                        return x;
                    }
                }
                case 2 -> {
                    Integer x = ch.poll();
                    if (x != null || ch.isClosedForReceive()) {
                        return x;
                    }
                    Thread.yield();
                }
                default -> {
                    var it = ch.iterator();
                    return it.hasNext() ? it.next() : null;
                }
            }
        }
    }

    private static List<Integer> receiveAll(Channel<Integer> ch, int way) throws InterruptedException {
        List<Integer> mine = new ArrayList<>();
        if (way % 4 == 3) {
            for (int x : ch) {
                mine.add(x);
            }
            return mine;
        }
        for (Integer x; (x = receiveOne(ch, way)) != null; ) {
            mine.add(x);
        }
        return mine;
    }

    /** What producers sent and consumers received, checked once every thread has been joined. */
    private static final class Ledger {
        final ConcurrentLinkedQueue<List<Integer>> sent = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<List<Integer>> received = new ConcurrentLinkedQueue<>();

        void assertEveryItemOnce(int expected) {
            BitSet seen = receivedOnce();
            assertEquals(expected, seen.cardinality(), "items lost");
            assertEquals(expected, seen.nextClearBit(0), "received an item that was never sent");
        }

        void assertReceivedExactlyWhatWasSent() {
            BitSet sentSet = new BitSet();
            int sentCount = 0;
            for (List<Integer> list : sent) {
                for (int x : list) {
                    assertFalse(sentSet.get(x), "test bug: sent twice " + x);
                    sentSet.set(x);
                    sentCount++;
                }
            }
            BitSet receivedSet = receivedOnce();
            BitSet lost = (BitSet) sentSet.clone();
            lost.andNot(receivedSet);
            BitSet phantom = (BitSet) receivedSet.clone();
            phantom.andNot(sentSet);
            assertTrue(lost.isEmpty(), lost.cardinality() + " item(s) sent successfully but never received, e.g. "
                    + lost.nextSetBit(0));
            assertTrue(phantom.isEmpty(), phantom.cardinality() + " item(s) received although their send failed, e.g. "
                    + phantom.nextSetBit(0));
            assertTrue(sentCount > 0, "nothing was sent");
        }

        private BitSet receivedOnce() {
            BitSet seen = new BitSet();
            for (List<Integer> list : received) {
                for (int x : list) {
                    assertFalse(seen.get(x), "received twice: " + x);
                    seen.set(x);
                }
            }
            return seen;
        }
    }
}
