package io.tandem.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #12: every command of {@code tandem} answers bad input (bad files, options, numbers, missing
 * arguments, unknown commands, ports out of range, addresses it cannot bind) with one line on stderr
 * naming the problem, exit status 2 and no stack trace; nothing runs.
 */
class CliBadInputTest {
    @TempDir
    Path dir;

    /** Bad files of every kind the issue tried, on disk. */
    static final class BadFiles {
        final Path missing;
        final Path binary;
        final Path latin1;
        final Path brackets;
        final Path duplicateTasks;
        final Path marker;

        BadFiles(Path dir) throws Exception {
            missing = dir.resolve("missing.yaml");
            binary = dir.resolve("junk.bin");
            byte[] junk = new byte[2048];
            new Random(12).nextBytes(junk);
            Files.write(binary, junk);
            latin1 = dir.resolve("latin1.yaml");
            Files.write(latin1, "tasks:\n  caf\u00e9: {run: echo}\n".getBytes(StandardCharsets.ISO_8859_1));
            brackets = dir.resolve("brackets.yaml");
            Files.writeString(brackets, "[".repeat(20_000));
            marker = dir.resolve("ran");
            duplicateTasks = dir.resolve("dup.yaml");
            StringBuilder yaml = new StringBuilder("tasks:\n");
            for (int i = 1; i <= 12; i++) {
                yaml.append("  t").append(i).append(": {run: touch ").append(marker).append("}\n");
            }
            Files.writeString(duplicateTasks, yaml.append("tasks:\n  last: {run: echo last}\n").toString());
        }
    }

    private void expectBadInput(List<String> failures, String expected, String... args) {
        CliRun r = CliRun.of(args);
        String why = r.notABadInputAnswer();
        if (why == null && !r.err().contains(expected)) {
            why = "stderr does not say '" + expected + "'";
        }
        if (why == null && !r.out().isEmpty()) {
            why = "something on stdout";
        }
        if (why != null) {
            failures.add(why + ": " + r);
        }
    }

