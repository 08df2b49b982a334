package io.tandem.spi;

/**
 * A backend's worker, as observers see it.
 *
 * @param id   the backend's own name for it, unique within the pool ("worker-3")
 * @param pid  its operating-system process id, or {@code -1} for a worker inside this JVM
 * @param host where it runs ("localhost", a cluster member's address)
 *
 * <p>Concurrency: an immutable record.
 */
public record WorkerInfo(String id, long pid, String host) {
    public WorkerInfo {
        java.util.Objects.requireNonNull(id, "id");
        java.util.Objects.requireNonNull(host, "host");
    }
}
