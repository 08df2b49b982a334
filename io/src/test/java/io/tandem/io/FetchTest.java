package io.tandem.io;

import io.tandem.Outcome;
import io.tandem.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fetch against a real local server: failures, timeouts, retries, per-host limits, streaming. */
class FetchTest {
    private static final long BIG = 300L << 20;   // 300 MiB: more than the heap we allow the download to use

    private final AtomicInteger flaky = new AtomicInteger();
    private final CountDownLatch releaseSlow = new CountDownLatch(1);
    /** Opens when {@link #GATED} requests are in the server at once: more than the old default of 8 per host. */
    private static final int GATED = 40;
    private final CountDownLatch gate = new CountDownLatch(GATED);
    private final Map<String, AtomicInteger> activeByHost = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> maxByHost = new ConcurrentHashMap<>();
    private HttpServer server;

    @BeforeAll
    static void warmUp() {
        Servers.warmUp();
    }

    @BeforeEach
    void start() {
        server = HttpServer.builder()
                .get("/hello", req -> Response.text("hello"))
                .get("/missing", req -> Response.status(404))
                .get("/slow", req -> {
                    releaseSlow.await(30, TimeUnit.SECONDS);
                    return Response.text("late");
                })
                .get("/flaky/{code}", req -> flaky.getAndIncrement() == 0
                        ? Response.status(Integer.parseInt(req.pathParam("code").orElseThrow())).withHeader("Retry-After", "1")
                        : Response.text("recovered"))
                .get("/gate/{i}", req -> {
                    gate.countDown();
                    return gate.await(30, TimeUnit.SECONDS) ? Response.text("open") : Response.status(504);
                })
                .get("/busy-long", req -> Response.status(429).withHeader("Retry-After", "3600"))
                .get("/busy-503", req -> Response.status(503))
                .get("/tracked/{i}", req -> {
                    String host = req.header("Host").orElse("?").replaceFirst(":\\d+$", "");
                    AtomicInteger active = activeByHost.computeIfAbsent(host, h -> new AtomicInteger());
                    int now = active.incrementAndGet();
                    maxByHost.computeIfAbsent(host, h -> new AtomicInteger()).accumulateAndGet(now, Math::max);
                    try {
                        Thread.sleep(30);   // simulated service latency, not synchronisation
                    } finally {
                        active.decrementAndGet();
                    }
                    return Response.text("ok");
                })
                .get("/big", req -> Response.stream("application/octet-stream", out -> {
                    byte[] chunk = new byte[1 << 16];
                    Arrays.fill(chunk, (byte) 'x');
                    for (long sent = 0; sent < BIG; sent += chunk.length) {
                        out.write(chunk);
                    }
                }))
                .start();
    }

    @AfterEach
    void stop() {
        releaseSlow.countDown();
        server.close();
    }

    private String url(String path) {
        return server.uri().resolve(path).toString();
    }

    @Test
    void partialFailuresAreResultsInInputOrder() {
        List<String> urls = new ArrayList<>(List.of(url("/hello"), url("/missing"), "ht tp://bad url",
                "ftp://example.com/x", "http://127.0.0.1:1/refused", "http://no-such-host.invalid/"));
        urls.add(null);
        try (Fetch fetch = Fetch.builder().retries(1).backoff(Duration.ofMillis(10), Duration.ofMillis(20)).build()) {
            List<FetchResult> rs = fetch.getAll(urls);
            assertEquals(urls.size(), rs.size());
            FetchResult ok = rs.get(0);
            assertTrue(ok.ok(), ok::toString);
            assertEquals("hello", ok.text());
            assertEquals(5, ok.bytes());
            assertEquals(1, ok.attempts());
            assertTrue(ok.header("Content-Type").orElseThrow().startsWith("text/plain"));
            assertEquals("hello", new String((byte[]) ((Outcome.Success<byte[]>) ok.outcome()).value()));

            FetchResult missing = rs.get(1);
            assertEquals(404, missing.status());
            assertFalse(missing.ok());
            assertNull(missing.error(), "an HTTP error status is a response, not an error");

            for (int i = 2; i <= 3; i++) {
                FetchResult bad = rs.get(i);
                assertTrue(bad.failed());
                assertEquals(0, bad.attempts());
                assertTrue(bad.error().getMessage().contains("malformed URL"), bad.error().getMessage());
            }
            FetchResult refused = rs.get(4);
            assertTrue(refused.failed());
            assertEquals(2, refused.attempts(), "a refused connection is retried");
            assertInstanceOf(ConnectException.class, refused.error().getCause());
            assertInstanceOf(FetchException.class, ((Outcome.Failure<byte[]>) refused.outcome()).error());
            assertTrue(refused.error().getMessage().contains("127.0.0.1:1"), refused.error().getMessage());

            FetchResult unknown = rs.get(5);
            assertTrue(unknown.failed());
            assertEquals(1, unknown.attempts(), "an unknown host is not retried");

            assertTrue(rs.get(6).failed());
            assertEquals("URL is null", rs.get(6).error().getMessage());
        }
    }

