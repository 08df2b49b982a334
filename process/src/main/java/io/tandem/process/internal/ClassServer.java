package io.tandem.process.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/*
 * The parent's side of ParentClassLoader: gives workers the bytes of classes their class path lacks.
 *
 * Where to look. A class a task needs is one its submitter could see, so the pool remembers the class
 * loader of each submitted task's class (a map's function's, for chunks) and the context class loader of
 * the thread that created the pool; a class is looked up in them, newest first, then in the system class
 * loader, and read as the resource "a/b/C.class". The JDK source launcher's in-memory loader answers
 * that for the classes it compiled (checked on JDK 25); a class that has no such resource (defined from
 * bytes by some other means) is reported as not found, and its task fails with the class name.
 *
 * Threads. remember() runs in submitting threads: its fast path is one volatile read, since almost every
 * task comes from the same loader as the one before. serve() runs on a worker's reader thread; reading
 * a class file from memory or a jar is short. Loaders are held weakly: a pool must not keep an
 * application's class loader (a web app's, a plugin's) alive.
 */
final class ClassServer {
    private final List<WeakReference<ClassLoader>> loaders = new ArrayList<>(); // guarded by itself; newest last
    private volatile ClassLoader last;

    ClassServer(ClassLoader creatorContext) {
        remember(creatorContext);
    }

    /** A task of a class defined by {@code loader} was submitted. */
    void remember(ClassLoader loader) {
        if (loader == null || loader == last) {
            return;
        }
        synchronized (loaders) {
            loaders.removeIf(r -> r.get() == null || r.get() == loader);
            loaders.add(new WeakReference<>(loader));
        }
        last = loader;
    }

    /** The CLASS_REPLY payload for the binary class name {@code name}. */
    byte[] serve(String name) {
        String resource = name.replace('.', '/') + ".class";
        for (ClassLoader loader : candidates()) {
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in != null) {
                    return ParentClassLoader.found(in.readAllBytes());
                }
            } catch (IOException | RuntimeException e) {
                return ParentClassLoader.notFound("reading " + resource + " from " + loader + " failed: " + e);
            }
        }
        return ParentClassLoader.notFound("the parent process has no class file " + resource
                + " in the class loaders of the submitted tasks or on its class path");
    }

    private List<ClassLoader> candidates() {
        List<ClassLoader> out = new ArrayList<>();
        synchronized (loaders) {
            for (int i = loaders.size() - 1; i >= 0; i--) {
                ClassLoader l = loaders.get(i).get();
                if (l != null) {
                    out.add(l);
                }
            }
        }
        ClassLoader system = ClassLoader.getSystemClassLoader();
        if (!out.contains(system)) {
            out.add(system);
        }
        return out;
    }
}
