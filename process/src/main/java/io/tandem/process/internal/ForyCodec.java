package io.tandem.process.internal;

import io.tandem.process.Codec;
import io.tandem.process.CodecException;
import org.apache.fory.Fory;
import org.apache.fory.ThreadSafeFory;
import org.apache.fory.config.Language;
import org.apache.fory.resolver.TypeChecker;

import java.util.List;

/**
 * The Fory codec. One thread-safe Fory pool per codec; reference tracking on (task arguments may share
 * objects or contain cycles); asynchronous code generation so a fresh worker serializes at once in
 * interpreted mode while Fory compiles its fast serializers in the background.
 */
public final class ForyCodec implements Codec {
    private final ThreadSafeFory fory;
    private final List<String> allowed;

    private ForyCodec(List<String> allowed) {
        this.allowed = List.copyOf(allowed);
        this.fory = Fory.builder()
                .withLanguage(Language.JAVA)
                .requireClassRegistration(false)
                .suppressClassRegistrationWarnings(true)
                .withRefTracking(true)
                .withDeserializeUnknownClass(false) // a class missing in this process is an error naming it, not a stand-in
                .withAsyncCompilation(true)
                .withClassLoader(Thread.currentThread().getContextClassLoader() != null
                        ? Thread.currentThread().getContextClassLoader() : ForyCodec.class.getClassLoader())
                .buildThreadSafeForyPool(Math.max(4, Runtime.getRuntime().availableProcessors() * 2));
        if (!this.allowed.isEmpty()) {
            TypeChecker checker = (resolver, className) -> isAllowed(className);
            fory.setTypeChecker(checker);
        }
    }

    public static ForyCodec create(List<String> allowedPrefixes) {
        return new ForyCodec(allowedPrefixes);
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
            throw new CodecException("cannot decode " + bytes.length + " bytes with Fory: " + e
                    + (allowed.isEmpty() ? "" : " (allowed class prefixes: " + allowed + ")"), e);
        }
    }

    @Override
    public String id() {
        return allowed.isEmpty() ? "fory" : "fory:" + String.join(",", allowed);
    }

    @Override
    public String toString() {
        return "Codec[" + id() + "]";
    }
}
