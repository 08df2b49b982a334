package io.tandem.process.internal;

import io.tandem.process.Codec;
import io.tandem.process.CodecException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/** JDK serialization with an {@link ObjectInputFilter} against gadget classes and oversized graphs. */
public final class JavaCodec implements Codec {
    public static final JavaCodec INSTANCE = new JavaCodec();

    /**
     * Bounds plus the usual deserialization-gadget packages; everything else on the class path is allowed. Array
     * lengths are bounded per payload instead ({@link #filterFor}): no legitimate array is longer than the bytes
     * that carry it, so a fixed cap only rejected large results that the heaps could hold (a 200 MB byte[]).
     */
    static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(
            "maxdepth=500;maxrefs=50000000;"
                    + "!org.apache.commons.collections.functors.*;!org.apache.commons.collections4.functors.*;"
                    + "!org.codehaus.groovy.runtime.*;!org.springframework.beans.factory.*;"
                    + "!com.sun.org.apache.xalan.internal.xsltc.trax.*;!javax.management.*;!java.rmi.server.*;"
                    + "!sun.rmi.*;!org.python.core.*;!bsh.*;!com.mchange.v2.c3p0.*");

    private JavaCodec() {
    }

    /** "a com.acme.Thing" (or "null"), for error messages. */
    static String describe(Object value) {
        return value == null ? "null" : "a " + value.getClass().getName();
    }

    @Override
    public byte[] encode(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new CodecException("cannot encode " + describe(value) + ": it holds a " + e.getMessage()
                    + ", which is not java.io.Serializable. Make that class Serializable, capture only the values the"
                    + " task needs, or use Codecs.standard() (records need no Serializable) or Codecs.fory() (nothing does).", e);
        } catch (IOException | RuntimeException e) {
            throw new CodecException("cannot encode " + describe(value) + " with JDK serialization: " + e, e);
        }
        return bytes.toByteArray();
    }

    @Override
    public Object decode(byte[] bytes) {
        try (ObjectInputStream in = new ContextObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(filterFor(bytes.length));
            return in.readObject();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new CodecException("cannot decode " + bytes.length + " bytes with JDK serialization: " + e, e);
        }
    }

    /**
     * {@link #FILTER}, and no array longer than {@code payloadBytes}: each element takes at least one byte of
     * the stream, so a longer one is a forged length that would allocate memory no payload backs.
     */
    static ObjectInputFilter filterFor(int payloadBytes) {
        return info -> info.arrayLength() > payloadBytes ? ObjectInputFilter.Status.REJECTED : FILTER.checkInput(info);
    }

    /*
     * ObjectInputStream resolves classes through the nearest class loader on the call stack that is not the
     * platform's: Tandem's own, which misses classes of a program compiled in memory (`java Prog.java`) or
     * loaded by the application's own loaders. Those are tried through the context class loader: the
     * program's loader in the parent (threads inherit it), the loader that asks the parent in a worker.
     */
    private static final class ContextObjectInputStream extends ObjectInputStream {
        ContextObjectInputStream(ByteArrayInputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return super.resolveClass(desc);
            } catch (ClassNotFoundException e) {
                ClassLoader context = Thread.currentThread().getContextClassLoader();
                if (context == null) {
                    throw e;
                }
                return Class.forName(desc.getName(), false, context);
            }
        }
    }

    @Override
    public String id() {
        return "java";
    }

    @Override
    public String toString() {
        return "Codec[java]";
    }
}
