package io.tandem.channel;

import io.tandem.channel.Channel;
import io.tandem.test.ChannelConformanceTest;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundedPriorityChannelTest extends ChannelConformanceTest {
    @Override
    protected Channel<Integer> newChannel() {
        return Channel.priority(4, Comparator.naturalOrder());
    }

    @Test
    void argumentsAreValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Channel.priority(0, Comparator.<Integer>naturalOrder()));
        assertTrue(e.getMessage().contains("capacity must be at least 1, was 0"), e.getMessage());
        NullPointerException npe = assertThrows(NullPointerException.class, () -> Channel.priority(3, null));
        assertTrue(npe.getMessage().contains("comparator"), npe.getMessage());
    }

    @Test
    void blocksWhenFullAndStillHandsOutTheLeastItem() throws Exception {
        Channel<Integer> ch = Channel.priority(3, Comparator.naturalOrder());
        assertEquals(3, ch.capacity());
        assertTrue(ch.trySend(30));
        assertTrue(ch.trySend(10));
        assertTrue(ch.trySend(20));
        assertFalse(ch.trySend(5), "full");
        Forked<Void> sender = fork("sender", () -> {
            ch.send(5);
            return null;
        });
        sender.awaitParked();
        assertEquals(10, ch.receive());
        sender.join();
        assertEquals(List.of(5, 20, 30), List.of(ch.receive(), ch.receive(), ch.receive()));
    }
}
