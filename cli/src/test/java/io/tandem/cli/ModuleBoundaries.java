package io.tandem.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ConstantPool;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Module boundaries for code that javac does not compile as a module (examples, bench, cli run from the class
 * path and the CLI's shaded jar drops every module-info): reads the compiled classes' constant pools and reports
 * each reference to a package that its module does not export to everybody ({@code *.internal} included, and
 * JDK internals), which is what javac and the module system would reject for a named module. Not thread-safe;
 * one instance per check.
 */
final class ModuleBoundaries {
    /** Class names as the class file writes them, alone or inside descriptors and signatures. */
    private static final Pattern INTERNAL_NAME = Pattern.compile("(?:[A-Za-z_$][\\w$]*/)+[A-Za-z_$][\\w$]*");

    /** One use of a package its module keeps to itself. */
    record Violation(String fromClass, String usedClass, String module) {
        @Override
        public String toString() {
            return fromClass + " uses " + usedClass + ", but module " + module + " does not export "
                    + usedClass.substring(0, usedClass.lastIndexOf('.'));
        }
    }

    private final Map<String, ModuleDescriptor> ownerOfPackage = new HashMap<>();

    /** Knows the packages of the JDK's modules and of the explicit (non-automatic) modules in {@code modules}. */
    ModuleBoundaries(List<Path> modules) {
        learn(ModuleFinder.ofSystem());
        for (Path m : modules) {
            learn(ModuleFinder.of(m));
        }
    }

    private void learn(ModuleFinder finder) {
        for (ModuleReference ref : finder.findAll()) {
            ModuleDescriptor d = ref.descriptor();
            if (!d.isAutomatic() && !d.isOpen()) {
                d.packages().forEach(p -> ownerOfPackage.putIfAbsent(p, d));
            }
        }
    }

    /** Every reference, from the classes under {@code root} (a directory or jar), to an unexported package. */
    List<Violation> check(Path root) {
        List<Violation> out = new ArrayList<>();
        forEachClass(root, bytes -> {
            ClassModel model = ClassFile.of().parse(bytes);
            String from = model.thisClass().asInternalName().replace('/', '.');
            TreeSet<String> used = new TreeSet<>();
            ConstantPool pool = model.constantPool();
            for (int i = 1; i < pool.size(); ) {
                PoolEntry e = pool.entryByIndex(i);
                if (e instanceof Utf8Entry utf8) {
                    Matcher m = INTERNAL_NAME.matcher(utf8.stringValue());
                    while (m.find()) {
                        String name = m.group();
                        used.add(name.replace('/', '.'));
                        if (name.startsWith("L")) { // in a descriptor or signature: Lpkg/Name;
                            used.add(name.substring(1).replace('/', '.'));
                        }
                    }
                }
                i += e.width();
            }
            for (String cls : used) {
                int dot = cls.lastIndexOf('.');
                ModuleDescriptor owner = ownerOfPackage.get(cls.substring(0, dot));
                if (owner != null && !exportedToAll(owner, cls.substring(0, dot))) {
                    out.add(new Violation(from, cls, owner.name()));
                }
            }
        });
        return out;
    }

    private static boolean exportedToAll(ModuleDescriptor d, String pkg) {
        return d.exports().stream().anyMatch(x -> x.source().equals(pkg) && !x.isQualified());
    }

    /** Whether {@code root} (a directory or jar) is an explicit module: it holds a module-info.class. */
    static boolean isModule(Path root) {
        boolean[] found = {false};
        withRoot(root, dir -> found[0] = Files.exists(dir.resolve("module-info.class")));
        return found[0];
    }

    /** Whether {@code root} holds a class file in {@code packagePrefix} (dotted) or below. */
    static boolean holdsPackage(Path root, String packagePrefix) {
        boolean[] found = {false};
        withRoot(root, dir -> found[0] = Files.isDirectory(dir.resolve(packagePrefix.replace('.', '/'))));
        return found[0];
    }

    private interface ClassBytes {
        void accept(byte[] bytes) throws IOException;
    }

    private interface RootDir {
        void accept(Path dir) throws IOException;
    }

    private static void forEachClass(Path root, ClassBytes action) {
        withRoot(root, dir -> {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String name = f.getFileName() == null ? "" : f.getFileName().toString();
                    if (name.endsWith(".class") && !name.equals("module-info.class") && !f.toString().contains("META-INF")) {
                        action.accept(Files.readAllBytes(f));
                    }
                }
            }
        });
    }

    private static void withRoot(Path root, RootDir action) {
        try {
            if (Files.isDirectory(root)) {
                action.accept(root);
            } else if (Files.isRegularFile(root)) {
                try (FileSystem jar = FileSystems.newFileSystem(root)) {
                    action.accept(jar.getPath("/"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root, e);
        }
    }
}
