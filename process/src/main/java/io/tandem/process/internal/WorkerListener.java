package io.tandem.process.internal;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The pool's end of the wire: a Unix domain socket in a private (0700) temporary directory, an accept
 * loop that admits only workers presenting the pool's secret token, and one reader thread per worker
 * that hands each frame, in order, to a {@link Handler}. {@link #close} removes the socket and directory.
 *
 * <p>The directory ({@code tandem-<pid>-<start>.<namespace>-<pool>-<random>}, see {@link TandemFiles}) lives
 * as long as the pool: a replacement worker may connect at any time, by path, and Java offers neither
 * abstract-namespace Unix sockets (no file at all) nor a way to hand a child process a connected socket. A
 * parent killed with SIGKILL cannot remove it; the first pool or shared object of a later JVM does
 * ({@link Leftovers}).
 */
final class WorkerListener implements AutoCloseable {
    /** In a holder: the JDK's logging costs a fresh JVM ~7 ms to set up, and most runs never log here. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger("io.tandem.process");
    }

    /** What the listener reports; both methods run on the worker's reader thread. */
    interface Handler {
        /** A worker with this pid presented the token: its handle (INIT sent), or null if it is not ours. */
        WorkerHandle connected(long pid, SocketChannel channel);

        /** A frame from {@code w}; an exception closes the connection. */
        void frame(WorkerHandle w, Frames.Frame f) throws IOException;
    }

    private final String poolName;
    private final Path dir;
    private final Path socket;
    private final ServerSocketChannel server;
    private final String token;
    private volatile Thread acceptor;

    WorkerListener(String poolName) throws IOException {
        this.poolName = poolName;
        Leftovers.sweepInBackground(); // what killed JVMs left; off this thread
        this.dir = TandemFiles.createPrivateTempDirectory(poolName); // tandem-<pid>-<start>.<ns>-<pool>-..., 0700
        this.socket = dir.resolve(Leftovers.SOCKET);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            server.close();
            Files.deleteIfExists(dir);
            throw e;
        }
        this.token = HexFormat.of().formatHex(randomBytes(16));
    }

    /*
     * The kernel's random bytes, read directly: a first SecureRandom costs a fresh JVM tens of milliseconds
     * of provider loading, on the path of ProcessPool.create(). SecureRandom where there is no /dev/urandom.
     */
    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        try (var in = Files.newInputStream(Path.of("/dev/urandom"))) {
            if (in.readNBytes(b, 0, n) == n) {
                return b;
            }
        } catch (IOException | UnsupportedOperationException e) {
            // no /dev/urandom here
        }
        new SecureRandom().nextBytes(b);
        return b;
    }

    Path socket() {
        return socket;
    }

    Path directory() {
        return dir;
    }

    /** The secret a worker must present (it is on the worker's command line, readable only by this user). */
    String token() {
        return token;
    }

    /** Starts accepting workers. Called once, before the first worker is spawned. */
    void start(Handler handler) {
        // A platform thread: a virtual thread blocked in accept() starts the JDK's I/O poller, a thread that then
        // waits in native code for good, and the JVM's exit waits up to 300 ms for threads in native code.
        acceptor = Thread.ofPlatform().daemon(true).name(poolName + "-acceptor").start(() -> acceptLoop(handler));
    }

    private void acceptLoop(Handler handler) {
        while (true) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!server.isOpen()) {
                    return;
                }
                continue;
            }
            // a platform thread: a blocked read wakes it directly, one hand-off less per round trip than a
            // virtual thread (poller, then scheduler); it ends when the worker's connection closes and is
            // joined by whoever handles the worker's exit
            Thread.ofPlatform().daemon(true).name(poolName + "-reader").start(() -> serve(ch, handler));
        }
    }

    private void serve(SocketChannel ch, Handler handler) {
        Frames.Reader reader = new Frames.Reader(ch);
        try {
            Frames.Frame hello = reader.next();
            WorkerHandle w = hello.type() == Frames.HELLO && token.equals(Frames.utf8(hello.payload()))
                    ? handler.connected(hello.id(), ch) : null;
            if (w == null) {
                return;
            }
            while (true) {
                handler.frame(w, reader.next());
            }
        } catch (IOException e) {
            // EOF or a broken connection: the worker is exiting; its exit handler decides what that means
        } finally {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** Stops accepting, joins the accept loop and removes the socket and its directory. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        Join.quietly(acceptor);
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            Log.LOG.log(System.Logger.Level.WARNING, "cannot remove the socket directory " + dir + " of pool " + poolName, e);
        }
    }
}
