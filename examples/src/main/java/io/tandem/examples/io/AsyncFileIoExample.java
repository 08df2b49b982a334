package io.tandem.examples.io;

import io.tandem.io.FileResult;
import io.tandem.io.ParallelFiles;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Seed 000, "Asynchronous File I/O with aiofiles": write and read files concurrently (at most 4 at
 * once) with one result per file, then stream a large file's lines without loading it, and copy and
 * hash the directory tree in parallel. Works in a temporary directory it deletes afterwards.
 */
public final class AsyncFileIoExample {
    private AsyncFileIoExample() {
    }

    public static void run(PrintStream out) throws Exception {
        Path dir = Files.createTempDirectory("tandem-files-");
        try {
            ParallelFiles files = ParallelFiles.of(4);
            Map<Path, String> contents = new LinkedHashMap<>();
            for (int i = 1; i <= 3; i++) {
                contents.put(dir.resolve("data/file" + i + ".txt"), "Hello from file " + i + "\n");
            }
            files.writeAllText(contents).forEach(r -> out.println("wrote " + dir.relativize(r.path()) + ": " + r.value() + " bytes"));
            List<Path> toRead = List.of(dir.resolve("data/file1.txt"), dir.resolve("data/file2.txt"),
                    dir.resolve("data/file3.txt"), dir.resolve("data/missing.txt"));
            for (FileResult<String> r : files.readAllText(toRead)) {
                out.println("read " + dir.relativize(r.path()) + ": "
                        + (r.ok() ? r.value().strip() : "failed (" + r.error().getClass().getSimpleName() + ")"));
            }

            // a large file, streamed line by line: only one buffer is in memory at a time
            Path big = dir.resolve("data/big.log");
            try (var w = Files.newBufferedWriter(big)) {
                for (int i = 0; i < 200_000; i++) {
                    w.write(i % 10 == 0 ? "ERROR line " + i + "\n" : "INFO line " + i + "\n");
                }
            }
            try (Stream<String> lines = Files.lines(big)) {
                out.println("ERROR lines in big.log (" + Files.size(big) / 1024 + " KiB): "
                        + lines.filter(l -> l.startsWith("ERROR")).count());
            }

            List<FileResult<Long>> copied = files.copyTree(dir.resolve("data"), dir.resolve("backup"));
            out.println("copied " + copied.size() + " files");
            List<FileResult<String>> a = files.hashTree(dir.resolve("data"), "SHA-256");
            List<FileResult<String>> b = files.hashTree(dir.resolve("backup"), "SHA-256");
            out.println("backup identical: " + a.stream().map(FileResult::value).toList()
                    .equals(b.stream().map(FileResult::value).toList()));
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }
}
