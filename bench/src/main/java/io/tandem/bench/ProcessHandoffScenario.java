package io.tandem.bench;

import io.tandem.Task;
import io.tandem.channel.Channel;
import io.tandem.process.ProcessChannel;
import io.tandem.process.ProcessPool;

import java.util.List;

/**
 * Seed 000's {@code multiprocessing.Queue} warm: a producer worker process sends {@code 1..N} through a
 * {@link ProcessChannel}, a consumer worker process adds them up; the parent closes the channel once the
 * producer is done (Python: the producer puts {@code None}). Both worker JVMs (and both Python processes)
 * are started before the timed runs, so this is the channel's throughput between processes; the
 * {@code program-process-queue} program race times the same thing from a fresh process.
 */
final class ProcessHandoffScenario implements Scenario {
    private final WarmProcessPool producers = new WarmProcessPool(() -> ProcessPool.create(1));
    private final WarmProcessPool consumers = new WarmProcessPool(() -> ProcessPool.create(1));

    @Override
    public String name() {
        return "process-handoff";
    }

    @Override
    public String description() {
        return "N items from a producer to a consumer process through a process queue (processes started before timing)";
    }

    @Override
    public String unit() {
        return "items";
    }

    @Override
    public int size(Mode mode) {
        return mode == Mode.QUICK ? 100_000 : 300_000;
    }

    /** Starting JVMs dominates a quick run; {@code --quick} runs it only when named ({@code --scenario}). */
    @Override
    public boolean runsByDefault(Mode mode) {
        return mode == Mode.FULL;
    }

    @Override
    public List<Model> models() {
        return List.of(Model.PROCESS_CHANNEL, Model.PY_MP_QUEUE);
    }

    @Override
    public Object expected(int size) {
        return (long) size * (size + 1) / 2;
    }

    @Override
    public String pythonScript() {
        return "process_handoff.py";
    }

    @Override
    public Object run(Model model, int size) throws Exception {
        if (!model.id().equals("process-channel")) {
            throw new UnsupportedOperationException(name() + " has no Java model " + model.id());
        }
        ProcessChannel<Long> queue = ProcessChannel.of(Channel.unbounded());
        Task<Void> producer = producers.get().submit(() -> {
            for (long i = 1; i <= size; i++) {
                queue.send(i);
            }
            return null;
        });
        Task<Long> consumer = consumers.get().submit(() -> {
            long total = 0;
            for (long item : queue) {
                total += item;
            }
            return total;
        });
        producer.join();
        queue.close();
        return consumer.join();
    }

    @Override
    public void release(Model model) {
        try {
            producers.close();
        } finally {
            consumers.close();
        }
    }
}
