package io.tandem.examples;

import io.tandem.channel.Channel;
import io.tandem.channel.ClosedChannelException;
import io.tandem.Scope;

import java.io.PrintStream;

/**
 * Ports seed 000's "Real-time Data Streaming": an async generator yields 0..9, one a second, and
 * {@code async for} processes each as it arrives. The Java generator is a virtual thread that sends
 * into a {@link Channel#rendezvous()} channel: like a generator, it produces the next item only when
 * the consumer takes the previous one, and its end is {@link Channel#close()}, which ends the
 * consumer's {@code for} loop. The producer runs in a {@link Scope}, so it cannot outlive the consumer.
 * The second part stops early, as {@code break} in an {@code async for} does: {@link Channel#cancel()}
 * makes the producer's blocked {@code send} throw {@link ClosedChannelException}, and the producer
 * stops (Python's {@code GeneratorExit}).
 *
 * <p>The concurrency point: producer and consumer run at their own pace, connected by a channel that
 * carries the items, the back-pressure and the end of the stream.
 *
 * <p>Shorter than the seed: an item every 50 ms instead of every second.
 */
public final class Streaming {
    static final int ITEMS = 10;
    /** The seed's {@code asyncio.sleep(1)} between items. */
    static final long INTERVAL_MILLIS = 50;

    private Streaming() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Runs the example, printing on {@code out}. */
    public static void run(PrintStream out) throws Exception {
        try (Scope scope = Scope.open()) {
            for (int data : generateData(scope, out)) {   // async for data in generate_data()
                processData(out, data);
            }
            scope.join();
        }

        out.println("-- taking the first 3, then stopping the generator --");
        try (Scope scope = Scope.open()) {
            Channel<Integer> data = generateData(scope, out);
            data.stream().limit(3).forEach(d -> processData(out, d));
            data.cancel();   // like leaving an async for early: the generator is told to stop
            scope.join();
        }
    }

    /** The async generator: a task of {@code scope} that sends 0..9 at the pace of {@link #INTERVAL_MILLIS}. */
    static Channel<Integer> generateData(Scope scope, PrintStream out) {
        Channel<Integer> channel = Channel.rendezvous();
        scope.fork("generate-data", () -> {
            try (channel) {
                for (int i = 0; i < ITEMS; i++) {
                    Thread.sleep(INTERVAL_MILLIS);
                    channel.send(i);   // returns once the consumer has taken it
                }
            } catch (ClosedChannelException e) {
                out.println("Generator stopped: the consumer is gone");
            }
            return null;
        });
        return channel;
    }

    static void processData(PrintStream out, int data) {
        out.println("Received data: " + data);
    }
}
