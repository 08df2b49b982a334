package io.tandem.examples;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of the {@link Catalog}: a short kebab-case {@code name} (what {@code tandem examples NAME}
 * takes), the {@code seed} article(s) and example it ports, a one-line {@code description}, and the
 * {@code main} that runs it. Immutable.
 *
 * @param name        kebab-case name, for example {@code producer-consumer}
 * @param seed        the seed article(s) and the example in them, for example {@code 000 queue example}
 * @param description what the example shows, in one line
 * @param main        runs the example, printing on the stream it is given
 */
public record Example(String name, String seed, String description, ExampleMain main) {
    private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public Example {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(main, "main");
        if (!KEBAB.matcher(name).matches()) {
            throw new IllegalArgumentException("example name must be kebab-case (like 'unsafe-counter'), got '" + name + "'");
        }
    }
}
