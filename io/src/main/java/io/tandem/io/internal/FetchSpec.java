package io.tandem.io.internal;

import io.tandem.Progress;
import io.tandem.RetryPolicy;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

/** A frozen {@code Fetch.Builder} configuration. */
public record FetchSpec(int concurrency, int perHost, RetryPolicy retry, boolean retryTimeouts,
                        Duration connectTimeout, Duration timeout, boolean followRedirects, long maxBodyBytes,
                        HttpClient.Version version, Map<String, String> headers, Progress progress, Sleeper sleeper) {
}