    @Test
    void everyCommandAnswersBadInputWithOneLineAndStatus2() throws Exception {
        BadFiles f = new BadFiles(dir);
        String d = dir.toString();
        List<String> failures = new ArrayList<>();
        // the command line itself
        expectBadInput(failures, "unknown command 'nosuch'; commands: bench, examples, fetch, serve-hello, run, worker, cluster, help", "nosuch");
        expectBadInput(failures, "unknown option '--bogus'", "--bogus");
        expectBadInput(failures, "Unknown subcommand 'nosuch'", "help", "nosuch");
        // run
        expectBadInput(failures, "Missing required parameter: 'FILE'", "run");
        expectBadInput(failures, "no such file: " + f.missing, "run", f.missing.toString());
        expectBadInput(failures, "is a directory", "run", d);
        expectBadInput(failures, "binary file", "run", f.binary.toString());
        expectBadInput(failures, "latin1.yaml:2:6: byte 0xE9 is not UTF-8", "run", f.latin1.toString());
        expectBadInput(failures, "RunFile.MAX_NESTING_DEPTH", "run", f.brackets.toString());
        expectBadInput(failures, "duplicate key 'tasks' at lines 1 and 14", "run", f.duplicateTasks.toString());
        expectBadInput(failures, "--workers must be from 1 to 10000, got 0", "run", "-w", "0", f.duplicateTasks.toString());
        expectBadInput(failures, "--workers must be from 1 to 10000, got 20000", "run", "--workers", "20000", f.missing.toString());
        expectBadInput(failures, "'abc' is not an int", "run", "-w", "abc", f.missing.toString());
        expectBadInput(failures, "'99999999999' is not an int", "run", "-w", "99999999999", f.missing.toString());
        expectBadInput(failures, "does not exist", "run", "--report", d + "/no/such/dir/r.html", f.missing.toString());
        expectBadInput(failures, "is a directory", "run", "--report", d, f.missing.toString());
        expectBadInput(failures, "unknown option '--bogus'", "run", "--bogus", f.missing.toString());
        expectBadInput(failures, "unexpected argument 'extra'", "run", f.missing.toString(), "extra");
        // serve-hello
        expectBadInput(failures, "--port must be from 0 to 65535", "serve-hello", "--port", "99999");
        expectBadInput(failures, "--port must be from 0 to 65535", "serve-hello", "-p", "-1");
        expectBadInput(failures, "'http' is not an int", "serve-hello", "--port", "http");
        expectBadInput(failures, "--host must not be blank", "serve-hello", "--host", " ");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            expectBadInput(failures, String.valueOf(taken.getLocalPort()), "serve-hello", "--port", String.valueOf(taken.getLocalPort()));
        }
        expectBadInput(failures, "192.0.2.1", "serve-hello", "--host", "192.0.2.1", "--port", "0");
        // fetch
        expectBadInput(failures, "no such file: " + f.missing, "fetch", f.missing.toString());
        expectBadInput(failures, "is a directory", "fetch", d);
        expectBadInput(failures, "junk.bin", "fetch", f.binary.toString());
        expectBadInput(failures, "latin1.yaml is not UTF-8 text", "fetch", f.latin1.toString());
        expectBadInput(failures, "-j must be at least 1, got 0", "fetch", "-j", "0", f.missing.toString());
        expectBadInput(failures, "--timeout must be from 1 to 86400 seconds, got 9999999999", "fetch", "--timeout", "9999999999", f.missing.toString());
        expectBadInput(failures, "--retries must be from 0 to 100, got 2147483647", "fetch", "--retries", "2147483647", f.missing.toString());
        expectBadInput(failures, "is not a directory", "fetch", "-o", f.binary.toString(), f.latin1.toString());
        expectBadInput(failures, "'x' is not an int", "fetch", "--per-host", "x", f.missing.toString());
        // bench (validated before anything is measured)
        expectBadInput(failures, "--runs must be at least 1, got 0", "bench", "--runs", "0");
        expectBadInput(failures, "--size must be at least 1, got -5", "bench", "--size", "-5");
        expectBadInput(failures, "unknown scenario 'nosuch'", "bench", "--scenario", "nosuch");
        expectBadInput(failures, "unknown model 'nosuch'", "bench", "--models", "nosuch");
        expectBadInput(failures, "must end in .html, .md or .json", "bench", "--report", d + "/r.txt");
        expectBadInput(failures, "--classpath only applies to --workload CLASS", "bench", "--classpath", d);
        expectBadInput(failures, "no.such.Workload", "bench", "--workload", "no.such.Workload", "--no-fork");
        // examples
        expectBadInput(failures, "unknown example 'nosuch'", "examples", "nosuch");
        expectBadInput(failures, "give an example NAME or --all, not both", "examples", "nosuch", "--all");
        expectBadInput(failures, "unknown option '--bogus'", "examples", "--bogus");
        assertTrue(failures.isEmpty(), failures.size() + " commands broke the bad-input contract:\n\n" + String.join("\n\n", failures));
        assertFalse(Files.exists(f.marker), "no task of a refused file ran");
    }

    @Test
    void verboseAddsTheStackTrace() {
        CliRun quiet = CliRun.of("serve-hello", "--port", "99999");
        assertNull(quiet.notABadInputAnswer(), quiet::toString);
        CliRun verbose = CliRun.of("serve-hello", "--port", "99999", "--verbose");
        assertEquals(2, verbose.status(), verbose::toString);
        assertTrue(verbose.err().startsWith(quiet.err()), verbose::toString);
        assertTrue(CliRun.hasStackTrace(verbose.err()), verbose::toString);
    }

    @Test
    void anUnreadableRunFileIsOneLine() throws Exception {
        Path f = dir.resolve("secret.yaml");
        Files.writeString(f, "tasks:\n  a: {run: echo}\n");
        Files.setPosixFilePermissions(f, java.util.Set.of());
        if (Files.isReadable(f)) {
            return; // root reads anything: nothing to provoke here
        }
        CliRun r = CliRun.of("run", f.toString());
        assertNull(r.notABadInputAnswer(), r::toString);
        assertTrue(r.err().contains("permission denied: " + f), r::toString);
    }
}
