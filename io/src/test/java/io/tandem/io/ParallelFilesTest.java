package io.tandem.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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

    @Test
    void parallelismIsBounded(@TempDir Path dir) {
        AtomicInteger active = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        List<Path> paths = Stream.iterate(0, i -> i + 1).limit(40).map(i -> dir.resolve("x" + i)).toList();
        List<FileResult<Integer>> rs = ParallelFiles.of(3).forEach(paths, p -> {
            max.accumulateAndGet(active.incrementAndGet(), Math::max);
            try {
                Thread.sleep(5);   // simulated slow disk, not synchronisation
                return p.getFileName().toString().length();
            } finally {
                active.decrementAndGet();
            }
        });
        assertEquals(40, rs.size());
        assertTrue(max.get() <= 3, "at most 3 at once, saw " + max);
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
