package io.tandem.process.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WorkerClassPathTest {
    @TempDir
    Path tmp;

    private Path jar(String name) throws IOException {
        return Files.writeString(tmp.resolve(name), "not really a jar");
    }

    private Path dir(String name, String... files) throws IOException {
        Path d = Files.createDirectories(tmp.resolve(name));
        for (String f : files) {
            Files.createDirectories(d.resolve(f).getParent());
            Files.writeString(d.resolve(f), "x");
        }
        return d;
    }

    private static String cp(Path... entries) {
        StringBuilder sb = new StringBuilder();
        for (Path p : entries) {
            if (!sb.isEmpty()) {
                sb.append(File.pathSeparator);
            }
            sb.append(p);
        }
        return sb.toString();
    }

    @Test
    void theUsersDirectoriesLeaveTheJvmClassPathWhenTandemComesFromJars() throws IOException {
        Path tandem = jar("tandem.jar");
        Path lib = jar("lib.jar");
        Path app = dir("app", "com/acme/Main.class");
        WorkerClassPath.Split split = WorkerClassPath.split(cp(tandem, app, lib));
        assertEquals(cp(tandem, lib), split.jvm(), "jars only: the JDK can make an AOT cache for it");
        assertEquals(app.toString(), split.directories());
    }

    @Test
    void nothingMovesWhenTandemOrItsPackagesComeFromADirectory() throws IOException {
        Path classes = dir("classes", "io/tandem/process/internal/WorkerMain.class");
        Path app = dir("app", "com/acme/Main.class");
        String all = cp(jar("lib.jar"), classes, app);
        assertEquals(new WorkerClassPath.Split(all, ""), WorkerClassPath.split(all));
    }

    @Test
    void nothingMovesWithoutBothJarsAndDirectories() throws IOException {
        String jars = cp(jar("a.jar"), jar("b.jar"));
        assertEquals(new WorkerClassPath.Split(jars, ""), WorkerClassPath.split(jars));
        String dirs = cp(dir("x", "A.class"), dir("y", "B.class"));
        assertEquals(new WorkerClassPath.Split(dirs, ""), WorkerClassPath.split(dirs));
        assertEquals(new WorkerClassPath.Split("", ""), WorkerClassPath.split(""));
    }

    @Test
    void aWorkerReadsTheMovedDirectoriesThroughItsContextClassLoader() throws Exception {
        Path app = dir("app", "data/hello.txt");
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        String old = System.getProperty(WorkerClassPath.DIRECTORIES);
        System.setProperty(WorkerClassPath.DIRECTORIES, app.toString());
        try {
            WorkerClassPath.install();
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            assertEquals("tandem-user-classes", loader.getName());
            assertEquals(app.resolve("data/hello.txt").toUri().toURL(), loader.getResource("data/hello.txt"));
            ((java.net.URLClassLoader) loader).close();
        } finally {
            Thread.currentThread().setContextClassLoader(before);
            if (old == null) {
                System.clearProperty(WorkerClassPath.DIRECTORIES);
            } else {
                System.setProperty(WorkerClassPath.DIRECTORIES, old);
            }
        }
    }
}
