package io.tandem.process.internal;

import io.tandem.function.SerializableFunction;
import io.tandem.process.CodecException;
import org.junit.jupiter.api.Test;

import java.io.Serial;
import java.io.Serializable;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StandardCodecTest {
    private static final StandardCodec CODEC = StandardCodec.INSTANCE;

    private record Point(int x, long y, String label) {
    }

    private record Line(Point from, Point to, List<Point> via) {
    }

    /** Not Serializable: a record needs nothing to travel. */
    record Range(int start, int end) {
    }

    enum Colour { RED, GREEN { @Override public String toString() { return "green!"; } } }

    /** A record that customises its serialization must keep doing so. */
    record Resolving(String key) implements Serializable {
        @Serial
        private Object readResolve() {
            return new Resolving(key + " (resolved)");
        }
    }

    static final class Plain implements Serializable {
        final int n;

        Plain(int n) {
            this.n = n;
        }
    }

    private static Object roundTrip(Object v) {
        return CODEC.decode(CODEC.encode(v));
    }

    @Test
    void valuesComeBackEqualAndOfTheSameType() {
        List<Object> values = Arrays.asList(null, true, false, 42, -7L, 3.25, 1.5f, (short) 3, (byte) -2, 'x', "héllo ✓",
                new BigInteger("123456789012345678901234567890"), Colour.RED, Colour.GREEN, new Point(1, 2, "p"),
                new Range(0, 100), new Line(new Point(0, 0, null), new Point(1, 1, "b"), List.of(new Point(2, 2, "c"))),
                new ArrayList<>(List.of(1, "two", 3.0)), new HashMap<>(Map.of("a", 1)), new LinkedHashMap<>(Map.of(1, List.of())));
        for (Object v : values) {
            Object back = roundTrip(v);
            assertEquals(v, back, "round trip of " + v);
            if (v != null) {
                assertEquals(v.getClass(), back.getClass(), "type of " + v);
            }
        }
        assertEquals(List.of(1, 2, 3), roundTrip(List.of(1, 2, 3)));
        assertEquals(Arrays.asList(1, null, 3), roundTrip(java.util.stream.Stream.of(1, null, 3).toList()),
                "Stream.toList(), nulls and all");
        assertEquals(java.nio.file.Path.of("/tmp/a b/ü.txt"), roundTrip(java.nio.file.Path.of("/tmp/a b/ü.txt")), "a Path is not Serializable, yet travels");
        assertEquals(java.util.Optional.of(new Range(1, 2)), roundTrip(java.util.Optional.of(new Range(1, 2))));
        assertEquals(java.util.Optional.empty(), roundTrip(java.util.Optional.empty()));
        assertThrows(UnsupportedOperationException.class, () -> ((List<Object>) roundTrip(List.of(1))).add(2),
                "an unmodifiable list stays unmodifiable");
    }

    /** A record whose canonical constructor checks its arguments. */
    record Positive(int n) {
        Positive {
            if (n <= 0) {
                throw new IllegalArgumentException("n must be positive, got " + n);
            }
        }
    }

    /** Records start on reflection and move to method handles once hot: both paths give the same answers. */
    @Test
    void recordsTravelTheSameColdAndHot() {
        record Pair(String name, long value) {
        }
        for (int i = 0; i < 2_000; i++) {
            Pair p = new Pair("p" + i, i * 3L);
            assertEquals(p, roundTrip(p), "round trip " + i);
        }
    }

    /** A constructor's own exception is the cause, on the cold path and the hot one alike. */
    @Test
    void aRecordConstructorThatRejectsItsComponentsSaysWhy() {
        byte[] bad = CODEC.encode(new Positive(1));
        bad[bad.length - 1] = 0; // the int component's last byte: n becomes 0
        for (int i = 0; i < 1_000; i++) {
            CodecException e = assertThrows(CodecException.class, () -> CODEC.decode(bad));
            assertInstanceOf(IllegalArgumentException.class, e.getCause(), e.toString());
            assertTrue(e.getMessage().contains("n must be positive"), e.getMessage());
            assertEquals(new Positive(2), roundTrip(new Positive(2)));
        }
    }

    /** The process pool's map frames have tags of their own; their contents travel like any value. */
    @Test
    void mapChunksAndTheirResultsTravel() {
        Jobs.ChunkJob job = new Jobs.ChunkJob(7, new Object[]{1L, "two", new Range(3, 4), null}, 40);
        Jobs.ChunkJob jobBack = (Jobs.ChunkJob) roundTrip(job);
        assertEquals(7, jobBack.fnId());
        assertEquals(40, jobBack.firstIndex());
        assertArrayEquals(job.items(), jobBack.items());

        io.tandem.spi.MapChunk.Result ok = new io.tandem.spi.MapChunk.Result(new Object[]{1, 4, 9}, 3, null);
        io.tandem.spi.MapChunk.Result okBack = (io.tandem.spi.MapChunk.Result) roundTrip(ok);
        assertEquals(3, okBack.count());
        assertArrayEquals(ok.values(), okBack.values());
        assertEquals(null, okBack.failure());

        var failed = new io.tandem.spi.MapChunk.Result(new Object[]{1, null, null}, 1,
                new io.tandem.ItemFailedException(41, new IllegalStateException("item 41 is bad")));
        var failedBack = (io.tandem.spi.MapChunk.Result) roundTrip(failed);
        assertEquals(1, failedBack.count());
        assertEquals(41, failedBack.failure().index());
        assertInstanceOf(IllegalStateException.class, failedBack.failure().getCause());
    }

    /** A ProcessChannel travels as a handle; decoded in its own process, it is the very same channel. */
    @Test
    void aProcessChannelTravelsAsAHandle() {
        io.tandem.process.ProcessChannel<Integer> channel =
                io.tandem.process.ProcessChannel.of(io.tandem.channel.Channel.unbounded());
        byte[] bytes = CODEC.encode(List.of(channel));
        assertTrue(bytes.length < 40, "two longs and a tag, not an object stream: " + bytes.length + " bytes");
        assertTrue(((List<?>) CODEC.decode(bytes)).getFirst() == channel, "the same instance in the owning process");
    }

    @Test
    void arraysComeBackEqual() {
        assertArrayEquals(new int[]{1, -2, Integer.MAX_VALUE}, (int[]) roundTrip(new int[]{1, -2, Integer.MAX_VALUE}));
        assertArrayEquals(new long[]{Long.MIN_VALUE, 0}, (long[]) roundTrip(new long[]{Long.MIN_VALUE, 0}));
        assertArrayEquals(new double[]{Double.NaN, -0.0, 1e300}, (double[]) roundTrip(new double[]{Double.NaN, -0.0, 1e300}));
        assertArrayEquals("bytes".getBytes(StandardCharsets.UTF_8), (byte[]) roundTrip("bytes".getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals(new Object[]{1, null, "x", new Range(1, 2)}, (Object[]) roundTrip(new Object[]{1, null, "x", new Range(1, 2)}));
    }

    @Test
    void lambdasAndWhatItDoesNotWriteTravel() throws Exception {
        SerializableFunction<Integer, Integer> square = x -> x * x;
        @SuppressWarnings("unchecked")
        SerializableFunction<Integer, Integer> back = (SerializableFunction<Integer, Integer>) roundTrip(square);
        assertEquals(49, back.apply(7));
        int offset = 5;
        SerializableFunction<Integer, Integer> capturing = x -> x + offset;
        assertEquals(12, ((SerializableFunction<Integer, Integer>) roundTrip(capturing)).apply(7));
        assertEquals(3, ((Plain) roundTrip(new Plain(3))).n);
        assertEquals(new Resolving("k (resolved)"), roundTrip(new Resolving("k")), "readResolve still runs");
        IllegalStateException e = (IllegalStateException) roundTrip(new IllegalStateException("boom"));
        assertEquals("boom", e.getMessage());
    }

    @Test
    void valuesTravelAsTrees() {
        Point p = new Point(1, 1, "shared");
        List<Point> twice = new ArrayList<>(List.of(p, p));
        @SuppressWarnings("unchecked")
        List<Point> back = (List<Point>) roundTrip(twice);
        assertEquals(back.get(0), back.get(1));
        assertNotSame(back.get(0), back.get(1), "a shared reference arrives as two copies (documented)");
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        CodecException ce = assertThrows(CodecException.class, () -> CODEC.encode(cycle));
        assertTrue(ce.getMessage().contains("Codecs.java()"), ce.getMessage());
    }

    @Test
    void somethingThatCannotTravelSaysWhyAndWhatToDo() {
        Object notSerializable = new Object();
        CodecException e = assertThrows(CodecException.class, () -> CODEC.encode(new ArrayList<>(List.of(notSerializable))));
        assertTrue(e.getMessage().contains("java.lang.Object") && e.getMessage().contains("record"), e.getMessage());
    }

    @Test
    void malformedPayloadsAreRejectedWithAClearError() {
        byte[] good = CODEC.encode(new ArrayList<>(List.of("a", "b", "c")));
        CodecException truncated = assertThrows(CodecException.class, () -> CODEC.decode(Arrays.copyOf(good, good.length - 2)));
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
        CodecException unknown = assertThrows(CodecException.class, () -> CODEC.decode(new byte[]{99}));
        assertTrue(unknown.getMessage().contains("unknown tag 99"), unknown.getMessage());
        byte[] hugeLength = {15, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        CodecException length = assertThrows(CodecException.class, () -> CODEC.decode(hugeLength));
        assertTrue(length.getMessage().contains("exceeds the payload"), length.getMessage());
        byte[] trailing = Arrays.copyOf(CODEC.encode(1), 6);
        assertTrue(assertThrows(CodecException.class, () -> CODEC.decode(trailing)).getMessage().contains("left after"));
    }

    @Test
    void aGadgetClassNamedInAPayloadIsRefused() {
        byte[] name = "javax.management.ObjectName".getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[5 + name.length];
        payload[0] = 20; // RECORD
        payload[4] = (byte) name.length;
        System.arraycopy(name, 0, payload, 5, name.length);
        CodecException e = assertThrows(CodecException.class, () -> CODEC.decode(payload));
        assertTrue(e.getMessage().contains("rejected by the deserialization filter"), e.getMessage());
        byte[] missing = "com.example.Missing".getBytes(StandardCharsets.UTF_8);
        byte[] p2 = new byte[5 + missing.length];
        p2[0] = 21; // ENUM
        p2[4] = (byte) missing.length;
        System.arraycopy(missing, 0, p2, 5, missing.length);
        CodecException e2 = assertThrows(CodecException.class, () -> CODEC.decode(p2));
        assertTrue(e2.getMessage().contains("com.example.Missing is not found"), e2.getMessage());
    }

    @Test
    void itIsTheDefaultAndWorkersBuildItByName() {
        assertInstanceOf(StandardCodec.class, io.tandem.process.Codecs.fromId("standard"));
        assertEquals("standard", io.tandem.process.Codecs.standard().id());
    }
}
