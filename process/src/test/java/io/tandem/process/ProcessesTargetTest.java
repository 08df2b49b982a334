package io.tandem.process;

import io.tandem.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link Processes} with the targets Python users port: {@code Process(target=increment)} whose target
 * returns {@code None}, and targets that do I/O and so throw checked exceptions.
 */
class ProcessesTargetTest {
    @TempDir
    Path dir;

    /** A void target that does I/O; the path travels as a string because {@link Path} is not serializable. */
    static void increment(String counterFile) throws IOException {
        Path p = Path.of(counterFile);
        int n = Files.exists(p) ? Integer.parseInt(Files.readString(p)) : 0;
        Files.writeString(p, Integer.toString(n + 1));
    }

    static void fail(String why) throws IOException {
        throw new IOException(why);
    }

    static int answer() {
        return 42;
    }

    @Test
    void aVoidTargetRunsInAnotherProcessAndItsCheckedExceptionReachesTheCaller() throws Exception {
        String counter = dir.resolve("counter").toString();
        Task<Void> started = Processes.start(() -> increment(counter));
        assertNull(started.join());
        Processes.run(() -> increment(counter));
        assertEquals("2", Files.readString(Path.of(counter)));

        Task<Void> failing = Processes.start(() -> fail("disk full"));
        ExecutionException e = assertThrows(ExecutionException.class, failing::get);
        assertEquals("disk full", assertInstanceOf(IOException.class, e.getCause()).getMessage());
        CompletionException ce = assertThrows(CompletionException.class, () -> Processes.run(() -> fail("again")));
        assertEquals("again", assertInstanceOf(IOException.class, ce.getCause()).getMessage());
    }

    /**
     * Never called: it compiles only if javac resolves each shape to the intended overload of
     * {@code start}/{@code run} (the local's type says which), without casts and without ambiguity.
     */
    @SuppressWarnings("unused")
    private static void shapesResolveToTheIntendedOverload(String counter) throws Exception {
        Task<Void> voidCall = Processes.start(() -> increment(counter));
        Task<Void> voidBlock = Processes.start(() -> {
            increment(counter);
        });
        Task<Void> emptyBlock = Processes.start(() -> { });
        Task<Integer> value = Processes.start(() -> answer());
        Task<Integer> valueRef = Processes.start(ProcessesTargetTest::answer);
        Task<String> throwingValue = Processes.start(() -> Files.readString(Path.of(counter)));
        Task<String> alwaysThrows = Processes.start(() -> {
            throw new IOException("always");
        });
        int result = Processes.run(() -> answer());
        Processes.run(() -> increment(counter));
        Processes.run(() -> Files.delete(Path.of(counter)));
        String text = Processes.run(() -> Files.readString(Path.of(counter)));
    }
}
