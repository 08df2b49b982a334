package io.tandem.channel;

import io.tandem.channel.Channel;
import io.tandem.test.ChannelConformanceTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundedChannelTest extends ChannelConformanceTest {
    @Override
    protected Channel<Integer> newChannel() {
        return Channel.bounded(4);
    }

    @Test
    void capacityMustBePositiveAndTheMessageSaysWhatToUseInstead() {
        for (int bad : new int[] {0, -1, Integer.MIN_VALUE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Channel.bounded(bad));
            assertTrue(e.getMessage().contains("capacity must be at least 1, was " + bad), e.getMessage());
            assertTrue(e.getMessage().contains("Channel.rendezvous()"), e.getMessage());
        }
    }

    @Test
    void holdsExactlyCapacityItems() {
        Channel<Integer> ch = Channel.bounded(3);
        assertEquals(3, ch.capacity());
        assertTrue(ch.trySend(1));
        assertTrue(ch.trySend(2));
        assertTrue(ch.trySend(3));
        assertFalse(ch.trySend(4), "full");
        assertEquals(3, ch.size());
        assertEquals(1, ch.poll());
        assertTrue(ch.trySend(4), "room again after a receive");
        assertEquals(List.of(2, 3, 4), List.of(ch.poll(), ch.poll(), ch.poll()));
    }

    @Test
    void capacityOneIsAHandOffWithOneSlot() throws Exception {
        Channel<Integer> ch = Channel.bounded(1);
        ch.send(1);
        assertFalse(ch.send(2, Duration.ZERO));
        Forked<Void> sender = fork("sender", () -> {
            ch.send(2);
            return null;
        });
        sender.awaitParked();
        assertEquals(1, ch.receive());
        sender.join();
        assertEquals(2, ch.receive());
    }

    @Test
    void largeCapacityGrowsOnDemandAndKeepsFifoAcrossWrapAndGrowth() throws InterruptedException {
        Channel<Integer> ch = Channel.bounded(5_000); // above the preallocated size: the ring grows
        List<Integer> received = new ArrayList<>();
        int next = 0;
        // Interleave so the ring wraps around before each growth.
        for (int round = 0; round < 6; round++) {
            for (int i = 0; i < 700; i++) {
                ch.send(next++);
            }
            for (int i = 0; i < 300; i++) {
                received.add(ch.receive());
            }
        }
        while (ch.size() < ch.capacity()) {
            ch.send(next++);
        }
        assertFalse(ch.trySend(-1));
        while (ch.size() > 0) {
            received.add(ch.poll());
        }
        assertEquals(IntStream.range(0, next).boxed().toList(), received);
    }
}
