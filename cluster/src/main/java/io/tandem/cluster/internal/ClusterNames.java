package io.tandem.cluster.internal;

/* Names shared by every Tandem process of a cluster. */
final class ClusterNames {
    static final String EXECUTOR = "tandem";
    static final String DEFAULT_CLUSTER = "tandem";

    private ClusterNames() {
    }
}
