package io.tandem.process.internal;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/*
 * Which task a worker last started, kept where the worker's death cannot erase it.
 *
 * Why. A worker has several tasks in flight (pipelining) and runs them in order, so when it dies only its
 * oldest unanswered task can have been running; but it may not have started yet (the worker was killed
 * between two tasks, or before it read the frame). Blaming it anyway spent an attempt of a task that never
 * ran: retries(1) failed tasks that had run once or not at all. A STARTED frame per task would tell the
 * parent exactly, but it must be written and flushed before each body (a task that crashes its worker at
 * once must be blamed, or it would be re-sent forever), which costs a system call and a wake-up of the
 * parent's reader per task.
 *
 * How. Each worker maps an 8-byte file, started-<pid>, in the pool's private socket directory and stores
 * the id of each task into it (a volatile store: no system call) just before the task's body runs. The
 * store lands in the page cache, which outlives the process however it dies, so the parent reads the file
 * after the worker's exit: the oldest unanswered task started if and only if its id is there (task ids
 * start at 1; 0 means nothing started). If the file cannot be read, the parent assumes the task started:
 * a wrongly spent attempt is the safe error, a task re-sent forever is not. The parent deletes the file.
 */
final class StartedMark {
    /** How every mark's name starts (the sweep of a killed pool's directory knows them by it). */
    static final String PREFIX = "started-";
    /** What {@link #readAndDelete} answers when it cannot tell. */
    static final long UNKNOWN = -1;

    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final MappedByteBuffer word;

    private StartedMark(MappedByteBuffer word) {
        this.word = word;
    }

    static Path file(Path socketDirectory, long pid) {
        return socketDirectory.resolve(PREFIX + pid);
    }

    /** Worker side: creates and maps this worker's file; called before the worker says HELLO. */
    static StartedMark create(Path socketDirectory, long pid) throws IOException {
        try (FileChannel ch = FileChannel.open(file(socketDirectory, pid), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return new StartedMark(ch.map(FileChannel.MapMode.READ_WRITE, 0, Long.BYTES));
        }
    }

    /** Worker side: the body of task {@code id} is about to run. */
    void started(long id) {
        LONG.setVolatile((ByteBuffer) word, 0, id);
    }

    /** Parent side, after the worker exited: the id it last started (0: none), or {@link #UNKNOWN}; removes the file. */
    static long readAndDelete(Path socketDirectory, long pid) {
        Path f = file(socketDirectory, pid);
        try {
            byte[] b = Files.readAllBytes(f);
            return b.length == Long.BYTES ? ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).getLong() : UNKNOWN;
        } catch (IOException e) { // NoSuchFileException included: it died before it could start a task
            return UNKNOWN;
        } finally {
            try {
                Files.deleteIfExists(f);
            } catch (IOException ignored) {
                // the socket directory's removal at close reports what is left
            }
        }
    }
}
