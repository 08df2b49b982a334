package io.tandem.bench;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * The raw-transport child of the process scenarios: a JVM that connects to a Unix-domain socket, says
 * hello (its pid, 8 bytes), then echoes 8-byte messages until the parent closes the socket. It is what a
 * process-pool worker is minus the protocol, the codec and the task machinery, so the difference between
 * the two is Tandem's overhead. Run as {@code java -cp ... io.tandem.bench.EchoMain SOCKET}.
 */
public final class EchoMain {
    private EchoMain() {
    }

    public static void main(String[] args) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(Path.of(args[0])));
            ByteBuffer buf = ByteBuffer.allocateDirect(8);
            buf.putLong(ProcessHandle.current().pid()).flip();
            RawChild.writeFully(ch, buf);
            while (true) {
                buf.clear();
                if (!RawChild.readFully(ch, buf)) {
                    return;   // the parent closed: done
                }
                buf.flip();
                RawChild.writeFully(ch, buf);
            }
        }
    }
}
