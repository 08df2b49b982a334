package io.tandem.bench;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The catalogue of scenarios, in the order {@code tandem bench} runs them. */
public final class Scenarios {
    private static final List<Scenario> ALL = List.of(
            new TinyMapScenario(),
            new TinySubmitScenario(),
            new PrimesScenario(),
            new FactorialsScenario(),
            new MeanColumnScenario(),
            new SleepsScenario("sleeps", 10_000, true),
            new SleepsScenario("sleeps-100k", 100_000, false),
            new SleepsScenario("sleeps-1m", 1_000_000, false),
            new HandoffScenario(),
            new TinyProcessScenario(),
            new CounterScenario(),
            new ProcessRoundTripScenario(),
            new SpawnScenario(),
            new RecoveryScenario());

    private Scenarios() {
    }

    public static List<Scenario> all() {
        return ALL;
    }

    public static Optional<Scenario> byName(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** "tiny-map, tiny-submit, ..." for error messages. */
    public static String names() {
        return ALL.stream().map(Scenario::name).collect(Collectors.joining(", "));
    }
}
