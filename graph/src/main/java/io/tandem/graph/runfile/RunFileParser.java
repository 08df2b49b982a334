package io.tandem.graph.runfile;

import io.tandem.RetryPolicy;
import io.tandem.graph.FailurePolicy;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses run files with SnakeYAML Engine's composer, which keeps a start mark (line, column) on every
 * node, so every error names where it is and what was expected. Stateless; thread-safe.
 */
final class RunFileParser {
    private static final Set<String> TOP = Set.of("tasks", "resources", "workers", "policy");
    private static final Set<String> TASK = Set.of("run", "env", "workdir", "fetch", "to", "needs", "priority",
            "resources", "retries", "backoff", "jitter", "timeout");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");
    /* Sanity caps (RunFile's Javadoc lists them): beyond them a value is a typo, and durations stay far from long overflow. */
    static final int MAX_WORKERS = 10_000;
    static final int MAX_RETRIES = 1_000;
    static final int MAX_DURATION_HOURS = 720;

    private final String source;

    private RunFileParser(String source) {
        this.source = source;
    }

    static RunFile parse(String text, String source, Path baseDir) {
        return new RunFileParser(source).doParse(text, baseDir);
    }

    private RunFile doParse(String text, Path baseDir) {
        if (text.length() > RunFile.MAX_FILE_BYTES) {
            throw new RunFileException(source, 0, 0, "is longer than " + RunFile.MAX_FILE_BYTES
                    + " characters (RunFile.MAX_FILE_BYTES); a run file is a list of tasks, not data");
        }
        Node root = compose(text);
        TreeCheck.find(root).ifPresent(p -> {
            throw switch (p) {
                case TreeCheck.Duplicate d -> error(d.again(), "duplicate key '" + abbreviate(d.key()) + "' at lines " + line(d.first())
                        + " and " + line(d.again()) + "; a key may appear once per mapping (YAML would keep only the last one, dropping the first)");
                case TreeCheck.UnsupportedTag t -> error(t.node(), "explicit tag '" + abbreviate(t.node().getTag().getValue())
                        + "' is not supported; a run file holds plain strings, numbers, lists and mappings");
            };
        });
        MappingNode top = mapping(root, "the top level", "a mapping with 'tasks:' (and optionally resources, workers, policy)");
        Map<String, Integer> resources = new LinkedHashMap<>();
        int workers = 0;
        FailurePolicy policy = FailurePolicy.KEEP_GOING;
        MappingNode tasksNode = null;
        for (NodeTuple t : top.getValue()) {
            String key = key(t, "top-level key", TOP);
            Node v = t.getValueNode();
            switch (key) {
                case "tasks" -> tasksNode = mapping(v, "tasks", "a mapping of task names to tasks");
                case "resources" -> resources = counters(v, "resources");
                case "workers" -> workers = integer(v, "workers", 1, MAX_WORKERS);
                case "policy" -> {
                    String p = scalar(v, "policy", "keep-going or fail-fast");
                    policy = switch (p) {
                        case "keep-going" -> FailurePolicy.KEEP_GOING;
                        case "fail-fast" -> FailurePolicy.FAIL_FAST;
                        default -> throw error(v, "policy: expected keep-going or fail-fast, got '" + abbreviate(p) + "'");
                    };
                }
                default -> throw new AssertionError(key);
            }
        }
        if (tasksNode == null) {
            throw error(top, "expected a 'tasks:' mapping (task name -> run:/fetch: and options)");
        }
        if (tasksNode.getValue().isEmpty()) {
            throw error(tasksNode, "tasks: no task declared; expected at least one (task name -> run:/fetch: and options)");
        }
        List<RunFile.TaskDef> defs = new ArrayList<>();
        Map<String, Node> names = new LinkedHashMap<>();
        List<Node[]> needNodes = new ArrayList<>();
        for (NodeTuple t : tasksNode.getValue()) {
            String name = scalar(t.getKeyNode(), "task name", "a task name");
            if (name.isBlank()) {
                throw error(t.getKeyNode(), "a task name must not be blank");
            }
            Node first = names.put(name, t.getKeyNode());
            if (first != null) {
                throw error(t.getKeyNode(), "duplicate task name '" + name + "' (first defined at line "
                        + first.getStartMark().map(mk -> mk.getLine() + 1).orElse(0) + "); every task needs its own name");
            }
            defs.add(task(name, t.getKeyNode(), t.getValueNode(), resources, needNodes));
        }
        for (int i = 0; i < defs.size(); i++) {
            for (Node n : needNodes.get(i)) {
                String need = ((ScalarNode) n).getValue();
                if (!names.containsKey(need)) {
                    throw error(n, "tasks." + defs.get(i).name() + ".needs: unknown task '" + abbreviate(need)
                            + "'; expected one of " + abbreviate(names.keySet().toString(), 300));
                }
            }
        }
        return new RunFile(source, baseDir, defs, resources, workers, policy);
    }

