package io.tandem.test;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * The live descendants of this JVM (children, their children...), for the hygiene check's before/after
 * comparison. {@link ProcessHandle#equals} compares pid and start time, so a reused pid is a different
 * process. A snapshot scans {@code /proc} on Linux (about a millisecond); safe from any thread.
 */
final class ChildProcesses {
    private ChildProcesses() {
    }

    static Set<ProcessHandle> live() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).collect(Collectors.toSet());
    }

    static String describe(ProcessHandle p) {
        ProcessHandle.Info info = p.info();
        String command = info.commandLine().orElseGet(() -> info.command().orElse("?"));
        if (command.length() > 300) {
            command = command.substring(0, 300) + "...";
        }
        return "  pid " + p.pid() + " (parent " + p.parent().map(h -> Long.toString(h.pid())).orElse("?") + "): "
                + command + "\n";
    }
}
