package io.tandem.graph.runfile;

import io.tandem.function.SerializableFunction;
import io.tandem.TandemException;
import io.tandem.graph.TaskContext;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The two task kinds of run files. A shell command runs as {@code sh -c} with its output redirected
 * to a temp file, so the task thread waits interruptibly in {@code waitFor}: cancellation or a
 * timeout interrupts it, and the whole process tree (descendants first) is killed before the
 * interrupt is reported. A fetch streams the body to its file through the JDK HttpClient. Stateless.
 */
final class RunFileTasks {
    private static final int OUTPUT_TAIL = 4096;

    private RunFileTasks() {
    }

    /** A shell command that exited with a non-zero status; the message carries the output's tail. */
    static final class CommandFailedException extends TandemException {
        CommandFailedException(String message) {
            super(message);
        }
    }

    static SerializableFunction<TaskContext, Object> function(RunFile.TaskDef t, Path baseDir) {
        String dir = baseDir == null ? null : baseDir.toString();
        if (t.run() != null) {
            return ctx -> shell(t, dir == null ? null : Path.of(dir));
        }
        return ctx -> fetch(t, dir == null ? null : Path.of(dir));
    }

    static Object shell(RunFile.TaskDef t, Path baseDir) {
        Path out = null;
        Process p = null;
        try {
            out = Files.createTempFile("tandem-run-", ".log");
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", t.run()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Path wd = t.workdir() == null ? baseDir : baseDir == null ? Path.of(t.workdir()) : baseDir.resolve(t.workdir());
            if (wd != null) {
                pb.directory(wd.toFile());
            }
            pb.environment().putAll(t.env());
            pb.environment().put("TANDEM_TASK", t.name());
            p = pb.start();
            int status = p.waitFor();
            String tail = tail(out);
            if (status != 0) {
                throw new CommandFailedException("command exited with status " + status + (tail.isEmpty() ? "" : ": " + tail.strip()));
            }
            return tail.strip();
        } catch (InterruptedException e) {
            killTree(p);
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("task '" + t.name() + "' interrupted; its processes were killed");
        } catch (IOException e) {
            throw new UncheckedIOException("task '" + t.name() + "': " + e.getMessage(), e);
        } finally {
            if (p != null && p.isAlive()) {
                killTree(p);
            }
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a temp file we could not delete is not worth failing the task for
                }
            }
        }
    }

    /** Kills descendants first (so none is re-parented and lost), then the process; waits briefly for each. */
    static void killTree(Process p) {
        if (p == null) {
            return;
        }
        var kids = p.descendants().toList();
        for (ProcessHandle h : kids) {
            h.destroyForcibly();
        }
        p.destroyForcibly();
        boolean interrupted = Thread.interrupted();
        try {
            for (ProcessHandle h : kids) {
                try {
                    h.onExit().get(5, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // best effort: it was sent SIGKILL
                }
            }
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String tail(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long len = f.length();
            int n = (int) Math.min(len, OUTPUT_TAIL);
            byte[] b = new byte[n];
            f.seek(len - n);
            f.readFully(b);
            return new String(b, StandardCharsets.UTF_8);
        }
    }

    static Object fetch(RunFile.TaskDef t, Path baseDir) {
        URI uri = URI.create(t.fetch());
        String name = t.to();
        if (name == null) {
            String path = uri.getPath();
            name = path == null || path.isEmpty() || path.endsWith("/") ? "index.html" : path.substring(path.lastIndexOf('/') + 1);
        }
        Path target = baseDir == null ? Path.of(name) : baseDir.resolve(name);
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build()) {
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            HttpRequest req = HttpRequest.newBuilder(uri).GET().build();
            HttpResponse<Path> resp = client.send(req, HttpResponse.BodyHandlers.ofFile(target));
            if (resp.statusCode() >= 400) {
                Files.deleteIfExists(target);
                throw new CommandFailedException("GET " + uri + " -> HTTP " + resp.statusCode());
            }
            return target + " (" + Files.size(target) + " bytes)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("task '" + t.name() + "' interrupted while fetching " + uri);
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("task '" + t.name() + "' interrupted while fetching " + uri);
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri + ": " + e, e);
        }
    }
}
