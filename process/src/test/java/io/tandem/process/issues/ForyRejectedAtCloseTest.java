package io.tandem.process.issues;

import io.tandem.process.ProcessPool;
import io.tandem.process.WorkerOutput;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Workers printed Fory's "CodeGenerator ... rejected from ThreadPoolExecutor" warning as a pool closed
 * right after its first use: Fory compiles serializers in the background, its shutdown hook stops that
 * executor, and a compilation still running queued a follow-up one. Worker output must stay quiet.
 */
class ForyRejectedAtCloseTest {
    record Inner(String name, List<Integer> values) implements Serializable { }

    record Outer(Inner inner, Map<String, Inner> byName, long id) implements Serializable { }

    @Test
    void poolsClosedRightAfterFirstUsePrintNoForyWarning() throws Exception {
        Queue<String> lines = new ConcurrentLinkedQueue<>();
        WorkerOutput record = (worker, stderr, line) -> lines.add("[worker-" + worker + (stderr ? " err] " : "] ") + line);
        for (int i = 0; i < 8; i++) {
            try (ProcessPool pool = ProcessPool.builder().workers(2).output(record).build()) {
                List<Outer> items = List.of(outer(1), outer(2), outer(3), outer(4));
                List<Outer> back = pool.map(o -> new Outer(o.inner(), o.byName(), o.id() + 1), items, 1);
                assertEquals(5, back.get(3).id());
            } // closing joins the workers' output forwarders: every line they wrote is in `lines`
        }
        List<String> fory = lines.stream().filter(l -> l.contains("rejected from") || l.contains("CodeGenerator")).toList();
        assertTrue(fory.isEmpty(), "worker output:\n" + String.join("\n", lines));
    }

    private static Outer outer(long id) {
        Inner in = new Inner("n" + id, List.of(1, 2, 3));
        return new Outer(in, Map.of("a", in), id);
    }
}
