package io.tandem.examples.io;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every I/O example runs offline and prints what its seed prints. */
class IoExamplesTest {
    interface Example {
        void run(PrintStream out) throws Exception;
    }

    private static String output(Example e) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            e.run(out);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void fetchWebsites() throws Exception {
        String out = output(FetchWebsitesExample::run);
        assertTrue(out.contains("Fetched ") && out.contains("www.python.org") && out.contains("\"title\":\"post number 2\""), out);
    }

    @Test
    void contentLengths() throws Exception {
        String out = output(ContentLengthsExample::run);
        assertTrue(out.contains("Content length of ") && out.contains("Could not fetch http://127.0.0.1:1/unreachable"), out);
    }

    @Test
    void helloServer() throws Exception {
        String out = output(HelloServerExample::run);
        assertTrue(out.contains("-> 200 Hello, Anonymous!") && out.contains("-> 200 Hello, Tandem!"), out);
    }

    @Test
    void asyncFileIo() throws Exception {
        String out = output(AsyncFileIoExample::run);
        assertTrue(out.contains("read data/file2.txt: Hello from file 2") && out.contains("ERROR lines in big.log")
                && out.contains("failed (NoSuchFileException)") && out.contains("backup identical: true"), out);
    }

    @Test
    void asyncDbQuery() throws Exception {
        String out = output(AsyncDbQueryExample::run);
        assertTrue(out.contains("NAME=Ada") && out.contains("1000 concurrent queries"), out);
    }

    @Test
    void fetchThenParse() throws Exception {
        String out = output(FetchThenParseExample::run);
        assertTrue(out.contains("www.github.com: [description=The local copy of www.github.com]"), out);
    }
}
