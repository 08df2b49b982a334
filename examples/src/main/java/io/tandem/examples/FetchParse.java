package io.tandem.examples;

import io.tandem.Pools;
import io.tandem.TaskPool;
import io.tandem.process.ProcessPool;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ports seed 001's last example: {@code get_from(url)} reads a page and runs
 * {@code meta_match.findall(data)} on it, mapped over the URLs with {@code multiprocessing.Pool}, so the
 * CPU-bound regular expression does not block the other requests. The Tandem version splits the two
 * steps by what they need: fetching is waiting, so it runs on virtual threads ({@code Pools.virtual()},
 * one per URL); parsing is CPU work, so the page texts go to a {@link ProcessPool} and only the matches
 * come back. The process pool is created first: its workers start while the pages are fetched.
 *
 * <p>The pages come from a local server (127.0.0.1, an ephemeral port), generated in memory: each has a
 * known number of {@code <meta>} tags buried in about {@value #PARAGRAPHS} paragraphs of filler.
 *
 * <p>The concurrency point: I/O-bound and CPU-bound steps want different executors; a pipeline hands the
 * results of one to the other.
 */
public final class FetchParse {
    /** Page path → number of meta tags on it. */
    static final Map<String, Integer> META_COUNTS = metaCounts();
    static final int PARAGRAPHS = 2_000;
    static final Pattern META = Pattern.compile("<meta\\s+name=\"([^\"]+)\"\\s+content=\"([^\"]*)\"\\s*/?>");

    private FetchParse() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    private static Map<String, Integer> metaCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 1; i <= 6; i++) {
            counts.put("/site" + i + ".html", 3 * i);
        }
        return counts;
    }

    /** Runs the example, printing on {@code out}. */
    public static void run(PrintStream out) throws Exception {
        Map<String, byte[]> site = new LinkedHashMap<>();
        META_COUNTS.forEach((path, metas) -> site.put(path, page(path, metas)));

        try (ProcessPool parsers = ProcessPool.create();   // workers start now, in the background
             LocalServer server = LocalServer.start(site, Duration.ofMillis(50));
             HttpClient http = HttpClient.newHttpClient()) {
            List<URI> urls = new ArrayList<>();
            for (String path : site.keySet()) {
                urls.add(server.uri(path));
            }

            long start = System.nanoTime();
            List<String> pages;
            try (TaskPool fetchers = Pools.virtual()) {
                pages = fetchers.map(url -> fetch(http, url), urls);
            }
            out.printf("Fetched %d pages on virtual threads in %.2f s%n", pages.size(), seconds(start));

            start = System.nanoTime();
            List<List<String>> metas = parsers.map(FetchParse::findMetas, pages, 1);
            out.printf("Parsed them in %d worker processes in %.2f s (workers started while fetching)%n",
                    parsers.workerPids().size(), seconds(start));

            int total = 0;
            for (int i = 0; i < urls.size(); i++) {
                List<String> found = metas.get(i);
                total += found.size();
                out.printf("%s: %d meta tags, first %s%n", urls.get(i), found.size(), found.isEmpty() ? "-" : found.getFirst());
            }
            out.printf("Found %d meta tags%n", total);
        }
    }

    /** The seed's {@code meta_match.findall(data)}: every meta tag as {@code name=content}. */
    static List<String> findMetas(String html) {
        List<String> found = new ArrayList<>();
        Matcher m = META.matcher(html);
        while (m.find()) {
            found.add(m.group(1) + "=" + m.group(2));
        }
        return found;
    }

    private static String fetch(HttpClient http, URI url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered HTTP " + response.statusCode());
        }
        return response.body();
    }

    /** A page with {@code metas} meta tags spread through {@link #PARAGRAPHS} paragraphs of filler. */
    static byte[] page(String path, int metas) {
        String title = path.substring(1);
        StringBuilder html = new StringBuilder("<!doctype html><html><head><title>").append(title).append("</title>\n");
        int every = PARAGRAPHS / metas;
        for (int p = 0; p < PARAGRAPHS; p++) {
            if (p % every == 0 && p / every < metas) {
                html.append("<meta name=\"").append(title).append("-tag").append(p / every + 1)
                        .append("\" content=\"value ").append(p / every + 1).append("\">\n");
            }
            html.append("<p>Paragraph ").append(p).append(" of ").append(title)
                    .append(": <em>meta</em>-data mentioned, but no tag <b>here</b>.</p>\n");
        }
        return html.append("</body></html>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
