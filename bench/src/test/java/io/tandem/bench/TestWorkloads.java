package io.tandem.bench;

import java.util.List;
import java.util.stream.IntStream;

/** Workloads for {@link WorkloadScenarioTest}: one good one and one for every mistake a user can make. */
public final class TestWorkloads {
    private TestWorkloads() {
    }

    /** A good workload: the square of each of 40 numbers as a string. */
    public static final class Squares implements Workload<Integer, String> {
        @Override
        public List<Integer> items() {
            return IntStream.range(0, 40).boxed().toList();
        }

        @Override
        public String run(Integer item) {
            return Long.toString((long) item * item);
        }
    }

    /** Results differ between JVMs (an identity hash of a per-JVM object): every forked model must be WRONG. */
    public static final class DiffersPerJvm implements Workload<Integer, Integer> {
        private static final Object PER_JVM = new Object();

        @Override
        public List<Integer> items() {
            return List.of(1, 2, 3);
        }

        @Override
        public Integer run(Integer item) {
            return item + System.identityHashCode(PER_JVM) + (int) ProcessHandle.current().pid();
        }
    }

    /** Not a workload at all. */
    public static final class NotAWorkload {
    }

    /** A workload with nothing to do. */
    public static final class NoItems implements Workload<Integer, Integer> {
        @Override
        public List<Integer> items() {
            return List.of();
        }

        @Override
        public Integer run(Integer item) {
            return item;
        }
    }

    /** prepare() throws: the user must see their own message. */
    public static final class FailingPrepare implements Workload<Integer, Integer> {
        @Override
        public void prepare() {
            throw new IllegalStateException("model file weights.bin is missing");
        }

        @Override
        public List<Integer> items() {
            return List.of(1);
        }

        @Override
        public Integer run(Integer item) {
            return item;
        }
    }

    /** Fails on one item: the model is FAILED with the item named. */
    public static final class FailsOnSeven implements Workload<Integer, Integer> {
        @Override
        public List<Integer> items() {
            return IntStream.range(0, 10).boxed().toList();
        }

        @Override
        public Integer run(Integer item) {
            if (item == 7 && Boolean.getBoolean("tandem.test.fail")) {
                throw new IllegalArgumentException("cannot handle 7");
            }
            return item;
        }
    }
}
