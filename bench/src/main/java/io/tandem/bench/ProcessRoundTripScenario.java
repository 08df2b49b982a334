package io.tandem.bench;

import io.tandem.process.ProcessPool;

import java.util.List;

/**
 * Latency, not throughput: one task in flight at a time to one worker JVM, so every task pays a full round
 * trip (encode, socket write, worker wake-up, run, encode the result, socket write, parent wake-up,
 * decode). {@code process} submits a lambda and joins it before the next; {@code process-map1} maps on a
 * pool with {@code pipelineDepth(1)} and chunk size 1 (the function travels once, then only items). The
 * baseline {@code raw-uds} is the transport alone, measured in the same run: an 8-byte echo over a
 * Unix-domain socket to a child JVM. Workers and the echo child are started before the timed runs.
 */
final class ProcessRoundTripScenario implements Scenario {
    private final WarmProcessPool submitPool = new WarmProcessPool(() -> ProcessPool.create(1));
    private final WarmProcessPool mapPool = new WarmProcessPool(
            () -> ProcessPool.builder().workers(1).pipelineDepth(1).build());
    private RawChild raw;

    @Override
    public String name() {
        return "process-roundtrip";
    }

    @Override
    public String description() {
        return "N tasks x -> x*x to one worker JVM, one in flight at a time (per-task round trip)";
    }

    @Override
    public String unit() {
        return "round trips";
    }

    @Override
    public int size(Mode mode) {
        return mode == Mode.QUICK ? 2_000 : 20_000;
    }

    /** Starting JVMs dominates; {@code --quick} runs it only when named ({@code --scenario}), to stay under a minute. */
    @Override
    public boolean runsByDefault(Mode mode) {
        return mode == Mode.FULL;
    }

    @Override
    public List<Model> models() {
        return List.of(Model.PROCESS, Model.PROCESS_MAP1, Model.RAW_UDS);
    }

    @Override
    public Object expected(int size) {
        return Workloads.sumOfSquares(size);
    }

    @Override
    public Object run(Model model, int size) throws Exception {
        long sum = 0;
        switch (model.id()) {
            case "process" -> {
                ProcessPool pool = submitPool.get();
                for (long i = 0; i < size; i++) {
                    long x = i;
                    sum += pool.submit(() -> x * x).join();
                }
            }
            case "process-map1" -> {
                for (long s : mapPool.get().map(x -> x * x, Workloads.longs(size), 1)) {
                    sum += s;
                }
            }
            case "raw-uds" -> {
                if (raw == null) {
                    raw = RawChild.start(1);
                }
                for (long i = 0; i < size; i++) {
                    long x = raw.echo(i);
                    sum += x * x;
                }
            }
            default -> throw new UnsupportedOperationException(name() + " has no Java model " + model.id());
        }
        return sum;
    }

    @Override
    public void release(Model model) {
        try {
            submitPool.close();
            mapPool.close();
        } finally {
            if (raw != null) {
                raw.close();
                raw = null;
            }
        }
    }
}
