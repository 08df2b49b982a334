package io.tandem.bench;

import io.tandem.io.HttpServer;
import io.tandem.io.Response;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local web site of the I/O scenarios ({@code download}, {@code fetch-parse}): a Tandem
 * {@link HttpServer} on {@code 127.0.0.1} and an ephemeral port whose routes sleep a fixed latency, then
 * answer a deterministic body, so every model (Java, worker JVM or Python) downloads the same bytes and
 * the benchmark never leaves the machine.
 * <ul>
 *   <li>{@code GET /page/{i}}: after {@link #PAGE_LATENCY_MILLIS}, page {@code i} of {@link #page}
 *       (2-4 KB, its first line {@code value=V});</li>
 *   <li>{@code GET /doc/{i}}: after {@link #DOC_LATENCY_MILLIS}, document {@code i} of {@link #doc}
 *       (~{@link #DOC_BYTES} bytes of HTML-like text with meta-like tags for {@link #parse}).</li>
 * </ul>
 * The generators are pure functions of {@code i}, so {@code expected()} computes the answers from them
 * without HTTP.
 *
 * <p>Concurrency: the static methods are thread-safe. An instance starts its server on the first
 * {@link #baseUrl()} and stops it in {@link #close()}; both are {@code synchronized}, and close is
 * idempotent (a later {@code baseUrl()} starts a new server). The handlers sleep on the server's
 * request virtual threads, so latency costs no platform thread.
 */
final class LatencyServer implements AutoCloseable {
    /** Latency of one page: a fast local service. */
    static final long PAGE_LATENCY_MILLIS = 10;
    /**
     * Latency of one document; about what {@link #parse} costs on one core in Java, so fetching and
     * parsing weigh the same and neither hides the other.
     */
    static final long DOC_LATENCY_MILLIS = 5;
    /** Size of a document: inside the 50-200 KB of a real web page. */
    static final int DOC_BYTES = 128 * 1024;

    /** The env variable through which Python scripts learn {@link #baseUrl()}. */
    static final String URL_ENV = "TANDEM_BENCH_URL";

    /*
     * The "CPU-bound step after I/O" of seed 001 (whose regex looks for something like a meta tag): an
     * attribute followed by a numeric content attribute. The unanchored (\w+) is what makes it cost: the
     * engine tries it from every letter of every word and backtracks on each, as careless scraping regexes
     * do. About 30 ns per byte in Java and 90 ns in CPython; it means the same in both (ASCII input, no
     * flags) and matches exactly the tags the generator counts (no other attribute is followed by
     * whitespace and content="...").
     */
    static final String META_REGEX = "(\\w+)=\"[^\"]*\"\\s+content=\"(\\d+)\"";
    private static final Pattern META = Pattern.compile(META_REGEX);

    private static final String[] WORDS = {"lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing",
            "elit", "sed", "do", "eiusmod", "tempor", "incididunt", "ut", "labore", "et", "dolore", "magna",
            "aliqua", "meta", "content", "name"};
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static volatile HttpClient client;

    private HttpServer server;

    /** {@code http://127.0.0.1:PORT/}, starting the server on first use. */
    synchronized String baseUrl() {
        if (server == null) {
            server = HttpServer.builder()
                    .get("/page/{i}", req -> {
                        Thread.sleep(PAGE_LATENCY_MILLIS);
                        return Response.bytes(page(index(req.pathParam("i").orElseThrow())), "text/html");
                    })
                    .get("/doc/{i}", req -> {
                        Thread.sleep(DOC_LATENCY_MILLIS);
                        return Response.bytes(doc(index(req.pathParam("i").orElseThrow())), "text/html");
                    })
                    // a short grace: close() runs after the last model, when nothing is in flight
                    .shutdownGrace(Duration.ofSeconds(1))
                    .start();
        }
        return server.uri().toString();
    }

    /** Stops the server, if it runs. Idempotent. */
    @Override
    public synchronized void close() {
        if (server != null) {
            try {
                server.close();
            } finally {
                server = null;
            }
        }
    }

    private static int index(String s) {
        int i = Integer.parseInt(s);
        if (i < 0) {
            throw new IllegalArgumentException("negative index " + i);
        }
        return i;
    }

    // ---- pages (download) ----

    /** The number page {@code i} carries: a hash of {@code i} below one million. */
    static long pageValue(int i) {
        return new SplittableRandom(0xD0_0000L + i).nextLong(1_000_000);
    }

    /** Page {@code i}: {@code value=V\n}, then HTML-like filler up to 2-4 KB; ASCII. */
    static byte[] page(int i) {
        SplittableRandom r = new SplittableRandom(0xA9E_0000L + i);
        int length = 2048 + r.nextInt(2048);
        StringBuilder sb = new StringBuilder(length + 64);
        sb.append("value=").append(pageValue(i)).append("\n<html><body>\n");
        while (sb.length() < length - "</body></html>\n".length()) {
            sb.append(WORDS[r.nextInt(WORDS.length)]).append(r.nextInt(8) == 0 ? '\n' : ' ');
        }
        sb.append("</body></html>\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** What a model adds up per page: its size in bytes plus the value on its first line. */
    static long pageChecksum(byte[] body) {
        long value = 0;
        int k = "value=".length();
        if (body.length < k || body[0] != 'v') {
            throw new IllegalArgumentException("not a page: " + new String(body, 0, Math.min(body.length, 40),
                    StandardCharsets.US_ASCII));
        }
        for (; k < body.length && body[k] != '\n'; k++) {
            value = value * 10 + (body[k] - '0');
        }
        return body.length + value;
    }

    /** The download answer for pages {@code 0..n-1}, from the generator. */
    static long expectedPages(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += page(i).length + pageValue(i);
        }
        return sum;
    }

    // ---- documents (fetch-parse) ----

    /** Matches of {@link #META_REGEX} in one document: how many, and the sum of their content values. */
    record Meta(long matches, long sum) {
        Meta plus(Meta o) {
            return new Meta(matches + o.matches, sum + o.sum);
        }

        /** The answer string, printed the same way by the Python script. */
        String answer() {
            return matches + " matches, sum " + sum;
        }
    }

    /** Document {@code i} as ASCII bytes. */
    static byte[] doc(int i) {
        return generateDoc(i, null).getBytes(StandardCharsets.US_ASCII);
    }

    /** What {@link #parse} must find in document {@code i}, counted by the generator (no regex). */
    static Meta docMeta(int i) {
        long[] counts = new long[2];
        generateDoc(i, counts);
        return new Meta(counts[0], counts[1]);
    }

    /**
     * Lines of three kinds: a meta-like tag with a numeric content (counted in {@code counts} if given),
     * a decoy tag with another attribute, and a paragraph of words and a link.
     */
    private static String generateDoc(int i, long[] counts) {
        SplittableRandom r = new SplittableRandom(0xD0C_0000L + i);
        StringBuilder sb = new StringBuilder(DOC_BYTES + 256);
        sb.append("<!doctype html>\n<html><head><title>doc ").append(i).append("</title>\n");
        while (sb.length() < DOC_BYTES) {
            int kind = r.nextInt(8);
            if (kind == 0) {
                int value = r.nextInt(1_000_000);
                sb.append("<meta name=\"k").append(r.nextInt(1000)).append("\" content=\"").append(value).append("\">\n");
                if (counts != null) {
                    counts[0]++;
                    counts[1] += value;
                }
            } else if (kind == 1) {
                sb.append("<meta name=\"og-").append(WORDS[r.nextInt(WORDS.length)]).append("\" data=\"")
                        .append(r.nextInt(1000)).append("\">\n");
            } else {
                sb.append("<div class=\"c").append(r.nextInt(10)).append("\"><p>");
                for (int w = 6 + r.nextInt(10); w > 0; w--) {
                    sb.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
                }
                sb.append("<a href=\"/doc/").append(r.nextInt(1000)).append("\">next</a></p></div>\n");
            }
        }
        sb.append("</html>\n");
        return sb.toString();
    }

    /** The CPU-bound step: every match of {@link #META_REGEX} in {@code body}. */
    static Meta parse(byte[] body) {
        Matcher m = META.matcher(new String(body, StandardCharsets.US_ASCII));
        long matches = 0;
        long sum = 0;
        while (m.find()) {
            matches++;
            sum += Long.parseLong(m.group(2));
        }
        return new Meta(matches, sum);
    }

    /** The fetch-parse answer for documents {@code 0..n-1}, from the generator. */
    static String expectedDocs(int n) {
        Meta total = new Meta(0, 0);
        for (int i = 0; i < n; i++) {
            total = total.plus(docMeta(i));
        }
        return total.answer();
    }

    // ---- the client side ----

    /**
     * This JVM's client (HTTP/1.1, created on first use, never closed): one per JVM, so the models that
     * share it reuse keep-alive connections across runs instead of leaving thousands of sockets in
     * TIME_WAIT; worker JVMs of the process models create their own. Its threads are daemons.
     */
    static HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (LatencyServer.class) {
                c = client;
                if (c == null) {
                    c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(10)).build();
                    client = c;
                }
            }
        }
        return c;
    }

    /**
     * GET {@code url} on {@link #client()}: the body of a 200 response. Unchecked exceptions only, as the
     * models call it from {@code SerializableFunction}s: I/O errors are {@link UncheckedIOException}, an
     * interrupt is a {@link CancellationException} with the interrupt flag set again.
     */
    static byte[] get(String url) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).GET().build();
        try {
            HttpResponse<byte[]> res = client().send(req, HttpResponse.BodyHandlers.ofByteArray());
            if (res.statusCode() != 200) {
                throw new IOException("GET " + url + ": status " + res.statusCode());
            }
            return res.body();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted during GET " + url);
        }
    }
}
