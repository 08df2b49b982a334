/**
 * Tandem dashboard: see the work. A live page ({@link io.tandem.dashboard.Dashboard}) served by the JDK's
 * HTTP server and pushed by server-sent events, Chrome trace-event files
 * ({@link io.tandem.dashboard.Recording#writeChromeTrace}) and JFR events ({@link io.tandem.dashboard.JfrEvents})
 * for every pool, scope and task graph of the JVM. It observes pools through core's
 * {@link io.tandem.Monitor} and graphs through {@link io.tandem.graph.GraphObservers}, never their classes.
 */
module io.tandem.dashboard {
    requires transitive io.tandem.core;
    requires transitive io.tandem.graph;
    requires jdk.httpserver;
    requires jdk.jfr;
    requires com.fasterxml.jackson.core;

    exports io.tandem.dashboard;
}
