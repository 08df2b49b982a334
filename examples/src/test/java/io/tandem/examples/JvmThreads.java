package io.tandem.examples;

/**
 * Starts the threads the JVM and JUnit create once, lazily, on first use (the virtual-thread
 * scheduler's unblocker and delay scheduler; JUnit's timeout watcher starts with the first
 * {@code @BeforeAll} that has a timeout), so the leak check of the first test does not count them:
 * they belong to the JVM, not to the example. Call it from {@code @BeforeAll}.
 */
final class JvmThreads {
    private JvmThreads() {
    }

    static void startShared() throws InterruptedException {
        Thread.ofVirtual().start(() -> Pause.millis(1)).join();
    }
}
