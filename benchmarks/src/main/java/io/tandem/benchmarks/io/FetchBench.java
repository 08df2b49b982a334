package io.tandem.benchmarks.io;

import io.tandem.io.Fetch;
import io.tandem.io.FetchResult;
import io.tandem.io.HttpServer;
import io.tandem.io.Response;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fetch many URLs from a local server that answers each request after {@code latencyMs} (simulated
 * network latency): Tandem's {@link Fetch} at concurrency {@code c}, then Python's best stdlib
 * approaches ({@code bench/python/fetch_many.py}: a {@code ThreadPoolExecutor} of {@code c} threads with
 * urllib, and with one keep-alive {@code http.client} connection per thread), all against the same
 * server in the same run. The ideal time is {@code n * latency / c}.
 *
 * <p>Usage: {@code FetchBench [n=10000] [concurrency=1000] [latencyMs=50] [rounds=3] [python=python3]}
 * from the repository root (the Python script path is relative to it).
 */
public final class FetchBench {
    private FetchBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int c = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int latencyMs = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        String python = args.length > 4 ? args[4] : "python3";
        double ideal = (double) n * latencyMs / c / 1000;
        try (HttpServer server = HttpServer.builder()
                .get("/item/{i}", req -> {
                    Thread.sleep(latencyMs);   // simulated network latency
                    return Response.text("item " + req.pathParam("i").orElseThrow());
                })
                .start()) {
            List<String> urls = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                urls.add(server.uri().resolve("/item/" + i).toString());
            }
            System.out.printf("%d GETs, %d ms latency each, concurrency %d: ideal %.3f s; %d CPUs%n",
                    n, latencyMs, c, ideal, Runtime.getRuntime().availableProcessors());
            double[] tandem = new double[rounds];
            try (Fetch fetch = Fetch.builder().concurrency(c).perHost(c).build()) {
                fetch.getAll(urls.subList(0, Math.min(n, 2 * c)));   // warm-up: JIT and connections
                for (int r = 0; r < rounds; r++) {
                    long t0 = System.nanoTime();
                    List<FetchResult> rs = fetch.getAll(urls);
                    tandem[r] = (System.nanoTime() - t0) / 1e9;
                    long ok = rs.stream().filter(FetchResult::ok).count();
                    if (ok != n) {
                        System.out.println("  warning: only " + ok + " of " + n + " ok; first failure: "
                                + rs.stream().filter(x -> !x.ok()).findFirst().orElseThrow());
                    }
                }
            }
            double t = median(tandem);
            System.out.printf("%-48s %8.3f s  %6.2fx ideal  rounds %s%n", "Tandem Fetch (virtual threads, JDK HttpClient)",
                    t, t / ideal, Arrays.toString(round(tandem)));
            String base = server.uri().resolve("/item/").toString();
            double bestPython = Double.MAX_VALUE;
            for (String mode : List.of("threads-urllib", "threads-keepalive")) {
                double[] py = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    py[r] = python(python, mode, base, n, c);
                }
                double m = median(py);
                bestPython = Math.min(bestPython, m);
                System.out.printf("%-48s %8.3f s  %6.2fx ideal  rounds %s%n", "Python " + mode + " (" + c + " threads)",
                        m, m / ideal, Arrays.toString(round(py)));
            }
            System.out.printf("Tandem vs best Python: %.2fx faster; Tandem vs ideal: %.2fx (target <= 1.5x, >= 2x faster)%n",
                    bestPython / t, t / ideal);
        }
    }

    private static double python(String python, String mode, String base, int n, int c) throws Exception {
        Process p = new ProcessBuilder(python, Path.of("bench/python/fetch_many.py").toString(), mode, base,
                String.valueOf(n), String.valueOf(c)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("fetch_many.py failed: " + out);
        }
        String last = out.lines().reduce((a, b) -> b).orElse("");
        return Double.parseDouble(last.split("\\s+")[1]);   // "seconds <t> ok <k>"
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    static String[] round(double[] xs) {
        return Arrays.stream(xs).mapToObj(x -> String.format("%.3f", x)).toArray(String[]::new);
    }
}
