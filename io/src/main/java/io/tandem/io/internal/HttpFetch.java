package io.tandem.io.internal;

import io.tandem.Outcome;
import io.tandem.Pools;
import io.tandem.Progress;
import io.tandem.RetryPolicy;
import io.tandem.Scope;
import io.tandem.TaskPool;
import io.tandem.io.Fetch;
import io.tandem.io.FetchException;
import io.tandem.io.FetchResult;
import io.tandem.io.HttpStatusException;
import io.tandem.limit.KeyedLimiter;
import io.tandem.limit.Limiter;

import javax.net.ssl.SSLContext;
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
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/*
 * A batch forks one task per URL into a Scope over this fetch's Pools.virtual() pool, so no request
 * outlives the call and an interrupt of the caller cancels (interrupts) every request still running. Each
 * task runs attempt() in a loop. An attempt holds two permits while its request is on the wire: its
 * host's (KeyedLimiter) and the global one (Limiter), taken in that order so a URL waiting for a busy
 * host never sits on a global slot other hosts could use. The permits are released before any backoff
 * sleep. Responses are read through ofInputStream() on the task's virtual thread (the HttpClient's own
 * I/O runs on its selector thread and hands bytes over a queue, so no virtual thread blocks in a socket
 * read): into a bounded byte array, or copied to a ".part" file that is moved into place only when
 * complete, so a saved body is never held in memory and a failed download leaves nothing behind.
 *
 * Retries: a failed attempt that is transient (a connection error; a timeout when retryTimeouts is on;
 * a 429 or 503 response, shown to the policy as an HttpStatusException) is offered to the RetryPolicy,
 * which decides whether to retry (shouldRetry: attempts, types, predicate) and how long to wait
 * (delayFor: the parsed Retry-After, capped by maxRetryAfter, else the jittered backoff). Anything else
 * (an unknown host, a malformed URL, a 404) is final without asking.
 *
 * A batch bounds the tasks it has forked but not finished (a window of concurrency + 10,000 permits),
 * so a list of a million URLs does not park a million threads, or hold a million tasks, at once.
 */

/** {@link Fetch} on the JDK HttpClient. */
public final class HttpFetch implements Fetch {
    private static final int SPAWN_AHEAD = 10_000;
    private static final int COPY_BUFFER = 64 * 1024;

    private final FetchSpec spec;
    private final ExecutorService clientExecutor;
    private final HttpClient client;
    /** Ends body reads that outlive their attempt's deadline or stall (see BodyDeadline). */
    private final ScheduledThreadPoolExecutor timer;
    private final Limiter total;
    private final KeyedLimiter<String> perHost;
    /** Runs the URLs of every batch, one virtual thread each; batches bound their own share. */
    private final TaskPool urlPool = Pools.builder().name("fetch").virtual();
    private final AtomicBoolean closed = new AtomicBoolean();

    public HttpFetch(FetchSpec spec) {
        this.spec = spec;
        this.clientExecutor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("fetch-client-", 0).factory());
        HttpClient.Builder builder = HttpClient.newBuilder();
        // the JDK default context costs ~100 ms to load in a fresh JVM: only the first https URL pays for it
        SSLContext tls = spec.sslContext() != null ? spec.sslContext() : new LazySslContext(LazySslContext::jdkDefault);
        builder.sslContext(tls);
        if (tls instanceof LazySslContext) {
            builder.sslParameters(LazySslContext.clientParameters());
        }
        this.client = builder
                .executor(clientExecutor)
                .connectTimeout(spec.connectTimeout())
                .followRedirects(spec.followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
                .version(spec.version())
                .build();
        this.timer = new ScheduledThreadPoolExecutor(1, Thread.ofVirtual().name("fetch-timer").factory());
        timer.setRemoveOnCancelPolicy(true);
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
        Limiter window = Limiter.of(spec.concurrency() + SPAWN_AHEAD);
        boolean interrupted = false;
        try (Scope scope = Scope.open(urlPool)) {
            try {
                for (int i = 0; i < n; i++) {
                    Limiter.Permit slot = window.acquire();
                    int index = i;
                    String url = list.get(i);
                    Path target = dir == null ? null : dir.resolve(fileName(index, url));
                    Callable<Void> one = () -> {
                        try (slot) {
                            results[index] = fetch(url, target);
                            step(0, 1);
                        }
                        return null;
                    };
                    scope.fork(one);
                }
                scope.join();
            } catch (InterruptedException e) {
                interrupted = true;   // close() cancels the requests still running and waits for them
            }
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

    /** What one attempt decided: a final result, or a retry after {@code delay}. */
    private record Step(FetchResult result, Duration delay, Throwable lastError, int lastStatus) {
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
                spec.sleeper().sleep(step.delay());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failure(url, start, attempt, step.lastStatus(), new FetchException(url, attempt,
                        "GET " + url + " interrupted while backing off after attempt " + attempt, step.lastError()));
            }
        }
    }

