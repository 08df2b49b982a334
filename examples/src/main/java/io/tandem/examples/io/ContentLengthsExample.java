package io.tandem.examples.io;

import io.tandem.io.Fetch;
import io.tandem.io.FetchResult;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 004: fetch {@code example.com}, {@code .org} and {@code .net} concurrently and print each
 * content length, zipping URLs with results as the seed does (results come back in input order). An
 * unreachable URL is added to show that one failure is one failed result, not a crashed batch.
 */
public final class ContentLengthsExample {
    private ContentLengthsExample() {
    }

    public static void run(PrintStream out) throws Exception {
        try (LocalSites sites = new LocalSites(Duration.ofMillis(50));
             Fetch fetch = Fetch.builder().retries(0).build()) {
            List<String> urls = new ArrayList<>(List.of(sites.url("example.com"), sites.url("example.org"),
                    sites.url("example.net")));
            urls.add("http://127.0.0.1:1/unreachable");
            List<FetchResult> results = fetch.getAll(urls);
            for (int i = 0; i < urls.size(); i++) {
                FetchResult r = results.get(i);
                out.println(r.ok() ? "Content length of " + urls.get(i) + ": " + r.text().length()
                        : "Could not fetch " + urls.get(i) + ": " + r.error().getMessage());
            }
        }
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }
}
