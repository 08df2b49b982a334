package io.tandem.examples;

import io.tandem.channel.Channel;
import io.tandem.Scope;
import io.tandem.Task;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Ports seed 000's "Process Communication with Queues": a producer puts 0..4 on a queue, a consumer
 * takes items until it gets the poison pill {@code None}, which the main program puts after the
 * producer has finished. The first part is that, on two threads and a {@link BlockingQueue} (a queue
 * cannot hold {@code null}, so an empty {@link Optional} is the pill). The Tandem version replaces the
 * pill with {@link Channel#close()}: the producer closes the channel when it is done, and every
 * consumer's {@code for} loop ends once the channel is drained, however many consumers there are (with
 * pills you must send exactly one per consumer, and a consumer that dies leaves a pill for nobody).
 * Producer and consumers run in a {@link Scope}, so a failure in any of them reaches the caller.
 *
 * <p>The concurrency point: a bounded queue hands items from one thread to another safely and applies
 * back-pressure (the producer waits while two items are buffered); end-of-stream is part of the
 * channel, not a special value.
 */
public final class ProducerConsumer {
    static final int ITEMS = 5;
    /** How long a consumer takes per item in the Tandem part, so both consumers get some. */
    static final long PROCESS_MILLIS = 10;

    private ProducerConsumer() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Runs the example, printing on {@code out}. */
    public static void run(PrintStream out) throws Exception {
        out.println("-- a queue and a poison pill (the seed) --");
        withPoisonPill(out);
        out.println("-- a channel and close() (Tandem) --");
        withChannel(out);
    }

    private static void withPoisonPill(PrintStream out) throws InterruptedException {
        BlockingQueue<Optional<Integer>> queue = new LinkedBlockingQueue<>();
        Thread producer = Thread.ofPlatform().name("producer").start(() -> {
            for (int i = 0; i < ITEMS; i++) {
                queue.add(Optional.of(i));
                out.println("Produced " + i);
            }
        });
        Thread consumer = Thread.ofPlatform().name("consumer").start(() -> {
            try {
                while (true) {
                    Optional<Integer> item = queue.take();
                    if (item.isEmpty()) {
                        break;   // the poison pill
                    }
                    out.println("Consumed " + item.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.join();
        queue.add(Optional.empty());
        consumer.join();
    }

    private static void withChannel(PrintStream out) throws InterruptedException {
        Channel<Integer> channel = Channel.bounded(2);
        try (Scope scope = Scope.open()) {
            scope.fork("producer", () -> {
                try (channel) {   // close() when done: that is the end of the stream
                    for (int i = 0; i < ITEMS; i++) {
                        channel.send(i);   // waits while two items are buffered
                        out.println("Produced " + i);
                    }
                }
                return null;
            });
            List<Task<Integer>> consumers = List.of(
                    scope.fork("consumer-1", () -> consume(out, channel, "consumer-1")),
                    scope.fork("consumer-2", () -> consume(out, channel, "consumer-2")));
            scope.join();
            int consumed = consumers.get(0).join() + consumers.get(1).join();
            out.println("consumer-1 took " + consumers.get(0).join() + " and consumer-2 took "
                    + consumers.get(1).join() + ": " + consumed + " of " + ITEMS + " items consumed, no pill needed");
        }
    }

    private static int consume(PrintStream out, Channel<Integer> channel, String name) {
        int count = 0;
        for (int item : channel) {   // ends once the channel is closed and drained
            out.println("Consumed " + item + " (" + name + ")");
            count++;
            Pause.millis(PROCESS_MILLIS);
        }
        return count;
    }
}
