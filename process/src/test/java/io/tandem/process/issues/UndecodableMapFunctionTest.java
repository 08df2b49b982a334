package io.tandem.process.issues;

import io.tandem.process.Codec;
import io.tandem.process.CodecException;
import io.tandem.process.Codecs;
import io.tandem.process.OrphanClasses;
import io.tandem.process.ProcessPool;
import io.tandem.process.WorkerOutput;
import org.junit.jupiter.api.Test;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A map function a worker could not decode killed the worker (it was decoded on the worker's frame
 * reader), and each retry killed a fresh one; the same lambda through submit failed only its task. Now
 * the map fails with a CodecException that says what could not be decoded, and the worker stays.
 */
class UndecodableMapFunctionTest {

    /** Decodes in the parent; in a worker (started with -Dtandem.worker=true) its readResolve throws. */
    static final class ParentOnly implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
        final int k = 1;

        @Serial
        private Object readResolve() {
            if (Boolean.getBoolean("tandem.worker")) {
                throw new IllegalStateException("ParentOnly cannot live in a worker");
            }
            return this;
        }
    }

    @Test
    void aFunctionWhoseReadResolveThrowsFailsTheMapNotTheWorker() throws Exception {
        for (Codec codec : List.of(Codecs.fory(), Codecs.java())) {
            ParentOnly captured = new ParentOnly();
            assertMapFailsAndWorkerStays(codec, captured, "ParentOnly cannot live in a worker");
        }
    }

    @Test
    void aFunctionCapturingAClassNoWorkerCanLoadFailsTheMapNotTheWorker() throws Exception {
        Object ghost = OrphanClasses.instance("gen.MapGhost");
        assertMapFailsAndWorkerStays(Codecs.java(), ghost, "gen.MapGhost");
    }

    private static void assertMapFailsAndWorkerStays(Codec codec, Object captured, String why) throws Exception {
        try (ProcessPool pool = ProcessPool.builder().workers(1).codec(codec).output(WorkerOutput.discard()).build()) {
            long pid = pool.submit(() -> ProcessHandle.current().pid()).join();
            for (int round = 0; round < 2; round++) { // the second map meets the function already undecodable
                RuntimeException e = assertThrows(RuntimeException.class,
                        () -> pool.map(x -> x + captured.hashCode() * 0, List.of(1, 2, 3, 4)));
                CodecException ce = find(e);
                assertTrue(ce.getMessage().contains("map function could not be decoded"), codec + ": " + ce.getMessage());
                assertTrue(ce.getMessage().contains(why), codec + ": " + ce.getMessage());
            }
            assertEquals(List.of(2, 3), pool.map(x -> x + 1, List.of(1, 2)), codec.toString());
            assertEquals(pid, pool.submit(() -> ProcessHandle.current().pid()).join(), codec + ": the worker was replaced");
            assertEquals(1, pool.workersStarted(), codec + ": workers started");
        }
    }

    private static CodecException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CodecException ce) {
                return ce;
            }
        }
        throw new AssertionError("no CodecException in the cause chain", e);
    }
}
