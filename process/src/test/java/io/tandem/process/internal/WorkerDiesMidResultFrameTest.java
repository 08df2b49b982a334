package io.tandem.process.internal;

import io.tandem.Task;
import io.tandem.process.ProcessPool;
import io.tandem.process.WorkerDiedException;
import io.tandem.process.WorkerOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A worker that dies in the middle of writing a result frame: the parent reads a header that promises a
 * megabyte, gets a thousand bytes, then EOF. That is the worker's death while the task ran (never a partial
 * or garbled result): the task fails with WorkerDiedException, or runs again when retries allow.
 */
class WorkerDiesMidResultFrameTest {
    @TempDir
    Path tmp;

    /** Runs in a worker: the first time, writes the first 1,013 bytes of a 1 MB result frame for itself and halts. */
    static String truncateOnce(String marker) throws Exception {
        Path m = Path.of(marker);
        if (Files.exists(m)) {
            return "whole";
        }
        Files.createFile(m);
        WorkerMain w = WorkerMain.current();
        SocketChannel channel = (SocketChannel) field("channel").get(w);
        ReentrantLock lock = (ReentrantLock) field("writeLock").get(w);
        long id = (long) field("running").get(w);
        lock.lock(); // no other frame may interleave with this one; halt() ends the process holding it
        ByteBuffer half = ByteBuffer.allocate(13 + 1000);
        half.putInt(9 + 1_000_000).put(Frames.RESULT).putLong(id).put(new byte[1000]).flip();
        while (half.hasRemaining()) {
            channel.write(half);
        }
        Runtime.getRuntime().halt(1);
        return "unreachable";
    }

    private static Field field(String name) throws NoSuchFieldException {
        Field f = WorkerMain.class.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    @Test
    void aTruncatedResultIsAWorkerDeath() {
        String marker = tmp.resolve("once").toString();
        try (ProcessPool pool = ProcessPool.builder().workers(1).output(WorkerOutput.discard())
                .uncaughtFailureHandler((t, e) -> { }).build()) {
            Task<String> t = pool.submit("truncated", () -> truncateOnce(marker));
            WorkerDiedException died = assertInstanceOf(WorkerDiedException.class,
                    assertThrows(CompletionException.class, t::join).getCause());
            assertEquals(1, died.exitStatus());
            assertEquals(1, died.attempt());
            assertEquals("whole", pool.submit(() -> truncateOnce(marker)).join(), "the replacement worker serves");
        }
    }

    @Test
    void aTruncatedResultIsRetriedWhenRetriesAllow() {
        String marker = tmp.resolve("once").toString();
        try (ProcessPool pool = ProcessPool.builder().workers(1).retries(1).output(WorkerOutput.discard()).build()) {
            assertEquals("whole", pool.submit(() -> truncateOnce(marker)).join());
        }
    }
}
