package io.tandem.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Runs an example from the {@link Catalog} with its output captured, and reads that output. */
record ExampleOutput(String name, String text) {

    static ExampleOutput run(String name) throws Exception {
        Example example = Catalog.find(name).orElseThrow(() -> new AssertionError("no example " + name));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            example.main().run(out);
        }
        return new ExampleOutput(name, bytes.toString(StandardCharsets.UTF_8));
    }

    List<String> lines() {
        return text.lines().toList();
    }

    long count(String line) {
        return lines().stream().filter(line::equals).count();
    }

    void assertLine(String line) {
        assertTrue(lines().contains(line), () -> name + " should print \"" + line + "\"; it printed:\n" + text);
    }

    /** The first line matching {@code regex} entirely; fails if none does. */
    Matcher match(String regex) {
        Pattern pattern = Pattern.compile(regex);
        for (String line : lines()) {
            Matcher m = pattern.matcher(line);
            if (m.matches()) {
                return m;
            }
        }
        return fail(name + " should print a line matching /" + regex + "/; it printed:\n" + text);
    }
}
