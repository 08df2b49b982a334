package io.tandem.examples;

import io.tandem.Scope;
import io.tandem.ScopeFailedException;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Ports seed 000's "Downloading Images Concurrently" (one {@code threading.Thread} per URL, then
 * {@code join}) and seed 004's {@code download_file} threads ("Downloaded file1.txt", "All downloads
 * completed"). Offline: a {@link LocalServer} on 127.0.0.1 serves the files from memory, 100 ms each,
 * and the files go to a temporary directory that is deleted at the end.
 *
 * <p>The first part is the seed as written: a thread per download, joined. If a download fails there,
 * its thread dies with a stack trace and {@code join()} returns as if all went well. The Tandem version
 * forks each download into a {@link Scope}: {@code join()} waits for all, and the first failure cancels
 * the other downloads and is thrown to the caller, as the third part shows with a missing file.
 *
 * <p>The concurrency point: downloads wait on the network, so they overlap: three 100 ms downloads take
 * about 100 ms together. Virtual threads make a thread per download cheap.
 */
public final class Downloads {
    /** How long the local server takes per file: enough to show the downloads overlap. */
    static final Duration LATENCY = Duration.ofMillis(100);
    /** What the server serves: path → size in bytes. */
    static final Map<String, Integer> SIZES = sizes();

    private Downloads() {
    }

    private static Map<String, Integer> sizes() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("/image1.jpg", 64 * 1024);
        sizes.put("/image2.jpg", 48 * 1024);
        sizes.put("/image3.gif", 32 * 1024);
        sizes.put("/file1.txt", 4 * 1024);
        sizes.put("/file2.txt", 8 * 1024);
        sizes.put("/file3.txt", 12 * 1024);
        return Map.copyOf(sizes);
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Runs the example, printing on {@code out}. */
    public static void run(PrintStream out) throws Exception {
        Map<String, byte[]> content = new LinkedHashMap<>();
        int seed = 0;
        for (Map.Entry<String, Integer> file : SIZES.entrySet()) {
            content.put(file.getKey(), LocalServer.filler(file.getValue(), seed++));
        }
        Path dir = Files.createTempDirectory("tandem-downloads-");
        try (LocalServer server = LocalServer.start(content, LATENCY);
             HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            threadPerDownload(out, server, http, dir);
            scopedDownloads(out, server, http, dir);
            failingDownload(out, server, http, dir);
        } finally {
            deleteTree(dir);
        }
    }

    /** Seed 000 as written: a thread per URL, started, then joined. */
    private static void threadPerDownload(PrintStream out, LocalServer server, HttpClient http, Path dir)
            throws InterruptedException, IOException {
        List<URI> urls = List.of(server.uri("/image1.jpg"), server.uri("/image2.jpg"), server.uri("/image3.gif"));
        server.warmUp(http);
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            URI url = urls.get(i);
            String ext = url.getPath().substring(url.getPath().lastIndexOf('.') + 1);
            Path filename = dir.resolve("image" + (i + 1) + "." + ext);
            files.add(filename);
            threads.add(Thread.ofVirtual().name("download-" + (i + 1)).start(() -> downloadImage(http, url, filename)));
        }
        for (Thread thread : threads) {
            thread.join();   // wait for all threads to finish
        }
        out.printf("All images downloaded! (%d in %.2f s; each takes %d ms to serve)%n",
                urls.size(), (System.nanoTime() - start) / 1e9, LATENCY.toMillis());
        for (Path file : files) {
            out.println("  " + file.getFileName() + ": " + Files.size(file) + " bytes");
        }
    }

    private static void downloadImage(HttpClient http, URI url, Path filename) {
        try {
            download(http, url, filename);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // in a plain thread this only prints a stack trace
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Seed 004's download_file, forked into a scope: every failure reaches the caller. */
    private static void scopedDownloads(PrintStream out, LocalServer server, HttpClient http, Path dir)
            throws InterruptedException {
        List<URI> urls = List.of(server.uri("/file1.txt"), server.uri("/file2.txt"), server.uri("/file3.txt"));
        try (Scope scope = Scope.open().withTimeout(Duration.ofSeconds(10))) {
            for (URI url : urls) {
                scope.fork(() -> downloadFile(out, http, url, dir));
            }
            scope.join();
        }
        out.println("All downloads completed");
    }

    private static Path downloadFile(PrintStream out, HttpClient http, URI url, Path dir) throws Exception {
        String filename = url.getPath().substring(url.getPath().lastIndexOf('/') + 1);
        Path file = dir.resolve(filename);
        download(http, url, file);
        out.println("Downloaded " + filename + " (" + Files.size(file) + " bytes)");
        return file;
    }

    /** One download that fails: the scope cancels its sibling and reports the failure. */
    private static void failingDownload(PrintStream out, LocalServer server, HttpClient http, Path dir)
            throws InterruptedException {
        try (Scope scope = Scope.open()) {
            scope.fork(() -> downloadFile(out, http, server.uri("/missing.txt"), dir));
            scope.fork(() -> downloadFile(out, http, server.uri("/image1.jpg"), dir));
            scope.join();
            out.println("unexpected: the download of a missing file succeeded");
        } catch (ScopeFailedException e) {
            out.println("A failed download fails the scope: " + e.getCause().getMessage());
        }
    }

    /** GETs {@code url} into {@code file}; a status other than 200 is an {@link IOException}. */
    static void download(HttpClient http, URI url, Path file) throws IOException, InterruptedException {
        HttpResponse<Path> response = http.send(HttpRequest.newBuilder(url).build(),
                HttpResponse.BodyHandlers.ofFile(file));
        if (response.statusCode() != 200) {
            Files.deleteIfExists(file);
            throw new IOException("GET " + url + " answered HTTP " + response.statusCode());
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
