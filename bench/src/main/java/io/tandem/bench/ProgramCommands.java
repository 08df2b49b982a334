package io.tandem.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * How {@link ProgramRace} starts the two sides of a program, without their arguments. The default
 * ({@link #of(PythonBaselines)}) is what a user types: {@code python3 PROGRAM.py} (the interpreter
 * {@link PythonBaselines} found) and {@code java -cp CLASSPATH MAIN} with the harness's own JDK and class
 * path (Tandem's jars and the ports) and no JVM options at all. Tests substitute their own commands.
 * Immutable.
 *
 * @param python            the Python side's command for a program
 * @param tandem            the Tandem side's command for a program
 * @param pythonUnavailable why the Python side cannot run here (SKIPPED), or null when it can
 */
record ProgramCommands(Function<ProgramScenario, List<String>> python, Function<ProgramScenario, List<String>> tandem,
                       String pythonUnavailable) {

    ProgramCommands {
        Objects.requireNonNull(python, "python");
        Objects.requireNonNull(tandem, "tandem");
    }

    /** {@code python3 SCRIPT} and {@code JAVA -cp CLASSPATH MAIN}: the commands a user runs. */
    static ProgramCommands of(PythonBaselines python) {
        return new ProgramCommands(
                s -> {
                    try {
                        return List.of(python.interpreter(), python.script(s.pythonScript()).toString());
                    } catch (IOException e) {
                        throw new UncheckedIOException("could not extract " + s.pythonScript(), e);
                    }
                },
                s -> List.of(java().toString(), "-cp", System.getProperty("java.class.path"), s.mainClass()),
                python.available() ? null : python.unavailableReason());
    }

    /** The {@code java} launcher of the JDK running the harness: the one {@code ./tandem} found for the user. */
    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
