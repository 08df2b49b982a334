/**
 * Tandem graph: task graphs with priorities, dependencies, resources, retries and timeouts, scheduled
 * over any {@link io.tandem.TaskPool} (threads, virtual threads, worker processes: the scheduler asks a
 * pool for its {@linkplain io.tandem.spi.Capability capabilities}, never for its class). Exports
 * {@code io.tandem.graph} (the graph API) and {@code io.tandem.graph.runfile} (run files, the front end
 * of {@code tandem run}); {@code io.tandem.graph.internal} is exported to nobody.
 */
module io.tandem.graph {
    requires transitive io.tandem.core;
    requires org.snakeyaml.engine.v2;
    requires com.fasterxml.jackson.core;
    requires java.net.http;

    exports io.tandem.graph;
    exports io.tandem.graph.runfile;
}
