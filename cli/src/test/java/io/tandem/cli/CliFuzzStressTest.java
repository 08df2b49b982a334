package io.tandem.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The long run of {@link CliFuzzTest}: a new seed every run (printed on failure; replay with
 * {@code -Dtandem.fuzzSeed=N}), 4,000 command lines and 300 run files times {@code tandem.stressScale}.
 * Runs in the stress layer of {@code verify}.
 */
class CliFuzzStressTest {
    private static final int SCALE = Integer.getInteger("tandem.stressScale", 1);

    @TempDir
    Path dir;

    @Test
    void badCommandLinesAndMutatedRunFilesUnderManySeeds() throws Exception {
        CliFuzzTest.fuzz(Long.getLong("tandem.fuzzSeed", System.nanoTime()), 4_000 * SCALE, 300 * SCALE, dir);
    }
}
