package io.tandem.io.internal;

import io.tandem.Progress;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

/** A frozen {@code Fetch.Builder} configuration. */
public record FetchSpec(int concurrency, int perHost, int retries, Duration backoff, Duration maxBackoff,
                        Duration maxRetryWait, Duration connectTimeout, Duration timeout, boolean retryTimeouts,
                        boolean followRedirects, long maxBodyBytes, HttpClient.Version version,
                        Map<String, String> headers, Progress progress) {
}
