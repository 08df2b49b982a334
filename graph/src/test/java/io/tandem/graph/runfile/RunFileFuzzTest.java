package io.tandem.graph.runfile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run-file parser under {@link RunFileFuzz}'s mutations: a fixed seed by default, so every build checks
 * the same cases (a few seconds); {@code -Dtandem.fuzzSeed=N} replays or explores another seed. The long
 * run is {@link RunFileFuzzStressTest}.
 */
class RunFileFuzzTest {
    static final long DEFAULT_SEED = 0x7a_de_12L;

    @TempDir
    Path dir;

    @Test
    void mutatedRunFilesAreAcceptedAsWrittenOrRefusedWithARunFileException() throws Exception {
        fuzz(Long.getLong("tandem.fuzzSeed", DEFAULT_SEED), 3000, dir);
    }

    static void fuzz(long seed, int cases, Path dir) throws Exception {
        Random master = new Random(seed);
        ExecutorService parser = RunFileFuzz.parserThread();
        try {
            int accepted = 0;
            for (int i = 0; i < cases; i++) {
                long caseSeed = master.nextLong();
                Random r = new Random(caseSeed);
                String note = "seed " + seed + " (-Dtandem.fuzzSeed=" + seed + "), case " + i;
                String valid;
                String text;
                try {
                    valid = RunFileFuzz.validFile(r);
                    text = RunFileFuzz.mutate(valid, r);
                } catch (RuntimeException e) {
                    throw new AssertionError("the fuzzer itself threw " + e + "; " + note, e);
                }
                // the unmutated file must be accepted as written; then a mutation of it
                if (!RunFileFuzz.check(valid, dir, parser, note + " (unmutated)")) {
                    throw new AssertionError("a generated valid file was refused; " + note + "\n" + RunFileFuzz.show(valid));
                }
                if (RunFileFuzz.check(text, dir, parser, note)) {
                    accepted++;
                }
            }
            // a mutation that never lands on an acceptable file would test only the error path
            assertTrue(accepted > cases / 20, "only " + accepted + " of " + cases + " mutated files were accepted");
        } finally {
            parser.shutdownNow();
            assertTrue(parser.awaitTermination(30, TimeUnit.SECONDS), "the parser thread ended");
        }
    }
}
