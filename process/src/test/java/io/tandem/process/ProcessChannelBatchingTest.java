package io.tandem.process;

import io.tandem.Task;
import io.tandem.channel.Channel;
import io.tandem.channel.ClosedChannelException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import static io.tandem.test.Await.await;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@link ProcessChannel}'s batching promises when things go wrong: a worker killed with items in its
 * send window, back-pressure of a bounded channel across processes, a prefetching receiver killed
 * mid-stream or abandoning its iteration, and refused buffered sends. Every death is a real SIGKILL.
 */
class ProcessChannelBatchingTest {
    /** The send window of a worker handle on an unbounded channel, as ProcessChannel's Javadoc states it. */
    private static final int WINDOW = 4096;

    private ProcessPool pool;

    @BeforeEach
    void startPool() {
        pool = ProcessPool.builder().workers(1).name("batching").output(WorkerOutput.discard()).build();
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    /** SIGKILL to this very process, at once (no process to spawn, so the send window is still full). */
    static void killMyself() throws Exception {
        Linker linker = Linker.nativeLinker();
        MethodHandle kill = linker.downcallHandle(linker.defaultLookup().find("kill").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
        try {
            int ignored = (int) kill.invokeExact((int) ProcessHandle.current().pid(), 9);
            throw new AssertionError("still alive after SIGKILL: " + ignored);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Test
    void aWorkerKilledWithItemsInItsSendWindowDeliversAPrefixInOrder() throws Exception {
        ProcessChannel<Integer> ch = ProcessChannel.of(Channel.unbounded());
        int n = 50_000;
        Task<Void> producer = pool.submit(() -> {
            for (int i = 0; i < n; i++) {
                ch.send(i);
            }
            killMyself(); // the last items were accepted by send() a few microseconds ago
            return null;
        });
        Throwable died = assertThrows(CompletionException.class, producer::join).getCause();
        assertInstanceOf(WorkerDiedException.class, died);
        ch.close();
        List<Integer> arrived = new ArrayList<>();
        for (int x : ch) {
            arrived.add(x);
        }
        assertEquals(IntStream.range(0, arrived.size()).boxed().toList(), arrived,
                "what arrived is a prefix of what was sent, in order, nothing twice");
        assertTrue(arrived.size() >= n - WINDOW, "at most a window's worth was lost: " + arrived.size() + " of " + n);
        assertEquals(7, pool.submit(() -> 7).join(), "the pool replaced the worker");
    }

    @Test
    void aBoundedChannelHoldsAtMostItsCapacityAndAWorkerRunsAtMostThatFarAhead() throws Exception {
        int capacity = 8;
        Channel<Integer> bounded = Channel.bounded(capacity);
        ProcessChannel<Integer> ch = ProcessChannel.of(bounded);
        int n = 300;
        try (SharedLong accepted = SharedLong.create(0)) {
            Task<Void> producer = pool.submit(() -> {
                for (int i = 0; i < n; i++) {
                    ch.send(i);
                    accepted.incrementAndGet(); // send() returned: the item is in the window or the channel
                }
                return null;
            });
            await("the channel filled up", () -> bounded.size() == capacity);
            List<Integer> received = new ArrayList<>();
            while (received.size() < n) {
                assertTrue(bounded.size() <= capacity, "the parent's channel holds " + bounded.size());
                received.add(ch.receive());
                long ahead = accepted.get() - received.size();
                assertTrue(ahead <= 2L * capacity, "the worker ran " + ahead + " items ahead of the receiver: at most "
                        + capacity + " in the channel and " + capacity + " in its window");
            }
            producer.join();
            assertEquals(IntStream.range(0, n).boxed().toList(), received);
        }
        ch.close();
    }

    @Test
    void aPrefetchingReceiverKilledMidStreamLosesNothing_itsBatchComesBackInOrder() throws Exception {
        ProcessChannel<Integer> ch = ProcessChannel.of(Channel.unbounded());
        ProcessChannel<Integer> handed = ProcessChannel.of(Channel.unbounded());
        ProcessChannel<Long> ready = ProcessChannel.of(Channel.unbounded());
        int n = 5_000;
        int consume = 100;
        for (int i = 0; i < n; i++) {
            ch.send(i);
        }
        ch.close();
        Task<Void> consumer = pool.submit(() -> {
            int count = 0;
            for (int x : ch) {
                handed.send(x);
                if (++count == consume) {
                    break;
                }
            }
            handed.flush();
            ready.send(ProcessHandle.current().pid());
            ready.flush();
            new CountDownLatch(1).await(); // killed here, its iterator holding the rest of a batch
            return null;
        });
        long pid = ready.receive();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        assertInstanceOf(WorkerDiedException.class, assertThrows(CompletionException.class, consumer::join).getCause());
        List<Integer> seen = new ArrayList<>();
        for (int i = 0; i < consume; i++) {
            seen.add(handed.receive());
        }
        assertEquals(IntStream.range(0, consume).boxed().toList(), seen);
        await("the dead worker's batch was put back", () -> ch.size() >= n - consume);
        List<Integer> rest = new ArrayList<>();
        for (int x : ch) {
            rest.add(x);
        }
        int from = rest.getFirst();
        assertEquals(IntStream.range(from, n).boxed().toList(), rest,
                "everything not handed out is back, ahead of the rest and in order");
        assertTrue(from <= consume, "nothing lost: the rest starts at " + from);
        // items handed out from the batch the worker held when it died come again: at least once, never lost
        handed.close();
        ready.close();
    }

    @Test
    void anIterationAbandonedWhenItsTaskEndsGivesBackWhatItDidNotHandOut() throws Exception {
        ProcessChannel<Integer> ch = ProcessChannel.of(Channel.unbounded());
        int n = 1_000;
        for (int i = 0; i < n; i++) {
            ch.send(i);
        }
        ch.close(); // closed: what is given back goes ahead of what the channel holds
        List<Integer> firstTask = pool.submit(() -> take(ch, 10)).join(); // prefetched more than 10
        assertEquals(n - 10, ch.size(), "the rest of the batch is back as the task's result arrives");
        List<Integer> secondTask = pool.submit(() -> take(ch, 30)).join();
        assertEquals(IntStream.range(0, 10).boxed().toList(), firstTask);
        assertEquals(IntStream.range(10, 40).boxed().toList(), secondTask);
        List<Integer> rest = new ArrayList<>();
        for (int x : ch) {
            rest.add(x);
        }
        assertEquals(IntStream.range(40, n).boxed().toList(), rest);
        for (int i = 0; i < n; i++) {
            ch.taskDone();
        }
        assertTrue(ch.awaitDone(Duration.ZERO), "each item counted once, given back or not");
    }

    @Test
    void givenBackToAnOpenChannelItemsGoToItsEnd() throws Exception {
        ProcessChannel<Integer> ch = ProcessChannel.of(Channel.unbounded());
        int n = 100;
        for (int i = 0; i < n; i++) {
            ch.send(i);
        }
        List<Integer> firstTask = pool.submit(() -> take(ch, 3)).join();
        assertEquals(List.of(0, 1, 2), firstTask);
        assertEquals(n - 3, ch.size());
        ch.close();
        List<Integer> rest = new ArrayList<>();
        for (int x : ch) {
            rest.add(x);
        }
        List<Integer> expected = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        expected.removeAll(List.of(0, 1, 2));
        assertEquals(expected, rest.stream().sorted().toList(), "each item not handed out, once");
    }

    private static List<Integer> take(Channel<Integer> ch, int count) {
        List<Integer> out = new ArrayList<>();
        for (int x : ch) {
            out.add(x);
            if (out.size() == count) {
                break;
            }
        }
        return out;
    }

    @Test
    void aBufferedSendRefusedByAClosedChannelIsReportedByFlushOrFailsTheTask() throws Exception {
        ProcessChannel<Integer> ch = ProcessChannel.of(Channel.unbounded());
        ProcessChannel<String> steps = ProcessChannel.of(Channel.unbounded());
        ProcessChannel<String> go = ProcessChannel.of(Channel.unbounded());
        Task<String> flushed = pool.submit(() -> {
            ch.send(0); // the first send travels alone and learns that the channel has room
            steps.send("sent");
            go.receive(); // meanwhile the parent closes ch
            ch.send(1);   // buffered: the worker does not know yet
            try {
                ch.flush();
                return "flush returned";
            } catch (ClosedChannelException e) {
                return e.getMessage();
            }
        });
        assertEquals("sent", steps.receive());
        ch.close();
        go.send("go");
        String message = flushed.join();
        assertTrue(message.contains("1 item(s) that this worker sent earlier did not reach"), message);

        ProcessChannel<Integer> other = ProcessChannel.of(Channel.unbounded());
        Task<String> unreported = pool.submit(() -> {
            other.send(0);
            steps.send("sent");
            go.receive();
            other.send(1); // buffered; the refusal comes back after the task's code has returned
            return "returned";
        });
        assertEquals("sent", steps.receive());
        other.close();
        go.send("go");
        Throwable failure = assertThrows(CompletionException.class, unreported::join).getCause();
        assertTrue(String.valueOf(failure.getMessage()).contains("1 item(s) that this worker sent earlier did not reach"),
                String.valueOf(failure));
        assertEquals(List.of(0), other.stream().toList());
        steps.close();
        go.close();
    }
}