    @Test
    void slowResponseTimesOutWithoutHoldingUpOthers() {
        try (Fetch fetch = Fetch.builder().timeout(Duration.ofMillis(300)).build()) {
            long t0 = System.nanoTime();
            List<FetchResult> rs = fetch.getAll(List.of(url("/slow"), url("/hello")));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            FetchResult slow = rs.get(0);
            assertTrue(slow.failed());
            assertInstanceOf(HttpTimeoutException.class, slow.error().getCause());
            assertEquals(1, slow.attempts(), "timeouts are not retried unless asked");
            assertTrue(rs.get(1).ok());
            assertTrue(ms < 10_000, "timed out after " + ms + " ms");
        }
    }

    /** Records the waits a fetch asks for instead of sleeping them. */
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    private Fetch.Builder recording() {
        return Fetch.builder().sleeper(waits::add);
    }

    @Test
    void retriesObeyRetryAfterOn503And429() {
        for (String code : List.of("503", "429")) {
            flaky.set(0);
            waits.clear();
            try (Fetch fetch = recording().build()) {
                FetchResult r = fetch.get(url("/flaky/" + code));
                assertTrue(r.ok(), r::toString);
                assertEquals("recovered", r.text());
                assertEquals(2, r.attempts());
                assertEquals(List.of(Duration.ofSeconds(1)), waits, "Retry-After: 1 is the wait, not the backoff");
            }
        }
    }

    @Test
    void retryAfterLongerThanTheLimitIsNotWaitedFor() {
        try (Fetch fetch = recording().maxRetryWait(Duration.ofSeconds(5))
                .backoff(Duration.ofMillis(5), Duration.ofMillis(10)).build()) {
            FetchResult r = fetch.get(url("/busy-long"));
            assertEquals(429, r.status());
            assertEquals(1, r.attempts());
            assertNull(r.error());
            assertInstanceOf(Outcome.Success.class, r.outcome(), "the 429 itself is the result");
            assertEquals(List.of(), waits, "Retry-After: 3600 is over maxRetryWait: no wait, no retry");
            FetchResult always503 = fetch.get(url("/busy-503"));
            assertEquals(503, always503.status());
            assertEquals(3, always503.attempts(), "two retries by default, then the 503 is the result");
            assertEquals(2, waits.size(), waits::toString);
        }
    }

