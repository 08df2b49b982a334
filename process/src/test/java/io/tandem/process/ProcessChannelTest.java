package io.tandem.process;

import io.tandem.channel.Channel;
import io.tandem.channel.ClosedChannelException;
import io.tandem.Task;
import io.tandem.Tasks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CancellationException;

import static io.tandem.test.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** multiprocessing.Queue for the JVM: a Channel used from worker processes. */
class ProcessChannelTest {
    private ProcessPool pool;

    @BeforeEach
    void open() {
        pool = ProcessPool.builder().workers(2).output(WorkerOutput.discard()).build();
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        pool.close();
    }

    @Test
    void seedProducerInAWorkerConsumerHere() {
        ProcessChannel<Integer> queue = ProcessChannel.of(Channel.unbounded());
        Task<Long> producer = pool.submit(() -> {
            for (int i = 0; i < 5; i++) {
                queue.send(i);
            }
            queue.close(); // instead of the seed's poison pill
            return ProcessHandle.current().pid();
        });
        List<Integer> consumed = new ArrayList<>();
        for (int item : queue) {
            consumed.add(item);
        }
        assertEquals(List.of(0, 1, 2, 3, 4), consumed);
        assertTrue(producer.join() != ProcessHandle.current().pid(), "the producer ran in another process");
    }

    @Test
    void producerAndConsumerInTwoDifferentProcesses() {
        ProcessChannel<String> queue = ProcessChannel.of(Channel.bounded(2));
        Task<List<Long>> consumer = Processes.start(() -> {
            long n = 0;
            for (String s : queue) {
                if (!s.equals("item-" + n)) {
                    throw new IllegalStateException("expected item-" + n + ", received " + s);
                }
                n++;
            }
            return List.of(n, ProcessHandle.current().pid());
        });
        Task<Long> producer = Processes.start(() -> {
            for (int i = 0; i < 50; i++) {
                queue.send("item-" + i); // blocks while 2 wait: back-pressure across processes
            }
            queue.close();
            return ProcessHandle.current().pid();
        });
        long producerPid = producer.join();
        long received = consumer.join().get(0);
        long consumerPid = consumer.join().get(1);
        assertEquals(50, received, "items received, in order");
        long self = ProcessHandle.current().pid();
        assertTrue(producerPid != consumerPid && producerPid != self && consumerPid != self,
                "producer " + producerPid + " and consumer " + consumerPid + " ran in two processes other than the test's " + self);
    }

    @Test
    void manyProducersAndConsumersLoseAndDuplicateNothing() throws Exception {
        int producers = 4;
        int perProducer = 500 * Integer.getInteger("tandem.stressScale", 1);
        ProcessChannel<Integer> ch = ProcessChannel.of(Channel.bounded(16));
        ProcessChannel<int[]> results = ProcessChannel.of(Channel.unbounded());
        List<Task<Object>> tasks = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int base = p * perProducer;
            tasks.add(pool.submit(() -> {
                for (int i = 0; i < perProducer; i++) {
                    ch.send(base + i);
                }
                return null;
            }));
        }
        // one consumer in a worker process (it batches what it saw into the results channel), one here
        Task<Integer> remote = Processes.start(() -> {
            List<Integer> seen = new ArrayList<>();
            for (int x : ch) {
                seen.add(x);
            }
            results.send(seen.stream().mapToInt(Integer::intValue).toArray());
            return seen.size();
        });
        BitSet got = new BitSet();
        Thread localConsumer = Thread.ofPlatform().start(() -> {
            for (int x : ch) {
                synchronized (got) {
                    assertFalse(got.get(x), "duplicate " + x);
                    got.set(x);
                }
            }
        });
        Tasks.gather(tasks);
        ch.close();
        remote.join();
        localConsumer.join();
        for (int x : results.receive()) {
            assertFalse(got.get(x), "duplicate " + x);
            got.set(x);
        }
        assertEquals(producers * perProducer, got.cardinality(), "every item received exactly once");
    }

    @Test
    void taskDoneAndAwaitDoneAcrossProcesses() throws Exception {
        ProcessChannel<Integer> jobs = ProcessChannel.of(Channel.unbounded());
        for (int i = 0; i < 10; i++) {
            jobs.send(i);
        }
        Task<Integer> worker = pool.submit(() -> {
            int n = 0;
            for (int j : jobs) {
                n += j;
                jobs.taskDone();
            }
            return n;
        });
        jobs.awaitDone(); // like queue.join(): every item marked done by the worker
        jobs.close();
        assertEquals(45, worker.join());
    }

    @Test
    void cancellingATaskBlockedOnReceiveLosesNoItem() throws Exception {
        ProcessChannel<Integer> ch = ProcessChannel.of(Channel.unbounded());
        Task<Integer> blocked = pool.submit(() -> ch.receive());
        await("the worker is waiting on the channel", () -> !blocked.isDone() && ch.size() == 0 && waitingRemotely(blocked));
        blocked.cancel(true);
        assertThrows(CancellationException.class, blocked::join);
        ch.send(42);
        // the abandoned receive must not have swallowed the item
        assertEquals(42, ch.poll(Duration.ofSeconds(30)));
    }

    /** Gives the submitted task time to reach its receive: it has started when the pool runs nothing else. */
    private boolean waitingRemotely(Task<?> t) {
        return t.state() == java.util.concurrent.Future.State.RUNNING;
    }

    @Test
    void closedChannelIsReportedInTheWorker() {
        ProcessChannel<Integer> ch = ProcessChannel.of(Channel.bounded(1));
        ch.close();
        Task<Object> t = pool.submit(() -> {
            ch.send(1);
            return null;
        });
        assertInstanceOf(ClosedChannelException.class, assertThrows(java.util.concurrent.CompletionException.class, t::join).getCause());
        assertFalse(pool.submit(() -> ch.trySend(2)).join());
        assertEquals(null, pool.submit(() -> ch.poll()).join());
    }

    @Test
    void aHandleFromAnUnrelatedProcessIsRejectedClearly() {
        byte[] bytes = Codecs.java().encode(new ProcessChannel.ChannelHandle(Long.MAX_VALUE - 1, 1));
        CodecException e = assertThrows(CodecException.class, () -> Codecs.java().decode(bytes));
        assertTrue(String.valueOf(e.getCause()).contains("lives in process"), String.valueOf(e.getCause()));
    }
}
