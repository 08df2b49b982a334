package io.tandem.process;

import io.tandem.channel.Channel;
import io.tandem.test.AllowThreadLeaks;
import io.tandem.test.ChannelConformanceTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.TestAbortedException;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The channel conformance suite run inside a worker process, on a channel that lives here: every case of
 * {@link ChannelConformanceTest}, each as one task, with the suite's threads (senders, receivers,
 * interrupted waiters) started in the worker and every operation travelling to this process. The worker
 * runs the suite's own code, found by reflection, so a case added to the suite runs here too.
 */
@AllowThreadLeaks("one worker pool serves every case: its reader thread outlives each test method")
class ProcessChannelInWorkerConformanceTest {
    private static ProcessPool pool;

    @BeforeAll
    static void startWorker() throws InterruptedException {
        pool = ProcessPool.builder().workers(1).name("conformance").output(WorkerOutput.discard()).build();
        // create() returns before the worker is forked; the class's worker exists before any test's leak check
        assertTrue(pool.awaitReady(Duration.ofSeconds(60)), "the worker started");
    }

    @AfterAll
    static void stopWorker() {
        pool.close();
    }

    static Stream<String> cases() {
        return Arrays.stream(ChannelConformanceTest.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class))
                .map(Method::getName)
                .sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void inAWorker(String name) {
        ProcessChannel<Integer> ch = ProcessChannel.of(Channel.bounded(4));
        String outcome = pool.submit(() -> InWorker.run(name, ch)).join();
        ch.close(); // also keeps the channel referenced here until the case is done
        assumeTrue(outcome.equals("passed"), outcome);
    }

    @Test
    void theSuiteHasCasesToRun() {
        assertEquals(true, cases().count() > 20, "cases found: " + cases().toList());
    }

    /** The suite in the worker: its one channel is the handle the task brought. */
    static final class InWorker extends ChannelConformanceTest {
        private Channel<Integer> channel;

        private InWorker(Channel<Integer> channel) {
            this.channel = channel;
        }

        @Override
        protected Channel<Integer> newChannel() {
            Channel<Integer> c = channel;
            if (c == null) {
                throw new IllegalStateException("the case asked for a second channel; the task brought one");
            }
            channel = null;
            return c;
        }

        /** Runs case {@code name} as JUnit would (then its {@code @AfterEach}); "passed", or why it was skipped. */
        static String run(String name, Channel<Integer> ch) throws Exception {
            InWorker test = new InWorker(ch);
            Throwable failure = null;
            String outcome = "passed";
            try {
                Method m = ChannelConformanceTest.class.getDeclaredMethod(name);
                m.setAccessible(true);
                m.invoke(test);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof TestAbortedException skipped) {
                    outcome = "skipped in the worker: " + skipped.getMessage();
                } else {
                    failure = e.getCause();
                }
            }
            for (Method after : ChannelConformanceTest.class.getDeclaredMethods()) {
                if (after.isAnnotationPresent(AfterEach.class)) {
                    after.setAccessible(true);
                    try {
                        after.invoke(test);
                    } catch (InvocationTargetException e) {
                        if (failure == null) {
                            failure = e.getCause();
                        } else {
                            failure.addSuppressed(e.getCause());
                        }
                    }
                }
            }
            switch (failure) {
                case null -> {
                    return outcome;
                }
                case Exception e -> throw e;
                case Error e -> throw e;
                default -> throw new AssertionError(failure);
            }
        }
    }
}
