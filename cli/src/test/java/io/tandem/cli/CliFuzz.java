package io.tandem.cli;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Property-style fuzzing of {@code tandem} in this JVM. Bad command lines for every command (each holds
 * at least one thing the command cannot use, among harmless valid options): one line on stderr, status 2,
 * no stack trace, nothing on stdout. Mutated run files, really run: no stack trace; status 2 only with one
 * line and nothing run; status 0 only when every task the YAML names ran, once. Each case runs on a
 * worker thread bounded by {@link #CASE_LIMIT_SECONDS}; a failure names the seed that replays it
 * ({@code -Dtandem.fuzzSeed=N}).
 */
final class CliFuzz {
    static final int CASE_LIMIT_SECONDS = 60;
    private static final String[] WORDS = {"nosuch", "runn", "-", "-x", "--bogus", "--port=", "\u00e9t\u00e9", "\ud83d\ude80",
            "a\tb", "a\nb", "\u001b[31m", "", " ", "'", "\"", "$(echo hi)", "%s", "\\", "-9999999999999", "1e9", "NaN"};

    private final Path dir;
    private final Path missing;
    private final List<Path> badFiles;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "cli-fuzz"));

    CliFuzz(Path dir) throws Exception {
        this.dir = dir;
        CliBadInputTest.BadFiles f = new CliBadInputTest.BadFiles(dir);
        missing = f.missing;
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "");
        Path noTasks = Files.writeString(dir.resolve("none.yaml"), "tasks: {}\n");
        Path cycle = Files.writeString(dir.resolve("cycle.yaml"), "tasks:\n  a: {run: touch ran, needs: b}\n  b: {run: touch ran, needs: a}\n");
        badFiles = List.of(f.missing, f.binary, f.latin1, f.brackets, f.duplicateTasks, dir, empty, noTasks, cycle);
    }

    void close() throws InterruptedException {
        runner.shutdownNow();
        if (!runner.awaitTermination(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the fuzz thread did not end");
        }
    }

    /** A command line that some part of is bad, for a random command. */
    List<String> badArgs(Random r) {
        List<String> a = new ArrayList<>();
        switch (r.nextInt(7)) {
            case 0 -> {
                a.add("run");
                noise(r, a, "--dry-run", "--json", "--fail-fast", "--verbose");
                switch (r.nextInt(4)) {
                    case 0 -> a.addAll(List.of("-w", pick(r, "0", "-3", "10001", "99999999999", "two", "")));
                    case 1 -> a.addAll(List.of("--report", pick(r, dir.toString(), dir.resolve("no/such/r.html").toString())));
                    case 2 -> a.add(pick(r, "--bogus", "-q", "--dry-run=maybe"));
                    default -> {
                    }
                }
                a.add(badFiles.get(r.nextInt(badFiles.size())).toString());
            }
            case 1 -> {
                a.add("fetch");
                noise(r, a, "--progress");
                switch (r.nextInt(6)) {
                    case 0 -> a.addAll(List.of("-j", pick(r, "0", "-1", "x", "99999999999")));
                    case 1 -> a.addAll(List.of("--retries", pick(r, "-1", "101", "2147483647", "many")));
                    case 2 -> a.addAll(List.of("--timeout", pick(r, "0", "-5", "86401", "9223372036854775807", "9223372036854775808", "1s")));
                    case 3 -> a.addAll(List.of("--per-host", pick(r, "-1", "x")));
                    case 4 -> a.addAll(List.of("-o", badFiles.get(1).toString()));
                    default -> {
                    }
                }
                // a file always: fetch would otherwise read stdin; the file is bad unless an option already is
                a.add(a.size() > 2 && r.nextBoolean() ? missing.toString() : pick(r, missing.toString(), dir.toString(),
                        badFiles.get(1).toString(), badFiles.get(2).toString()));
            }
            case 2 -> {
                a.add("serve-hello");
                a.addAll(r.nextInt(4) == 0 ? List.of("--host", pick(r, "", " ", "\t"), "--port", "0")
                        : List.of(pick(r, "-p", "--port"), pick(r, "65536", "99999", "-1", "-80", "http", "8080.5", "2147483648")));
            }
            case 3 -> {
                a.add("bench");
                noise(r, a, "--quick", "--json", "--no-fork");
                switch (r.nextInt(7)) {
                    case 0 -> a.addAll(List.of("--runs", pick(r, "0", "-1", "x")));
                    case 1 -> a.addAll(List.of("--size", pick(r, "0", "-7", "1.5")));
                    case 2 -> a.addAll(List.of("--scenario", pick(r, "nosuch", "", "PRIMES!")));
                    case 3 -> a.addAll(List.of("--models", pick(r, "nosuch", "threads,nosuch", ",,")));
                    case 4 -> a.addAll(List.of("--report", dir.resolve(pick(r, "r.txt", "r", "no/such/r.html")).toString()));
                    case 5 -> a.addAll(List.of("--classpath", dir.toString()));
                    default -> a.add("--list=yes");
                }
            }
            case 4 -> {
                a.add("examples");
                switch (r.nextInt(3)) {
                    case 0 -> a.add(pick(r, "nosuch", "", "..", "\u00e9"));
                    case 1 -> a.addAll(List.of("nosuch", "--all"));
                    default -> a.add("--bogus");
                }
            }
            case 5 -> a.addAll(List.of("help", pick(r, "nosuch", "runn", "x y")));
            default -> a.add(pick(r, WORDS));
        }
        // sometimes a stray word at the end: still bad, whatever the rest
        if (r.nextInt(5) == 0 && !a.getFirst().equals("help")) {
            a.add(r.nextBoolean() ? "--" + pick(r, "nope", "x") : "extra");
        }
        return a;
    }

    private static void noise(Random r, List<String> a, String... options) {
        for (String o : options) {
            if (r.nextInt(3) == 0) {
                a.add(o);
            }
        }
    }

    private static String pick(Random r, String... choices) {
        return choices[r.nextInt(choices.length)];
    }

    /** Runs {@code tandem args} on the fuzz thread, bounded in time. */
    CliRun run(List<String> args, String note) throws Exception {
        Future<CliRun> f = runner.submit(() -> CliRun.of(args.toArray(String[]::new)));
        try {
            return f.get(CASE_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("tandem " + args + " did not return within " + CASE_LIMIT_SECONDS + " s; " + note);
        }
    }

    void checkBadArgs(Random r, String note) throws Exception {
        List<String> args = badArgs(r);
        CliRun res = run(args, note);
        String why = res.notABadInputAnswer();
        if (why == null && !res.out().isEmpty()) {
            why = "something on stdout";
        }
        if (why != null) {
            throw new AssertionError(why + "; " + note + "\n" + res);
        }
    }

    /** A valid run file whose tasks each append their name to ran.log; then mutated; then run. */
    int checkRunFile(Random r, int index, String note) throws Exception {
        Path d = Files.createDirectories(dir.resolve("case-" + index));
        int n = 1 + r.nextInt(5);
        StringBuilder y = new StringBuilder("workers: 2\ntasks:\n");
        for (int i = 0; i < n; i++) {
            y.append("  t").append(i).append(":\n    run: echo t").append(i).append(" >> ran.log\n    timeout: 20s\n");
            if (i > 0 && r.nextBoolean()) {
                y.append("    needs: [t").append(r.nextInt(i)).append("]\n");
            }
        }
        String text = mutate(y.toString(), r);
        Path file = d.resolve("run.yaml");
        Files.write(file, text.getBytes(r.nextInt(10) == 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
        CliRun res = run(List.of("run", file.toString()), note);
        String shown = "; " + note + "\n--- file ---\n" + text + "\n" + res;
        Path log = d.resolve("ran.log");
        if (CliRun.hasStackTrace(res.err()) || CliRun.hasStackTrace(res.out())) {
            throw new AssertionError("a stack trace" + shown);
        }
        switch (res.status()) {
            case 2 -> {
                String why = res.notABadInputAnswer();
                if (why != null || Files.exists(log)) {
                    throw new AssertionError((why != null ? why : "a refused file ran tasks") + shown);
                }
            }
            case 1 -> {
                if (!res.out().contains(" tasks in ")) {
                    throw new AssertionError("status 1 without a summary" + shown);
                }
            }
            case 0 -> ranAsWritten(text, log, res.out(), shown);
            default -> throw new AssertionError("status " + res.status() + shown);
        }
        return res.status();
    }

    /* Exit 0: the YAML (read by SnakeYAML's own loader, duplicates refused) names tasks that each ran once, if unmodified. */
    @SuppressWarnings("unchecked")
    private static void ranAsWritten(String text, Path log, String out, String shown) throws Exception {
        Object doc;
        try {
            doc = new Load(LoadSettings.builder().setAllowDuplicateKeys(false).build()).loadFromString(text);
        } catch (RuntimeException e) {
            throw new AssertionError("exit 0 for a file SnakeYAML refuses: " + e + shown);
        }
        Map<Object, Object> tasks = (Map<Object, Object>) ((Map<Object, Object>) doc).get("tasks");
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        // a mutated command may write anything anywhere (even truncate the log): count runs only when none is mutated
        boolean asGenerated = tasks.entrySet().stream().allMatch(t -> t.getValue() instanceof Map<?, ?> m
                && ("echo " + t.getKey() + " >> ran.log").equals(m.get("run")));
        for (Object name : asGenerated ? tasks.keySet() : List.of()) {
            if (Collections.frequency(lines, String.valueOf(name)) != 1) {
                throw new AssertionError("exit 0 but task " + name + " ran " + Collections.frequency(lines, String.valueOf(name))
                        + " times" + shown);
            }
        }
        if (!out.lines().anyMatch(l -> l.startsWith(tasks.size() + " tasks in ") && l.contains(": " + tasks.size() + " succeeded"))) {
            throw new AssertionError("exit 0 but the summary does not show all " + tasks.size() + " tasks succeeded" + shown);
        }
    }

    private static String mutate(String s, Random r) {
        for (int k = 0, count = r.nextInt(3); k <= count; k++) {
            List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
            int li = r.nextInt(lines.size());
            int at = r.nextInt(s.length() + 1);
            s = switch (r.nextInt(9)) {
                case 0 -> {
                    lines.remove(li);
                    yield String.join("\n", lines);
                }
                case 1 -> {
                    lines.add(li, lines.get(li));
                    yield String.join("\n", lines);
                }
                case 2 -> {
                    int lj = r.nextInt(lines.size());
                    String t = lines.get(li);
                    lines.set(li, lines.get(lj));
                    lines.set(lj, t);
                    yield String.join("\n", lines);
                }
                case 3 -> s.contains("tasks:") ? s + "\n" + s.substring(s.indexOf("tasks:")) : s + "\ntasks:\n  x: {run: echo x}\n";
                case 4 -> s.substring(0, at) + pick(r, "\t", "\u0000", "\u00e9", "[[[[", "{", "}", ":", "- ", "#", "'", "\ud83d\ude80",
                        "99999999999999999999", "&a ", "*a", "!!binary ", "---\n") + s.substring(at);
                case 5 -> s.substring(0, at);
                case 6 -> s.substring(0, at) + "[".repeat(5000) + s.substring(at);
                case 7 -> s.replace("  ", "\t");
                default -> {
                    if (s.isEmpty()) {
                        yield s;
                    }
                    int i = Math.min(at, s.length() - 1);
                    yield s.substring(0, i) + (char) (s.charAt(i) ^ (1 << r.nextInt(7))) + s.substring(i + 1);
                }
            };
        }
        return s;
    }
}
