package io.tandem.bench.programs;

import io.tandem.Task;
import io.tandem.channel.Channel;
import io.tandem.process.ProcessChannel;
import io.tandem.process.Processes;

/**
 * Seed 000's {@code multiprocessing.Queue} between a producer and a consumer process, as a user ports it
 * from the README: a {@link ProcessChannel} over an unbounded {@link Channel}, two {@link Processes#start},
 * and {@code close()} instead of the {@code None} pill. Usage: {@code ProcessQueue N}; the consumer adds
 * the items up and returns {@code Consumed C items, sum S}, which main prints. Single-threaded main.
 */
public final class ProcessQueue {
    private ProcessQueue() {
    }

    public static void main(String[] args) throws InterruptedException {
        int n = Integer.parseInt(args[0]);
        ProcessChannel<Integer> queue = ProcessChannel.of(Channel.unbounded());
        Task<Void> producer = Processes.start(() -> {
            for (int i = 0; i < n; i++) {
                queue.send(i);
            }
        });
        Task<String> consumer = Processes.start(() -> {
            long count = 0;
            long total = 0;
            for (int item : queue) {
                count++;
                total += item;
            }
            return "Consumed " + count + " items, sum " + total;
        });
        producer.join();
        queue.close();
        System.out.println(consumer.join());
    }
}
