package io.tandem.io.internal;

import io.tandem.limit.KeyedLimiter;
import io.tandem.limit.Limiter;
import io.tandem.Progress;
import io.tandem.io.Fetch;
import io.tandem.io.FetchException;
import io.tandem.io.FetchResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/*
 * One virtual thread per URL; each runs attempt() in a loop. An attempt holds two permits while its
 * request is on the wire: its host's (KeyedLimiter) and the global one (Limiter), taken in that order so
 * a URL waiting for a busy host never sits on a global slot other hosts could use. The permits are
 * released before any backoff sleep. Responses are read through ofInputStream() on the virtual thread:
 * into a bounded byte array, or copied to a ".part" file that is moved into place only when complete,
 * so a saved body is never held in memory and a failed download leaves nothing behind.
 *
 * getAll() bounds the virtual threads it has started but not finished (concurrency + 10,000), so a
 * list of a million URLs does not park a million threads at once.
 */

/** {@link Fetch} on the JDK HttpClient. */
public final class HttpFetch implements Fetch {
    private static final int SPAWN_AHEAD = 10_000;
    private static final int COPY_BUFFER = 64 * 1024;

    private final FetchSpec spec;
    private final ExecutorService clientExecutor;
    private final HttpClient client;
    private final Limiter total;
    private final KeyedLimiter<String> perHost;
    private final ThreadFactory urlThreads = Thread.ofVirtual().name("fetch-", 0).factory();
    private final AtomicBoolean closed = new AtomicBoolean();

    public HttpFetch(FetchSpec spec) {
        this.spec = spec;
        this.clientExecutor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("fetch-client-", 0).factory());
        this.client = HttpClient.newBuilder()
                .executor(clientExecutor)
                .connectTimeout(spec.connectTimeout())
                .followRedirects(spec.followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
                .version(spec.version())
                .build();
        this.total = Limiter.of(spec.concurrency());
        this.perHost = KeyedLimiter.of(spec.perHost());
    }

    @Override
    public FetchResult get(String url) {
        checkOpen();
        FetchResult r = fetch(url, null);
        step(1, 1);
        return r;
    }

    @Override
    public FetchResult save(String url, Path file) {
        Objects.requireNonNull(file, "file");
        checkOpen();
        FetchResult r = fetch(url, file);
        step(1, 1);
        return r;
    }

    @Override
    public List<FetchResult> getAll(List<String> urls) {
        Objects.requireNonNull(urls, "urls must not be null; pass an empty list for nothing to fetch");
        return batch(urls, null);
    }

