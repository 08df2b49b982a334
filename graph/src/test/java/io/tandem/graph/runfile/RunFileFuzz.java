package io.tandem.graph.runfile;

import io.tandem.graph.Plan;
import io.tandem.graph.TaskGraph;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.FailsafeSchema;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Property-style fuzzing of the run-file parser: valid run files, generated at random in block, flow and
 * JSON style, then mutated (lines deleted, duplicated, swapped; bytes flipped; binary, unicode, tabs, deep
 * nesting and huge numbers inserted). For every input the parser either accepts it, and then the parsed
 * file says what the text says (checked against SnakeYAML's own loader, with duplicate keys refused and every
 * scalar kept as a string): the same tasks in the same order, each once in the graph's plan, with the
 * same commands and dependencies; or it throws {@link RunFileException} with a one-line message naming the
 * file. Any other exception, or a parse that takes longer than {@link #PARSE_LIMIT_SECONDS}, fails with the
 * seed that reproduces it ({@code -Dtandem.fuzzSeed=...}).
 */
final class RunFileFuzz {
    static final int PARSE_LIMIT_SECONDS = 10;
    private static final String[] NAMES = {"compile", "test", "t1", "b-2", "pkg_3", "\u00fcber", "\u7f16\u8bd1", "deploy", "a", "x.y",
            "with space", "\u0645\u0631\u062d\u0628\u0627", "emoji-\ud83d\ude80", "1", "true", "null", "~", "0x1F"};
    private static final String[] JUNK = {"\t", "\u0000", "\u0001", "\u001b[31m", "\ufeff", "\u2028", "\u00e9", "\ud83d\ude80", "\r", "\r\n",
            "\u007f", "\ufffd", "&a ", "*a", "!!binary ", "!custom ", "? ", "- ", ": ", "{", "}", "[", "]", ",", "#", "'", "\"",
            "%YAML 1.2\n", "---\n", "...\n", "<<: *a\n", "|\n", ">-\n", "@", "`", "\\", "\\u0000", "99999999999999999999999",
            "-2147483649", "2147483648", "1e309", "NaN", ".inf", "0.0000000001ms"};

    private RunFileFuzz() {
    }

    /** A valid run file of 1 to 12 tasks with random options, in block, flow or JSON style. */
    static String validFile(Random r) {
        int n = 1 + r.nextInt(12);
        List<String> names = new ArrayList<>();
        while (names.size() < n) {
            String name = NAMES[r.nextInt(NAMES.length)] + (r.nextInt(3) == 0 ? "" : "-" + names.size());
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        int style = r.nextInt(3);
        StringBuilder b = new StringBuilder();
        if (style == 2) {
            b.append("{\"resources\": {\"cpu\": 4}, \"workers\": ").append(1 + r.nextInt(8)).append(", \"tasks\": {");
            for (int i = 0; i < n; i++) {
                b.append(i == 0 ? "" : ", ").append(json(names.get(i))).append(": {\"run\": ").append(json("echo " + names.get(i)));
                List<String> needs = needs(r, names, i);
                if (!needs.isEmpty()) {
                    b.append(", \"needs\": [").append(String.join(", ", needs.stream().map(RunFileFuzz::json).toList())).append("]");
                }
                if (r.nextBoolean()) {
                    b.append(", \"retries\": ").append(r.nextInt(3)).append(", \"backoff\": \"10ms\"");
                }
                b.append("}");
            }
            return b.append("}}\n").toString();
        }
        b.append("# generated\nresources: {cpu: 4, net: 2}\n");
        if (r.nextBoolean()) {
            b.append("workers: ").append(1 + r.nextInt(8)).append('\n');
        }
        if (r.nextBoolean()) {
            b.append("policy: ").append(r.nextBoolean() ? "keep-going" : "fail-fast").append('\n');
        }
        b.append("tasks:\n");
        for (int i = 0; i < n; i++) {
            String name = quoted(names.get(i));
            List<String> needs = needs(r, names, i);
            String needList = "[" + String.join(", ", needs.stream().map(RunFileFuzz::quoted).toList()) + "]";
            if (style == 1) {
                b.append("  ").append(name).append(": {run: ").append(quoted("echo " + names.get(i)));
                if (!needs.isEmpty()) {
                    b.append(", needs: ").append(needList);
                }
                if (r.nextBoolean()) {
                    b.append(", priority: ").append(r.nextInt(21) - 10);
                }
                b.append("}\n");
            } else {
                b.append("  ").append(name).append(":\n    run: ").append(quoted("echo " + names.get(i))).append('\n');
                if (!needs.isEmpty()) {
                    b.append("    needs: ").append(needList).append('\n');
                }
                if (r.nextBoolean()) {
                    b.append("    env:\n      A: '1'\n      B: two\n");
                }
                if (r.nextBoolean()) {
                    b.append("    resources: {cpu: ").append(1 + r.nextInt(4)).append("}\n");
                }
                if (r.nextBoolean()) {
                    b.append("    retries: 2\n    backoff: 50ms\n    jitter: 0.5\n");
                }
                if (r.nextBoolean()) {
                    b.append("    timeout: ").append(1 + r.nextInt(90)).append(r.nextBoolean() ? "s" : "m").append('\n');
                }
            }
        }
        return b.toString();
    }

    private static List<String> needs(Random r, List<String> names, int i) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < i; k++) {
            if (r.nextInt(4) == 0) {
                out.add(names.get(k));
            }
        }
        return out;
    }

    private static String quoted(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** One to three random mutations of {@code text}. */
    static String mutate(String text, Random r) {
        String s = text;
        int count = 1 + r.nextInt(3);
        for (int i = 0; i < count; i++) {
            s = mutateOnce(s, r);
        }
        return s;
    }

    private static String mutateOnce(String s, Random r) {
        List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
        int li = r.nextInt(lines.size());
        int at = s.isEmpty() ? 0 : r.nextInt(s.length() + 1);
        return switch (r.nextInt(14)) {
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
            case 3 -> {
                if (s.isEmpty()) {
                    yield s;
                }
                int k = Math.min(at, s.length() - 1);
                yield s.substring(0, k) + (char) (s.charAt(k) ^ (1 << r.nextInt(8))) + s.substring(k + 1);
            }
            case 4 -> s.substring(0, at) + JUNK[r.nextInt(JUNK.length)] + s.substring(at);
            case 5 -> {
                StringBuilder bin = new StringBuilder();
                for (int k = 0, n = 1 + r.nextInt(16); k < n; k++) {
                    bin.append((char) r.nextInt(0x100));
                }
                yield s.substring(0, at) + bin + s.substring(at);
            }
            case 6 -> {
                String open = r.nextBoolean() ? "[" : "{a: ";
                yield s.substring(0, at) + open.repeat(1 + r.nextInt(r.nextBoolean() ? 100 : 5000)) + s.substring(at);
            }
            case 7 -> s.replaceFirst("\\d+", "9".repeat(1 + r.nextInt(40)));
            case 8 -> s.replace("  ", "\t");
            case 9 -> s.substring(0, at);
            case 10 -> {
                // a whole second block under the same key, as a user who pastes twice would write
                int t = s.indexOf("tasks:");
                yield t < 0 ? s + "\ntasks:\n  extra: {run: echo extra}\n" : s + "\n" + s.substring(t);
            }
            case 11 -> s.substring(0, at) + NAMES[r.nextInt(NAMES.length)] + ": " + JUNK[r.nextInt(JUNK.length)] + "\n" + s.substring(at);
            case 12 -> {
                StringBuilder deep = new StringBuilder();
                for (int k = 0, n = 1 + r.nextInt(200); k < n; k++) {
                    deep.append("  ".repeat(k)).append("k:\n");
                }
                yield s.substring(0, at) + deep + s.substring(at);
            }
            default -> {
                int cp = r.nextInt(0x10FFFF + 1);
                String u = Character.isSurrogate((char) cp) && cp <= 0xFFFF ? "\ufffd" : new String(Character.toChars(cp));
                yield s.substring(0, at) + u + s.substring(at);
            }
        };
    }

    /**
     * Checks the property for {@code text} on {@code parser}'s thread; throws AssertionError with
     * {@code seedNote}. Returns whether the parser accepted the text.
     */
    static boolean check(String text, Path dir, ExecutorService parser, String seedNote) throws Exception {
        Future<Object> f = parser.submit(() -> {
            try {
                return RunFile.parse(text, "fuzz.yaml", dir);
            } catch (Throwable t) {
                return t;
            }
        });
        Object got;
        try {
            got = f.get(PARSE_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("parse did not return within " + PARSE_LIMIT_SECONDS + " s; " + seedNote + "\n" + show(text));
        }
        switch (got) {
            case RunFileException e -> {
                String m = e.getMessage();
                if (!m.startsWith("fuzz.yaml") || m.contains("\n") || m.contains("\r") || m.length() < 20) {
                    fail("message not one line naming the file: " + m + "; " + seedNote + "\n" + show(text));
                }
                return false;
            }
            case Throwable t -> throw new AssertionError("parse threw " + t + " instead of RunFileException; " + seedNote + "\n" + show(text), t);
            case RunFile rf -> {
                agreesWithYaml(rf, text, seedNote);
                return true;
            }
            default -> throw new AssertionError(got);
        }
    }

    /* An accepted file says exactly what the YAML says: same tasks in order, each once in the plan, same commands and needs. */
    @SuppressWarnings("unchecked")
    private static void agreesWithYaml(RunFile rf, String text, String seedNote) {
        String where = "; " + seedNote + "\n" + show(text);
        Object doc;
        try {
            // every scalar as the string the text holds, as the parser reads it
            ConstructNode raw = node -> ((ScalarNode) node).getValue();
            Map<Tag, ConstructNode> asText = Map.of(Tag.INT, raw, Tag.FLOAT, raw, Tag.BOOL, raw, Tag.NULL, raw, Tag.ENV_TAG, raw);
            doc = new Load(LoadSettings.builder().setAllowDuplicateKeys(false).setSchema(new FailsafeSchema())
                    .setTagConstructors(asText).build()).loadFromReader(new SurrogateSafeReader(text)); // the engine bug it works around
        } catch (RuntimeException e) {
            throw new AssertionError("parser accepted a file that SnakeYAML's loader refuses: " + e + where);
        }
        if (!(doc instanceof Map<?, ?> top) || !(top.get("tasks") instanceof Map<?, ?> tasks)) {
            throw new AssertionError("accepted without a tasks mapping: " + doc + where);
        }
        List<String> expected = tasks.keySet().stream().map(String::valueOf).toList();
        List<String> parsed = rf.tasks().stream().map(RunFile.TaskDef::name).toList();
        if (!expected.equals(parsed)) {
            throw new AssertionError("tasks in the file " + expected + " but parsed " + parsed + where);
        }
        for (RunFile.TaskDef t : rf.tasks()) {
            Map<String, Object> def = (Map<String, Object>) tasks.get(t.name());
            Object run = def.get("run");
            if (run != null && !run.equals(t.run()) || run == null && t.run() != null) {
                throw new AssertionError("task '" + t.name() + "' runs '" + t.run() + "' but the file says '" + run + "'" + where);
            }
            Object needs = def.get("needs");
            Collection<Object> declared = needs == null ? List.of() : needs instanceof List<?> l ? (List<Object>) l : List.of(needs);
            List<String> want = List.copyOf(new LinkedHashSet<>(declared.stream().map(String::valueOf).toList()));
            if (!want.equals(t.needs())) {
                throw new AssertionError("task '" + t.name() + "' needs " + t.needs() + " but the file says " + want + where);
            }
        }
        TaskGraph g;
        try {
            g = rf.toGraph();
        } catch (RunFileException e) {
            return; // a cycle: refused with the project's exception, as documented
        } catch (RuntimeException e) {
            throw new AssertionError("toGraph threw " + e + " instead of RunFileException" + where, e);
        }
        Plan plan = g.plan();
        Map<String, Integer> times = new HashMap<>();
        plan.order().forEach(name -> times.merge(name, 1, Integer::sum));
        if (plan.order().size() != parsed.size() || !times.keySet().equals(new java.util.HashSet<>(parsed))
                || times.values().stream().anyMatch(c -> c != 1)) {
            throw new AssertionError("plan " + plan.order() + " does not hold every task " + parsed + " exactly once" + where);
        }
    }

    static ExecutorService parserThread() {
        return Executors.newSingleThreadExecutor(r -> new Thread(r, "runfile-fuzz-parser"));
    }

    /** The input, escaped and cut to a readable length, for failure messages. */
    static String show(String text) {
        String cut = text.length() > 2000 ? text.substring(0, 2000) + "... (" + text.length() + " chars)" : text;
        StringBuilder b = new StringBuilder("--- input ---\n");
        cut.codePoints().forEach(c -> {
            if (c == '\n' || c >= 0x20 && c != 0x7f && c < 0x80) {
                b.appendCodePoint(c);
            } else {
                b.append(String.format("\\u{%x}", c));
            }
        });
        return b.append("\n-------------").toString();
    }
}
