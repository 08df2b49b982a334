package io.tandem.cluster.internal;

import io.tandem.RetryPolicy;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/* A cluster pool's settings, checked by ClusterPool.Builder and frozen here. */
public record ClusterConfig(String name, String clusterName, String bind, List<String> join, Secret secret,
                            Duration detection, RetryPolicy retry, int depth, Duration noMemberTimeout,
                            Duration joinTimeout, int minMembers, int localMembers, int localCores,
                            List<String> localJvmOptions, PrintStream log) {
    public ClusterConfig {
        join = List.copyOf(join);
        localJvmOptions = List.copyOf(localJvmOptions);
    }
}
