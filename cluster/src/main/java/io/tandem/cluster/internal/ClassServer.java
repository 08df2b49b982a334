package io.tandem.cluster.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/*
 * The submitter's side of SubmitterClassLoader: the bytes of the classes its tasks need, looked up in the
 * class loaders of the submitted tasks (newest first), then the system class loader. The same idea as the
 * process pool's ClassServer (copied: that one is internal to the process module). Loaders are held weakly.
 * remember() runs in submitting threads (fast path: one volatile read); serve() on Hazelcast's threads.
 */
final class ClassServer {
    private final List<WeakReference<ClassLoader>> loaders = new ArrayList<>(); // guarded by itself
    private volatile ClassLoader last;

    ClassServer(ClassLoader creatorContext) {
        remember(creatorContext);
    }

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

    /** The newest loader a task came from (to decode what comes back in the user's classes). */
    ClassLoader newest() {
        ClassLoader l = last;
        return l != null ? l : ClassLoader.getSystemClassLoader();
    }

    byte[] serve(String name) {
        if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun.")) {
            return SubmitterClassLoader.notFound("JDK classes are not served");
        }
        String resource = name.replace('.', '/') + ".class";
        for (ClassLoader loader : candidates()) {
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in != null) {
                    return SubmitterClassLoader.found(in.readAllBytes());
                }
            } catch (IOException | RuntimeException e) {
                return SubmitterClassLoader.notFound("reading " + resource + " from " + loader + " failed: " + e);
            }
        }
        return SubmitterClassLoader.notFound("the submitter has no class file " + resource
                + " in the class loaders of its tasks or on its class path");
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
