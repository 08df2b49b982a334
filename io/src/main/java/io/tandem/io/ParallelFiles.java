package io.tandem.io;

import io.tandem.function.ThrowingFunction;
import io.tandem.io.internal.FileBatch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads, writes, copies and hashes many files concurrently with bounded parallelism: the seeds'
 * {@code aiofiles}, on virtual threads. Each operation returns one {@link FileResult} per file, in
 * input order (tree operations: in path order), and never stops at the first failure.
 *
 * {@snippet :
 * ParallelFiles files = ParallelFiles.of(16);
 * files.writeAllText(Map.of(Path.of("a.txt"), "alpha", Path.of("b.txt"), "beta"));
 * for (FileResult<String> r : files.readAllText(List.of(Path.of("a.txt"), Path.of("b.txt")))) {
 *     System.out.println(r.path() + ": " + (r.ok() ? r.value() : r.error()));
 * }
 * }
 *
 * <p>To stream a large file's lines without loading it, use the JDK's
 * {@link Files#lines(Path)} (lazy, one buffer at a time); {@link #forEach} runs any per-file function,
 * for example counting each file's lines that way.
 *
 * <h2>Thread safety</h2>
 * Immutable; any number of threads may run operations at once (each call bounds only its own
 * parallelism). Each call runs its files on a virtual-thread {@link io.tandem.TaskPool} of its own
 * ({@code Pools.virtual(parallelism)}) inside a {@link io.tandem.Scope}, so no file's work outlives the
 * call. Calls block until every file is done; an interrupt of the caller cancels the files not yet done
 * (their outcome is {@link io.tandem.Outcome.Cancelled}; running work is interrupted and waited for) and
 * sets the interrupt flag again.
 */
public final class ParallelFiles {
    private final int parallelism;

    private ParallelFiles(int parallelism) {
        this.parallelism = parallelism;
    }

    /** Operations that work on at most {@code parallelism} files at once. */
    public static ParallelFiles of(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        return new ParallelFiles(parallelism);
    }

    /** At most this many files are worked on at once. */
    public int parallelism() {
        return parallelism;
    }

    /**
     * Applies {@code fn} (which may throw, an I/O error typically) to every path, concurrently; one result
     * per path, in input order. {@code fn} runs on up to {@link #parallelism()} threads at once.
     */
    public <R> List<FileResult<R>> forEach(Collection<Path> paths, ThrowingFunction<? super Path, ? extends R> fn) {
        Objects.requireNonNull(paths, "paths");
        Objects.requireNonNull(fn, "fn");
        return FileBatch.run(List.copyOf(paths), parallelism, fn);
    }

    /** Reads every file whole. */
    public List<FileResult<byte[]>> readAll(Collection<Path> paths) {
        return forEach(paths, Files::readAllBytes);
    }

    /** Reads every file whole as UTF-8 text. */
    public List<FileResult<String>> readAllText(Collection<Path> paths) {
        return forEach(paths, p -> Files.readString(p, StandardCharsets.UTF_8));
    }

    /**
     * Writes every entry (creating parent directories, replacing existing files); the value of each
     * result is the number of bytes written. Results follow the map's iteration order.
     */
    public List<FileResult<Long>> writeAll(Map<Path, byte[]> contents) {
        Objects.requireNonNull(contents, "contents");
        return forEach(contents.keySet(), p -> {
            byte[] data = Objects.requireNonNull(contents.get(p), () -> "no content for " + p);
            createParent(p);
            Files.write(p, data);
            return (long) data.length;
        });
    }

    /** Writes every entry as UTF-8 text, like {@link #writeAll}. */
    public List<FileResult<Long>> writeAllText(Map<Path, String> contents) {
        Objects.requireNonNull(contents, "contents");
        return forEach(contents.keySet(), p -> {
            byte[] data = Objects.requireNonNull(contents.get(p), () -> "no content for " + p).getBytes(StandardCharsets.UTF_8);
            createParent(p);
            Files.write(p, data);
            return (long) data.length;
        });
    }

    /**
     * Copies every regular file under {@code from} to the same relative path under {@code to}
     * (directories created, existing files replaced), concurrently. The value of each result is the
     * number of bytes copied; results are sorted by path.
     *
     * @throws java.io.UncheckedIOException if {@code from} cannot be walked at all
     */
    public List<FileResult<Long>> copyTree(Path from, Path to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        List<Path> files = FileBatch.regularFiles(from);
        return forEach(files, p -> {
            Path target = to.resolve(from.relativize(p).toString());
            createParent(target);
            Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            return Files.size(target);
        });
    }

    /**
     * Hashes every regular file under {@code dir} with {@code algorithm} (for example {@code SHA-256}),
     * streaming each file; the value of each result is the lower-case hex digest. Results are sorted by
     * path.
     *
     * @throws IllegalArgumentException if the algorithm is unknown
     */
    public List<FileResult<String>> hashTree(Path dir, String algorithm) {
        Objects.requireNonNull(dir, "dir");
        FileBatch.checkAlgorithm(algorithm);
        return forEach(FileBatch.regularFiles(dir), p -> FileBatch.hash(p, algorithm));
    }

    private static void createParent(Path p) throws IOException {
        Path parent = p.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    @Override
    public String toString() {
        return "ParallelFiles[parallelism=" + parallelism + "]";
    }
}
