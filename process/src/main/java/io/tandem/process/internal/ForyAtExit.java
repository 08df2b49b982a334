package io.tandem.process.internal;

import org.apache.fory.logging.LogLevel;
import org.apache.fory.logging.LoggerFactory;

/*
 * Keeps a worker's exit quiet. Fory compiles serializers on a background executor and registers a
 * shutdown hook that shuts that executor down; a compilation still running when the worker exits then
 * queues its follow-up (a nested type's serializer), which the executor rejects with a WARN line on
 * stdout ("CodeGenerator ... rejected from ThreadPoolExecutor[Shutting down ...]"), forwarded to the
 * user's console after their program's last line. Nothing compiled now could be used any more, so
 * Fory's warnings are turned off just before the JVM exits.
 */
final class ForyAtExit {
    private ForyAtExit() {
    }

    static void silence() {
        try {
            LoggerFactory.setLogLevel(LogLevel.ERROR_LEVEL);
        } catch (LinkageError e) {
            // Fory is not on this worker's class path (a custom codec): nothing of it can warn
        }
    }
}
