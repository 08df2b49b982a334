package io.tandem.examples;

import java.io.PrintStream;

/**
 * The body of a runnable example: runs it to the end, printing what it has to say on {@code out}.
 * Every example in {@link Catalog} has one, so the CLI ({@code tandem examples NAME}) and the tests run
 * exactly the code a reader sees; each example class also has a {@code main} that runs it on
 * {@link System#out}.
 *
 * <p>Threads: an example may print on {@code out} from several threads at once ({@link PrintStream} is
 * thread-safe line by line); it returns only once every thread, pool and server it started has ended.
 */
@FunctionalInterface
public interface ExampleMain {

    /** Runs the example, printing on {@code out}; throws whatever made it fail. */
    void run(PrintStream out) throws Exception;
}
