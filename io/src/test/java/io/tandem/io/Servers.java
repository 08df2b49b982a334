package io.tandem.io;

/**
 * Test fixture helpers. Helidon keeps one JVM-wide daemon timer ("helidon-idle-connection-timer"),
 * started by the first server and never stopped; {@link #warmUp()} starts it before any test's thread
 * snapshot so ConcurrencyHygiene does not count it as a thread leaked by that test.
 */
final class Servers {
    private static volatile boolean warm;

    private Servers() {
    }

    static void warmUp() {
        if (!warm) {
            HttpServer.builder().get("/", r -> Response.status(204)).start().close();
            warm = true;
        }
    }
}
