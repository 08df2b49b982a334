package io.tandem;

import io.tandem.test.FakeClock;
import io.tandem.test.TestThreads;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressTest {
    private final FakeClock clock = new FakeClock();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The last line drawn, without the carriage return and padding. */
    private String lastDrawn() {
        String all = output();
        return all.substring(all.lastIndexOf('\r') + 1).stripTrailing();
    }

    private int draws() {
        return (int) output().chars().filter(c -> c == '\r').count();
    }

    @Test
    void drawsLabelBarCountPercentRateAndEta() {
        Progress p = Progress.to(out, "download", clock);
        p.addTotal(1000);
        assertEquals("download [--------------------]    0/1000    0.0%  -/s  ETA -:--", lastDrawn());
        clock.advance(Duration.ofSeconds(36));
        p.step(450);
        assertEquals("download [#########-----------]  450/1000   45.0%  12.5/s  ETA 0:44", lastDrawn());
        clock.advance(Duration.ofSeconds(44));
        p.step(550);
        assertEquals("download [####################] 1000/1000  100.0%  12.5/s  ETA 0:00", lastDrawn());
        p.close();
        assertEquals("download [####################] 1000/1000  100.0%  12.5/s  in 1:20", lastDrawn());
        assertTrue(output().endsWith(System.lineSeparator()), "close ends the line");
    }

    @Test
    void withoutTotalShowsCountRateAndElapsed() {
        Progress p = Progress.to(out, "items", clock);
        clock.advance(Duration.ofHours(1).plusSeconds(62));
        p.step(3662);
        assertEquals("items 3662  1.0/s  elapsed 1:01:02", lastDrawn());
    }

    @Test
    void drawsAtMostOncePer100Milliseconds() {
        Progress p = Progress.to(out, "x", clock);
        p.addTotal(10_000);
        for (int i = 0; i < 10_000; i++) {
            p.step();
            clock.advanceNanos(1_000_000); // 1 ms per step: 10 s in all
        }
        int draws = draws();
        assertTrue(draws >= 99 && draws <= 101, "draws: " + draws);
        assertEquals(10_000, p.done());
    }

    @Test
    void shorterLineOverwritesTheLongerOneCompletely() {
        Progress p = Progress.to(out, "x", clock);
        p.step(123_456_789);
        clock.advance(Duration.ofSeconds(1));
        p.close();
        String all = output();
        String last = all.substring(all.lastIndexOf('\r') + 1);
        String first = all.substring(1, all.lastIndexOf('\r'));
        assertTrue(last.length() - System.lineSeparator().length() >= first.length(), "padded: " + all);
    }

    @Test
    void closeIsIdempotentAndLaterStepsAreCountedButNotDrawn() {
        Progress p = Progress.to(out, "x", clock);
        p.addTotal(2);
        p.close();
        String closed = output();
        p.close();
        clock.advance(Duration.ofSeconds(1));
        p.step(2);
        assertEquals(closed, output());
        assertEquals(2, p.done());
        assertEquals(2, p.total());
    }

    @Test
    void silentAndNonTerminalBarsCountOnly() {
        try (Progress silent = Progress.silent(); Progress bar = Progress.bar("tests", 5)) {
            silent.addTotal(3);
            silent.step();
            bar.step(2);
            bar.addTotal(1);
            assertEquals(1, silent.done());
            assertEquals(3, silent.total());
            assertEquals(2, bar.done());
            assertEquals(6, bar.total());
        }
    }

    @Test
    void countsFromManyThreadsWithoutLosingSteps() {
        Progress p = Progress.to(out, "x", clock);
        TestThreads.run(4, index -> {
            for (int i = 0; i < 20_000; i++) {
                p.step();
                if (i % 100 == 0) {
                    clock.advance(Duration.ofMillis(10));
                }
            }
        });
        p.close();
        assertEquals(80_000, p.done());
        assertTrue(lastDrawn().startsWith("x 80000 "), lastDrawn());
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> Progress.bar("x", -1));
        assertThrows(NullPointerException.class, () -> Progress.bar(null));
        assertThrows(NullPointerException.class, () -> Progress.to(null, "x", clock));
        Progress p = Progress.silent();
        assertThrows(IllegalArgumentException.class, () -> p.step(-1));
        assertThrows(IllegalArgumentException.class, () -> p.addTotal(-1));
    }
}
