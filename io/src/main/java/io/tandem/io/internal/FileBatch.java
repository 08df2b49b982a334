package io.tandem.io.internal;

import io.tandem.Outcome;
import io.tandem.Pools;
import io.tandem.Scope;
import io.tandem.Task;
import io.tandem.TaskPool;
import io.tandem.function.ThrowingFunction;
import io.tandem.io.FileResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/*
 * The engine behind ParallelFiles. Each call gets its own Pools.virtual(parallelism): files wait in the
 * pool's queue (a node each, not a parked thread) and at most `parallelism` virtual threads work on them.
 * A Scope over that pool ties every file's task to the call: nothing outlives it, and an interrupt of the
 * caller cancels the files not yet done (their outcome is Cancelled). The work's own exceptions are caught
 * into the task's value (an Outcome), so one failing file never cancels its siblings; only an Error
 * escapes, and then the Scope fails the call.
 */

/** Runs one function over many files with bounded parallelism; see the comment above. */
public final class FileBatch {
    private FileBatch() {
    }

    public static <R> List<FileResult<R>> run(List<Path> paths, int parallelism,
                                              ThrowingFunction<? super Path, ? extends R> fn) {
        List<Task<Outcome<R>>> tasks = new ArrayList<>(paths.size());
        boolean interrupted = false;
        try (TaskPool pool = Pools.builder().name("files").virtual(parallelism);
             Scope scope = Scope.open(pool)) {
            for (Path p : paths) {
                Callable<Outcome<R>> work = () -> apply(fn, p);
                tasks.add(scope.fork(work));
            }
            try {
                scope.join();
            } catch (InterruptedException e) {
                interrupted = true;   // the scope has cancelled what was not done; close() waits for it
            }
        }
        List<FileResult<R>> out = new ArrayList<>(paths.size());
        for (int i = 0; i < paths.size(); i++) {
            out.add(new FileResult<>(paths.get(i), outcome(tasks.get(i))));
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    private static <R> Outcome<R> apply(ThrowingFunction<? super Path, ? extends R> fn, Path p) {
        try {
            return Outcome.success(fn.apply(p));
        } catch (Exception e) {
            return Outcome.failure(e);
        }
    }

    private static <R> Outcome<R> outcome(Task<Outcome<R>> task) {
        return switch (task.state()) {
            case SUCCESS -> task.resultNow();
            case FAILED -> Outcome.failure(task.exceptionNow());
            default -> Outcome.cancelled();
        };
    }

    /** Every regular file under {@code dir}, sorted. */
    public static List<Path> regularFiles(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> files = new ArrayList<>(walk.filter(Files::isRegularFile).toList());
            files.sort(null);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot walk " + dir, e);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot walk " + dir + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    public static void checkAlgorithm(String algorithm) {
        try {
            MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException | NullPointerException e) {
            throw new IllegalArgumentException("unknown digest algorithm '" + algorithm + "'; try SHA-256", e);
        }
    }

    public static String hash(Path p, String algorithm) throws IOException, NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance(algorithm);
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(p)) {
            for (int r; (r = in.read(buf)) >= 0; ) {
                md.update(buf, 0, r);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
