package io.tandem.process.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.EOFException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The wire format over a real Unix domain socket: large payloads keep their order; a truncated frame is an EOF. */
class FramesTest {
    @TempDir
    Path tmp;

    private interface Ends {
        void run(SocketChannel writer, SocketChannel reader) throws Exception;
    }

    private void connected(Ends ends) throws Exception {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(tmp.resolve("s.sock"));
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(address);
            try (SocketChannel a = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                a.connect(address);
                try (SocketChannel b = server.accept()) {
                    ends.run(a, b);
                }
            }
        }
    }

    @Test
    void smallAndLargeFramesArriveInOrder() throws Exception {
        connected((out, in) -> {
            byte[] large = new byte[Frames.Writer.DIRECT_PAYLOAD * 3 + 7];
            Arrays.fill(large, (byte) 5);
            Frames.Writer w = new Frames.Writer(out);
            w.frame(Frames.RESULT, 1, new byte[]{1, 2, 3});
            w.frame(Frames.RESULT, 2, large);
            w.frame(Frames.ERROR, 3, new byte[]{9});
            w.frame(Frames.RESULT, 4, large);
            Thread t = Thread.ofPlatform().start(() -> {
                try {
                    w.flush();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Frames.Reader r = new Frames.Reader(in);
            Frames.Frame f1 = r.next();
            Frames.Frame f2 = r.next();
            Frames.Frame f3 = r.next();
            Frames.Frame f4 = r.next();
            t.join();
            assertEquals(1, f1.id());
            assertArrayEquals(new byte[]{1, 2, 3}, f1.payload());
            assertEquals(2, f2.id());
            assertArrayEquals(large, f2.payload());
            assertEquals(Frames.ERROR, f3.type());
            assertArrayEquals(new byte[]{9}, f3.payload());
            assertArrayEquals(large, f4.payload());
        });
    }

    @Test
    void aFrameCutShortByTheOtherEndIsAnEofNotAPartialFrame() throws Exception {
        connected((out, in) -> {
            ByteBuffer half = ByteBuffer.allocate(13 + 1000);
            half.putInt(9 + 1_000_000).put(Frames.RESULT).putLong(7).put(new byte[1000]).flip();
            out.write(half);
            out.close();
            Frames.Reader r = new Frames.Reader(in);
            assertThrows(EOFException.class, r::next);
        });
    }
}
