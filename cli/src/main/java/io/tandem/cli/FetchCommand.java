package io.tandem.cli;

import io.tandem.Progress;
import io.tandem.io.Fetch;
import io.tandem.io.FetchResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
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
                "status, bytes, milliseconds, URL (and the file or the error). Exit status 1 if any failed,",
                "2 if an option or the file of URLs cannot be used (then nothing is fetched)."})
final class FetchCommand implements Callable<Integer> {
    static final int MAX_RETRIES = 100;
    static final long MAX_TIMEOUT_SECONDS = 86_400;

    @Spec
    CommandSpec spec;

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
        return run(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    int run(PrintWriter out, PrintWriter err) throws Exception {
        String bad = badOption();
        if (bad != null) {
            throw new BadInputException(bad);
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
                out.flush();
                err.printf("tandem fetch: %d URLs, %d ok, %d not ok%n", results.size(), results.size() - failed, failed);
                err.flush();
                return failed == 0 ? 0 : 1;
            }
        }
    }

    static String line(FetchResult r) {
        String status = r.failed() ? "ERR" : String.valueOf(r.status());
        String tail = r.failed() ? "  " + r.error().getMessage() : r.path() != null ? "  -> " + r.path() : "";
        return String.format("%-3s %10d %6d ms  %s%s", status, r.bytes(), r.elapsed().toMillis(), r.url(), tail);
    }

    /* The options' problem in words, or null; checked before anything is read or fetched. */
    private String badOption() {
        if (jobs < 1) {
            return "-j must be at least 1, got " + jobs;
        }
        if (perHost < 0) {
            return "--per-host must be at least 0 (0 = no per-host limit), got " + perHost;
        }
        if (retries < 0 || retries > MAX_RETRIES) {
            return "--retries must be from 0 to " + MAX_RETRIES + ", got " + retries;
        }
        if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
            return "--timeout must be from 1 to " + MAX_TIMEOUT_SECONDS + " seconds, got " + timeoutSeconds;
        }
        if (output != null && Files.exists(output) && !Files.isDirectory(output)) {
            return "-o " + output + " is not a directory";
        }
        return null;
    }

    private List<String> readUrls() {
        boolean stdin = file == null || file.equals("-");
        String name = stdin ? "stdin" : file;
        List<String> lines = new ArrayList<>();
        try {
            if (!stdin && Files.isDirectory(Path.of(file))) {
                throw new BadInputException(file + " is a directory; expected a file of URLs, one per line");
            }
            // strict UTF-8: a binary or Latin-1 file is refused instead of read as replacement characters
            CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    stdin ? System.in : Files.newInputStream(Path.of(file)), utf8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    String s = line.strip();
                    if (s.indexOf('\0') >= 0) {
                        throw new BadInputException(name + " holds a NUL byte: a binary file, not a list of URLs");
                    }
                    if (!s.isEmpty() && !s.startsWith("#")) {
                        lines.add(s);
                    }
                }
            }
        } catch (java.nio.file.InvalidPathException e) {
            throw new BadInputException("not a file name: " + e.getMessage(), e);
        } catch (CharacterCodingException e) {
            throw new BadInputException(name + " is not UTF-8 text; expected URLs, one per line", e);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + name + ": " + CliErrors.describe(e), e);
        }
        return lines;
    }
}
