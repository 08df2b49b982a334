package io.tandem.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded HTTP/1.1 request fuzzing against an {@link HttpServer} over real sockets: valid requests mutated
 * (bytes flipped, inserted, deleted, duplicated; NULs and control bytes; huge headers and URIs; bad
 * chunk sizes and lengths; truncation; pipelining), sent by several platform threads, each connection then
 * half-closed, reset or read. What must hold: no answer is a 5xx other than the two RFC 9112 prescribes
 * for client input (501 for an unknown transfer coding, 505 for an unsupported version), every half-closed
 * connection is answered or closed within {@link #BOUND}, the server logs no warning, and it still answers a
 * valid request at the end. A failure names the seed and the request: rerun with {@code -Dtandem.fuzzSeed}.
 */
final class HttpFuzzer {
    static final Duration BOUND = Duration.ofSeconds(10);
    private static final String[] TEMPLATES = {
            "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /hello/ada?x=1&y=%20 HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\nUser-Agent: fuzz\r\n\r\n",
            "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nhello world",
            "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /hello/b HTTP/1.1\r\nHost: x\r\n\r\nPOST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi",
            "PUT /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            "DELETE /hello/x HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc",
    };
    private static final String[] TOKENS = {
            "\0", "\r", "\n", "\r\n", "\r\n\r\n", " ", "\t", ":", "\u007f", "\u00ff", "%", "%zz", "%00", "/../", "?",
            "Content-Length: 5\r\n", "Content-Length: -1\r\n", "Content-Length: 99999999999999999999\r\n",
            "Transfer-Encoding: chunked\r\n", "Transfer-Encoding: gzip, chunked\r\n", "Host: a\r\nHost: b\r\n",
            "Connection: close\r\n", "Expect: 100-continue\r\n", "Upgrade: h2c\r\nConnection: Upgrade\r\n",
            "ZZ\r\n", "FFFFFFFFFFFFFFFF\r\n", "0\r\n\r\n", "5;ext=1\r\n", "HTTP/1.0", "HTTP/2.0", "HTTP/1.1 ",
            " X: folded\r\n", "Content-Encoding: br\r\n",
    };

    private final int port;
    private final long seed;
    final AtomicLong requests = new AtomicLong();
    final AtomicLong answered = new AtomicLong();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

    HttpFuzzer(int port, long seed) {
        this.port = port;
        this.seed = seed;
    }

    static long seed() {
        String s = System.getProperty("tandem.fuzzSeed");
        return s != null ? Long.parseLong(s) : System.nanoTime();
    }

    /** Fuzzes from {@code threads} platform threads for {@code budget}; then checks the server answers. */
    void run(int threads, Duration budget) throws InterruptedException {
        long end = System.nanoTime() + budget.toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Random random = new Random(seed + t);
            int worker = t;
            workers.add(Thread.ofPlatform().name("fuzz-" + t).start(() -> {
                for (int i = 0; System.nanoTime() < end && failures.isEmpty(); i++) {
                    byte[] request = mutate(random);
                    String failure = exchange(request, random.nextInt(10));
                    if (failure != null) {
                        failures.add("seed " + seed + " (worker " + worker + ", case " + i + "): " + failure
                                + "\n  request: " + escape(request));
                    }
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        assertTrue(failures.isEmpty(), () -> "fuzzing failed; rerun with -Dtandem.fuzzSeed=" + seed + "\n"
                + String.join("\n", failures));
        try {
            RawHttp.Answer ok = RawHttp.exchange(port, "GET /hello/after HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                    false, BOUND);
            assertEquals(200, ok.status(), "seed " + seed + ": the server must still answer: " + ok.text());
        } catch (IOException e) {
            throw new AssertionError("seed " + seed + ": the server is down after fuzzing: " + e, e);
        }
    }

    /** Sends one request; {@code ending} 0 resets, 1 closes mid-way, else half-closes and reads. Null if it held. */
    private String exchange(byte[] request, int ending) {
        requests.incrementAndGet();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout((int) BOUND.toMillis());
            OutputStream out = s.getOutputStream();
            int cut = ending <= 1 ? request.length / 2 : request.length;
            try {
                out.write(request, 0, cut);
                out.flush();
            } catch (IOException e) {
                return null;   // the server answered and closed before reading all of it: fine, read nothing
            }
            if (ending == 0) {
                s.setSoLinger(true, 0);
                return null;
            }
            if (ending == 1) {
                return null;
            }
            s.shutdownOutput();
            RawHttp.Answer a = RawHttp.readAll(s.getInputStream());
            if (!a.closed()) {
                return "no answer and no close within " + BOUND + " of the request being complete (got: "
                        + escape(a.text().getBytes(StandardCharsets.ISO_8859_1)) + ")";
            }
            for (int status : a.statuses()) {
                if (status >= 500 && status != 501 && status != 505) {
                    return "answered " + status + ": " + escape(a.text().getBytes(StandardCharsets.ISO_8859_1));
                }
            }
            if (!a.statuses().isEmpty()) {
                answered.incrementAndGet();
            }
            return null;
        } catch (IOException e) {
            return "could not connect or read: " + e;
        }
    }

    private static byte[] mutate(Random r) {
        byte[] b = TEMPLATES[r.nextInt(TEMPLATES.length)].getBytes(StandardCharsets.ISO_8859_1);
        int n = r.nextInt(4);   // 0: a valid request, as a control
        for (int i = 0; i < n; i++) {
            b = switch (r.nextInt(9)) {
                case 0 -> flip(r, b);
                case 1 -> insert(r, b, TOKENS[r.nextInt(TOKENS.length)].getBytes(StandardCharsets.ISO_8859_1));
                case 2 -> insert(r, b, randomBytes(r, 1 + r.nextInt(8)));
                case 3 -> delete(r, b);
                case 4 -> duplicate(r, b);
                case 5 -> Arrays.copyOf(b, r.nextInt(b.length + 1));   // truncated
                case 6 -> insertHeader(b, "X-Big: " + "a".repeat(1 + r.nextInt(100_000)) + "\r\n");
                case 7 -> insertHeader(b, "X-Many: 1\r\n".repeat(1 + r.nextInt(500)));
                default -> replaceTarget(b, "/" + "p/".repeat(1 + r.nextInt(5_000)));
            };
        }
        return b;
    }

    private static byte[] flip(Random r, byte[] b) {
        if (b.length == 0) {
            return b;
        }
        byte[] c = b.clone();
        c[r.nextInt(c.length)] = (byte) r.nextInt(256);
        return c;
    }

    private static byte[] insert(Random r, byte[] b, byte[] what) {
        int at = r.nextInt(b.length + 1);
        byte[] c = new byte[b.length + what.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(what, 0, c, at, what.length);
        System.arraycopy(b, at, c, at + what.length, b.length - at);
        return c;
    }

    private static byte[] delete(Random r, byte[] b) {
        if (b.length == 0) {
            return b;
        }
        int from = r.nextInt(b.length);
        int len = 1 + r.nextInt(Math.min(16, b.length - from));
        byte[] c = new byte[b.length - len];
        System.arraycopy(b, 0, c, 0, from);
        System.arraycopy(b, from + len, c, from, b.length - from - len);
        return c;
    }

    private static byte[] duplicate(Random r, byte[] b) {
        if (b.length == 0) {
            return b;
        }
        int from = r.nextInt(b.length);
        return insert(r, b, Arrays.copyOfRange(b, from, Math.min(b.length, from + 1 + r.nextInt(32))));
    }

    private static byte[] randomBytes(Random r, int n) {
        byte[] c = new byte[n];
        r.nextBytes(c);
        return c;
    }

    private static byte[] insertHeader(byte[] b, String header) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int eol = s.indexOf("\r\n");
        return (eol < 0 ? s + "\r\n" + header : s.substring(0, eol + 2) + header + s.substring(eol + 2))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] replaceTarget(byte[] b, String target) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int sp = s.indexOf(' ');
        int sp2 = sp < 0 ? -1 : s.indexOf(' ', sp + 1);
        return (sp2 < 0 ? s : s.substring(0, sp + 1) + target + s.substring(sp2)).getBytes(StandardCharsets.ISO_8859_1);
    }

    static String escape(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(b.length, 400); i++) {
            int c = b[i] & 0xff;
            sb.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : c == '\r' ? "\\r" : c == '\n' ? "\\n"
                    : String.format("\\x%02x", c));
        }
        return b.length > 400 ? sb + "... (" + b.length + " bytes)" : sb.toString();
    }

    /** The server every fuzz run targets: a few routes that read their bodies, as real handlers do. */
    static HttpServer server() {
        return HttpServer.builder()
                .get("/", req -> Response.text("root"))
                .get("/hello/{name}", req -> Response.text("hello " + req.pathParam("name").orElseThrow()))
                .post("/echo", req -> Response.json(Map.of("bytes", req.body().length)))
                .put("/echo", req -> Response.json(Map.of("bytes", req.body().length)))
                .delete("/hello/{name}", req -> Response.status(204))
                .start();
    }
}
