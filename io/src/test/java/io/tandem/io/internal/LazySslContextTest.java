package io.tandem.io.internal;

import io.tandem.io.Fetch;
import io.tandem.io.HttpServer;
import io.tandem.io.Response;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 11: fetching http:// URLs never loads a TLS context; the first https:// URL does, once. */
class LazySslContextTest {

    private static FetchSpec spec(SSLContext tls) {
        return new FetchSpec(4, 4, Fetch.DEFAULT_RETRY.withRetries(0), false, Duration.ofSeconds(5), Duration.ofSeconds(10),
                null, true, 1 << 20, HttpClient.Version.HTTP_1_1, Map.of(), null, Sleeper.REAL, tls);
    }

    @Test
    void httpNeverResolvesTheContextHttpsDoesOnce() throws Exception {
        AtomicInteger resolved = new AtomicInteger();
        LazySslContext lazy = new LazySslContext(() -> {
            resolved.incrementAndGet();
            return LazySslContext.jdkDefault();
        });
        try (HttpServer server = HttpServer.builder().get("/", r -> Response.text("plain")).start();
             HttpFetch fetch = new HttpFetch(spec(lazy))) {
            assertEquals("plain", fetch.get(server.uri().toString()).text());
            assertFalse(lazy.initialised(), "an http:// fetch loaded the TLS context");
            // nothing listens on port 1: the handshake is never reached, the context is still asked for an engine
            fetch.get("https://127.0.0.1:1/");
            fetch.get("https://127.0.0.1:1/");
        }
        assertTrue(resolved.get() <= 1, "resolved " + resolved + " times");
    }

    @Test
    void clientParametersOfferTls13And12() {
        assertEquals(java.util.List.of("TLSv1.3", "TLSv1.2"), java.util.List.of(LazySslContext.clientParameters().getProtocols()));
    }
}
