package io.tandem.examples;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs every pools-and-tasks example through the {@link Catalog} and checks what it prints. */
class ExamplesTest {


    @Test
    void downloadsFetchEveryFileWholeAndReportTheMissingOne() throws Exception {
        ExampleOutput out = ExampleOutput.run("downloads");
        out.match("All images downloaded! \\(3 in \\d+\\.\\d\\d s; each takes 100 ms to serve\\)");
        for (String image : List.of("image1.jpg", "image2.jpg", "image3.gif")) {
            out.assertLine("  " + image + ": " + Downloads.SIZES.get("/" + image) + " bytes");
        }
        for (String file : List.of("file1.txt", "file2.txt", "file3.txt")) {
            out.assertLine("Downloaded " + file + " (" + Downloads.SIZES.get("/" + file) + " bytes)");
        }
        out.assertLine("All downloads completed");
        out.match("A failed download fails the scope: GET http://127\\.0\\.0\\.1:\\d+/missing\\.txt answered HTTP 404");
    }

    @Test
    void factorialsPrintTheThreeTimesAndTheResults() throws Exception {
        ExampleOutput out = ExampleOutput.run("factorials");
        double threads = Double.parseDouble(out.match("Total time with threads: (\\d+\\.\\d\\d) seconds").group(1));
        double sequential = Double.parseDouble(out.match("Total time sequentially: (\\d+\\.\\d\\d) seconds").group(1));
        out.match("Total time with Pools\\.threads\\(3\\)\\.map: \\d+\\.\\d\\d seconds");
        // 27 sleeps of 20 ms one after another, at least
        assertTrue(sequential >= 0.54, "sequential run cannot be faster than its sleeps: " + sequential);
        assertTrue(threads >= 0.28, "the longest factorial alone sleeps 14 × 20 ms: " + threads);
        for (int n : Factorials.NUMBERS) {
            BigInteger expected = IntStream.rangeClosed(1, n).mapToObj(BigInteger::valueOf).reduce(BigInteger.ONE, BigInteger::multiply);
            out.assertLine(n + "! = " + expected);
        }
    }

    @Test
    void printNumbersPrintsZeroToFourThreeTimes() throws Exception {
        ExampleOutput out = ExampleOutput.run("print-numbers");
        for (int i = 0; i < 5; i++) {
            assertEquals(3, out.count(Integer.toString(i)), out.text());
        }
        out.assertLine("ThreadPoolExecutor.submit -> Pools.threads().submit:");
    }

    @Test
    void unsafeCounterLosesUpdatesAndTheFixesDoNot() throws Exception {
        ExampleOutput out = ExampleOutput.run("unsafe-counter");
        Matcher value = out.match("Value: (\\d+) \\(expected (\\d+); (-?\\d+) updates lost\\)");
        long counted = Long.parseLong(value.group(1));
        assertEquals(UnsafeCounter.EXPECTED, Long.parseLong(value.group(2)));
        assertTrue(counted > 0 && counted <= UnsafeCounter.EXPECTED, "unsafe count out of range: " + counted);
        assertEquals(UnsafeCounter.EXPECTED - counted, Long.parseLong(value.group(3)));
        out.assertLine("With ReentrantLock: " + UnsafeCounter.EXPECTED);
        out.assertLine("With AtomicLong: " + UnsafeCounter.EXPECTED);
        out.assertLine("With LongAdder: " + UnsafeCounter.EXPECTED);
    }

    @Test
    void gatherReturnsEveryResultInOrder() throws Exception {
        ExampleOutput out = ExampleOutput.run("gather");
        int single = Integer.parseInt(out.match("Single task result: (\\d+)").group(1));
        assertTrue(single >= 10_000 && single <= 20_000, out.text());
        Matcher many = out.match("Multiple tasks results: \\[(\\d+), (\\d+)]");
        out.assertLine("Task B completed with result: " + many.group(1));
        out.assertLine("Task C completed with result: " + many.group(2));
        Matcher scoped = out.match("Scope results: \\[(\\d+), (\\d+)]");
        out.assertLine("Task D completed with result: " + scoped.group(1));
        out.assertLine("Task E completed with result: " + scoped.group(2));
        for (String task : List.of("A", "B", "C", "D", "E")) {
            assertTrue(out.count("Task " + task + " is working...") >= 1, out.text());
        }
    }

