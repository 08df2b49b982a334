package io.tandem.graph.runfile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #12: every file that is not a run file gets a {@link RunFileException} naming the problem (and
 * where), never a stack overflow, a decoding exception or a silently dropped block. Each case is a real
 * file on disk read through {@link RunFile#parse(Path)}.
 */
class RunFileBadInputTest {
    @TempDir
    Path dir;

    private RunFileException refused(String name, byte[] content) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, content);
        return refused(f);
    }

    private RunFileException refused(String name, String content) throws Exception {
        return refused(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private static RunFileException refused(Path f) {
        RunFileException e = assertThrows(RunFileException.class, () -> RunFile.parse(f));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        return e;
    }

    @Test
    void aSecondTopLevelTasksKeyIsAnErrorNamingBothLines() throws Exception {
        StringBuilder yaml = new StringBuilder("workers: 2\ntasks:\n");
        for (int i = 1; i <= 12; i++) {
            yaml.append("  t").append(i).append(": {run: echo ").append(i).append("}\n");
        }
        yaml.append("tasks:\n  last: {run: echo last}\n");
        RunFileException e = refused("dup.yaml", yaml.toString());
        assertEquals(15, e.line());
        assertTrue(e.getMessage().contains("duplicate key 'tasks' at lines 2 and 15"), e.getMessage());
    }

    @Test
    void duplicateKeysAtEveryLevelNameBothLines() throws Exception {
        String[][] cases = {
                {"workers: 2\ntasks:\n  a: {run: x}\nworkers: 8\n", "duplicate key 'workers' at lines 1 and 4"},
                {"tasks:\n  a:\n    run: x\n    env:\n      A: 1\n      A: 2\n", "duplicate key 'A' at lines 5 and 6"},
                {"tasks:\n  a:\n    run: x\n    timeout: 1s\n    timeout: 2s\n", "duplicate key 'timeout' at lines 4 and 5"},
                {"resources: {cpu: 2, cpu: 4}\ntasks:\n  a: {run: x}\n", "duplicate key 'cpu' at lines 1 and 1"},
                {"{\"tasks\": {\"a\": {\"run\": \"x\"}}, \"tasks\": {\"b\": {\"run\": \"y\"}}}", "duplicate key 'tasks' at lines 1 and 1"},
                {"tasks:\n  a: {run: x}\n  'a': {run: y}\n", "duplicate key 'a' at lines 2 and 3"},
        };
        for (String[] c : cases) {
            RunFileException e = refused("dup.yaml", c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + "\n-> " + e.getMessage());
        }
    }

    @Test
    void aBinaryFileIsNotARunFile() throws Exception {
        byte[] junk = new byte[4096];
        new Random(12).nextBytes(junk);
        junk[100] = 0;
        RunFileException e = refused("junk.bin", junk);
        assertTrue(e.getMessage().contains("binary file"), e.getMessage());
    }

    @Test
    void aLatin1ByteNamesItsLineAndColumn() throws Exception {
        byte[] latin1 = "tasks:\n  caf\u00e9: {run: echo}\n".getBytes(StandardCharsets.ISO_8859_1);
        RunFileException e = refused("latin1.yaml", latin1);
        assertEquals(2, e.line());
        assertEquals(6, e.column());
        assertTrue(e.getMessage().contains("byte 0xE9 is not UTF-8"), e.getMessage());
    }

    @Test
    void deepNestingIsCappedInsteadOfOverflowingTheStack() throws Exception {
        RunFileException flow = refused("brackets.yaml", "[".repeat(20_000));
        assertTrue(flow.getMessage().contains("nest more than 64 levels deep (RunFile.MAX_NESTING_DEPTH)"), flow.getMessage());
        refused("braces.yaml", "tasks: " + "{a: ".repeat(20_000));
        StringBuilder block = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            block.append("  ".repeat(i)).append("k:\n");
        }
        RunFileException indented = refused("indented.yaml", block.toString());
        assertTrue(indented.getMessage().contains("MAX_NESTING_DEPTH"), indented.getMessage());
    }

    @Test
    void aDirectoryIsNotARunFile() throws Exception {
        RunFileException e = refused(dir);
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    }

    @Test
    void filesOverTheSizeLimitAndEndlessFilesAreRefused() throws Exception {
        byte[] big = new byte[RunFile.MAX_FILE_BYTES + 10];
        java.util.Arrays.fill(big, (byte) '#');
        RunFileException e = refused("big.yaml", big);
        assertTrue(e.getMessage().contains("larger than " + RunFile.MAX_FILE_BYTES + " bytes (RunFile.MAX_FILE_BYTES)"), e.getMessage());
        Path zero = Path.of("/dev/zero");
        if (Files.isReadable(zero)) {
            RunFileException z = assertThrows(RunFileException.class, () -> RunFile.parse(zero));
            assertTrue(z.getMessage().contains("larger than"), z.getMessage());
        }
    }

    @Test
    void valuesOutsideSaneLimitsNameTheLimit() throws Exception {
        String[][] cases = {
                {"workers: 100000\ntasks:\n  a: {run: x}\n", "workers: expected an integer from 1 to 10000, got 100000"},
                {"workers: 99999999999999999999\ntasks:\n  a: {run: x}\n", "workers: expected an integer from 1 to 10000, got '99999999999999999999'"},
                {"tasks:\n  a: {run: x, retries: 2147483647}\n", "tasks.a.retries: expected an integer from 0 to 1000"},
                {"tasks:\n  a: {run: x, timeout: 100000h}\n", "expected a duration from 1ms to 720h, got '100000h'"},
                {"tasks:\n  a: {run: x, retries: 1, backoff: 0.0001ms}\n", "expected a duration from 1ms to 720h"},
                {"tasks: {}\n", "no task declared"},
                {"tasks:\n  a: {run: ''}\n", "tasks.a.run: expected a shell command, got nothing"},
                {"tasks:\n  a: {fetch: 'http://x/', to: ' '}\n", "tasks.a.to: expected a file path, got nothing"},
                {"tasks:\n  a: {run: x}\n---\ntasks:\n  b: {run: y}\n", "malformed YAML"},
                {"tasks:\n  \"a\\nb\": {run: x, needs: [\"c\\u001b\"]}\n", "unknown task 'c\\u001b'"},
        };
        for (String[] c : cases) {
            RunFileException e = refused("limits.yaml", c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + "\n-> " + e.getMessage());
        }
    }

    @Test
    void anEmojiAcrossTheYamlReadersBufferBoundaryParses() throws Exception {
        // SnakeYAML Engine 2.9 read past its buffer when a surrogate pair straddled it (found by RunFileFuzzTest)
        for (int pad = 990; pad < 1040; pad++) {
            Path f = dir.resolve("emoji.yaml");
            Files.writeString(f, "# " + "x".repeat(pad) + "\ntasks:\n  launch: {run: echo \ud83d\ude80\ud83d\ude80\ud83d\ude80}\n");
            assertEquals("echo \ud83d\ude80\ud83d\ude80\ud83d\ude80", RunFile.parse(f).tasks().getFirst().run(), "padding " + pad);
        }
    }

    @Test
    void explicitTagsAreRefused() throws Exception {
        RunFileException e = refused("tag.yaml", "tasks:\n  a: {run: !!binary ZWNobw==}\n");
        assertTrue(e.getMessage().contains("explicit tag 'tag:yaml.org,2002:binary' is not supported"), e.getMessage());
        refused("set.yaml", "tasks: !!set {a, b}\n");
        refused("custom.yaml", "tasks:\n  a: !task {run: x}\n");
    }
}
