package io.tandem.benchmarks.io;

import com.sun.net.httpserver.HttpExchange;
import io.tandem.io.HttpServer;
import io.tandem.io.Response;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hello server under {@code wrk}, side by side in one run: Tandem's {@link HttpServer} (Helidon SE
 * 4.5, a virtual thread per request) and the JDK's {@code com.sun.net.httpserver.HttpServer} with a
 * virtual-thread-per-task executor. Each is warmed up, then measured {@code rounds} times with
 * {@code wrk -t2 -c<connections> -d<seconds>s --latency}; the median requests/s and p99 are printed.
 * A last run holds {@code keepAliveConnections} (default 10,000) keep-alive connections on Tandem's server.
 *
 * <p>Usage: {@code HttpServerBench [seconds=10] [connections=100] [rounds=3] [keepAliveConnections=10000]}.
 * Needs {@code wrk} on the PATH ({@code apt-get install -y wrk}) and {@code ulimit -n} above the
 * keep-alive count.
 */
public final class HttpServerBench {
    private static final byte[] HELLO = "Hello, world!".getBytes(StandardCharsets.UTF_8);

    private HttpServerBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int keepAlive = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
        System.out.printf("wrk -t2 -c%d -d%ds --latency, %d rounds each, median reported; %d CPUs%n",
                connections, seconds, rounds, Runtime.getRuntime().availableProcessors());

        List<String> table = new ArrayList<>();
        try (HttpServer tandem = HttpServer.builder()
                .get("/", req -> Response.text("Hello, Anonymous!"))
                .get("/{name}", req -> Response.text("Hello, " + req.pathParam("name").orElseThrow() + "!"))
                .start()) {
            com.sun.net.httpserver.HttpServer jdk = com.sun.net.httpserver.HttpServer.create(
                    new InetSocketAddress("127.0.0.1", 0), 8192);
            ExecutorService vt = Executors.newVirtualThreadPerTaskExecutor();
            jdk.setExecutor(vt);
            jdk.createContext("/", HttpServerBench::jdkHello);
            jdk.start();
            try {
                String tUrl = tandem.uri().resolve("/world").toString();
                String jUrl = "http://127.0.0.1:" + jdk.getAddress().getPort() + "/world";
                wrk(tUrl, connections, Math.min(seconds, 5));   // warm-up (JIT)
                wrk(jUrl, connections, Math.min(seconds, 5));
                List<double[]> t = new ArrayList<>();
                List<double[]> j = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {        // interleaved, so load drift hits both
                    t.add(wrk(tUrl, connections, seconds));
                    j.add(wrk(jUrl, connections, seconds));
                }
                table.add(row("Tandem HttpServer (Helidon SE 4.5, VT/request)", t));
                table.add(row("JDK HttpServer + virtual threads", j));
            } finally {
                jdk.stop(0);
                vt.close();
            }
            System.out.println();
            System.out.printf("%-50s %12s %10s   %s%n", "server", "req/s", "p99 ms", "rounds (req/s)");
            table.forEach(System.out::println);
            if (keepAlive > 0) {
                System.out.printf("%nkeep-alive: wrk -t2 -c%d -d%ds against Tandem HttpServer%n", keepAlive, seconds);
                double[] k = wrk(tandem.uri().resolve("/world").toString(), keepAlive, seconds);
                System.out.printf("  %.0f req/s, p99 %.2f ms, socket errors: %s%n", k[0], k[1], lastErrors);
            }
        }
    }

    private static void jdkHello(HttpExchange ex) throws IOException {
        try (ex) {
            ex.getResponseHeaders().add("Content-Type", "text/plain; charset=UTF-8");
            ex.sendResponseHeaders(200, HELLO.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(HELLO);
            }
        }
    }

    private static String row(String name, List<double[]> runs) {
        double[] rps = runs.stream().mapToDouble(r -> r[0]).sorted().toArray();
        double[] p99 = runs.stream().mapToDouble(r -> r[1]).sorted().toArray();
        StringBuilder all = new StringBuilder();
        runs.forEach(r -> all.append(String.format("%.0f ", r[0])));
        return String.format("%-50s %12.0f %10.2f   %s", name, rps[rps.length / 2], p99[p99.length / 2], all.toString().strip());
    }

    private static volatile String lastErrors = "none";
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern P99 = Pattern.compile("99%\\s+([0-9.]+)(us|ms|s)");
    private static final Pattern ERR = Pattern.compile("Socket errors:.*|Non-2xx.*");

    /** Runs wrk; returns {requests/s, p99 in ms}. */
    static double[] wrk(String url, int connections, int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency", url)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("wrk failed:\n" + out);
        }
        Matcher r = RPS.matcher(out);
        Matcher l = P99.matcher(out);
        if (!r.find() || !l.find()) {
            throw new IOException("cannot parse wrk output:\n" + out);
        }
        double p99 = Double.parseDouble(l.group(1)) * switch (l.group(2)) {
            case "us" -> 0.001;
            case "s" -> 1000;
            default -> 1;
        };
        Matcher e = ERR.matcher(out);
        StringBuilder errs = new StringBuilder();
        while (e.find()) {
            errs.append(e.group().strip()).append("; ");
        }
        lastErrors = errs.isEmpty() ? "none" : errs.toString();
        return new double[] {Double.parseDouble(r.group(1)), p99};
    }
}