    @Override
    public List<FetchResult> saveAll(List<String> urls, Path dir) {
        Objects.requireNonNull(urls, "urls must not be null; pass an empty list for nothing to fetch");
        Objects.requireNonNull(dir, "dir");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot create download directory " + dir, e);
        }
        return batch(urls, dir);
    }

    private List<FetchResult> batch(List<String> urls, Path dir) {
        checkOpen();
        List<String> list = new ArrayList<>(urls);   // snapshot; tolerates nulls
        int n = list.size();
        if (spec.progress() != null) {
            spec.progress().addTotal(n);
        }
        FetchResult[] results = new FetchResult[n];
        Semaphore window = new Semaphore(spec.concurrency() + SPAWN_AHEAD);
        ExecutorService threads = Executors.newThreadPerTaskExecutor(urlThreads);
        boolean interrupted = false;
        try {
            for (int i = 0; i < n; i++) {
                window.acquire();
                int index = i;
                String url = list.get(i);
                Path target = dir == null ? null : dir.resolve(fileName(index, url));
                threads.execute(() -> {
                    try {
                        results[index] = fetch(url, target);
                        step(0, 1);
                    } finally {
                        window.release();
                    }
                });
            }
        } catch (InterruptedException e) {
            interrupted = true;
            threads.shutdownNow();
        } finally {
            threads.close();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new CancellationException("fetch of " + n + " URLs interrupted; "
                    + Arrays.stream(results).filter(Objects::nonNull).count() + " had finished");
        }
        return Arrays.asList(results);
    }

    private void step(long addTotal, long done) {
        Progress p = spec.progress();
        if (p != null) {
            if (addTotal > 0) {
                p.addTotal(addTotal);
            }
            p.step(done);
        }
    }

    /** The file name for URL {@code index}: its last path segment (or host), sanitised, after the index. */
    static String fileName(int index, String url) {
        String base = "download";
        try {
            URI u = new URI(url == null ? "" : url.strip());
            String path = u.getPath();
            if (path != null) {
                String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
                String last = p.substring(p.lastIndexOf('/') + 1);
                if (!last.isEmpty()) {
                    base = last;
                } else if (u.getHost() != null) {
                    base = u.getHost();
                }
            }
        } catch (URISyntaxException e) {
            // keep "download": the fetch itself reports the malformed URL
        }
        base = base.replaceAll("[^A-Za-z0-9._-]", "_");
        if (base.length() > 100) {
            base = base.substring(0, 100);
        }
        return index + "-" + base;
    }

    // ---- one URL -------------------------------------------------------------------------------

    /** What one attempt decided: a final result, or a retry after {@code delayNanos}. */
    private record Step(FetchResult result, long delayNanos, Throwable lastError, int lastStatus) {
    }

    private FetchResult fetch(String url, Path target) {
        long start = System.nanoTime();
        URI uri;
        try {
            uri = parse(url);
        } catch (IllegalArgumentException e) {
            return failure(url, start, 0, 0, new FetchException(url, 0, e.getMessage(), null));
        }
        HttpRequest request = request(uri);
        String hostKey = uri.getHost().toLowerCase(Locale.ROOT) + ":" + port(uri);
        for (int attempt = 1; ; attempt++) {
            Step step;
            try {
                step = attempt(url, request, hostKey, target, attempt, start);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failure(url, start, attempt, 0, new FetchException(url, attempt,
                        "GET " + url + " interrupted (attempt " + attempt + ")", e));
            }
            if (step.result() != null) {
                return step.result();
            }
            try {
                TimeUnit.NANOSECONDS.sleep(step.delayNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failure(url, start, attempt, step.lastStatus(), new FetchException(url, attempt,
                        "GET " + url + " interrupted while backing off after attempt " + attempt, step.lastError()));
            }
        }
    }

    private Step attempt(String url, HttpRequest request, String hostKey, Path target, int attempt, long start)
            throws InterruptedException {
        boolean canRetry = attempt <= spec.retries();
        try (Limiter.Permit h = perHost.acquire(hostKey); Limiter.Permit g = total.acquire()) {
            HttpResponse<InputStream> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                boolean timeout = e instanceof HttpTimeoutException && !(e instanceof java.net.http.HttpConnectTimeoutException);
                boolean retryable = timeout ? spec.retryTimeouts() : !isPermanent(e);
                if (canRetry && retryable) {
                    return new Step(null, backoffNanos(attempt), e, 0);
                }
                return new Step(failure(url, start, attempt, 0, new FetchException(url, attempt,
                        "GET " + url + " failed after " + attempt + " attempt(s): " + describe(e), e)), 0, e, 0);
            }
            int status = response.statusCode();
            if ((status == 429 || status == 503) && canRetry) {
                long delay = retryAfterNanos(response).orElse(backoffNanos(attempt));
                if (delay <= spec.maxRetryWait().toNanos()) {
                    closeQuietly(response.body());
                    return new Step(null, delay, null, status);
                }
            }
            return new Step(read(url, response, target, attempt, start), 0, null, status);
        }
    }

    private FetchResult read(String url, HttpResponse<InputStream> response, Path target, int attempt, long start) {
        int status = response.statusCode();
        Map<String, List<String>> headers = response.headers().map();
        boolean success = status >= 200 && status < 300;
        try (InputStream in = response.body()) {
            if (target == null) {
                byte[] body = readBounded(in, spec.maxBodyBytes(), url);
                return new FetchResult(url, status, headers, success ? body : null, null, body.length,
                        elapsed(start), attempt, null);
            }
            if (!success) {
                long n = in.transferTo(OutputStream.nullOutputStream());
                return new FetchResult(url, status, headers, null, null, n, elapsed(start), attempt, null);
            }
            long n = saveTo(in, target);
            return new FetchResult(url, status, headers, null, target, n, elapsed(start), attempt, null);
        } catch (IOException | BodyTooLargeException e) {
            String what = e instanceof BodyTooLargeException ? e.getMessage()
                    : "GET " + url + ": reading the body" + (target != null ? " into " + target : "") + " failed: " + describe(e);
            return failure(url, start, attempt, status, new FetchException(url, attempt, what, e));
        }
    }

    private static long saveTo(InputStream in, Path target) throws IOException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try {
            long n;
            try (OutputStream out = Files.newOutputStream(part)) {
                n = in.transferTo(out);
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return n;
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(part);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static final class BodyTooLargeException extends Exception {
        BodyTooLargeException(String message) {
            super(message, null, false, false);
        }
    }

    private static byte[] readBounded(InputStream in, long max, String url) throws IOException, BodyTooLargeException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[COPY_BUFFER];
        long total = 0;
        for (int r; (r = in.read(buf)) >= 0; ) {
            total += r;
            if (total > max) {
                throw new BodyTooLargeException("GET " + url + ": body larger than maxBodyBytes (" + max
                        + "); raise the limit or use save()/saveAll() to stream it to a file");
            }
            out.write(buf, 0, r);
        }
        return out.toByteArray();
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static URI parse(String url) {
        if (url == null) {
            throw new IllegalArgumentException("URL is null");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed URL '" + url + "': " + e.getMessage());
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("malformed URL '" + url + "': scheme must be http or https, got "
                    + (scheme == null ? "none" : "'" + scheme + "'"));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("malformed URL '" + url + "': no host");
        }
        return uri;
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private HttpRequest request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET().timeout(spec.timeout());
        spec.headers().forEach(b::header);
        return b.build();
    }

    /** A failure no retry can fix: the host name does not resolve. */
    private static boolean isPermanent(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException
                    || t instanceof IllegalArgumentException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getClass().getSimpleName());
        if (e.getMessage() != null) {
            sb.append(": ").append(e.getMessage());
        }
        Throwable c = e.getCause();
        if (c != null && c != e) {
            sb.append(" (").append(c.getClass().getSimpleName());
            if (c.getMessage() != null) {
                sb.append(": ").append(c.getMessage());
            }
            sb.append(')');
        }
        return sb.toString();
    }

    /** Exponential backoff with "equal jitter": a uniform delay in [d/2, d], d = first * 2^(attempt-1), capped. */
    private long backoffNanos(int attempt) {
        long first = spec.backoff().toNanos();
        long max = spec.maxBackoff().toNanos();
        long d = attempt >= 31 ? max : Math.min(max, first << Math.min(attempt - 1, 30));
        if (d <= 0) {
            d = max;
        }
        return d / 2 + ThreadLocalRandom.current().nextLong(d / 2 + 1);
    }

    /** The delay a {@code Retry-After} header asks for (seconds or an HTTP date), if it has a valid one. */
    static java.util.OptionalLong retryAfterNanos(HttpResponse<?> response) {
        return response.headers().firstValue("retry-after").map(v -> parseRetryAfter(v, ZonedDateTime.now()))
                .orElse(java.util.OptionalLong.empty());
    }

    static java.util.OptionalLong parseRetryAfter(String value, ZonedDateTime now) {
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? java.util.OptionalLong.empty()
                    : java.util.OptionalLong.of(TimeUnit.SECONDS.toNanos(Math.min(seconds, Integer.MAX_VALUE)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                return java.util.OptionalLong.of(Math.max(0, Duration.between(now, at).toNanos()));
            } catch (DateTimeParseException | ArithmeticException e) {
                return java.util.OptionalLong.empty();
            }
        }
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static FetchResult failure(String url, long start, int attempts, int status, Throwable error) {
        return new FetchResult(url, status, Map.of(), null, null, 0, elapsed(start), attempts, error);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the connection is dropped; nothing to report for a response we are discarding anyway
        }
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this Fetch is closed");
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                client.close();
            } finally {
                clientExecutor.close();
            }
        }
    }

    @Override
    public String toString() {
        return "Fetch[concurrency=" + spec.concurrency() + " (" + total.available() + " free), perHost="
                + spec.perHost() + ", activeHosts=" + perHost.activeKeys() + (closed.get() ? ", closed" : "") + "]";
    }
}
