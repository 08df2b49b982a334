package io.tandem.examples;

import io.tandem.Scope;
import io.tandem.Task;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ports seed 004's asyncio {@code fetch_url} example (fetch three sites with {@code asyncio.gather},
 * print "Content length of URL") and seed 000's "Fetching Multiple Websites Concurrently" (print the
 * first 50 characters). Offline: the three "sites" are pages served from memory by a
 * {@link LocalServer} on 127.0.0.1, each after 100 ms.
 *
 * <p>In Java the fetch is a plain blocking call on the JDK {@link HttpClient}; forking it into a
 * {@link Scope} runs each on its own virtual thread, like {@code asyncio.gather}, but with a deadline
 * and with structured cancellation: a failed or slow fetch cancels the others instead of leaving them
 * running in the background.
 *
 * <p>The concurrency point: I/O-bound fetches overlap; three 100 ms fetches take about 100 ms.
 */
public final class ContentLength {
    static final Duration LATENCY = Duration.ofMillis(100);
    /** The sites of the seed, served locally: path → number of paragraphs of their page. */
    static final Map<String, Integer> SITES = sites();

    private ContentLength() {
    }

    private static Map<String, Integer> sites() {
        Map<String, Integer> sites = new LinkedHashMap<>();
        sites.put("/example.com", 3);
        sites.put("/example.org", 7);
        sites.put("/example.net", 12);
        return sites;
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Runs the example, printing on {@code out}. */
    public static void run(PrintStream out) throws Exception {
        Map<String, byte[]> pages = new LinkedHashMap<>();
        SITES.forEach((path, paragraphs) -> pages.put(path, LocalServer.page(path.substring(1), paragraphs)));
        try (LocalServer server = LocalServer.start(pages, LATENCY);
             HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            List<URI> urls = SITES.keySet().stream().map(server::uri).toList();
            server.warmUp(http);
            long start = System.nanoTime();
            List<Task<String>> tasks = new ArrayList<>();
            try (Scope scope = Scope.open().withTimeout(Duration.ofSeconds(5))) {
                for (URI url : urls) {
                    tasks.add(scope.fork(() -> fetchUrl(http, url)));
                }
                scope.join();   // asyncio.gather(*tasks)
            }
            for (int i = 0; i < urls.size(); i++) {
                String text = tasks.get(i).join();
                out.println("Fetched " + urls.get(i) + ": " + text.substring(0, Math.min(50, text.length())) + "...");
                out.println("Content length of " + urls.get(i) + ": " + text.length());
            }
            out.printf("Fetched %d sites in %.2f s (each takes %d ms to answer)%n",
                    urls.size(), (System.nanoTime() - start) / 1e9, LATENCY.toMillis());
        }
    }

    static String fetchUrl(HttpClient http, URI url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + url + " answered HTTP " + response.statusCode());
        }
        return response.body();
    }
}
