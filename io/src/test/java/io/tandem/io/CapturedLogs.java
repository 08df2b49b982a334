package io.tandem.io;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Every java.util.logging record (System.Logger's default backend, and Helidon's) published while open, with
 * the server's own logger opened down to FINE so its debug lines can be counted. Close restores both.
 */
final class CapturedLogs extends Handler implements AutoCloseable {
    private static final Logger ROOT = Logger.getLogger("");
    private final Logger server = Logger.getLogger(HttpServer.class.getName());
    private final Level serverLevel = server.getLevel();
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    CapturedLogs() {
        setLevel(Level.ALL);
        server.setLevel(Level.FINE);
        ROOT.addHandler(this);
    }

    @Override
    public void publish(LogRecord r) {
        records.add(r);
    }

    /** Records at WARNING or above. */
    List<String> warnings() {
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                .map(r -> r.getLoggerName() + ": " + r.getMessage() + (r.getThrown() == null ? "" : " " + r.getThrown()))
                .toList();
    }

    /** Records at WARNING or above that carry a stack trace. */
    long warningTraces() {
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue() && r.getThrown() != null)
                .count();
    }

    /** Debug (FINE) lines of the server's logger. */
    long serverDebugLines() {
        return records.stream().filter(r -> r.getLevel() == Level.FINE && HttpServer.class.getName().equals(r.getLoggerName()))
                .count();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        ROOT.removeHandler(this);
        server.setLevel(serverLevel);
    }
}
