package io.tandem.examples.io;

import io.tandem.Pools;
import io.tandem.TaskPool;
import io.tandem.io.Fetch;
import io.tandem.io.FetchResult;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seed 001's pipeline: fetch pages concurrently (I/O: virtual threads), then run the CPU-bound part, a
 * regular expression looking for {@code <meta>} tags, in parallel on a pool of platform threads
 * ({@code Pools.threads()}; the seed used a process {@code Pool}, which Tandem's process module will
 * provide behind the same {@code TaskPool.map}).
 */
public final class FetchThenParseExample {
    private static final Pattern META = Pattern.compile("<meta\\s+name=\"([^\"]+)\"\\s+content=\"([^\"]*)\"");

    private FetchThenParseExample() {
    }

    /** The seed's CPU-bound step: every {@code name=content} meta pair of a page. */
    static List<String> metaTags(String html) {
        Matcher m = META.matcher(html);
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1) + "=" + m.group(2));
        }
        return out;
    }

    public static void run(PrintStream out) throws Exception {
        try (LocalSites sites = new LocalSites(Duration.ofMillis(50));
             Fetch fetch = Fetch.create();
             TaskPool cpu = Pools.threads()) {
            List<String> urls = LocalSites.SITES.stream().map(sites::url).toList();
            List<String> pages = fetch.getAll(urls).stream().map(FetchResult::text).toList();
            List<List<String>> metas = cpu.map(FetchThenParseExample::metaTags, pages);
            for (int i = 0; i < urls.size(); i++) {
                out.println(LocalSites.SITES.get(i) + ": " + metas.get(i));
            }
        }
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }
}
