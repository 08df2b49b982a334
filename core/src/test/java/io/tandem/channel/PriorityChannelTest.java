package io.tandem.channel;

import io.tandem.channel.Channel;
import io.tandem.test.ChannelConformanceTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PriorityChannelTest extends ChannelConformanceTest {
    @Override
    protected Channel<Integer> newChannel() {
        return Channel.priority();
    }

    record Job(int priority, String name) {
    }

    private static final Comparator<Job> BY_PRIORITY = Comparator.comparingInt(Job::priority);

    @Test
    void leastItemFirst() {
        Channel<Integer> ch = Channel.priority();
        assertEquals(Integer.MAX_VALUE, ch.capacity());
        for (int x : new int[] {5, 1, 4, 2, 3, 1}) {
            assertTrue(ch.trySend(x));
        }
        List<Integer> out = new ArrayList<>();
        for (Integer x; (x = ch.poll()) != null; ) {
            out.add(x);
        }
        assertEquals(List.of(1, 1, 2, 3, 4, 5), out);
    }

    @Test
    void comparatorOrderAndEqualPrioritiesLeaveInSendOrder() {
        Channel<Job> ch = Channel.priority(BY_PRIORITY.reversed());
        String[] names = {"a", "b", "c", "d", "e", "f", "g", "h"};
        for (int i = 0; i < names.length; i++) {
            ch.trySend(new Job(i % 3, names[i]));
        }
        List<String> out = new ArrayList<>();
        for (Job j; (j = ch.poll()) != null; ) {
            out.add(j.priority() + j.name());
        }
        assertEquals(List.of("2c", "2f", "1b", "1e", "1h", "0a", "0d", "0g"), out);
    }

    @Test
    void cancelReturnsItemsInPriorityOrder() {
        Channel<Integer> ch = Channel.priority();
        for (int x : new int[] {3, 1, 2}) {
            ch.trySend(x);
        }
        assertEquals(List.of(1, 2, 3), ch.cancel());
    }

    @Test
    void nullComparatorIsRejected() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> Channel.priority(null));
        assertTrue(e.getMessage().contains("comparator"), e.getMessage());
    }

    @Test
    void aThrowingComparatorFailsTheCallAndLeavesTheChannelUnchanged() throws InterruptedException {
        RuntimeException boom = new IllegalArgumentException("boom");
        Comparator<Integer> picky = (a, b) -> {
            if (a == 13 || b == 13) {
                throw boom;
            }
            return Integer.compare(a, b);
        };
        Channel<Integer> ch = Channel.priority(picky);
        for (int x : new int[] {5, 1, 9, 3, 7}) {
            ch.trySend(x);
        }
        assertSame(boom, assertThrows(IllegalArgumentException.class, () -> ch.trySend(13)));
        assertEquals(5, ch.size());
        assertEquals(1, ch.poll());
        assertEquals(List.of(3, 5, 7, 9), ch.cancel());
        ch.taskDone(); // for the 1 received
        assertTrue(ch.awaitDone(Duration.ZERO), "cancelled items are not unfinished");
    }

    @Test
    void aComparatorThatStartsThrowingFailsReceivesButCancelStillReturnsEveryItem() {
        AtomicBoolean broken = new AtomicBoolean();
        Comparator<Integer> flaky = (a, b) -> {
            if (broken.get()) {
                throw new IllegalStateException("broken comparator");
            }
            return Integer.compare(a, b);
        };
        Channel<Integer> ch = Channel.priority(flaky);
        for (int x : new int[] {4, 2, 5, 1, 3}) {
            ch.trySend(x);
        }
        assertEquals(1, ch.poll());
        broken.set(true);
        assertThrows(IllegalStateException.class, ch::poll);
        assertEquals(4, ch.size(), "a failed receive takes nothing");
        List<Integer> rest = ch.cancel();
        assertEquals(List.of(4, 2, 5, 3), rest, "cancel falls back to send order when the comparator fails");
        assertEquals(0, ch.size());
    }

    @Test
    void matchesAReferenceHeapUnderRandomSendsAndReceives() {
        Channel<Job> ch = Channel.priority(BY_PRIORITY);
        // The reference orders by priority, then by send sequence (the name): what the channel promises.
        PriorityQueue<Job> reference = new PriorityQueue<>(
                BY_PRIORITY.thenComparingInt(j -> Integer.parseInt(j.name())));
        SplittableRandom random = new SplittableRandom(42);
        int seq = 0;
        for (int step = 0; step < 20_000; step++) {
            if (random.nextInt(10) < 6) {
                Job job = new Job(random.nextInt(20), Integer.toString(seq++));
                assertTrue(ch.trySend(job));
                reference.add(job);
            } else {
                assertEquals(reference.poll(), ch.poll());
            }
            assertEquals(reference.size(), ch.size());
        }
        List<Job> rest = new ArrayList<>();
        for (Job j; (j = reference.poll()) != null; ) {
            rest.add(j);
        }
        assertEquals(rest, ch.cancel());
    }
}
