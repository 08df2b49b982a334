package io.tandem.io;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12: {@code timeout(2s)} against a server that sends its headers, then one body byte every 500 ms, was
 * still reading after 12 s. The timeout bounds the whole attempt, body included; readTimeout bounds a stall.
 */
class FetchTimeoutTest {
    /** A raw HTTP server on a platform thread: headers at once, then {@code bodyBytes} bytes, one per {@code every}. */
    private static final class TricklingServer implements AutoCloseable {
        private final ServerSocket listener;
        private final CountDownLatch stop = new CountDownLatch(1);
        private final Thread thread;

        TricklingServer(int bodyBytes, int burst, Duration every) throws IOException {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            thread = Thread.ofPlatform().name("trickling-server").start(() -> serve(bodyBytes, burst, every));
        }

        String url(String path) {
            return "http://127.0.0.1:" + listener.getLocalPort() + path;
        }

        private void serve(int bodyBytes, int burst, Duration every) {
            while (stop.getCount() > 0) {
                try (Socket s = listener.accept()) {
                    readHeaders(s.getInputStream());
                    OutputStream out = s.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + bodyBytes
                            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write("x".repeat(burst).getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    // pacing the body, not synchronising: the latch doubles as the stop signal
                    for (int sent = burst; sent < bodyBytes && !stop.await(every.toMillis(), TimeUnit.MILLISECONDS); sent++) {
                        out.write('x');
                        out.flush();
                    }
                } catch (IOException e) {
                    // the client gave up (what the test wants), or close() closed the listener
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private static void readHeaders(InputStream in) throws IOException {
            int state = 0;
            for (int b; state < 4 && (b = in.read()) >= 0; ) {
                state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            }
        }

        @Override
        public void close() throws Exception {
            stop.countDown();
            listener.close();
            thread.join();
        }
    }

    private TricklingServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void timeoutBoundsTheWholeRequestNotJustTheHeaders() throws Exception {
        server = new TricklingServer(100, 0, Duration.ofMillis(500));   // 50 s to send the body
        String url = server.url("/trickle");
        try (Fetch fetch = Fetch.builder().timeout(Duration.ofSeconds(2)).build()) {
            long t0 = System.nanoTime();
            FetchResult r = fetch.get(url);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(r.failed(), r::toString);
            assertInstanceOf(HttpTimeoutException.class, r.error().getCause());
            String message = r.error().getMessage();
            assertTrue(message.contains(url) && message.contains("timed out") && message.contains("2 s"), message);
            assertEquals(1, r.attempts(), "timeouts are not retried unless asked");
            assertTrue(ms < 10_000, "the 2 s timeout ended the request after " + ms + " ms");
        }
    }

    @Test
    void savingATricklingBodyTimesOutAndLeavesNoFile(@TempDir Path dir) throws Exception {
        server = new TricklingServer(100, 10, Duration.ofMillis(500));
        Path file = dir.resolve("out.txt");
        try (Fetch fetch = Fetch.builder().timeout(Duration.ofMillis(1500)).build()) {
            FetchResult r = fetch.save(server.url("/file"), file);
            assertTrue(r.failed(), r::toString);
            assertInstanceOf(HttpTimeoutException.class, r.error().getCause());
        }
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "neither the file nor its .part");
        }
    }

    @Test
    void readTimeoutEndsAStalledBodyBeforeTheTimeout() throws Exception {
        server = new TricklingServer(100, 3, Duration.ofHours(1));   // three bytes, then silence
        String url = server.url("/stall");
        try (Fetch fetch = Fetch.builder().timeout(Duration.ofSeconds(60)).readTimeout(Duration.ofMillis(300)).build()) {
            long t0 = System.nanoTime();
            FetchResult r = fetch.get(url);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(r.failed(), r::toString);
            assertInstanceOf(HttpTimeoutException.class, r.error().getCause());
            String message = r.error().getMessage();
            assertTrue(message.contains(url) && message.contains("readTimeout") && message.contains("300 ms")
                    && message.contains("3 bytes"), message);
            assertTrue(ms < 10_000, "a 300 ms stall limit ended the request after " + ms + " ms");
        }
    }

    @Test
    void retryTimeoutsRetriesABodyThatTimedOut() throws Exception {
        server = new TricklingServer(100, 0, Duration.ofMillis(500));
        try (Fetch fetch = Fetch.builder().timeout(Duration.ofMillis(700)).retryTimeouts(true).retries(1)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(1)).build()) {
            FetchResult r = fetch.get(server.url("/again"));
            assertTrue(r.failed());
            assertEquals(2, r.attempts());
        }
    }

    @Test
    void aBodyWithinTheLimitsStillArrivesWhole() throws Exception {
        server = new TricklingServer(8, 4, Duration.ofMillis(20));
        try (Fetch fetch = Fetch.builder().timeout(Duration.ofSeconds(20)).readTimeout(Duration.ofSeconds(5)).build()) {
            FetchResult r = fetch.get(server.url("/fine"));
            assertTrue(r.ok(), r::toString);
            assertEquals("xxxxxxxx", r.text());
            assertFalse(r.failed());
        }
    }
}
