package io.tandem.examples;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the examples built on {@code Channel} through the {@link Catalog} and checks what they print. */
class ChannelExamplesTest {


    @Test
    void producerConsumerConsumesEveryItemOnceInBothVersions() throws Exception {
        ExampleOutput out = ExampleOutput.run("producer-consumer");
        List<String> lines = out.lines();
        int split = lines.indexOf("-- a channel and close() (Tandem) --");
        assertTrue(split > 0, out.text());
        List<String> pill = lines.subList(0, split);
        List<String> channel = lines.subList(split, lines.size());
        List<Integer> consumed = new ArrayList<>();
        for (int i = 0; i < ProducerConsumer.ITEMS; i++) {
            assertTrue(pill.contains("Produced " + i) && pill.contains("Consumed " + i), out.text());
            assertTrue(channel.contains("Produced " + i), out.text());
            int item = i;
            long times = channel.stream().filter(l -> l.matches("Consumed " + item + " \\(consumer-[12]\\)")).count();
            assertEquals(1, times, "item " + i + " should be consumed exactly once:\n" + out.text());
            consumed.add(i);
        }
        Matcher summary = out.match("consumer-1 took (\\d+) and consumer-2 took (\\d+): 5 of 5 items consumed, no pill needed");
        assertEquals(ProducerConsumer.ITEMS, Integer.parseInt(summary.group(1)) + Integer.parseInt(summary.group(2)));
        assertEquals(ProducerConsumer.ITEMS, consumed.size());
    }

    @Test
    void taskQueueProcessesEveryTaskBeforeAwaitDoneReturns() throws Exception {
        ExampleOutput out = ExampleOutput.run("task-queue");
        List<String> lines = out.lines();
        int processed = lines.indexOf("All 5 tasks processed");
        assertTrue(processed > 0, out.text());
        for (int task : TaskQueue.TASKS) {
            int at = lines.indexOf("Processing task: " + task);
            assertTrue(at >= 0 && at < processed, "task " + task + " must be processed before awaitDone returns:\n" + out.text());
            assertEquals(1, out.count("Processing task: " + task), out.text());
        }
        out.assertLine("All tasks completed");
        int priorities = lines.indexOf("-- with priorities --");
        assertEquals(List.of("Processing task: urgent fix (priority 1)", "Processing task: review (priority 2)",
                "Processing task: clean up (priority 3)"), lines.subList(priorities + 1, priorities + 4));
    }

    @Test
    void streamingReceivesTheItemsInOrderAndStopsTheGeneratorEarly() throws Exception {
        ExampleOutput out = ExampleOutput.run("streaming");
        List<String> lines = out.lines();
        int split = lines.indexOf("-- taking the first 3, then stopping the generator --");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < Streaming.ITEMS; i++) {
            expected.add("Received data: " + i);
        }
        assertEquals(expected, lines.subList(0, split));
        assertEquals(List.of("Received data: 0", "Received data: 1", "Received data: 2",
                "Generator stopped: the consumer is gone"), lines.subList(split + 1, lines.size()));
    }
}
