package io.tandem.test;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lists live virtual threads. {@link Thread#getAllStackTraces()} omits them; the JDK's JSON thread dump
 * ({@link HotSpotDiagnosticMXBean#dumpThreads}) is the public API that includes them, with every thread
 * container (the root, each virtual-thread executor, each structured scope). A dump costs about half a
 * millisecond with a few dozen threads alive. Safe to call from any thread; each call writes and deletes
 * its own file.
 */
final class VirtualThreads {
    static {
        // On the module path these classes are patched into io.tandem.core, which does not read the management
        // modules (javac got --add-reads; the run time needs the same edge, which only this module may add).
        Module self = VirtualThreads.class.getModule();
        if (self.isNamed()) {
            for (String name : new String[]{"java.management", "jdk.management"}) {
                ModuleLayer.boot().findModule(name).ifPresent(self::addReads);
            }
        }
    }

    private static final HotSpotDiagnosticMXBean DIAGNOSTIC =
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final Path DUMP_DIR = dumpDir();

    /** One virtual thread in a dump. */
    record Live(long tid, String name, String state, String container, List<String> stack) {
        String describe() {
            StringBuilder sb = new StringBuilder("  virtual thread #").append(tid).append(" \"").append(name)
                    .append("\" ").append(state).append(" in ").append(container).append('\n');
            int n = Math.min(stack.size(), 25);
            for (int i = 0; i < n; i++) {
                sb.append("      at ").append(stack.get(i)).append('\n');
            }
            if (stack.size() > n) {
                sb.append("      ... ").append(stack.size() - n).append(" more\n");
            }
            return sb.toString();
        }
    }

    private VirtualThreads() {
    }

    /**
     * A thread id larger than that of every thread created so far: platform and virtual threads take their
     * ids from one increasing counter, so a thread whose id is larger was created after this call.
     */
    static long watermark() {
        return Thread.ofVirtual().unstarted(() -> { }).threadId();
    }

    /** The virtual threads alive now, in every thread container. */
    static List<Live> live() {
        Path file = DUMP_DIR.resolve("hygiene-threads-" + ProcessHandle.current().pid() + "-"
                + SEQUENCE.incrementAndGet() + ".json");
        try {
            DIAGNOSTIC.dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot dump threads to " + file, e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover dump in the temp dir is harmless
            }
        }
    }

    @SuppressWarnings("unchecked")
    static List<Live> parse(String json) {
        Map<String, Object> root = (Map<String, Object>) MiniJson.parse(json);
        Map<String, Object> dump = (Map<String, Object>) root.get("threadDump");
        List<Live> out = new ArrayList<>();
        for (Object c : (List<Object>) dump.get("threadContainers")) {
            Map<String, Object> container = (Map<String, Object>) c;
            for (Object t : (List<Object>) container.get("threads")) {
                Map<String, Object> thread = (Map<String, Object>) t;
                if (Boolean.TRUE.equals(thread.get("virtual"))) {
                    List<String> stack = new ArrayList<>();
                    for (Object frame : (List<Object>) thread.getOrDefault("stack", List.of())) {
                        stack.add(String.valueOf(frame));
                    }
                    out.add(new Live(Long.parseLong(String.valueOf(thread.get("tid"))),
                            String.valueOf(thread.getOrDefault("name", "")),
                            String.valueOf(thread.getOrDefault("state", "?")),
                            String.valueOf(container.get("container")), stack));
                }
            }
        }
        return out;
    }

    private static Path dumpDir() {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    }
}
