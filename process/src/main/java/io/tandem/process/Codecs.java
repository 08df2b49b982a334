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
 *       restricts decoding to the given packages.</li>
 *   <li>{@link #java()}: JDK serialization behind an {@link java.io.ObjectInputFilter} that rejects known
 *       deserialization gadget packages and bounds depth and array sizes. Slower; needs
 *       {@link java.io.Serializable}; keeps shared references and cycles.</li>
 * </ul>
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

    /** Apache Fory with its deny list of dangerous classes. */
    public static Codec fory() {
        return ForyCodec.create(List.of());
    }

    /**
     * Apache Fory that decodes only classes whose names start with one of {@code allowedPrefixes}
     * (for example {@code "com.acme."}); {@code java.}, {@code io.tandem.} and lambdas are always allowed.
     */
    public static Codec fory(List<String> allowedPrefixes) {
        Objects.requireNonNull(allowedPrefixes, "allowedPrefixes");
        for (String p : allowedPrefixes) {
            if (p == null || p.isBlank() || p.contains(",")) {
                throw new IllegalArgumentException("allowed class-name prefixes must be non-blank and contain no comma, got '" + p + "'");
            }
        }
        return ForyCodec.create(allowedPrefixes);
    }

    /** JDK serialization with a filter against gadget classes. */
    public static Codec java() {
        return JavaCodec.INSTANCE;
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
        if (id.equals("fory")) {
            return fory();
        }
        if (id.startsWith("fory:")) {
            return fory(List.of(id.substring(5).split(",")));
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
