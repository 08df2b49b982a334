package io.tandem.process;

import io.tandem.Task;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Output from workers of different pools carries different labels (both once said [worker-1]). */
class WorkerOutputLabelTest {
    private static final Pattern LABELLED = Pattern.compile("\\[worker-(\\d+)] hello from (\\d+)");

    @Test
    void twoProcessesStartCallsPrintUnderDifferentLabels() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Task<Long> a = Processes.start(WorkerOutputLabelTest::hello);
            Task<Long> b = Processes.start(WorkerOutputLabelTest::hello);
            a.join();
            b.join(); // each completes after its process exited and its output was forwarded
        } finally {
            System.setOut(original);
        }
        List<Matcher> lines = captured.toString(StandardCharsets.UTF_8).lines()
                .map(LABELLED::matcher).filter(Matcher::matches).toList();
        assertEquals(2, lines.size(), captured.toString(StandardCharsets.UTF_8));
        assertNotEquals(lines.get(0).group(1), lines.get(1).group(1), captured.toString(StandardCharsets.UTF_8));
        assertNotEquals(lines.get(0).group(2), lines.get(1).group(2));
    }

    @Test
    void twoPoolsNeverShareAWorkerNumber() throws Exception {
        List<Set<Integer>> perPool = List.of(ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet());
        for (Set<Integer> numbers : perPool) {
            WorkerOutput record = (worker, stderr, line) -> numbers.add(worker);
            try (ProcessPool pool = ProcessPool.builder().workers(1).output(record).build()) {
                pool.submit(WorkerOutputLabelTest::hello).join();
            } // closing joins the output forwarders: every line was recorded
        }
        assertEquals(1, perPool.get(0).size(), perPool.toString());
        assertEquals(1, perPool.get(1).size(), perPool.toString());
        assertNotEquals(perPool.get(0), perPool.get(1));
    }

    static long hello() {
        long pid = ProcessHandle.current().pid();
        System.out.println("hello from " + pid);
        return pid;
    }
}
