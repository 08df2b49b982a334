package io.tandem.process.internal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/*
 * How a worker JVM finds classes: the parent's class path, split in two.
 *
 * Worker start-up is mostly class loading, which the JDK's AOT cache removes (AotCache), but the JDK makes
 * no cache for a class path holding a non-empty directory, and a user's program often has one (`java -cp
 * tandem.jar:. Main`, an IDE's or a build's target/classes). So when Tandem itself comes from jars, the
 * user's directories leave the worker's -cp: the JVM's class path is jars only (cacheable, and the cache is
 * shared by every program with the same jars), and the directories are read by a class loader the worker
 * installs as every thread's context class loader, which the codecs resolve classes through.
 *
 * Directories stay on -cp when Tandem's own classes are in a directory (a build or a test run: then
 * nothing is cached anyway) or when a directory holds io.tandem classes (package-private access needs
 * them in the same loader as the rest of their package).
 */
final class WorkerClassPath {
    /** System property carrying the moved directories to the worker. */
    static final String DIRECTORIES = "tandem.worker.classDirectories";

    private WorkerClassPath() {
    }

    /** The parent's class path split for a worker: {@code jvm} for -cp, {@code directories} for the loader. */
    record Split(String jvm, String directories) {
    }

    static Split split(String classPath) {
        if (classPath == null || classPath.isEmpty()) {
            return new Split(classPath == null ? "" : classPath, "");
        }
        String[] entries = classPath.split(File.pathSeparator);
        List<String> jars = new ArrayList<>();
        List<String> dirs = new ArrayList<>();
        for (String e : entries) {
            Path p = Path.of(e);
            if (Files.isDirectory(p)) {
                if (Files.exists(p.resolve("io").resolve("tandem"))) {
                    return new Split(classPath, ""); // Tandem (or classes in its packages) from a directory
                }
                dirs.add(e);
            } else {
                jars.add(e);
            }
        }
        if (dirs.isEmpty() || jars.isEmpty()) {
            return new Split(classPath, "");
        }
        return new Split(String.join(File.pathSeparator, jars), String.join(File.pathSeparator, dirs));
    }

    /**
     * In a worker: installs the loader for the directories the parent moved off -cp as the context class
     * loader of this thread (and so of every thread it starts). Nothing to do when none were moved.
     */
    static void install() {
        String dirs = System.getProperty(DIRECTORIES, "");
        if (dirs.isEmpty()) {
            return;
        }
        List<URL> urls = new ArrayList<>();
        for (String d : dirs.split(File.pathSeparator)) {
            try {
                urls.add(Path.of(d).toUri().toURL());
            } catch (MalformedURLException e) {
                throw new UncheckedIOException(new IOException("bad class directory " + d, e));
            }
        }
        ClassLoader loader = new URLClassLoader("tandem-user-classes", urls.toArray(URL[]::new), WorkerMain.class.getClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
    }
}
