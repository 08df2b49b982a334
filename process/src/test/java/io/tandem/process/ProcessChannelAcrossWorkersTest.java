package io.tandem.process;

import io.tandem.Task;
import io.tandem.channel.Channel;
import io.tandem.channel.ClosedChannelException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The essential channel contract between two worker processes, with the channel in this one: send and
 * receive, iteration ending at close, {@code taskDone}/{@code awaitDone}, close waking a waiter, and
 * timeouts. Each side runs in its own process ({@link Processes#start}).
 */
class ProcessChannelAcrossWorkersTest {
    private static final long HERE = ProcessHandle.current().pid();

    @Test
    void producerWorkerSendsAndClosesConsumerWorkerIteratesAndMarksDone() throws Exception {
        ProcessChannel<Integer> ch = ProcessChannel.of(Channel.bounded(2)); // back-pressure across processes
        int n = 100;
        Task<Long> producer = Processes.start(() -> {
            for (int i = 0; i < n; i++) {
                ch.send(i);
            }
            ch.close();
            return ProcessHandle.current().pid();
        });
        Task<List<Long>> consumer = Processes.start(() -> {
            List<Long> seen = new ArrayList<>();
            for (int x : ch) {
                seen.add((long) x);
                ch.taskDone();
            }
            seen.add(ProcessHandle.current().pid()); // last: who consumed
            return seen;
        });
        long producerPid = producer.join();
        ch.awaitDone(); // every item sent was marked done by the consumer
        List<Long> seen = consumer.join();
        long consumerPid = seen.removeLast();
        assertEquals(IntStream.range(0, n).asLongStream().boxed().toList(), seen, "in order, each once");
        assertNotEquals(producerPid, consumerPid);
        assertNotEquals(HERE, producerPid);
        assertNotEquals(HERE, consumerPid);
        assertTrue(ch.isClosedForReceive());
    }

    @Test
    void awaitDoneInOneWorkerWaitsForTaskDoneInAnother() throws Exception {
        ProcessChannel<Integer> jobs = ProcessChannel.of(Channel.unbounded());
        ProcessChannel<String> go = ProcessChannel.of(Channel.rendezvous());
        for (int i = 0; i < 5; i++) {
            jobs.send(i);
        }
        Task<Boolean> waiter = Processes.start(() -> {
            boolean doneTooSoon = jobs.awaitDone(Duration.ZERO);
            go.send("go"); // only now may the other worker start marking items done
            jobs.awaitDone();
            return !doneTooSoon && jobs.awaitDone(Duration.ZERO);
        });
        Task<Integer> worker = Processes.start(() -> {
            go.receive();
            int sum = 0;
            for (int i = 0; i < 5; i++) {
                sum += jobs.receive();
                jobs.taskDone();
            }
            return sum;
        });
        assertEquals(10, worker.join());
        assertTrue(waiter.join(), "awaitDone returned false before the taskDone calls and true after");
        jobs.close();
        go.close();
    }

    @Test
    void closeInOneWorkerEndsAReceiverInAnother_andTimeoutsRunOut() throws Exception {
        ProcessChannel<Integer> ch = ProcessChannel.of(Channel.bounded(1));
        ProcessChannel<String> ready = ProcessChannel.of(Channel.unbounded());
        Task<String> receiver = Processes.start(() -> {
            if (ch.poll(Duration.ofMillis(20)) != null) {
                return "poll(timeout) returned an item nobody sent";
            }
            ready.send("waiting");
            try {
                return "received " + ch.receive();
            } catch (ClosedChannelException e) {
                return "closed";
            }
        });
        Task<String> closer = Processes.start(() -> {
            ready.receive();
            assertTrue(ch.trySend(1));
            boolean timedOut = !ch.send(2, Duration.ofMillis(20)); // full: the receiver may not have taken 1 yet
            ch.close();
            boolean refused = !ch.trySend(3);
            try {
                ch.send(4);
                return "send after close succeeded";
            } catch (ClosedChannelException expected) {
                return refused ? "refused" + (timedOut ? " after a timeout" : "") : "trySend after close succeeded";
            }
        });
        String closed = closer.join();
        assertTrue(closed.startsWith("refused"), closed);
        String received = receiver.join();
        assertTrue(received.equals("received 1") || received.equals("closed"), received);
        assertFalse(ch.trySend(5));
        ready.close();
    }

    /** Regression: a task whose thread was interrupted used to close the worker's socket on its next channel call. */
    @Test
    void aChannelCallWithTheInterruptFlagSetKeepsTheWorkerAlive() {
        ProcessChannel<Integer> ch = ProcessChannel.of(Channel.unbounded());
        try (ProcessPool pool = ProcessPool.builder().workers(1).output(WorkerOutput.discard()).build()) {
            long first = pool.submit(() -> {
                Thread.currentThread().interrupt();
                assertTrue(ch.trySend(1), "trySend works with the flag set");
                assertEquals(1, ch.poll());
                assertTrue(Thread.interrupted(), "the flag is kept");
                return ProcessHandle.current().pid();
            }).join();
            long second = pool.submit(() -> ProcessHandle.current().pid()).join();
            assertEquals(first, second, "the same worker ran the next task");
        }
        ch.close();
    }
}
