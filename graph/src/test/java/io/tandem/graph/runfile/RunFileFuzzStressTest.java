package io.tandem.graph.runfile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The long run of {@link RunFileFuzzTest}: a new seed every run (printed on failure; replay with
 * {@code -Dtandem.fuzzSeed=N}), 20,000 cases times {@code tandem.stressScale}. Runs in the stress layer of
 * {@code verify}.
 */
class RunFileFuzzStressTest {
    private static final int SCALE = Integer.getInteger("tandem.stressScale", 1);

    @TempDir
    Path dir;

    @Test
    void mutatedRunFilesUnderManySeeds() throws Exception {
        long seed = Long.getLong("tandem.fuzzSeed", System.nanoTime());
        RunFileFuzzTest.fuzz(seed, 20_000 * SCALE, dir);
    }
}
