package io.tandem.cluster.internal;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/*
 * A member's System.out and System.err, when it forwards task output (tandem worker does): what a task
 * thread prints goes, line by line, to the submitter of that task (printed there as "[member ADDR] line",
 * like the process pool's worker output); what other threads print stays on the member's own streams.
 * Installed once per JVM. A task thread's partial last line is sent when the task ends.
 */
final class TaskOutput extends OutputStream {
    /** The current task thread's sink: (stderr?, line). */
    private static final ThreadLocal<BiConsumer<Boolean, String>> SINK = new ThreadLocal<>();
    private static TaskOutput out; // guarded by TaskOutput.class
    private static TaskOutput err;

    private final PrintStream local;
    private final boolean isErr;
    private final ThreadLocal<ByteArrayOutputStream> line = ThreadLocal.withInitial(ByteArrayOutputStream::new);

    private TaskOutput(PrintStream local, boolean err) {
        this.local = local;
        this.isErr = err;
    }

    static synchronized void install() {
        if (out == null) {
            out = new TaskOutput(System.out, false);
            err = new TaskOutput(System.err, true);
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        }
    }

    /** The calling thread runs a task whose output goes to {@code sink} until {@link #end()}. */
    static void begin(BiConsumer<Boolean, String> sink) {
        SINK.set(sink);
    }

    /** Sends the partial last lines and stops forwarding this thread's output. */
    static void end() {
        TaskOutput o;
        TaskOutput e;
        synchronized (TaskOutput.class) {
            o = out;
            e = err;
        }
        if (o != null) {
            System.out.flush();
            System.err.flush();
            o.partial();
            e.partial();
        }
        SINK.remove();
    }

    private void partial() {
        BiConsumer<Boolean, String> sink = SINK.get();
        ByteArrayOutputStream buf = line.get();
        if (sink != null && buf.size() > 0) {
            sink.accept(isErr, buf.toString(StandardCharsets.UTF_8));
        }
        buf.reset();
    }

    @Override
    public void write(int b) {
        BiConsumer<Boolean, String> sink = SINK.get();
        if (sink == null) {
            local.write(b);
            return;
        }
        ByteArrayOutputStream buf = line.get();
        if (b == '\n') {
            sink.accept(isErr, buf.toString(StandardCharsets.UTF_8));
            buf.reset();
        } else if (b != '\r') {
            buf.write(b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i] & 0xff);
        }
    }

    @Override
    public void flush() {
        if (SINK.get() == null) {
            local.flush();
        }
    }
}
