package io.tandem.cli;

import io.tandem.Progress;
import io.tandem.io.Fetch;
import io.tandem.io.FetchResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tandem fetch}: many URLs at once, one line per URL, optionally saved to a directory. */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = {"Fetch many URLs concurrently (virtual threads, JDK HttpClient).",
                "URLs come from FILE (one per line; '-' or none: stdin). Prints one line per URL:",
                "status, bytes, milliseconds, URL (and the file or the error). Exit status 1 if any failed."})
final class FetchCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "file of URLs; '-' or absent for stdin")
    String file;

    @Option(names = {"-j", "--jobs"}, defaultValue = "100", description = "requests at once (default ${DEFAULT-VALUE}, as aiohttp's)")
    int jobs;

    @Option(names = "--per-host", defaultValue = "0",
            description = "requests at once per host (default 0: no limit of its own, only -j, as aiohttp's)")
    int perHost;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "save bodies to files in DIR (streamed)")
    Path output;

    @Option(names = "--retries", defaultValue = "2", description = "retries for connection errors, 429, 503 (default ${DEFAULT-VALUE})")
    int retries;

    @Option(names = "--timeout", defaultValue = "30", description = "seconds each request may take, body included (default ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Option(names = "--progress", description = "draw a progress bar on stderr (when it is a terminal)")
    boolean progress;

    @Override
    public Integer call() throws Exception {
        return run(System.out, System.err);
    }

    int run(PrintStream out, PrintStream err) throws Exception {
        if (jobs < 1 || perHost < 0 || retries < 0 || timeoutSeconds < 1) {
            err.println("tandem fetch: -j must be at least 1, --per-host at least 0 (0 = no per-host limit),"
                    + " --retries at least 0, --timeout at least 1");
            return 2;
        }
        List<String> urls = readUrls();
        Fetch.Builder b = Fetch.builder().concurrency(jobs).retries(retries).timeout(Duration.ofSeconds(timeoutSeconds));
        if (perHost > 0) {
            b.perHost(perHost);
        }
        try (Progress p = progress ? Progress.bar("fetch", urls.size()) : Progress.silent()) {
            try (Fetch fetch = b.progress(p).build()) {
                List<FetchResult> results = output == null ? fetch.getAll(urls) : fetch.saveAll(urls, output);
                int failed = 0;
                for (FetchResult r : results) {
                    if (!r.ok()) {
                        failed++;
                    }
                    out.println(line(r));
                }
                err.printf("tandem fetch: %d URLs, %d ok, %d not ok%n", results.size(), results.size() - failed, failed);
                return failed == 0 ? 0 : 1;
            }
        }
    }

    static String line(FetchResult r) {
        String status = r.failed() ? "ERR" : String.valueOf(r.status());
        String tail = r.failed() ? "  " + r.error().getMessage() : r.path() != null ? "  -> " + r.path() : "";
        return String.format("%-3s %10d %6d ms  %s%s", status, r.bytes(), r.elapsed().toMillis(), r.url(), tail);
    }

    private List<String> readUrls() throws Exception {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = file == null || file.equals("-")
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(file))) {
            for (String line; (line = in.readLine()) != null; ) {
                String s = line.strip();
                if (!s.isEmpty() && !s.startsWith("#")) {
                    lines.add(s);
                }
            }
        }
        return lines;
    }
}
