package io.tandem.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link CliFuzz} on every build: a fixed seed (the same cases each time, about 10 s);
 * {@code -Dtandem.fuzzSeed=N} replays or explores another. The long run is {@link CliFuzzStressTest}.
 */
class CliFuzzTest {
    static final long DEFAULT_SEED = 0xc11_12L;

    @TempDir
    Path dir;

    @Test
    void badCommandLinesAndMutatedRunFilesKeepTheContract() throws Exception {
        fuzz(Long.getLong("tandem.fuzzSeed", DEFAULT_SEED), 400, 40, dir);
    }

    static void fuzz(long seed, int commandLines, int runFiles, Path dir) throws Exception {
        CliFuzz fuzz = new CliFuzz(dir);
        try {
            Random master = new Random(seed);
            int[] statuses = new int[3];
            for (int i = 0; i < commandLines + runFiles; i++) {
                Random r = new Random(master.nextLong());
                String note = "seed " + seed + " (-Dtandem.fuzzSeed=" + seed + "), case " + i;
                try {
                    if (i < commandLines) {
                        fuzz.checkBadArgs(r, note);
                    } else {
                        statuses[fuzz.checkRunFile(r, i, note)]++;
                    }
                } catch (AssertionError e) {
                    throw e;
                } catch (Exception e) {
                    throw new AssertionError("fuzz case threw " + e + "; " + note, e);
                }
            }
            // mutations that never leave a runnable file (or never break one) would test only one side
            assertTrue(runFiles < 20 || statuses[0] > 0 && statuses[2] > 0,
                    "run files: " + statuses[0] + " ran, " + statuses[1] + " failed, " + statuses[2] + " refused; seed " + seed);
        } finally {
            fuzz.close();
        }
    }
}
