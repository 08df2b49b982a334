package io.tandem.bench;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Raw child JVMs running {@link EchoMain}, connected back over a Unix-domain socket in a private
 * temporary directory: the baseline for worker start-up ({@code spawn}) and for the per-task round trip
 * ({@code process-roundtrip}; public for the JMH {@code ProcessRoundTripBenchmark}). The children get the
 * flags a process-pool worker gets (small heap, serial GC, CDS) and the parent's class path.
 * {@link #close()} closes the sockets, waits for every child to exit (killing any that does not within
 * 5 s) and deletes the directory. Not thread-safe: one thread echoes at a time.
 */
public final class RawChild implements AutoCloseable {
    private final Path dir;
    private final ServerSocketChannel server;
    private final List<Process> processes = new ArrayList<>();
    private final List<SocketChannel> channels = new ArrayList<>();
    private final ByteBuffer buf = ByteBuffer.allocateDirect(8);

    private RawChild(int children) throws IOException {
        dir = Files.createTempDirectory("tandem-raw");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        Path socket = dir.resolve("s");
        server.bind(UnixDomainSocketAddress.of(socket));
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), EchoMain.class.getName(), socket.toString());
        for (int i = 0; i < children; i++) {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            processes.add(p);
            // a child that dies before connecting must not leave accept() waiting forever
            p.onExit().thenRun(() -> {
                if (channels.size() < children) {
                    closeQuietly(server);
                }
            });
        }
    }

    /**
     * Starts {@code children} child JVMs at once and returns when each has connected and said hello.
     */
    public static RawChild start(int children) throws IOException {
        RawChild raw = new RawChild(children);
        try {
            for (int i = 0; i < children; i++) {
                SocketChannel ch = raw.server.accept();
                ByteBuffer hello = ByteBuffer.allocate(8);
                if (!readFully(ch, hello)) {
                    throw new EOFException("a raw child closed its socket before saying hello");
                }
                synchronized (raw.channels) {
                    raw.channels.add(ch);
                }
            }
            return raw;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** Sends {@code value} to the first child and returns what it echoes. */
    public long echo(long value) throws IOException {
        SocketChannel ch = channels.getFirst();
        buf.clear();
        buf.putLong(value).flip();
        writeFully(ch, buf);
        buf.clear();
        if (!readFully(ch, buf)) {
            throw new EOFException("the raw child closed its socket");
        }
        return buf.getLong(0);
    }

    @Override
    public void close() {
        closeQuietly(server);
        for (SocketChannel ch : channels) {
            closeQuietly(ch);   // EchoMain reads EOF and exits
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(dir.resolve("s"));
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }

    static void writeFully(SocketChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /** Fills {@code buf}; false at end of stream. */
    static boolean readFully(SocketChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf) < 0) {
                return false;
            }
        }
        return true;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing on a failure path; the first failure is what matters
        }
    }
}
