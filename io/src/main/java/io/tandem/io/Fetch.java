package io.tandem.io;

import io.tandem.Progress;
import io.tandem.RetryPolicy;
import io.tandem.io.internal.FetchSpec;
import io.tandem.io.internal.HttpFetch;
import io.tandem.io.internal.Sleeper;

import javax.net.ssl.SSLContext;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Fetches many URLs concurrently on the JDK {@link HttpClient}, one virtual thread per URL: the seeds'
 * {@code aiohttp} + {@code asyncio.gather} without the colouring.
 *
 * {@snippet :
 * try (Fetch fetch = Fetch.builder().concurrency(100).perHost(8).build()) {
 *     for (FetchResult r : fetch.getAll(urls)) {
 *         System.out.println(r.url() + " -> " + (r.ok() ? r.bytes() + " bytes" : r.error()));
 *     }
 *     fetch.saveAll(urls, Path.of("downloads"));     // streamed to files, never whole in memory
 * }
 * }
 *
 * <h2>What one URL goes through</h2>
 * It waits for a slot of its host ({@link Builder#perHost}, when one is set) and a slot of the whole fetch
 * ({@link Builder#concurrency}), sends a GET and reads the response; slots are held only while a
 * request is on the wire, never while backing off. Redirects are followed (except https to http). Each
 * attempt must be over, body included, within {@link Builder#timeout}; a body that stalls fails sooner when
 * {@link Builder#readTimeout} is set. A timed-out attempt is a failed result naming the URL and the limit.
 *
 * <h2>Retries</h2>
 * One core {@link RetryPolicy} decides ({@link Builder#retry}; default {@link #DEFAULT_RETRY}: 2
 * retries, backoff 100 ms doubling up to 5 s with 50% jitter, {@code Retry-After} obeyed up to 30 s).
 * Only transient failures are offered to it:
 * <ul>
 *   <li>connection errors: the {@link java.io.IOException} of the attempt (for example a
 *       {@link java.net.ConnectException} or {@link java.net.http.HttpConnectTimeoutException}); not an
 *       unknown host, and a timeout ({@link java.net.http.HttpTimeoutException}) only with
 *       {@link Builder#retryTimeouts};
 *   <li>responses {@code 429} and {@code 503}: an {@link HttpStatusException} carrying the status.
 * </ul>
 * The policy's {@link RetryPolicy#shouldRetry shouldRetry} (attempts, {@code retryOn} types,
 * {@code retryIf} predicate) says whether to try again, and its {@link RetryPolicy#delayFor delayFor}
 * how long to wait: the server's {@code Retry-After} (seconds or an HTTP date) when it is at most
 * {@link RetryPolicy#maxRetryAfter()} (longer: no retry, the 429 or 503 is the result), else the
 * jittered backoff. So a policy narrows what is retried, for example
 * {@code Fetch.DEFAULT_RETRY.retryOn(java.net.ConnectException.class)} retries refused connections only;
 * other failures (an unknown host, a 404, a 500) are never retried.
 *
 * <h2>Failures are values</h2>
 * Every URL yields one {@link FetchResult}, in input order: a malformed URL, an unknown host, a
 * refused connection or a timeout is one failed result, never an exception from the batch. Only misuse
 * (a null list) throws, and a caller's interrupt cancels the batch (see {@link #getAll}).
 *
 * <h2>Thread safety</h2>
 * A {@code Fetch} may be used by many threads at once; the limits apply across all of them.
 * {@link #close()} waits for running calls' connections to be released and shuts the client down;
 * calls after close throw {@link IllegalStateException}.
 */
public interface Fetch extends AutoCloseable {

    /**
     * Requests on the wire at once unless {@link Builder#concurrency} says otherwise: 100, aiohttp's
     * {@code TCPConnector} default ({@code limit=100}, {@code limit_per_host=0}), so a port of
     * {@code asyncio.gather} over an aiohttp session keeps at least its concurrency without arguments, also
     * when every URL is on one host (there is no per-host limit unless {@link Builder#perHost} sets one).
     */
    int DEFAULT_CONCURRENCY = 100;

    /**
     * The retry policy a {@code Fetch} uses unless given another: 3 attempts, backoff 100 ms doubling up
     * to 5 s, each wait shortened at random by up to half ("equal jitter"), {@code Retry-After} obeyed up
     * to 30 s, every transient failure retried (see "Retries" above).
     */
    RetryPolicy DEFAULT_RETRY = RetryPolicy.retries(2)
            .backoff(Duration.ofMillis(100), 2.0, Duration.ofSeconds(5))
            .jitter(0.5)
            .maxRetryAfter(Duration.ofSeconds(30));

    /** A fetch with the defaults (see {@link Builder}). */
    static Fetch create() {
        return builder().build();
    }

    static Builder builder() {
        return new Builder();
    }

    /** Fetches one URL into memory. */
    FetchResult get(String url);

    /**
     * Fetches every URL into memory, concurrently within the limits; returns one result per URL in
     * input order.
     *
     * @throws NullPointerException                       if {@code urls} is null (a null element is a failed result)
     * @throws java.util.concurrent.CancellationException if the caller is interrupted: requests still running
     *                                                    are interrupted and the interrupt flag is set again
     */
    List<FetchResult> getAll(List<String> urls);

    /**
     * Streams one URL's body to {@code file} (through {@code file + ".part"}, moved into place when
     * complete; a failed download leaves no file). A non-2xx response is not saved.
     */
    FetchResult save(String url, Path file);

    /**
     * Streams every URL's body to a file in {@code dir} (created if missing), concurrently; the file of
     * URL number {@code i} is named {@code i + "-" + its last path segment} (or its host), with
     * characters other than letters, digits, '.', '-' and '_' replaced by '_'.
     */
    List<FetchResult> saveAll(List<String> urls, Path dir);

    /** Releases the HTTP client's connections and threads. Idempotent. */
    @Override
    void close();

    /**
     * Configures a {@link Fetch}. Every setter checks its argument and says what is wrong. Not
     * thread-safe: configure on one thread, then share the built {@code Fetch}.
     */
    final class Builder {
        /** {@link #perHost} not set: a host may take every slot of {@link #concurrency}. */
        private static final int NO_PER_HOST_LIMIT = 0;

        private int concurrency = DEFAULT_CONCURRENCY;
        private int perHost = NO_PER_HOST_LIMIT;
        private RetryPolicy retry = DEFAULT_RETRY;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration timeout = Duration.ofSeconds(30);
        private Duration readTimeout;
        private SSLContext sslContext;
        private boolean followRedirects = true;
        private boolean retryTimeouts = false;
        private long maxBodyBytes = 64L << 20;
        private HttpClient.Version version = HttpClient.Version.HTTP_1_1;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Progress progress;
        private Sleeper sleeper = Sleeper.REAL;

        private Builder() {
            headers.put("User-Agent", "tandem-fetch/0.1");
        }

        /** Requests on the wire at once, across all hosts. Default {@value Fetch#DEFAULT_CONCURRENCY}, as aiohttp's. */
        public Builder concurrency(int concurrency) {
            this.concurrency = atLeastOne(concurrency, "concurrency");
            return this;
        }

        /**
         * Requests on the wire at once to one host (host and port). Default: no limit of its own, only
         * {@link #concurrency}'s, as aiohttp's ({@code limit_per_host=0}); set one to be polite to a
         * server many URLs share.
         */
        public Builder perHost(int perHost) {
            this.perHost = atLeastOne(perHost, "perHost");
            return this;
        }

        /**
         * The retry policy (see "Retries" in {@link Fetch}); replaces the default and any earlier shorthand.
         * {@link #retries}, {@link #backoff} and {@link #maxRetryWait} called later adjust it.
         */
        public Builder retry(RetryPolicy policy) {
            this.retry = Objects.requireNonNull(policy, "retry policy");
            return this;
        }

        /**
         * Shorthand: retries after the first attempt for transient failures, keeping the rest of the policy
         * ({@link RetryPolicy#withRetries}). Default 2; 0 disables.
         */
        public Builder retries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("retries must not be negative, got " + retries);
            }
            this.retry = retry.withRetries(retries);
            return this;
        }

        /**
         * Shorthand: the policy's first backoff and its cap, keeping its multiplier (2 by default), jitter
         * and the rest. Default 100 ms, 5 s.
         */
        public Builder backoff(Duration first, Duration max) {
            positive(first, "backoff first");
            positive(max, "backoff max");
            if (max.compareTo(first) < 0) {
                throw new IllegalArgumentException("backoff max (" + max + ") must not be less than first (" + first + ")");
            }
            this.retry = retry.backoff(first, retry.multiplier(), max);
            return this;
        }

        /**
         * Shorthand: the policy's {@link RetryPolicy#maxRetryAfter}, the longest {@code Retry-After}
         * honoured; a server asking for more gets no retry and its 429 or 503 is the result. Default 30 s.
         */
        public Builder maxRetryWait(Duration maxRetryWait) {
            Objects.requireNonNull(maxRetryWait, "maxRetryWait");
            if (maxRetryWait.isNegative()) {
                throw new IllegalArgumentException("maxRetryWait must not be negative, got " + maxRetryWait);
            }
            this.retry = retry.maxRetryAfter(maxRetryWait);
            return this;
        }

        /** Time to establish a connection. Default 10 s. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * Time for one whole attempt: from the moment it has its slots, through connecting, sending, the
         * response headers and the last byte of the body (read into memory or saved to a file). An attempt
         * still running then fails with a {@link FetchException} naming the URL and the limit, whose cause is
         * an {@link java.net.http.HttpTimeoutException}. Raise it for large or slow downloads; to catch a
         * stalled transfer sooner than that, set {@link #readTimeout}. With retries, a URL may take up to
         * (retries + 1) times this plus the backoff. Default 30 s.
         */
        public Builder timeout(Duration timeout) {
            this.timeout = positive(timeout, "timeout");
            return this;
        }

        /**
         * The longest wait for the next bytes of a response body, within {@link #timeout}: a body that stops
         * arriving for this long fails at once (a {@link FetchException} naming the URL and this limit, its
         * cause an {@link java.net.http.HttpTimeoutException}). Default: none of its own, only the timeout.
         */
        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = positive(readTimeout, "readTimeout");
            return this;
        }

        /**
         * The TLS context for {@code https://} URLs (for example one that trusts a private CA, or carries a
         * client certificate). Default: the JDK's default context, loaded only when the first {@code https://}
         * URL is fetched (loading it costs about 100 ms in a fresh JVM; {@code http://} URLs never pay it).
         */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
            return this;
        }

        /**
         * Whether an attempt that timed out ({@link #timeout} or {@link #readTimeout}) is offered to the retry
         * policy like a connection error. Default false (the server may still be working on it).
         */
        public Builder retryTimeouts(boolean retryTimeouts) {
            this.retryTimeouts = retryTimeouts;
            return this;
        }

        /** Whether redirects are followed (never https to http). Default true. */
        public Builder followRedirects(boolean followRedirects) {
            this.followRedirects = followRedirects;
            return this;
        }

        /** The largest body fetched into memory; larger ones fail (use {@code save}). Default 64 MiB. */
        public Builder maxBodyBytes(long maxBodyBytes) {
            if (maxBodyBytes < 0) {
                throw new IllegalArgumentException("maxBodyBytes must not be negative, got " + maxBodyBytes);
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /** The HTTP version to ask for. Default HTTP/1.1 (no h2c upgrade dance on plain http). */
        public Builder version(HttpClient.Version version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        /** A header sent with every request. */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "header name");
            Objects.requireNonNull(value, "header value");
            headers.put(name, value);
            return this;
        }

        /** Reports each finished URL to {@code progress} (its total grows by each batch's size). */
        public Builder progress(Progress progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /** How waits between attempts are made: tests record them instead of sleeping. */
        Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        public Fetch build() {
            return new HttpFetch(new FetchSpec(concurrency, perHost == NO_PER_HOST_LIMIT ? concurrency : perHost, retry,
                    retryTimeouts, connectTimeout, timeout, readTimeout, followRedirects, maxBodyBytes, version,
                    Map.copyOf(headers), progress, sleeper, sslContext));
        }

        private static int atLeastOne(int v, String what) {
            if (v < 1) {
                throw new IllegalArgumentException(what + " must be at least 1, got " + v);
            }
            return v;
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + d);
            }
            return d;
        }
    }
}
