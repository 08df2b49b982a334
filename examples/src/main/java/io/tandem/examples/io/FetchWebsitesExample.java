package io.tandem.examples.io;

import io.tandem.io.Fetch;
import io.tandem.io.FetchResult;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * Seed 000, "Fetching Multiple Websites Concurrently" and "Asynchronous HTTP Requests with aiohttp":
 * {@code asyncio.gather(*[fetch(url) for url in urls])} becomes one {@link Fetch#getAll} call, each URL
 * on its own virtual thread. The sites are served locally (with 100 ms of simulated latency), so the
 * three fetches taking about 100 ms in total shows they ran concurrently.
 */
public final class FetchWebsitesExample {
    private FetchWebsitesExample() {
    }

    public static void run(PrintStream out) throws Exception {
        try (LocalSites sites = new LocalSites(Duration.ofMillis(100)); Fetch fetch = Fetch.create()) {
            List<String> urls = List.of(sites.url("www.google.com"), sites.url("www.python.org"), sites.url("www.github.com"));
            long t0 = System.nanoTime();
            for (FetchResult r : fetch.getAll(urls)) {
                out.println("Fetched " + r.url() + ": " + r.text().substring(0, Math.min(50, r.text().length())) + "...");
            }
            out.printf("3 sites, 100 ms each, fetched concurrently in %d ms%n", (System.nanoTime() - t0) / 1_000_000);

            // the seed's second variant: JSON posts, printed whole
            List<String> posts = List.of(sites.post(1), sites.post(2), sites.post(3));
            for (FetchResult r : fetch.getAll(posts)) {
                out.println(r.text());
            }
        }
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }
}
