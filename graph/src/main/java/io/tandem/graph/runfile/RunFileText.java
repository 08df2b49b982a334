package io.tandem.graph.runfile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a run file's bytes into text, refusing what is not a run file with a {@link RunFileException}
 * that says why: a directory, more than {@link RunFile#MAX_FILE_BYTES}, a binary file (a NUL byte), bytes
 * that are not UTF-8 (with the line and column of the first bad byte). Reads at most one byte past the
 * limit, so {@code /dev/zero} or an endless pipe ends too. Stateless; thread-safe.
 */
final class RunFileText {
    private RunFileText() {
    }

    static String read(Path file) throws IOException {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw new RunFileException(source, 0, 0, "is a directory; expected a run file (YAML or JSON text)");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(RunFile.MAX_FILE_BYTES + 1);
        }
        if (bytes.length > RunFile.MAX_FILE_BYTES) {
            throw new RunFileException(source, 0, 0, "is larger than " + RunFile.MAX_FILE_BYTES
                    + " bytes (RunFile.MAX_FILE_BYTES); a run file is a list of tasks, not data");
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw error(source, bytes, i, "a NUL byte: this looks like a binary file, not a run file (YAML or JSON text in UTF-8)");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            int at = in.position();
            throw error(source, bytes, at, String.format(Locale.ROOT,
                    "byte 0x%02X is not UTF-8 text; save the run file as UTF-8", bytes[at] & 0xff));
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /* Line and column (in characters, counting a multi-byte character once) of byte offset {@code at}. */
    private static RunFileException error(String source, byte[] bytes, int at, String message) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
                column = 1;
            } else if ((bytes[i] & 0xC0) != 0x80) {
                column++;
            }
        }
        return new RunFileException(source, line, column, message);
    }
}
