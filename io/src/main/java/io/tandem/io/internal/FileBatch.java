package io.tandem.io.internal;

import io.tandem.io.FileResult;
import io.tandem.io.ParallelFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

/** The engine behind {@link ParallelFiles}: one virtual thread per file, at most {@code parallelism} at once. */
public final class FileBatch {
    private FileBatch() {
    }

    public static <R> List<FileResult<R>> run(List<Path> paths, int parallelism,
                                              ParallelFiles.FileFunction<? extends R> fn) {
        @SuppressWarnings("unchecked")
        FileResult<R>[] out = new FileResult[paths.size()];
        Semaphore permits = new Semaphore(parallelism);
        boolean interrupted = false;
        try (ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("files-", 0).factory())) {
            for (int i = 0; i < paths.size(); i++) {
                Path p = paths.get(i);
                if (interrupted) {
                    out[i] = new FileResult<>(p, null, new InterruptedException("cancelled before it started"));
                    continue;
                }
                try {
                    permits.acquire();
                } catch (InterruptedException e) {
                    interrupted = true;
                    threads.shutdownNow();
                    out[i] = new FileResult<>(p, null, e);
                    continue;
                }
                int index = i;
                threads.execute(() -> {
                    try {
                        out[index] = new FileResult<>(p, fn.apply(p), null);
                    } catch (Exception e) {
                        out[index] = new FileResult<>(p, null, e);
                    } finally {
                        permits.release();
                    }
                });
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return Arrays.asList(out);
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
