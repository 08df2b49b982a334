package io.tandem.process;

import io.tandem.Task;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Workers load the classes their class path lacks from the parent (SourceLauncherTest runs a real
 * {@code java Prog.java}); a class neither has fails its task with the class name, not the worker.
 */
class ParentClassesTest {

    /*
     * With the JDK codec. Fory, as Tandem configures it today, decodes an object of a class it cannot load
     * as an UnknownStruct instead of failing, so there the task runs on with a stand-in object.
     */
    @Test
    void aClassTheParentCannotProvideFailsTheTaskWithItsNameAndTheWorkerStays() throws Exception {
        Object ghost = OrphanClasses.instance("gen.Ghost");
        try (ProcessPool pool = ProcessPool.builder().workers(1).codec(Codecs.java()).output(WorkerOutput.discard()).build()) {
            long pid = pool.submit(() -> ProcessHandle.current().pid()).join();
            Task<String> t = pool.submit(() -> "got " + ghost.getClass().getName());
            ExecutionException e = assertThrows(ExecutionException.class, t::get);
            CodecException ce = assertInstanceOf(CodecException.class, e.getCause());
            assertTrue(ce.getMessage().contains("gen.Ghost"), ce.getMessage());
            assertTrue(ce.getMessage().contains("parent process"), ce.getMessage());
            assertEquals(pid, pool.submit(() -> ProcessHandle.current().pid()).join(), "the worker was replaced");
            assertEquals(1, pool.workersStarted());
        }
    }
}
