/**
 * Tandem cluster: the same {@link io.tandem.TaskPool} across machines. Members are JVMs joined through
 * embedded Hazelcast CE (membership, transport, replicated state); Tandem places each task, keeps the
 * in-flight record, re-runs the tasks of a member that left, seals every payload with the cluster's secret
 * (AES-GCM) and ships classes from the submitter. Only {@code io.tandem.cluster} is exported.
 */
module io.tandem.cluster {
    requires transitive io.tandem.core;
    requires io.tandem.process;
    requires com.hazelcast.core;
    requires java.logging;
    requires java.management;

    exports io.tandem.cluster;
}
