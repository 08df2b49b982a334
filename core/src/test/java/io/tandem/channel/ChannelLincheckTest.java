package io.tandem.channel;

import io.tandem.channel.Channel;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Model checks the buffered channels with Lincheck: every interleaving Lincheck explores of the
 * non-blocking operations (trySend, poll, close, cancel, the queries, taskDone and a zero-timeout
 * awaitDone) must be linearizable against a plain sequential model written from the contract, not from
 * the implementation. Blocking operations are left to the conformance and stress tests: Lincheck checks
 * Java blocking calls only for deadlocks.
 */
class ChannelLincheckTest {


    private static ModelCheckingOptions options() {
        return new ModelCheckingOptions()
                .iterations(6 * Integer.getInteger("tandem.stressScale", 1))
                .invocationsPerIteration(250)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(2);
    }

    @Test
    void boundedChannelIsLinearizable() {
        options().sequentialSpecification(BoundedModel.class).check(BoundedOps.class);
    }

    @Test
    void unboundedChannelIsLinearizable() {
        options().sequentialSpecification(UnboundedModel.class).check(UnboundedOps.class);
    }

    @Test
    void boundedPriorityChannelIsLinearizable() {
        options().sequentialSpecification(PriorityModel.class).check(PriorityOps.class);
    }

    /** The operations under test, on a channel the subclass makes. */
    abstract static class Ops {
        private final Channel<Integer> ch;

        Ops(Channel<Integer> ch) {
            this.ch = ch;
        }

        @Operation
        public boolean trySend(@Param(gen = IntGen.class, conf = "1:4") int item) {
            return ch.trySend(item);
        }

        @Operation
        public Integer poll() {
            return ch.poll();
        }

        @Operation
        public void close() {
            ch.close();
        }

        @Operation
        public List<Integer> cancel() {
            return ch.cancel();
        }

        @Operation
        public int size() {
            return ch.size();
        }

        @Operation
        public boolean isClosedForReceive() {
            return ch.isClosedForReceive();
        }

        @Operation
        public void taskDone() {
            ch.taskDone();
        }

        @Operation
        public boolean awaitDoneNow() throws InterruptedException {
            return ch.awaitDone(Duration.ZERO);
        }
    }

    public static final class BoundedOps extends Ops {
        public BoundedOps() {
            super(Channel.bounded(2));
        }
    }

    public static final class UnboundedOps extends Ops {
        public UnboundedOps() {
            super(Channel.unbounded());
        }
    }

    public static final class PriorityOps extends Ops {
        public PriorityOps() {
            super(Channel.priority(2, Integer::compare));
        }
    }

    /** The contract, sequentially: a buffer, a closed flag and an unfinished count. */
    abstract static class Model {
        private final int capacity;
        private final java.util.Queue<Integer> buffer;
        private boolean closed;
        private long unfinished;

        Model(int capacity, java.util.Queue<Integer> buffer) {
            this.capacity = capacity;
            this.buffer = buffer;
        }

        public boolean trySend(int item) {
            if (closed || buffer.size() >= capacity) {
                return false;
            }
            buffer.add(item);
            unfinished++;
            return true;
        }

        public Integer poll() {
            return buffer.poll();
        }

        public void close() {
            closed = true;
        }

        public List<Integer> cancel() {
            closed = true;
            List<Integer> removed = new ArrayList<>();
            for (Integer x; (x = buffer.poll()) != null; ) {
                removed.add(x);
            }
            unfinished = Math.max(0, unfinished - removed.size());
            return removed;
        }

        public int size() {
            return buffer.size();
        }

        public boolean isClosedForReceive() {
            return closed && buffer.isEmpty();
        }

        public void taskDone() {
            if (unfinished == 0) {
                throw new IllegalStateException("taskDone() called more times than items were sent");
            }
            unfinished--;
        }

        public boolean awaitDoneNow() {
            return unfinished == 0;
        }
    }

    public static final class BoundedModel extends Model {
        public BoundedModel() {
            super(2, new ArrayDeque<>());
        }
    }

    public static final class UnboundedModel extends Model {
        public UnboundedModel() {
            super(Integer.MAX_VALUE, new ArrayDeque<>());
        }
    }

    public static final class PriorityModel extends Model {
        public PriorityModel() {
            super(2, new PriorityQueue<>());
        }
    }
}
