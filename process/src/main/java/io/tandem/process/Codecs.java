package io.tandem.process;

import io.tandem.process.internal.ForyCodec;
import io.tandem.process.internal.JavaCodec;

import java.util.List;
import java.util.Objects;

/**
 * The built-in {@link Codec}s.
 *
 * <ul>
 *   <li>{@link #fory()}: Apache Fory, the default: several times faster than JDK serialization, handles
 *       serializable lambdas, records and classes that are not {@code Serializable}. Fory's own deny list of
 *       dangerous classes always applies; {@link #fory(List)} restricts decoding to the given packages.</li>
 *   <li>{@link #java()}: JDK serialization behind an {@link java.io.ObjectInputFilter} that rejects known
 *       deserialization gadget packages and bounds depth and array sizes. Slower; needs
 *       {@link java.io.Serializable}. The fallback for types Fory cannot handle.</li>
 * </ul>
 *
 * <p>Thread safety: the returned codecs are thread-safe and may be shared.
 */
public final class Codecs {
    private Codecs() {
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
