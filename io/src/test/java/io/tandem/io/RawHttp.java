package io.tandem.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Bytes to a server over a plain socket, and what came back: for requests no well-behaved client sends.
 * Blocking socket reads: call from platform threads only.
 */
final class RawHttp {
    /** What one connection saw: the bytes the server sent, and whether it closed (EOF) within the wait. */
    record Answer(String text, boolean closed) {
        /** The status code of the first response, or -1 if none came. */
        int status() {
            if (!text.startsWith("HTTP/1.1 ") || text.length() < 12) {
                return -1;
            }
            return Integer.parseInt(text.substring(9, 12));
        }

        /** Every status line's code in order (pipelined responses). */
        java.util.List<Integer> statuses() {
            java.util.List<Integer> out = new java.util.ArrayList<>();
            for (int i = text.indexOf("HTTP/1.1 "); i >= 0; i = text.indexOf("HTTP/1.1 ", i + 1)) {
                if (i + 12 <= text.length() && (i == 0 || text.startsWith("\n", i - 1))) {
                    out.add(Integer.parseInt(text.substring(i + 9, i + 12)));
                }
            }
            return out;
        }
    }

    private RawHttp() {
    }

    /** Sends {@code request} (Latin-1), optionally half-closes, and reads until EOF or {@code wait} passes. */
    static Answer exchange(int port, String request, boolean halfClose, Duration wait) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout((int) wait.toMillis());
            try {
                s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
                if (halfClose) {
                    s.shutdownOutput();
                }
            } catch (IOException e) {
                // the server closed first (an answer to the part it read); read what it said
            }
            return readAll(s.getInputStream());
        }
    }

    /** Reads until EOF or the socket's read timeout; a reset after some bytes counts as closed. */
    static Answer readAll(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int r; (r = in.read(buf)) >= 0; ) {
                got.write(buf, 0, r);
            }
            return new Answer(got.toString(StandardCharsets.ISO_8859_1), true);
        } catch (SocketTimeoutException e) {
            return new Answer(got.toString(StandardCharsets.ISO_8859_1), false);
        } catch (java.net.SocketException e) {
            return new Answer(got.toString(StandardCharsets.ISO_8859_1), true);
        }
    }
}
