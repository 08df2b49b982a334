package io.tandem.process;

import io.tandem.process.internal.ForyCodec;
import io.tandem.process.internal.JavaCodec;
import io.tandem.process.internal.StandardCodec;

import java.util.List;
import java.util.Objects;

/**
 * The built-in {@link Codec}s.
 *
 * <ul>
 *   <li>{@link #standard()}: the default. Numbers, strings, primitive arrays, {@code Object[]}, lists, maps,
 *       enums and records travel in a compact binary form written by structure (no serializer to generate,
 *       nothing to warm up: a fresh JVM's first task costs what its payload costs); anything else, such as
 *       a serializable lambda, travels by JDK serialization behind the filter of {@link #java()}. Values
 *       travel as trees: an object reachable twice arrives as two equal copies.</li>
 *   <li>{@link #fory()}: Apache Fory: fastest once warm for large object graphs, handles classes that are
 *       neither records nor {@code Serializable}, keeps shared references. Loading it costs a fresh JVM a few
 *       hundred milliseconds, and on JDK 24+ it uses {@code sun.misc.Unsafe}, so the JVM prints a warning
 *       unless started with {@code --sun-misc-unsafe-memory-access=allow} (Tandem passes it to workers; the
 *       parent is yours). Fory's deny list of dangerous classes always applies; {@link #fory(List)}
 *       restricts decoding to the given packages. Fory refuses to decode a value whose estimated memory
 *       exceeds a limit, {@value Fory#DEFAULT_MAX_GRAPH_BYTES} bytes (128 MiB) unless raised with
 *       {@link Fory#maxGraphBytes(long)}: a larger result fails with a {@link CodecException} naming that
 *       option.</li>
 *   <li>{@link #java()}: JDK serialization behind an {@link java.io.ObjectInputFilter} that rejects known
 *       deserialization gadget packages and bounds depth, references and array lengths (no array longer
 *       than the payload that carries it). Slower; needs {@link java.io.Serializable}; keeps shared
 *       references and cycles.</li>
 * </ul>
 *
 * <p>Large values. {@link #standard()} and {@link #java()} carry values as large as the heaps on both sides
 * allow (a frame holds at most 2 GiB): a 200 MB {@code byte[]} result needs a worker heap of about three
 * times that ({@code workerHeap("1g")}) and twice that free in the parent.
 *
 * <p>Thread safety: the returned codecs are thread-safe and may be shared.
 */
public final class Codecs {
    private Codecs() {
    }

    /** Tandem's own compact codec with JDK serialization for what it does not write itself: the default. */
    public static Codec standard() {
        return StandardCodec.INSTANCE;
    }

    /** Apache Fory with its deny list of dangerous classes and the default graph-memory limit (128 MiB). */
    public static Fory fory() {
        return ForyCodec.create(List.of(), Fory.DEFAULT_MAX_GRAPH_BYTES);
    }

    /**
     * Apache Fory that decodes only classes whose names start with one of {@code allowedPrefixes}
     * (for example {@code "com.acme."}); {@code java.}, {@code io.tandem.} and lambdas are always allowed.
     */
    public static Fory fory(List<String> allowedPrefixes) {
        Objects.requireNonNull(allowedPrefixes, "allowedPrefixes");
        for (String p : allowedPrefixes) {
            if (p == null || p.isBlank() || p.contains(",") || p.contains(";")) {
                throw new IllegalArgumentException("allowed class-name prefixes must be non-blank and contain no comma or semicolon, got '" + p + "'");
            }
        }
        return ForyCodec.create(allowedPrefixes, Fory.DEFAULT_MAX_GRAPH_BYTES);
    }

    /** JDK serialization with a filter against gadget classes. */
    public static Codec java() {
        return JavaCodec.INSTANCE;
    }

    /**
     * The {@link #fory()} codec and its settings. Each setter returns a new codec (the codecs are immutable
     * and thread-safe); workers build the same one from its {@link #id()}.
     *
     * {@snippet :
     * ProcessPool pool = ProcessPool.builder()
     *         .workerHeap("1g")
     *         .codec(Codecs.fory().maxGraphBytes(512L << 20)) // results of up to about 512 MiB
     *         .build();
     * }
     */
    public sealed interface Fory extends Codec permits ForyCodec {
        /** Fory's own default limit on the estimated memory of one decoded value: 128 MiB. */
        long DEFAULT_MAX_GRAPH_BYTES = 128L << 20;

        /**
         * This codec with another limit on the estimated memory of one decoded value (Fory's
         * {@code maxGraphMemoryBytes}, a guard against payloads that claim huge sizes). A value over the limit
         * fails to decode with a {@link CodecException} that names this option. Raise it for large results
         * between trusted processes; the heaps must still hold the value (and its encoding) on both sides.
         *
         * @param bytes positive
         */
        Fory maxGraphBytes(long bytes);

        /** The limit on the estimated memory of one decoded value, in bytes. */
        long maxGraphBytes();
    }

    /** Builds the codec named by {@link Codec#id()}: what a worker process does with the parent's choice. */
    public static Codec fromId(String id) {
        Objects.requireNonNull(id, "id");
        if (id.equals("standard")) {
            return standard();
        }
        if (id.equals("java")) {
            return java();
        }
        if (id.equals("fory") || id.startsWith("fory:") || id.startsWith("fory;")) {
            return ForyCodec.fromId(id);
        }
        try {
            Object c = Class.forName(id).getConstructor().newInstance();
            if (c instanceof Codec codec) {
                return codec;
            }
            throw new IllegalArgumentException(id + " is not a " + Codec.class.getName());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot build codec '" + id + "': a custom codec needs a public no-argument constructor", e);
        }
    }
}
