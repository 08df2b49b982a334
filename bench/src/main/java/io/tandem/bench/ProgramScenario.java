package io.tandem.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * A seed's program raced as a whole process against its Python original: {@code python3 PROGRAM.py ARGS}
 * against {@code java -cp CLASSPATH MAIN ARGS}, each timed by the harness from process start to exit
 * ({@link ProgramRace}). What a user sees the first time they run a program, interpreter or JVM start-up,
 * pool creation and shutdown included, unlike the warm scenarios that time one call inside a running JVM.
 *
 * <p>Both programs take the size as their first argument and, for {@linkplain #needsServer() those that
 * fetch}, the base URL of the harness's local {@link LatencyServer} as their second; both print their
 * answer on the last line of stdout, in the same words, which must equal {@link #expected(int)} (computed
 * here without either program). The Python originals live in {@code bench/python/programs/}, the Tandem
 * ports in {@code io.tandem.bench.programs}.
 *
 * <p>Thread-safety: the configuration is immutable; the server is started on first use by
 * {@link #arguments(int)} and stopped by {@link #close()}, both guarded by the server's own lock.
 */
final class ProgramScenario implements Scenario {
    private final String name;
    private final String description;
    private final String unit;
    private final int quickSize;
    private final int fullSize;
    private final boolean quickByDefault;
    private final int maxRuns;
    private final String pythonFile;
    private final String mainClass;
    private final IntFunction<String> expected;
    private final boolean needsServer;
    private final LatencyServer server = new LatencyServer();

    ProgramScenario(String name, String description, String unit, int quickSize, int fullSize, boolean quickByDefault,
                    int maxRuns, String pythonFile, String mainClass, IntFunction<String> expected, boolean needsServer) {
        if (quickSize < 1 || fullSize < 1 || maxRuns < 1) {
            throw new IllegalArgumentException(name + ": sizes and maxRuns must be at least 1");
        }
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.unit = Objects.requireNonNull(unit, "unit");
        this.quickSize = quickSize;
        this.fullSize = fullSize;
        this.quickByDefault = quickByDefault;
        this.maxRuns = maxRuns;
        this.pythonFile = Objects.requireNonNull(pythonFile, "pythonFile");
        this.mainClass = Objects.requireNonNull(mainClass, "mainClass");
        this.expected = Objects.requireNonNull(expected, "expected");
        this.needsServer = needsServer;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String unit() {
        return unit;
    }

    @Override
    public int size(Mode mode) {
        return mode == Mode.QUICK ? quickSize : fullSize;
    }

    @Override
    public boolean runsByDefault(Mode mode) {
        return mode == Mode.FULL || quickByDefault;
    }

    @Override
    public List<Model> models() {
        return List.of(Model.PYTHON_PROGRAM, Model.TANDEM_PROGRAM);
    }

    @Override
    public Object expected(int size) {
        return expected.apply(size);
    }

    /** Programs run as whole processes ({@link ProgramRace}), never inside the harness. */
    @Override
    public Object run(Model model, int size) {
        throw new UnsupportedOperationException(name + " is a whole program: ProgramRace runs it as a process");
    }

    /** The Python original, relative to the extracted scripts' directory ({@code programs/NAME.py}). */
    @Override
    public String pythonScript() {
        return pythonFile;
    }

    @Override
    public Map<String, String> pythonEnv(int size) {
        return Map.of();
    }

    @Override
    public int maxRuns() {
        return maxRuns;
    }

    /** The Tandem port's main class. */
    String mainClass() {
        return mainClass;
    }

    /** Whether the programs fetch from the local server (its base URL is their second argument). */
    boolean needsServer() {
        return needsServer;
    }

    /** The arguments both programs get: the size, then the server's base URL if they fetch (starting it). */
    List<String> arguments(int size) {
        List<String> args = new ArrayList<>(List.of(Integer.toString(size)));
        if (needsServer) {
            args.add(server.baseUrl());
        }
        return args;
    }

    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
