package io.tandem.bench;

import io.tandem.channel.Channel;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedTransferQueue;

/**
 * Producer/consumer hand-off: one producer thread sends {@code 1..N} through a queue, one consumer sums
 * them; the seeds' {@code queue.Queue} between two threads. Measures the queue's per-item cost under
 * contention, blocking and waking included. The end of the stream is a poison pill ({@code 0}) for the
 * JDK queues and Python, and {@code close()} for a Tandem {@code Channel} (bounded like the JDK's
 * {@code ArrayBlockingQueue}, or unbounded like {@code LinkedTransferQueue}).
 */
final class HandoffScenario implements Scenario {
    static final int CAPACITY = 1024;
    private static final Long POISON = 0L;

    @Override
    public String name() {
        return "handoff";
    }

    @Override
    public String description() {
        return "one producer, one consumer, N items through a queue of capacity " + CAPACITY;
    }

    @Override
    public String unit() {
        return "items";
    }

    @Override
    public int size(Mode mode) {
        return mode == Mode.QUICK ? 200_000 : 1_000_000;
    }

    @Override
    public List<Model> models() {
        return List.of(Model.CHANNEL, Model.CHANNEL_UNBOUNDED, Model.JDK_ABQ, Model.JDK_LTQ, Model.PY_QUEUE);
    }

    @Override
    public Object expected(int size) {
        return (long) size * (size + 1) / 2;
    }

    @Override
    public String pythonScript() {
        return "queue_handoff.py";
    }

    @Override
    public Object run(Model model, int size) throws Exception {
        return switch (model.id()) {
            case "channel" -> viaChannel(Channel.bounded(CAPACITY), size);
            case "channel-unbounded" -> viaChannel(Channel.unbounded(), size);
            case "jdk-abq" -> viaQueue(new ArrayBlockingQueue<>(CAPACITY), size);
            case "jdk-ltq" -> viaQueue(new LinkedTransferQueue<>(), size);
            default -> throw new UnsupportedOperationException(name() + " has no Java model " + model.id());
        };
    }

    /** The same hand-off through a Tandem channel: the producer closes it, the consumer's loop ends. */
    static long viaChannel(Channel<Long> channel, int n) throws Exception {
        long[] sum = new long[1];
        Thread consumer = Thread.ofPlatform().name("handoff-consumer").start(() -> {
            long s = 0;
            for (Long v : channel) {
                s += v;
            }
            sum[0] = s;
        });
        Thread producer = Thread.ofPlatform().name("handoff-producer").start(() -> {
            try (channel) {
                for (long i = 1; i <= n; i++) {
                    channel.send(i);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.join();
        consumer.join();
        return sum[0];
    }

    static long viaQueue(BlockingQueue<Long> queue, int n) throws Exception {
        long[] sum = new long[1];
        Thread consumer = Thread.ofPlatform().name("handoff-consumer").start(() -> {
            try {
                long s = 0;
                for (Long v; !(v = queue.take()).equals(POISON); ) {
                    s += v;
                }
                sum[0] = s;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread producer = Thread.ofPlatform().name("handoff-producer").start(() -> {
            try {
                for (long i = 1; i <= n; i++) {
                    queue.put(i);
                }
                queue.put(POISON);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.join();
        consumer.join();
        return sum[0];
    }
}
