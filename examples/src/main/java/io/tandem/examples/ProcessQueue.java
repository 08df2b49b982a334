package io.tandem.examples;

import io.tandem.channel.Channel;
import io.tandem.Task;
import io.tandem.process.ProcessChannel;
import io.tandem.process.Processes;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Ports seed 000's "Process Communication with Queues": a producer process puts 0..4 on a
 * {@code multiprocessing.Queue}, a consumer process gets until it sees {@code None}, and the parent
 * puts the {@code None} after joining the producer. Here the queue is a {@link ProcessChannel} that
 * lives in this (parent) process; each {@link Processes#start} runs a function in a fresh JVM, and the
 * channel handle each function captures talks to the parent over that worker's connection.
 *
 * <p>What Tandem does better: no poison pill. The parent closes the channel after joining the producer;
 * the consumer's {@code for} loop ends once the remaining items are drained, so a forgotten {@code None}
 * cannot hang the consumer. A bounded channel gives back-pressure across processes too.
 *
 * <p>The concurrency point: the two processes never share memory; every item is copied through the
 * parent, in order, exactly once.
 */
public final class ProcessQueue {
    private ProcessQueue() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Runs the example, printing on {@code out}. */
    public static void run(PrintStream out) throws Exception {
        ProcessChannel<Integer> queue = ProcessChannel.of(Channel.bounded(2));
        // consumer_process = Process(target=consumer, args=(queue,)); consumer_process.start()
        Task<List<String>> consumer = Processes.start(() -> {
            List<String> lines = new ArrayList<>();
            for (int item : queue) {          // while True: item = queue.get(); if item is None: break
                lines.add("Consumed " + item + " in process " + ProcessHandle.current().pid());
            }
            return lines;
        });
        // producer_process = Process(target=producer, args=(queue,)); producer_process.start()
        Task<List<String>> producer = Processes.start(() -> {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                queue.send(i);                  // queue.put(i): blocks while 2 items wait
                lines.add("Produced " + i + " in process " + ProcessHandle.current().pid());
            }
            return lines;
        });
        producer.join().forEach(out::println);  // producer_process.join()
        queue.close();                          // instead of queue.put(None)
        consumer.join().forEach(out::println);  // consumer_process.join()
        out.println("the consumer's loop ended when the closed queue was drained: no poison pill");
    }
}
