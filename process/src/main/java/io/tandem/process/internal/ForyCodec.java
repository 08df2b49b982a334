package io.tandem.process.internal;

import io.tandem.process.CodecException;
import io.tandem.process.Codecs;
import org.apache.fory.Fory;
import org.apache.fory.ThreadSafeFory;
import org.apache.fory.config.Language;
import org.apache.fory.resolver.TypeChecker;

import java.util.List;

/**
 * The Fory codec. One thread-safe Fory pool per codec; reference tracking on (task arguments may share
 * objects or contain cycles); asynchronous code generation so a fresh worker serializes at once in
 * interpreted mode while Fory compiles its fast serializers in the background; Fory's limit on a decoded
 * value's estimated memory as the user set it ({@link Codecs.Fory#maxGraphBytes(long)}).
 *
 * <p>Its id names every setting, so a worker builds the same codec: {@code fory}, then {@code :} and the
 * allowed prefixes separated by commas if any, then {@code ;maxGraphBytes=N} if not the default.
 */
public final class ForyCodec implements Codecs.Fory {
    private static final String MAX_GRAPH = ";maxGraphBytes=";

    private final ThreadSafeFory fory;
    private final List<String> allowed;
    private final long maxGraphBytes;

    private ForyCodec(List<String> allowed, long maxGraphBytes) {
        this.allowed = List.copyOf(allowed);
        this.maxGraphBytes = maxGraphBytes;
        this.fory = Fory.builder()
                .withLanguage(Language.JAVA)
                .requireClassRegistration(false)
                .suppressClassRegistrationWarnings(true)
                .withRefTracking(true)
                .withDeserializeUnknownClass(false) // a class missing in this process is an error naming it, not a stand-in
                .withAsyncCompilation(true)
                .withMaxGraphMemoryBytes(maxGraphBytes)
                .withClassLoader(Thread.currentThread().getContextClassLoader() != null
                        ? Thread.currentThread().getContextClassLoader() : ForyCodec.class.getClassLoader())
                .buildThreadSafeForyPool(Math.max(4, Runtime.getRuntime().availableProcessors() * 2));
        if (!this.allowed.isEmpty()) {
            TypeChecker checker = (resolver, className) -> isAllowed(className);
            fory.setTypeChecker(checker);
        }
    }

    public static ForyCodec create(List<String> allowedPrefixes, long maxGraphBytes) {
        return new ForyCodec(allowedPrefixes, maxGraphBytes);
    }

    /** The codec a worker builds from the parent's {@link #id()}. */
    public static ForyCodec fromId(String id) {
        String rest = id.substring("fory".length());
        long max = DEFAULT_MAX_GRAPH_BYTES;
        int at = rest.indexOf(MAX_GRAPH);
        if (at >= 0) {
            max = Long.parseLong(rest.substring(at + MAX_GRAPH.length()));
            rest = rest.substring(0, at);
        }
        List<String> prefixes = rest.startsWith(":") ? List.of(rest.substring(1).split(",")) : List.of();
        return new ForyCodec(prefixes, max);
    }

    @Override
    public Codecs.Fory maxGraphBytes(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("maxGraphBytes must be positive, got " + bytes);
        }
        return new ForyCodec(allowed, bytes);
    }

    @Override
    public long maxGraphBytes() {
        return maxGraphBytes;
    }

    private boolean isAllowed(String className) {
        if (className.startsWith("java.") || className.startsWith("io.tandem.") || className.contains("$$Lambda")
                || className.startsWith("[")) {
            return true;
        }
        for (String p : allowed) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public byte[] encode(Object value) {
        try {
            return fory.serialize(value);
        } catch (RuntimeException | StackOverflowError e) {
            throw new CodecException("cannot encode " + JavaCodec.describe(value) + " with Fory: " + e
                    + ". If it is a lambda, capture only serializable values (not `this` of a class that is not"
                    + " serializable); or choose Codecs.java() for types Fory rejects.", e);
        }
    }

    @Override
    public Object decode(byte[] bytes) {
        try {
            return fory.deserialize(bytes);
        } catch (RuntimeException | StackOverflowError e) {
            if (overGraphLimit(e)) {
                throw new CodecException("cannot decode " + bytes.length + " bytes with Fory: the value needs more memory"
                        + " than the codec's limit of " + maxGraphBytes + " bytes (" + e + "). Raise the limit with"
                        + " Codecs.fory().maxGraphBytes(bytes) in the pool's builder, or use Codecs.standard(), which has no"
                        + " such limit", e);
            }
            throw new CodecException("cannot decode " + bytes.length + " bytes with Fory: " + e
                    + (allowed.isEmpty() ? "" : " (allowed class prefixes: " + allowed + ")"), e);
        }
    }

    /** Whether Fory refused the value for its graph-memory limit (the refusal may be wrapped in another exception). */
    private static boolean overGraphLimit(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (String.valueOf(c.getMessage()).contains("maxGraphMemoryBytes")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String id() {
        return (allowed.isEmpty() ? "fory" : "fory:" + String.join(",", allowed))
                + (maxGraphBytes == DEFAULT_MAX_GRAPH_BYTES ? "" : MAX_GRAPH + maxGraphBytes);
    }

    @Override
    public String toString() {
        return "Codec[" + id() + "]";
    }
}
