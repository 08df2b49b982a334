package io.tandem.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Module boundaries hold for every Tandem module, including the ones javac does not compile as modules: this
 * test sees them all on its class path (cli depends on every other module). Core, process, io and graph must be
 * explicit modules (javac enforces their {@code requires} and exports); the rest are listed here with a reason
 * and their bytecode may use only packages that their modules export to everybody ({@link ModuleBoundaries}).
 */
class ModuleBoundariesTest {
    /** Tandem's modules that are not compiled as modules, by root package, and why. */
    private static final Map<String, String> NON_MODULAR = Map.of(
            "io.tandem.examples", "runnable ports of the seed articles' examples, run from the class path",
            "io.tandem.bench", "the benchmark harness, run from the class path and shaded with JMH",
            "io.tandem.cli", "the command line, shipped as one shaded jar that drops every module-info");
    private static final Set<String> MUST_BE_MODULES = Set.of("io.tandem.core", "io.tandem.process", "io.tandem.io",
            "io.tandem.graph");

    private static List<Path> classPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of).toList();
    }

    /** Main code of Tandem modules: holds io.tandem classes, and is not a test output or test jar. */
    private static List<Path> tandemMainCode() {
        return classPath().stream()
                .filter(p -> !p.endsWith("test-classes") && !p.getFileName().toString().endsWith("-tests.jar"))
                .filter(p -> ModuleBoundaries.holdsPackage(p, "io.tandem"))
                .toList();
    }

    @Test
    void everyTandemModuleIsCompiledAsAModuleOrListedWithAReason() {
        Set<String> modules = new TreeSet<>();
        Set<String> nonModular = new TreeSet<>();
        List<String> unexplained = new ArrayList<>();
        for (Path p : tandemMainCode()) {
            if (ModuleBoundaries.isModule(p)) {
                modules.add(java.lang.module.ModuleFinder.of(p).findAll().iterator().next().descriptor().name());
            } else {
                NON_MODULAR.keySet().stream().filter(pkg -> ModuleBoundaries.holdsPackage(p, pkg)).findFirst()
                        .ifPresentOrElse(nonModular::add, () -> unexplained.add(p.toString()));
            }
        }
        assertTrue(unexplained.isEmpty(), "main code with io.tandem classes but no module-info.class: " + unexplained
                + "; add a module-info.java, or list the module in NON_MODULAR with the reason it cannot be one");
        assertTrue(modules.containsAll(MUST_BE_MODULES), "explicit modules on the class path: " + modules);
        assertEquals(NON_MODULAR.keySet(), nonModular, "every listed non-modular module is checked by bytecode");
    }

    @Test
    void codeOutsideModulesUsesOnlyPackagesTheirModulesExport() {
        List<Path> cp = classPath();
        ModuleBoundaries boundaries = new ModuleBoundaries(cp.stream().filter(ModuleBoundaries::isModule).toList());
        List<ModuleBoundaries.Violation> violations = new ArrayList<>();
        for (Path p : tandemMainCode()) {
            if (!ModuleBoundaries.isModule(p)) {
                violations.addAll(boundaries.check(p));
            }
        }
        assertTrue(violations.isEmpty(), violations.size() + " use(s) of unexported packages (an *.internal package is "
                + "reached through the SPI or an exported API, never directly):\n  "
                + String.join("\n  ", violations.stream().map(Object::toString).toList()));
    }

    @Test
    void theCheckCatchesUsesOfInternalPackagesAndAcceptsExportedOnes(@TempDir Path dir) throws IOException {
        probe(dir, "probe.UsesProcessInternal", "io.tandem.process.internal.SharedSegment");
        probe(dir, "probe.UsesJdkInternal", "jdk.internal.misc.Unsafe");
        probe(dir, "probe.UsesExportedApi", "io.tandem.process.ProcessPool");
        ModuleBoundaries boundaries = new ModuleBoundaries(classPath().stream().filter(ModuleBoundaries::isModule).toList());
        List<String> found = boundaries.check(dir).stream().map(Object::toString).sorted().toList();
        assertEquals(List.of(
                "probe.UsesJdkInternal uses jdk.internal.misc.Unsafe, but module java.base does not export jdk.internal.misc",
                "probe.UsesProcessInternal uses io.tandem.process.internal.SharedSegment, but module io.tandem.process "
                        + "does not export io.tandem.process.internal"), found);
    }

    /** Writes a class {@code name} with one field of type {@code uses}: the reference sits in its constant pool. */
    private static void probe(Path dir, String name, String uses) throws IOException {
        byte[] bytes = ClassFile.of().build(ClassDesc.of(name),
                cb -> cb.withField("field", ClassDesc.of(uses), ClassFile.ACC_PRIVATE));
        Path file = dir.resolve(name.replace('.', '/') + ".class");
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }
}