    @Test
    void threadpoolMapRunsFiveWorkersThreeAtATime() throws Exception {
        ExampleOutput out = ExampleOutput.run("threadpool-map");
        for (int n = 0; n < 5; n++) {
            out.assertLine("Worker " + n + " starting");
            out.assertLine("Worker " + n + " finished");
        }
        out.assertLine("All workers completed");
        int most = Integer.parseInt(out.match("Results: \\[0, 1, 2, 3, 4]; at most (\\d) workers ran at once").group(1));
        assertTrue(most >= 1 && most <= ThreadPoolMap.MAX_WORKERS, "at most 3 workers may run at once, saw " + most);
    }

    @Test
    void gpuSquarePrintsTheSeedsOutputOnBothDevices() throws Exception {
        ExampleOutput out = ExampleOutput.run("gpu-square");
        out.match("x_gpu lives on (cpu|cuda:0): .+");
        assertTrue(out.count("[ 0  1  4  9 16 25 36 49 64 81]") == 3, out.text());
    }

    @Test
    void gpuSaxpyAndSumOfSquaresAgreeWithJava() throws Exception {
        ExampleOutput saxpy = ExampleOutput.run("gpu-saxpy");
        saxpy.assertLine("fused operators and ElementwiseKernel agree with a Java loop");
        saxpy.match("saxpy on (cpu|cuda:0) over 1048576 elements: z\\[0..3] = 1.0 2.0 3.0 4.0, z\\[last] = 1048576.0");
        ExampleOutput sum = ExampleOutput.run("gpu-sum-of-squares");
        sum.assertLine("x.dot(x) = 333332833333500000; closed form n(n-1)(2n-1)/6 = 333332833333500000 (equal)");
    }

    @Test
    void contentLengthReportsEachPageWhole() throws Exception {
        ExampleOutput out = ExampleOutput.run("content-length");
        ContentLength.SITES.forEach((path, paragraphs) -> {
            int length = new String(LocalServer.page(path.substring(1), paragraphs), StandardCharsets.UTF_8).length();
            out.match("Content length of http://127\\.0\\.0\\.1:\\d+" + path.replace(".", "\\.") + ": " + length);
            out.match("Fetched http://127\\.0\\.0\\.1:\\d+" + path.replace(".", "\\.") + ": <!doctype html>.*\\.\\.\\.");
        });
    }

    @Test
    void eventLoopInterleavesTheTwoTasksAndCollectsBothResults() throws Exception {
        ExampleOutput out = ExampleOutput.run("event-loop");
        // 2 s and 3 s of 0.3 s steps: A works 7 times, B 10 times, alternating while both run
        assertEquals(7, out.count("Task A is working..."), out.text());
        assertEquals(10, out.count("Task B is working..."), out.text());
        List<String> lines = out.lines();
        assertEquals(List.of("Task A is working...", "Task B is working...", "Task A is working...", "Task B is working..."),
                lines.subList(0, 4));
        Matcher a = out.match("Task A completed with result: (\\d+)");
        Matcher b = out.match("Task B completed with result: (\\d+)");
        out.assertLine("All tasks completed. Results: {A=" + a.group(1) + ", B=" + b.group(1) + "}");
        out.match("3\\.0 s passed on the loop's virtual clock, \\d+ ms on the wall clock");
    }

    @Test
    void limitedResourceNeverHasMoreThanTwoUsers() throws Exception {
        ExampleOutput out = ExampleOutput.run("limited-resource");
        for (int worker = 0; worker < LimitedResource.WORKERS; worker++) {
            assertEquals(LimitedResource.USES, out.count("Worker " + worker + " is using the resource"), out.text());
            assertEquals(LimitedResource.USES, out.count("Worker " + worker + " is done using the resource"), out.text());
        }
        // replay the log: users at once never exceed the limit
        int using = 0;
        for (String line : out.lines()) {
            if (line.endsWith(" is using the resource")) {
                using++;
                assertTrue(using <= LimitedResource.MAX_WORKERS, "more than 2 users at once:\n" + out.text());
            } else if (line.endsWith(" is done using the resource")) {
                using--;
            }
        }
        out.assertLine("All workers finished");
        int most = Integer.parseInt(out.match("At most (\\d) workers used the resource at once \\(limit 2\\)").group(1));
        assertTrue(most >= 1 && most <= LimitedResource.MAX_WORKERS, out.text());
    }

    @Test
    void catalogNamesAreUniqueAndFindable() {
        Set<String> names = new HashSet<>();
        for (Example example : Catalog.all()) {
            assertTrue(names.add(example.name()), "duplicate name " + example.name());
            assertEquals(example, Catalog.find(example.name()).orElseThrow());
        }
        assertTrue(Catalog.find("no-such-example").isEmpty());
    }
}
