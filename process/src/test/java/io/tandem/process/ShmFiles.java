package io.tandem.process;

import io.tandem.process.internal.SharedSegment;
import io.tandem.process.internal.TandemFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The shared-memory files this JVM created and has not deleted. */
final class ShmFiles {
    private ShmFiles() {
    }

    static Set<Path> ours() {
        String prefix = TandemFiles.prefix(); // tandem-<this pid>-: another JVM's files are not ours
        try (Stream<Path> files = Files.list(SharedSegment.directory())) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
