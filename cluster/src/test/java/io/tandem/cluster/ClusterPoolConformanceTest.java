package io.tandem.cluster;

import io.tandem.Task;
import io.tandem.TaskPool;
import io.tandem.test.TaskPoolConformanceTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * The pool conformance suite over a real cluster: two member JVMs started once for the class (as
 * {@code tandem worker} would run them), and a fresh ClusterPool joining them for every test.
 */
class ClusterPoolConformanceTest extends TaskPoolConformanceTest {
    private static final String SECRET = "conformance-secret-123";
    private static MemberProcesses members;

    @BeforeAll
    static void startMembers() throws Exception {
        members = MemberProcesses.start(2, SECRET);
    }

    @AfterAll
    static void stopMembers() throws Exception {
        members.close();
    }

    @Override
    protected TaskPool newPool(BiConsumer<Task<?>, Throwable> h) {
        return ClusterPool.builder().join(members.addresses.toArray(String[]::new)).secret(SECRET).minMembers(2)
                .joinTimeout(Duration.ofSeconds(30)).uncaughtFailureHandler(h).build();
    }

    @Override
    protected int lazyWindowChunks(TaskPool p) {
        return Math.max(16, p.parallelism() * 32);
    }
}
