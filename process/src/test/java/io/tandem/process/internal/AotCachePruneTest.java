package io.tandem.process.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A rebuilt jar makes a new 25-30 MB AOT cache: publishing one keeps the few most recently used only. */
class AotCachePruneTest {

    @Test
    void keepsTheMostRecentlyUsedCachesAndRecentTrainingFiles(@TempDir Path dir) throws Exception {
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        for (int i = 0; i < 7; i++) {
            file(dir, "worker-cache" + i + ".aot", now.minus(Duration.ofHours(i)));
        }
        file(dir, "worker-old.123.tmp.config", now.minus(Duration.ofHours(1)));   // a killed training run
        file(dir, "worker-busy.456.tmp", now.minus(Duration.ofMinutes(1)));       // a training run in progress
        file(dir, "worker-busy.lock", now.minus(Duration.ofMinutes(1)));
        file(dir, "worker-dead.lock", now.minus(Duration.ofHours(2)));
        file(dir, "notes.txt", now.minus(Duration.ofDays(30)));                   // not ours: never touched

        AotCache.prune(dir, now);

        Set<String> left;
        try (Stream<Path> s = Files.list(dir)) {
            left = s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        assertEquals(Set.of("worker-cache0.aot", "worker-cache1.aot", "worker-cache2.aot", "worker-cache3.aot",
                "worker-busy.456.tmp", "worker-busy.lock", "notes.txt"), left);
        assertEquals(4, AotCache.KEEP);
    }

    private static void file(Path dir, String name, Instant modified) throws Exception {
        Path p = Files.writeString(dir.resolve(name), name);
        Files.setLastModifiedTime(p, FileTime.from(modified));
    }
}