    private Node compose(String text) {
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(source).setAllowDuplicateKeys(false)
                    .setMaxAliasesForCollections(50).setCodePointLimit(RunFile.MAX_FILE_BYTES).build();
            Optional<Node> doc = new Composer(settings, new DepthLimitedParser(settings, text, source)).getSingleNode();
            if (doc.isEmpty()) {
                throw new RunFileException(source, 1, 1, "the file is empty; expected a mapping with 'tasks:'");
            }
            return doc.get();
        } catch (MarkedYamlEngineException e) {
            Mark m = e.getProblemMark().or(e::getContextMark).orElse(null);
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
            throw new RunFileException(source, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1,
                    "malformed YAML: " + oneLine(problem) + context);
        } catch (YamlEngineException e) {
            throw new RunFileException(source, 0, 0, "malformed YAML: " + oneLine(e.getMessage()));
        }
    }

    private static String oneLine(String s) {
        return String.valueOf(s).strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static int line(Node n) {
        return n.getStartMark().map(mk -> mk.getLine() + 1).orElse(0);
    }

    private RunFile.TaskDef task(String name, Node keyNode, Node node, Map<String, Integer> capacity, List<Node[]> needNodes) {
        String at = "tasks." + name;
        MappingNode m = mapping(node, at, "a mapping with run: or fetch:");
        String run = null;
        String fetch = null;
        String to = null;
        String workdir = null;
        Map<String, String> env = Map.of();
        List<String> needs = new ArrayList<>();
        List<Node> needsAt = new ArrayList<>();
        int priority = 0;
        int retries = 0;
        Map<String, Integer> resources = Map.of();
        Duration backoff = null;
        double jitter = 0.0;
        Duration timeout = null;
        for (NodeTuple t : m.getValue()) {
            String key = key(t, at + " key", TASK);
            Node v = t.getValueNode();
            String where = at + "." + key;
            switch (key) {
                case "run" -> run = nonBlank(v, where, "a shell command");
                case "fetch" -> {
                    fetch = scalar(v, where, "an http:// or https:// URL");
                    if (!fetch.startsWith("http://") && !fetch.startsWith("https://")) {
                        throw error(v, where + ": expected an http:// or https:// URL, got '" + abbreviate(fetch) + "'");
                    }
                }
                case "to" -> to = nonBlank(v, where, "a file path");
                case "workdir" -> workdir = scalar(v, where, "a directory");
                case "env" -> env = strings(v, where);
                case "needs" -> {
                    if (v instanceof SequenceNode s) {
                        for (Node n : s.getValue()) {
                            needs.add(scalar(n, where, "a task name"));
                            needsAt.add(n);
                        }
                    } else {
                        needs.add(scalar(v, where, "a task name or a list of task names"));
                        needsAt.add(v);
                    }
                }
                case "priority" -> priority = integer(v, where, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case "retries" -> retries = integer(v, where, 0, MAX_RETRIES);
                case "resources" -> {
                    resources = counters(v, where);
                    for (Map.Entry<String, Integer> e : resources.entrySet()) {
                        Integer cap = capacity.get(e.getKey());
                        if (cap == null) {
                            throw error(v, where + ": resource '" + e.getKey() + "' is not declared; declare it under the top-level "
                                    + "'resources:' (declared: " + capacity.keySet() + ")");
                        }
                        if (e.getValue() > cap) {
                            throw error(v, where + ": needs " + e.getValue() + " of '" + e.getKey() + "' but its capacity is " + cap);
                        }
                    }
                }
                case "backoff" -> backoff = duration(v, where);
                case "jitter" -> jitter = fraction(v, where);
                case "timeout" -> timeout = duration(v, where);
                default -> throw new AssertionError(key);
            }
        }
        if ((run == null) == (fetch == null)) {
            throw error(m, at + ": expected exactly one of 'run:' (a shell command) or 'fetch:' (a URL)");
        }
        if (fetch == null && to != null) {
            throw error(m, at + ": 'to:' goes with 'fetch:'");
        }
        needNodes.add(needsAt.toArray(Node[]::new));
        int line = keyNode.getStartMark().map(mk -> mk.getLine() + 1).orElse(0);
        return new RunFile.TaskDef(name, run, env, workdir, fetch, to, List.copyOf(new LinkedHashSet<>(needs)), priority,
                resources, retry(retries, backoff, jitter), timeout, line);
    }

    /* The run-file retry settings as a policy: exponential backoff, doubling up to 16 times the first wait. */
    private static RetryPolicy retry(int retries, Duration backoff, double jitter) {
        if (retries == 0) {
            return RetryPolicy.NONE;
        }
        RetryPolicy p = RetryPolicy.retries(retries);
        if (backoff != null) {
            p = p.backoff(backoff, 2.0, backoff.multipliedBy(16));
        }
        return jitter > 0 ? p.jitter(jitter) : p;
    }

    private String key(NodeTuple t, String what, Set<String> allowed) {
        String k = scalar(t.getKeyNode(), what, "one of " + new java.util.TreeSet<>(allowed));
        if (!allowed.contains(k)) {
            throw error(t.getKeyNode(), "unknown " + what + " '" + abbreviate(k) + "'; expected one of " + new java.util.TreeSet<>(allowed));
        }
        return k;
    }

    private MappingNode mapping(Node n, String where, String expected) {
        if (n instanceof MappingNode m) {
            return m;
        }
        throw error(n, where + ": expected " + expected + ", got " + describe(n));
    }

    private String scalar(Node n, String where, String expected) {
        if (n instanceof ScalarNode s) {
            return s.getValue();
        }
        throw error(n, where + ": expected " + expected + ", got " + describe(n));
    }

    private String nonBlank(Node n, String where, String expected) {
        String s = scalar(n, where, expected);
        if (s.isBlank()) {
            throw error(n, where + ": expected " + expected + ", got nothing");
        }
        return s;
    }

    private int integer(Node n, String where, int min, int max) {
        String s = scalar(n, where, "an integer");
        int v;
        try {
            v = Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw error(n, where + ": expected an integer" + range(min, max) + ", got '" + abbreviate(s) + "'");
        }
        if (v < min || v > max) {
            throw error(n, where + ": expected an integer" + range(min, max) + ", got " + v);
        }
        return v;
    }

    private static String range(int min, int max) {
        if (min == Integer.MIN_VALUE && max == Integer.MAX_VALUE) {
            return "";
        }
        return max == Integer.MAX_VALUE ? " of at least " + min : " from " + min + " to " + max;
    }

    private static String abbreviate(String s) {
        return abbreviate(s, 80);
    }

    private static String abbreviate(String s, int max) {
        String one = oneLine(s);
        return one.length() <= max ? one : one.substring(0, max - 3) + "...";
    }

    private double fraction(Node n, String where) {
        String s = scalar(n, where, "a fraction between 0 and 1");
        try {
            double v = Double.parseDouble(s.trim());
            if (v >= 0.0 && v <= 1.0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the expected form
        }
        throw error(n, where + ": expected a fraction between 0 and 1 (like 0.5), got '" + abbreviate(s) + "'");
    }

    private Map<String, Integer> counters(Node n, String where) {
        MappingNode m = mapping(n, where, "a mapping of resource names to counts, like {cpu: 2}");
        Map<String, Integer> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            out.put(scalar(t.getKeyNode(), where, "a resource name"),
                    integer(t.getValueNode(), where + "." + ((ScalarNode) t.getKeyNode()).getValue(), 0, Integer.MAX_VALUE));
        }
        return out;
    }

    private Map<String, String> strings(Node n, String where) {
        MappingNode m = mapping(n, where, "a mapping of names to values");
        Map<String, String> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            out.put(scalar(t.getKeyNode(), where, "a name"), scalar(t.getValueNode(), where, "a string value"));
        }
        return out;
    }

    private Duration duration(Node n, String where) {
        String s = scalar(n, where, "a duration like 500ms, 30s, 5m or 1h");
        Matcher mt = DURATION.matcher(s.trim());
        if (!mt.matches()) {
            throw error(n, where + ": expected a duration like 500ms, 30s, 5m or 1h, got '" + abbreviate(s) + "'");
        }
        double v = Double.parseDouble(mt.group(1));
        String unit = mt.group(2) == null ? "s" : mt.group(2);
        double ms = switch (unit) {
            case "ms" -> v;
            case "s" -> v * 1000;
            case "m" -> v * 60_000;
            default -> v * 3_600_000;
        };
        if (ms < 1 || ms > MAX_DURATION_HOURS * 3_600_000.0) {
            throw error(n, where + ": expected a duration from 1ms to " + MAX_DURATION_HOURS + "h, got '" + s + "'");
        }
        return Duration.ofNanos((long) (ms * 1_000_000));
    }

    private static String describe(Node n) {
        return switch (n) {
            case MappingNode m -> "a mapping";
            case SequenceNode s -> "a list";
            case ScalarNode s -> s.getValue().isEmpty() ? "nothing" : "'" + abbreviate(s.getValue()) + "'";
            default -> n.getNodeType().toString();
        };
    }

    private RunFileException error(Node n, String message) {
        Optional<Mark> m = n.getStartMark();
        return new RunFileException(source, m.map(x -> x.getLine() + 1).orElse(0), m.map(x -> x.getColumn() + 1).orElse(0), message);
    }
}
