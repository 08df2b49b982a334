package io.tandem.process;

import io.tandem.Task;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12: a 200 MB result from a worker with workerHeap("1g") failed in Fory's maxGraphMemoryBytes (128 MiB)
 * with no Tandem way to raise it. The default codec carries it; Fory's limit is Codecs.fory().maxGraphBytes(..),
 * and a value over it fails with a message that names that option, in whichever process decodes it.
 */
class LargeResultTest {
    private static final int MB = 1 << 20;

    static byte[] marked(int size) {
        byte[] b = new byte[size];
        b[0] = 1;
        b[size / 2] = 2;
        b[size - 1] = 3;
        return b;
    }

    @Test
    void a200MegabyteResultArrivesWithTheDefaultCodec() {
        // surefire gives this JVM -Xmx1g: the frame and the decoded array take 400 MB here
        try (ProcessPool pool = ProcessPool.builder().workers(1).workerHeap("1g").output(WorkerOutput.discard()).build()) {
            byte[] result = pool.submit(() -> marked(200 * MB)).join();
            assertEquals(200 * MB, result.length);
            assertEquals(1, result[0]);
            assertEquals(2, result[100 * MB]);
            assertEquals(3, result[200 * MB - 1]);
            assertEquals(5, pool.submit(() -> 5).join(), "the worker goes on");
        }
    }

    @Test
    void foryGraphLimitIsAnOptionAndItsErrorNamesIt() {
        Codecs.Fory small = Codecs.fory().maxGraphBytes(MB);
        try (ProcessPool pool = ProcessPool.builder().workers(1).codec(small).output(WorkerOutput.discard()).build()) {
            // a result over the limit: decoded (and refused) in this JVM
            Task<byte[]> big = pool.submit(() -> new byte[2 * MB]);
            CodecException e = assertInstanceOf(CodecException.class, assertThrows(CompletionException.class, big::join).getCause());
            assertTrue(e.getMessage().contains("Codecs.fory().maxGraphBytes("), e.getMessage());
            // a task over the limit: decoded (and refused) in the worker, which built its codec from the id
            byte[] argument = new byte[2 * MB];
            Task<Integer> heavy = pool.submit(() -> argument.length);
            Throwable remote = assertThrows(CompletionException.class, heavy::join).getCause();
            assertTrue(String.valueOf(remote.getMessage()).contains("maxGraphBytes"), String.valueOf(remote));
        }
        Codecs.Fory roomy = Codecs.fory().maxGraphBytes(8 * MB);
        try (ProcessPool pool = ProcessPool.builder().workers(1).codec(roomy).output(WorkerOutput.discard()).build()) {
            byte[] argument = new byte[2 * MB];
            assertEquals(2 * MB, pool.submit(() -> argument.length).join());
            assertEquals(2 * MB, pool.submit(() -> new byte[2 * MB]).join().length);
        }
    }

    @Test
    void foryCodecIdCarriesItsSettings() {
        Codecs.Fory c = Codecs.fory(java.util.List.of("com.acme.")).maxGraphBytes(3 * MB);
        assertEquals("fory:com.acme.;maxGraphBytes=" + 3 * MB, c.id());
        Codecs.Fory back = (Codecs.Fory) Codecs.fromId(c.id());
        assertEquals(c.id(), back.id());
        assertEquals(3 * MB, back.maxGraphBytes());
        assertEquals("fory", Codecs.fory().id());
        assertEquals(Codecs.Fory.DEFAULT_MAX_GRAPH_BYTES, ((Codecs.Fory) Codecs.fromId("fory")).maxGraphBytes());
        assertThrows(IllegalArgumentException.class, () -> Codecs.fory().maxGraphBytes(0));
        assertThrows(IllegalArgumentException.class, () -> Codecs.fory(java.util.List.of("a;b")));
    }

    @Test
    void jdkCodecRefusesAnArrayLengthNoPayloadBacks() {
        byte[] encoded = Codecs.java().encode(new byte[1000]);
        // forge the array length (the 4 bytes before the data) to claim a billion elements
        int at = encoded.length - 1000 - 4;
        encoded[at] = 0x3b;
        encoded[at + 1] = (byte) 0x9a;
        encoded[at + 2] = (byte) 0xca;
        encoded[at + 3] = 0;
        byte[] forged = encoded;
        assertThrows(CodecException.class, () -> Codecs.java().decode(forged));
    }
}
