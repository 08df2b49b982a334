/**
 * Tandem graph: task graphs with priorities, dependencies, resources, retries and timeouts, scheduled
 * over any {@link io.tandem.TaskPool} (threads, virtual threads, worker processes). Only
 * {@code io.tandem.graph} is exported.
 */
module io.tandem.graph {
    requires transitive io.tandem.core;
    requires io.tandem.process;
    requires org.snakeyaml.engine.v2;
    requires com.fasterxml.jackson.core;
    requires java.net.http;

    exports io.tandem.graph;
}