    @Test
    void backoffIsThePolicysJitteredDelay() {
        List<Duration> base = List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
                Duration.ofMillis(800));
        RetryPolicy exact = RetryPolicy.retries(4).backoff(Duration.ofMillis(100), 2.0, Duration.ofSeconds(1));
        try (Fetch fetch = recording().retry(exact).build()) {
            assertEquals(5, fetch.get(url("/busy-503")).attempts());
            assertEquals(base, waits, "no jitter: the backoff exactly");
        }
        for (double jitter : new double[] {0.5, 1.0}) {
            waits.clear();
            try (Fetch fetch = recording().retry(exact.jitter(jitter)).build()) {
                for (int i = 0; i < 10; i++) {
                    fetch.get(url("/busy-503"));
                }
            }
            assertEquals(40, waits.size());
            for (int i = 0; i < waits.size(); i++) {
                Duration max = base.get(i % 4);
                Duration min = Duration.ofNanos((long) (max.toNanos() * (1 - jitter)));
                Duration w = waits.get(i);
                assertTrue(w.compareTo(min) >= 0 && w.compareTo(max) <= 0,
                        "jitter " + jitter + ": wait " + w + " outside [" + min + ", " + max + "]");
            }
            assertTrue(waits.stream().distinct().count() > 4, "jitter " + jitter + " never varied a wait: " + waits);
        }
    }

    @Test
    void thePolicysTypesAndPredicateChooseWhatIsRetried() {
        String refused = "http://127.0.0.1:1/refused";
        RetryPolicy noStatuses = Fetch.DEFAULT_RETRY.retryIf(e -> !(e instanceof HttpStatusException));
        try (Fetch fetch = recording().retry(noStatuses).build()) {
            assertEquals(1, fetch.get(url("/busy-503")).attempts(), "statuses are not retried");
            assertEquals(3, fetch.get(refused).attempts(), "connection errors still are");
        }
        RetryPolicy only429 = Fetch.DEFAULT_RETRY.retryOn(HttpStatusException.class)
                .retryIf(e -> e instanceof HttpStatusException s && s.status() == 429);
        flaky.set(0);
        try (Fetch fetch = recording().retry(only429).build()) {
            FetchResult r = fetch.get(url("/flaky/429"));
            assertTrue(r.ok(), r::toString);
            assertEquals(2, r.attempts());
            assertEquals(1, fetch.get(url("/busy-503")).attempts());
            FetchResult notRetried = fetch.get(refused);
            assertEquals(1, notRetried.attempts());
            assertInstanceOf(ConnectException.class, notRetried.error().getCause());
        }
        try (Fetch fetch = recording().retry(RetryPolicy.attempts(4)).build()) {
            assertEquals(1, fetch.get(url("/missing")).attempts(), "a 404 is never offered to the policy");
            assertEquals(1, fetch.get("http://no-such-host.invalid/").attempts(), "nor an unknown host");
        }
    }

    @Test
    void shorthandsAdjustThePolicy() {
        try (Fetch fetch = recording().retry(RetryPolicy.retries(1)).backoff(Duration.ofMillis(7), Duration.ofMillis(7))
                .maxRetryWait(Duration.ofMillis(500)).build()) {
            assertEquals(2, fetch.get(url("/busy-503")).attempts());
            flaky.set(0);
            FetchResult r = fetch.get(url("/flaky/503"));
            assertEquals(503, r.status(), "Retry-After: 1 is over the 500 ms maxRetryWait");
            assertEquals(1, r.attempts());
        }
        assertEquals(List.of(Duration.ofMillis(7)), waits);
        waits.clear();
        try (Fetch fetch = recording().retry(RetryPolicy.retries(0).backoff(Duration.ofMillis(3))).retries(2).build()) {
            assertEquals(3, fetch.get(url("/busy-503")).attempts(), "retries(2) after retry(policy) keeps the policy's backoff");
        }
        assertEquals(List.of(Duration.ofMillis(3), Duration.ofMillis(3)), waits);
        waits.clear();
        try (Fetch fetch = recording().retries(0).build()) {
            assertEquals(1, fetch.get(url("/busy-503")).attempts());
        }
        assertEquals(List.of(), waits);
    }

    @Test
    void defaultsLetAsManyRequestsToOneHostBeInFlightAsAiohttp() {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < GATED; i++) {
            urls.add(url("/gate/" + i));
        }
        // The server answers only once all of them are in at once: a per-host default below GATED would
        // leave the gate shut and every request would time out at the server (504).
        try (Fetch fetch = Fetch.create()) {
            List<FetchResult> rs = fetch.getAll(urls);
            for (FetchResult r : rs) {
                assertTrue(r.ok(), r::toString);
                assertEquals("open", r.text());
            }
        }
        assertTrue(Fetch.DEFAULT_CONCURRENCY >= 100, "aiohttp's TCPConnector limit is 100");
    }

    @Test
    void perHostLimitIsObservedAtTheServer() {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            urls.add("http://127.0.0.1:" + server.port() + "/tracked/" + i);
            urls.add("http://localhost:" + server.port() + "/tracked/" + i);
        }
        try (Fetch fetch = Fetch.builder().concurrency(100).perHost(3).build()) {
            List<FetchResult> rs = fetch.getAll(urls);
            assertTrue(rs.stream().allMatch(FetchResult::ok));
        }
        assertEquals(2, maxByHost.size(), maxByHost::toString);
        maxByHost.forEach((host, max) -> assertTrue(max.get() <= 3 && max.get() >= 2,
                "host " + host + " saw " + max + " concurrent requests; the limit is 3"));
    }

    @Test
    void largeDownloadIsStreamedToDiskWithSmallHeap(@TempDir Path dir) throws Exception {
        var memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peakLive = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        // Samples the live set (heap used right after a full GC) while the download runs: holding the
        // body in memory would show at least BIG bytes live.
        Thread sampler = Thread.ofVirtual().start(() -> {
            try {
                while (!done.await(100, TimeUnit.MILLISECONDS)) {
                    System.gc();
                    peakLive.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<FetchResult> rs;
        try (Fetch fetch = Fetch.builder().maxBodyBytes(1 << 20).build()) {
            rs = fetch.saveAll(List.of(url("/big"), url("/hello"), url("/missing")), dir.resolve("downloads"));
        } finally {
            done.countDown();
            sampler.join();
        }
        FetchResult big = rs.get(0);
        assertTrue(big.ok(), big::toString);
        assertNull(big.body());
        assertEquals(BIG, big.bytes());
        assertEquals(dir.resolve("downloads/0-big"), big.path());
        assertEquals(BIG, Files.size(big.path()));
        assertEquals("hello", Files.readString(rs.get(1).path()));
        assertNull(rs.get(2).path(), "a 404 is not saved");
        try (var files = Files.list(dir.resolve("downloads"))) {
            assertEquals(2, files.count(), "no .part files left behind");
        }
        assertTrue(peakLive.get() < 128L << 20, "live heap peaked at " + (peakLive.get() >> 20) + " MiB while saving "
                + (BIG >> 20) + " MiB");
    }

    @Test
    void bodyOverTheMemoryLimitFailsWithAHint() {
        try (Fetch fetch = Fetch.builder().maxBodyBytes(1 << 20).build()) {
            FetchResult r = fetch.get(url("/big"));
            assertTrue(r.failed());
            assertTrue(r.error().getMessage().contains("save"), r.error().getMessage());
        }
    }

    @Test
    void badInputFailsFast() {
        assertThrows(IllegalArgumentException.class, () -> Fetch.builder().concurrency(0));
        assertThrows(IllegalArgumentException.class, () -> Fetch.builder().perHost(-1));
        assertThrows(IllegalArgumentException.class, () -> Fetch.builder().retries(-1));
        assertThrows(IllegalArgumentException.class, () -> Fetch.builder().timeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> Fetch.builder().backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        try (Fetch fetch = Fetch.create()) {
            NullPointerException npe = assertThrows(NullPointerException.class, () -> fetch.getAll(null));
            assertTrue(npe.getMessage().contains("urls"));
            assertEquals(List.of(), fetch.getAll(List.of()));
            fetch.close();
            assertThrows(IllegalStateException.class, () -> fetch.get(url("/hello")));
        }
    }

    @Test
    void manyConcurrentRequestsAllSucceed() {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            urls.add(url("/hello?i=" + i));
        }
        try (Fetch fetch = Fetch.builder().concurrency(100).perHost(100).build()) {
            List<FetchResult> rs = fetch.getAll(urls);
            assertEquals(500, rs.stream().filter(FetchResult::ok).count());
            assertNotNull(rs.getLast().elapsed());
        }
    }
}
