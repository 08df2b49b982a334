package io.tandem.cluster.internal;

import io.tandem.RetryPolicy;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/* A cluster pool's settings, checked by ClusterPool.Builder and frozen here. */
public record ClusterConfig(String name, String clusterName, String bind, List<String> join, Secret secret,
                            Duration detection, RetryPolicy retry, int depth, Duration noMemberTimeout,
                            Duration joinTimeout, int minMembers, int localMembers, int localCores,
                            List<String> localJvmOptions, java.util.Map<String, Integer> require,
                            java.util.Map<String, Integer> localResources, PrintStream log) {
    public ClusterConfig {
        join = List.copyOf(join);
        require = java.util.Map.copyOf(require);
        localResources = java.util.Map.copyOf(localResources);
        localJvmOptions = List.copyOf(localJvmOptions);
    }
}