    private Step attempt(String url, HttpRequest request, String hostKey, Path target, int attempt, long start)
            throws InterruptedException {
        try (Limiter.Permit h = perHost.acquire(hostKey); Limiter.Permit g = total.acquire()) {
            // the timeout bounds the attempt from here (slots taken) to the body's last byte; the request's own
            // timeout (the same length) bounds connect and headers, BodyDeadline the rest
            long deadline = System.nanoTime() + spec.timeout().toNanos();
            HttpResponse<InputStream> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                Optional<Duration> delay = isTransient(e) ? retryDelay(attempt, e, null) : Optional.empty();
                if (delay.isPresent()) {
                    return new Step(null, delay.get(), e, 0);
                }
                String what = e instanceof HttpTimeoutException && !(e instanceof java.net.http.HttpConnectTimeoutException)
                        ? "GET " + url + " timed out: no response headers within the timeout of " + human(spec.timeout())
                        + " (attempt " + attempt + ")"
                        : "GET " + url + " failed after " + attempt + " attempt(s): " + describe(e);
                return new Step(failure(url, start, attempt, 0, new FetchException(url, attempt, what, e)), null, e, 0);
            }
            int status = response.statusCode();
            if (status == 429 || status == 503) {
                HttpStatusException busy = new HttpStatusException(status, "GET " + url + " answered " + status);
                Optional<Duration> delay = retryDelay(attempt, busy, retryAfter(response));
                if (delay.isPresent()) {
                    closeQuietly(response.body());
                    return new Step(null, delay.get(), busy, status);
                }
            }
            FetchResult result = read(url, response, target, attempt, start, deadline);
            if (result.failed() && result.error().getCause() instanceof HttpTimeoutException timedOut
                    && spec.retryTimeouts()) {
                Optional<Duration> delay = retryDelay(attempt, timedOut, null);
                if (delay.isPresent()) {
                    return new Step(null, delay.get(), timedOut, status);
                }
            }
            return new Step(result, null, null, status);
        }
    }

    /** The wait before the next attempt if the policy retries {@code error} after {@code attempt}, else empty. */
    private Optional<Duration> retryDelay(int attempt, Throwable error, Duration retryAfter) {
        RetryPolicy policy = spec.retry();
        if (!policy.shouldRetry(attempt, error)) {
            return Optional.empty();
        }
        return policy.delayFor(attempt, retryAfter, ThreadLocalRandom.current());
    }

    /**
     * Whether a failed send may succeed if tried again: not when the host name does not resolve or the
     * request is invalid, and a response timeout only when {@code retryTimeouts} is on (a connect timeout
     * always is: nothing reached the server).
     */
    private boolean isTransient(IOException e) {
        if (e instanceof HttpTimeoutException && !(e instanceof java.net.http.HttpConnectTimeoutException)) {
            return spec.retryTimeouts();
        }
        return !isPermanent(e);
    }

    private FetchResult read(String url, HttpResponse<InputStream> response, Path target, int attempt, long start,
                             long deadline) {
        int status = response.statusCode();
        Map<String, List<String>> headers = response.headers().map();
        boolean success = status >= 200 && status < 300;
        long idle = spec.readTimeout() == null ? 0 : spec.readTimeout().toNanos();
        try (InputStream raw = response.body(); BodyDeadline limit = new BodyDeadline(timer, deadline, idle, raw)) {
            InputStream in = limit.stream();
            try {
                if (target == null) {
                    byte[] body = readBounded(in, spec.maxBodyBytes(), url);
                    return new FetchResult(url, status, headers, null, body.length, elapsed(start), attempt,
                            Outcome.success(success ? body : null));
                }
                if (!success) {
                    long n = in.transferTo(OutputStream.nullOutputStream());
                    return new FetchResult(url, status, headers, null, n, elapsed(start), attempt, Outcome.success(null));
                }
                long n = saveTo(in, target);
                return new FetchResult(url, status, headers, target, n, elapsed(start), attempt, Outcome.success(null));
            } catch (IOException e) {
                if (limit.expiry() == null) {
                    throw e;
                }
                String what = limit.expiry() == BodyDeadline.Expiry.TOTAL
                        ? "GET " + url + " timed out: the whole request (connect, headers and body) must finish within"
                        + " the timeout of " + human(spec.timeout()) + "; " + limit.bytes() + " body bytes had arrived"
                        + " (attempt " + attempt + "; raise Fetch.Builder.timeout for large or slow downloads)"
                        : "GET " + url + " timed out: no body bytes for the readTimeout of " + human(spec.readTimeout())
                        + " after " + limit.bytes() + " bytes (attempt " + attempt + ")";
                HttpTimeoutException cause = new HttpTimeoutException(what);
                cause.initCause(e);
                return failure(url, start, attempt, status, new FetchException(url, attempt, what, cause));
            }
        } catch (IOException | BodyTooLargeException e) {
            String what = e instanceof BodyTooLargeException ? e.getMessage()
                    : "GET " + url + ": reading the body" + (target != null ? " into " + target : "") + " failed: " + describe(e);
            return failure(url, start, attempt, status, new FetchException(url, attempt, what, e));
        }
    }

    /** {@code 2 s}, {@code 300 ms}, {@code 1.5 s}: a duration as a person writes it. */
    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.3f s", ms / 1000.0).replaceAll("0+ s$", " s");
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

    /** The delay a {@code Retry-After} header asks for (seconds or an HTTP date), or null without a valid one. */
    private static Duration retryAfter(HttpResponse<?> response) {
        OptionalLong nanos = response.headers().firstValue("retry-after")
                .map(v -> parseRetryAfter(v, ZonedDateTime.now())).orElse(OptionalLong.empty());
        return nanos.isPresent() ? Duration.ofNanos(nanos.getAsLong()) : null;
    }

    static OptionalLong parseRetryAfter(String value, ZonedDateTime now) {
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? OptionalLong.empty()
                    : OptionalLong.of(TimeUnit.SECONDS.toNanos(Math.min(seconds, Integer.MAX_VALUE)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                return OptionalLong.of(Math.max(0, Duration.between(now, at).toNanos()));
            } catch (DateTimeParseException | ArithmeticException e) {
                return OptionalLong.empty();
            }
        }
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static FetchResult failure(String url, long start, int attempts, int status, FetchException error) {
        return new FetchResult(url, status, Map.of(), null, 0, elapsed(start), attempts, Outcome.failure(error));
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
                client.close();   // waits for running exchanges, which the timer still bounds
            } finally {
                try {
                    timer.shutdownNow();
                    timer.close();
                } finally {
                    try {
                        clientExecutor.close();
                    } finally {
                        urlPool.close();
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Fetch[concurrency=" + spec.concurrency() + " (" + total.available() + " free), perHost="
                + spec.perHost() + ", activeHosts=" + perHost.activeKeys() + (closed.get() ? ", closed" : "") + "]";
    }
}
