package io.tandem.io;

import io.tandem.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParallelFilesTest {

    @Test
    void writeThenReadManyFilesWithPerFileErrors(@TempDir Path dir) {
        ParallelFiles files = ParallelFiles.of(8);
        Map<Path, String> contents = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            contents.put(dir.resolve("sub" + (i % 5)).resolve("f" + i + ".txt"), "content " + i);
        }
        List<FileResult<Long>> written = files.writeAllText(contents);
        assertTrue(written.stream().allMatch(FileResult::ok));
        List<Path> paths = new ArrayList<>(contents.keySet());
        paths.add(25, dir.resolve("missing.txt"));
        List<FileResult<String>> read = files.readAllText(paths);
        assertEquals(51, read.size());
        assertEquals("content 0", read.get(0).value());
        assertEquals("content 49", read.get(50).value());
        FileResult<String> missing = read.get(25);
        assertFalse(missing.ok());
        assertInstanceOf(NoSuchFileException.class, missing.error());
        assertThrows(java.io.UncheckedIOException.class, missing::orThrow);
    }

    /*
     * Files meet in threes at a barrier: every file waits (at most 30 s) until three files are running at
     * once, so the call can only finish if the limit is reached for every group of three, and the
     * counter shows it is never exceeded. A sequential implementation times out at the first barrier.
     */
    @Test
    void parallelismIsReachedAndNeverExceeded(@TempDir Path dir) {
        int limit = 3;
        AtomicInteger active = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        CyclicBarrier allRunning = new CyclicBarrier(limit);
        List<Path> paths = Stream.iterate(0, i -> i + 1).limit(13 * limit).map(i -> dir.resolve("x" + i)).toList();
        List<FileResult<Integer>> rs = ParallelFiles.of(limit).forEach(paths, p -> {
            max.accumulateAndGet(active.incrementAndGet(), Math::max);
            try {
                allRunning.await(30, TimeUnit.SECONDS);
                return p.getFileName().toString().length();
            } finally {
                active.decrementAndGet();
            }
        });
        assertEquals(paths.size(), rs.size());
        for (FileResult<Integer> r : rs) {
            assertTrue(r.ok(), () -> r.path() + " did not meet " + (limit - 1) + " others running at once: " + r.error());
        }
        assertEquals(limit, max.get(), "the limit must be reached and never exceeded");
    }

    @Test
    void interruptCancelsFilesNotYetDone(@TempDir Path dir) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        List<Path> paths = Stream.iterate(0, i -> i + 1).limit(10).map(i -> dir.resolve("y" + i)).toList();
        AtomicReference<List<FileResult<String>>> results = new AtomicReference<>();
        AtomicBoolean flagSet = new AtomicBoolean();
        Thread caller = Thread.ofVirtual().start(() -> {
            results.set(ParallelFiles.of(1).forEach(paths, p -> {
                started.countDown();
                new CountDownLatch(1).await();   // blocks until interrupted
                return "never";
            }));
            flagSet.set(Thread.currentThread().isInterrupted());
        });
        assertTrue(started.await(30, TimeUnit.SECONDS), "the first file never started");
        caller.interrupt();
        caller.join(Duration.ofSeconds(30));
        assertFalse(caller.isAlive(), "forEach did not return after an interrupt");
        List<FileResult<String>> rs = results.get();
        assertEquals(10, rs.size());
        assertTrue(rs.stream().noneMatch(FileResult::ok));
        assertTrue(rs.stream().allMatch(r -> r.outcome() instanceof Outcome.Cancelled<String>), rs::toString);
        assertInstanceOf(CancellationException.class, rs.getFirst().error());
        assertThrows(CancellationException.class, rs.getLast()::orThrow);
        assertTrue(flagSet.get(), "the interrupt flag is set again");
    }

    @Test
    void copyAndHashATree(@TempDir Path dir) throws IOException {
        Path src = dir.resolve("src");
        for (int i = 0; i < 30; i++) {
            Path f = src.resolve("d" + (i % 3)).resolve("file" + i + ".bin");
            Files.createDirectories(f.getParent());
            Files.write(f, ("data-" + i).repeat(1000).getBytes());
        }
        ParallelFiles files = ParallelFiles.of(4);
        List<FileResult<Long>> copied = files.copyTree(src, dir.resolve("dst"));
        assertEquals(30, copied.size());
        assertTrue(copied.stream().allMatch(FileResult::ok));
        List<FileResult<String>> a = files.hashTree(src, "SHA-256");
        List<FileResult<String>> b = files.hashTree(dir.resolve("dst"), "SHA-256");
        assertEquals(a.stream().map(FileResult::value).toList(), b.stream().map(FileResult::value).toList());
        assertEquals(64, a.getFirst().value().length());
        assertThrows(IllegalArgumentException.class, () -> files.hashTree(src, "NOPE-1"));
        assertThrows(java.io.UncheckedIOException.class, () -> files.copyTree(dir.resolve("absent"), dir.resolve("x")));
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> ParallelFiles.of(0));
        assertThrows(NullPointerException.class, () -> ParallelFiles.of(1).readAll(null));
    }
}
