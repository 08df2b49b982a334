package io.tandem.examples;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every multiprocessing example through the {@link Catalog} and checks what it prints; after each,
 * no worker process may be left (every pool was closed).
 */
class ProcessExamplesTest {

    @AfterEach
    void noWorkerProcessOutlivesItsExample() {
        List<ProcessHandle> children = ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList();
        assertTrue(children.isEmpty(), () -> "worker processes left behind: "
                + children.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList());
    }

    @Test
    void processMapSquaresInOrderAndProcessesEveryBlock() throws Exception {
        ExampleOutput out = ExampleOutput.run("process-map");
        out.assertLine("[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]");
        for (int i = 0; i < ProcessSquares.BLOCKS; i++) {
            int from = Math.max(1, i * ProcessSquares.BLOCK_SIZE);
            ProcessSquares.Longest expected = ProcessSquares.processData(new ProcessSquares.Block(from, (i + 1) * ProcessSquares.BLOCK_SIZE));
            out.assertLine(String.format("[%d, %d): %d has the longest Collatz chain, %d steps",
                    expected.from(), expected.to(), expected.start(), expected.steps()));
        }
    }

    @Test
    void clusterPrimesFindsTheSeedsPrimesOnThreeMembers() throws Exception {
        ExampleOutput out = ExampleOutput.run("cluster-primes");
        out.match("A local cluster of 3 members is ready \\(\\d+\\.\\d\\d s\\)");
        out.assertLine("Found 9592 prime numbers");
        out.match("Primes below 2,000,000 in 8 ranges on the cluster: 148933 primes, \\d+\\.\\d\\d s");
    }

    @Test
    void fetchParseFindsEveryMetaTagOnEveryPage() throws Exception {
        ExampleOutput out = ExampleOutput.run("fetch-parse");
        out.match("Fetched 6 pages on virtual threads in \\d+\\.\\d\\d s");
        out.match("Parsed them in \\d+ worker processes in \\d+\\.\\d\\d s \\(workers started while fetching\\)");
        int total = 0;
        for (Map.Entry<String, Integer> e : FetchParse.META_COUNTS.entrySet()) {
            String title = e.getKey().substring(1);
            out.match("http://127\\.0\\.0\\.1:\\d+" + e.getKey().replace(".", "\\.") + ": " + e.getValue()
                    + " meta tags, first " + title.replace(".", "\\.") + "-tag1=value 1");
            total += e.getValue();
        }
        out.assertLine("Found " + total + " meta tags");
    }

    @Test
    void processQueueMovesEveryItemOnceFromOneProcessToAnother() throws Exception {
        ExampleOutput out = ExampleOutput.run("process-queue");
        java.util.Set<String> consumers = new java.util.HashSet<>();
        java.util.Set<String> producers = new java.util.HashSet<>();
        for (int i = 0; i < 5; i++) {
            consumers.add(out.match("Consumed " + i + " in process (\\d+)").group(1));
            producers.add(out.match("Produced " + i + " in process (\\d+)").group(1));
        }
        assertEquals(1, consumers.size(), out.text());
        assertEquals(1, producers.size(), out.text());
        assertTrue(!consumers.equals(producers), "producer and consumer are two processes: " + out.text());
        assertTrue(!consumers.contains(Long.toString(ProcessHandle.current().pid())), out.text());
        assertEquals(5, out.lines().stream().filter(l -> l.startsWith("Consumed ")).count(), out.text());
    }

    @Test
    void processPrintNumbersRunsInAChildAndForwardsItsOutput() throws Exception {
        ExampleOutput out = ExampleOutput.run("process-print-numbers");
        Matcher m = out.match("Processes\\.run: print_numbers ran in process (\\d+), joined by process (\\d+)");
        assertTrue(!m.group(1).equals(m.group(2)), "the function must run in another process: " + out.text());
        assertEquals(Long.toString(ProcessHandle.current().pid()), m.group(2));
        for (int i = 0; i < 5; i++) {
            assertEquals(1, out.count("[child] " + i), out.text());
        }
        List<String> lines = out.lines();
        assertTrue(lines.indexOf("[child] 4") < lines.indexOf("the child's output, forwarded to this example's output, is above"),
                "every line is forwarded before close() returns:\n" + out.text());
    }

    @Test
    void processPrimesFindsTheSeedsCountAndAgreesThreeWays() throws Exception {
        ExampleOutput out = ExampleOutput.run("process-primes");
        out.assertLine("Found 9592 prime numbers");
        long below2M = 148_933;
        out.match("  sequentially: +\\d+\\.\\d\\d s, " + below2M + " primes");
        out.match("  Pools\\.threads\\(\\): +\\d+\\.\\d\\d s, " + below2M + " primes");
        out.match("  ProcessPool \\(\\d+ workers\\): \\d+\\.\\d\\d s, " + below2M
                + " primes \\(starting the workers took \\d+\\.\\d\\d s\\)");
    }

    @Test
    void processCounterCountsEveryLockedAndAtomicIncrementAcrossFourProcesses() throws Exception {
        ExampleOutput out = ExampleOutput.run("process-counter");
        out.assertLine("Final counter value: " + SharedCounter.PROCESSES * SharedCounter.INCREMENTS);
        out.match("\\(incremented by " + SharedCounter.PROCESSES + " worker processes: pids \\[[\\d, ]+]\\)");
        Matcher unlocked = out.match("Without the lock: (\\d+) \\(expected (\\d+); (-?\\d+) updates lost\\)");
        long counted = Long.parseLong(unlocked.group(1));
        assertEquals(SharedCounter.RACE_EXPECTED, Long.parseLong(unlocked.group(2)));
        // how many are lost depends on how the processes overlap; none can be invented
        assertTrue(counted > 0 && counted <= SharedCounter.RACE_EXPECTED, "unlocked count out of range: " + counted);
        assertEquals(SharedCounter.RACE_EXPECTED - counted, Long.parseLong(unlocked.group(3)));
        out.assertLine("With incrementAndGet (atomic, no lock): " + SharedCounter.RACE_EXPECTED);
    }
}
