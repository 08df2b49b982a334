package io.tandem.channel;

import io.tandem.channel.Channel;
import io.tandem.channel.ClosedChannelException;
import io.tandem.test.ChannelConformanceTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RendezvousChannelTest extends ChannelConformanceTest {
    @Override
    protected Channel<Integer> newChannel() {
        return Channel.rendezvous();
    }

    @Test
    void hasNoBuffer() {
        Channel<Integer> ch = Channel.rendezvous();
        assertEquals(0, ch.capacity());
        assertEquals(0, ch.size());
        assertFalse(ch.trySend(1), "nobody is waiting to receive");
        assertNull(ch.poll(), "nobody is waiting to send");
    }

    @Test
    void sendReturnsOnlyOnceAReceiverHasTakenTheItem() throws Exception {
        Channel<Integer> ch = Channel.rendezvous();
        Forked<Void> sender = fork("sender", () -> {
            ch.send(42);
            return null;
        });
        sender.awaitParked();
        assertEquals(0, ch.size());
        assertTrue(sender.thread().isAlive(), "send returned with nobody receiving");
        assertEquals(42, ch.receive());
        sender.join();
        assertFalse(ch.awaitDone(Duration.ZERO), "the received item is unfinished until taskDone");
        ch.taskDone();
        assertTrue(ch.awaitDone(Duration.ZERO));
    }

    @Test
    void pollTakesFromAWaitingSender() throws Exception {
        Channel<Integer> ch = Channel.rendezvous();
        Forked<Boolean> sender = fork("sender", () -> ch.send(9, Duration.ofMinutes(1)));
        sender.awaitParked();
        assertEquals(9, ch.poll());
        assertTrue(sender.join());
    }

    @Test
    void waitingSendersAreServedInArrivalOrder() throws Exception {
        Channel<Integer> ch = Channel.rendezvous();
        Forked<Void> first = fork("first", () -> {
            ch.send(1);
            return null;
        });
        first.awaitParked();
        Forked<Void> second = fork("second", () -> {
            ch.send(2);
            return null;
        });
        second.awaitParked();
        assertEquals(List.of(1, 2), List.of(ch.receive(), ch.receive()));
        first.join();
        second.join();
    }

    @Test
    void timedSendWithdrawsItsItemOnTimeout() throws InterruptedException {
        Channel<Integer> ch = Channel.rendezvous();
        assertFalse(ch.send(1, Duration.ofMillis(20)));
        assertNull(ch.poll(), "a timed-out send left nothing behind");
    }

    @Test
    void closeFailsAWaitingSenderWhoseItemWasNotTaken() throws Exception {
        Channel<Integer> ch = Channel.rendezvous();
        Forked<Void> sender = fork("sender", () -> {
            ch.send(1);
            return null;
        });
        sender.awaitParked();
        ch.close();
        assertInstanceOf(ClosedChannelException.class, sender.joinFailure());
        assertNull(ch.poll());
        assertTrue(ch.isClosedForReceive());
        assertTrue(ch.awaitDone(Duration.ZERO), "a failed send is not unfinished work");
    }
}
