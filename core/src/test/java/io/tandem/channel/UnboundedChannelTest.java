package io.tandem.channel;

import io.tandem.channel.Channel;
import io.tandem.test.ChannelConformanceTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnboundedChannelTest extends ChannelConformanceTest {
    @Override
    protected Channel<Integer> newChannel() {
        return Channel.unbounded();
    }

    @Test
    void neverBlocksSenders() throws InterruptedException {
        Channel<Integer> ch = Channel.unbounded();
        assertEquals(Integer.MAX_VALUE, ch.capacity());
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            assertTrue(ch.trySend(i));
        }
        assertTrue(ch.send(n, Duration.ZERO));
        assertEquals(n + 1, ch.size());
        ch.close();
        int expected = 0;
        for (int x : ch) {
            assertEquals(expected++, x);
        }
        assertEquals(n + 1, expected);
    }

    @Test
    void keepsFifoWhenTheRingWrapsAndThenGrows() {
        Channel<Integer> ch = Channel.unbounded();
        List<Integer> received = new ArrayList<>();
        int next = 0;
        for (int round = 0; round < 12; round++) {
            for (int i = 0; i < 13 * (round + 1); i++) {
                ch.trySend(next++);
            }
            for (int i = 0; i < 7 * (round + 1); i++) {
                received.add(ch.poll());
            }
        }
        received.addAll(ch.cancel());
        assertEquals(IntStream.range(0, next).boxed().toList(), received);
    }
}
