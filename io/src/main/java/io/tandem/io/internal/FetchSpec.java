package io.tandem.io.internal;

import io.tandem.Progress;
import io.tandem.RetryPolicy;

import javax.net.ssl.SSLContext;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

/** A frozen {@code Fetch.Builder} configuration; {@code readTimeout} and {@code sslContext} may be null (none set). */
public record FetchSpec(int concurrency, int perHost, RetryPolicy retry, boolean retryTimeouts,
                        Duration connectTimeout, Duration timeout, Duration readTimeout, boolean followRedirects, long maxBodyBytes,
                        HttpClient.Version version, Map<String, String> headers, Progress progress, Sleeper sleeper,
                        SSLContext sslContext) {
}
