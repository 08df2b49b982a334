package io.tandem.process.internal;

import io.tandem.process.Codec;
import io.tandem.process.CodecException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/*
 * Tandem's default codec: a compact tagged binary form for the values tasks usually carry, and JDK
 * serialization (behind JavaCodec's filter) for everything else, such as serializable lambdas.
 *
 * Why not Fory by default: Fory is fast once warm, but loading it costs a fresh JVM 150-600 ms on the first
 * task and map (its serializers are generated per type), and on JDK 24+ it prints four sun.misc.Unsafe
 * warnings in the user's own JVM. Tasks mostly carry numbers, strings, arrays, lists, maps, records and
 * enums; those are written here directly, by structure, with no class loading beyond the types themselves.
 *
 * What is written directly: null, the boxed primitives, String, BigInteger, primitive arrays of int, long,
 * double and byte, Object[], ArrayList and the JDK's unmodifiable lists, HashMap, LinkedHashMap, enums,
 * Paths of the default file system and Optional (neither is Serializable, and both are common task values),
 * and records (by their components, through the canonical constructor, as JDK serialization does for
 * records) unless they customise serialization (writeReplace/readResolve). Values are written as trees:
 * an object reachable twice is decoded as two equal copies, and a cycle among these types is an error
 * (JDK serialization, chosen with Codecs.java(), keeps shared references). Everything else - lambdas,
 * Serializable classes, exceptions - is a nested JDK-serialization block, so what JDK serialization can
 * carry, this codec carries too.
 *
 * Serializable lambdas, the most common task, are written as their SerializedLambda's fields (the
 * capturing class, the implementation method, the captured values, each written by this codec) and
 * rebuilt through the capturing class's $deserializeLambda$, as JDK serialization does, but without an
 * object stream on either side: a fresh JVM's first lambda costs microseconds, not tens of milliseconds.
 *
 * Decoding checks every record and enum class against the same filter as JDK serialization, so a payload
 * cannot name a gadget class either way. Classes are resolved through the thread's context class loader
 * (a worker sets it to the loader that sees the user's classes), else this class's loader.
 */
public final class StandardCodec implements Codec {
    public static final StandardCodec INSTANCE = new StandardCodec();

    private static final int MAX_DEPTH = 500;
    private static final byte NULL = 0, TRUE = 1, FALSE = 2, INT = 3, LONG = 4, DOUBLE = 5, FLOAT = 6, SHORT = 7,
            BYTE = 8, CHAR = 9, STRING = 10, BYTES = 11, INTS = 12, LONGS = 13, DOUBLES = 14, OBJECTS = 15,
            ARRAY_LIST = 16, LIST = 17, HASH_MAP = 18, LINKED_HASH_MAP = 19, RECORD = 20, ENUM = 21, BIG_INTEGER = 22,
            JAVA = 23, LAMBDA = 24, PATH = 25, OPTIONAL = 26;
    private static final Class<?> LIST_N = List.of(1, 2, 3).getClass();
    private static final Class<?> LIST_12 = List.of(1).getClass();
    private static final Class<?> STREAM_LIST = java.util.stream.Stream.of(1).toList().getClass();
    private static final Class<?> UNMODIFIABLE_LIST = Collections.unmodifiableList(new ArrayList<>()).getClass();
    private static final Class<?> UNMODIFIABLE_RANDOM_ACCESS_LIST = Collections.unmodifiableList(new ArrayList<>(List.of(1))).getClass();

    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return RecordShape.of(type);
        }
    };
    /* Classes already resolved (and filtered), per loader; a process has one or two loaders in play. */
    private final Map<ClassLoader, Map<String, Class<?>>> byLoader = Collections.synchronizedMap(new java.util.WeakHashMap<>());
    private volatile LoaderCache last = new LoaderCache(null, new ConcurrentHashMap<>());

    private record LoaderCache(ClassLoader loader, Map<String, Class<?>> classes) {
    }

    private StandardCodec() {
    }

    @Override
    public String id() {
        return "standard";
    }

    @Override
    public String toString() {
        return "Codec[standard]";
    }

    // ---- encoding --------------------------------------------------------------------------------

    @Override
    public byte[] encode(Object value) {
        Out out = new Out();
        try {
            write(out, value, 0);
        } catch (CodecException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new CodecException("cannot encode " + JavaCodec.describe(value) + ": " + e, e);
        }
        return out.toByteArray();
    }

    private void write(Out out, Object v, int depth) {
        if (depth > MAX_DEPTH) {
            throw new CodecException("cannot encode a value nested more than " + MAX_DEPTH + " levels deep (a cycle?)."
                    + " Values travel as trees; for shared references or cycles choose Codecs.java().", null);
        }
        if (v == null) {
            out.write(NULL);
            return;
        }
        Class<?> c = v.getClass();
        if (c == Integer.class) {
            out.write(INT);
            out.writeInt((Integer) v);
        } else if (c == Long.class) {
            out.write(LONG);
            out.writeLong((Long) v);
        } else if (c == String.class) {
            out.write(STRING);
            out.writeBytes(((String) v).getBytes(StandardCharsets.UTF_8));
        } else if (c == Double.class) {
            out.write(DOUBLE);
            out.writeLong(Double.doubleToRawLongBits((Double) v));
        } else if (c == Boolean.class) {
            out.write((Boolean) v ? TRUE : FALSE);
        } else if (c == Object[].class) {
            Object[] a = (Object[]) v;
            out.write(OBJECTS);
            out.writeInt(a.length);
            for (Object o : a) {
                write(out, o, depth + 1);
            }
        } else if (c == ArrayList.class) {
            writeList(out, ARRAY_LIST, (List<?>) v, depth);
        } else if (c == LIST_N || c == LIST_12 || c == STREAM_LIST || c == UNMODIFIABLE_LIST || c == UNMODIFIABLE_RANDOM_ACCESS_LIST) {
            writeList(out, LIST, (List<?>) v, depth);
        } else if (c == HashMap.class || c == LinkedHashMap.class) {
            Map<?, ?> m = (Map<?, ?>) v;
            out.write(c == HashMap.class ? HASH_MAP : LINKED_HASH_MAP);
            out.writeInt(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                write(out, e.getKey(), depth + 1);
                write(out, e.getValue(), depth + 1);
            }
        } else if (c == int[].class) {
            int[] a = (int[]) v;
            out.write(INTS);
            out.writeInt(a.length);
            for (int x : a) {
                out.writeInt(x);
            }
        } else if (c == long[].class) {
            long[] a = (long[]) v;
            out.write(LONGS);
            out.writeInt(a.length);
            for (long x : a) {
                out.writeLong(x);
            }
        } else if (c == double[].class) {
            double[] a = (double[]) v;
            out.write(DOUBLES);
            out.writeInt(a.length);
            for (double x : a) {
                out.writeLong(Double.doubleToRawLongBits(x));
            }
        } else if (c == byte[].class) {
            out.write(BYTES);
            out.writeBytes((byte[]) v);
        } else if (c == BigInteger.class) {
            out.write(BIG_INTEGER);
            out.writeBytes(((BigInteger) v).toByteArray());
        } else if (c == Float.class) {
            out.write(FLOAT);
            out.writeInt(Float.floatToRawIntBits((Float) v));
        } else if (c == Short.class) {
            out.write(SHORT);
            out.writeInt((Short) v);
        } else if (c == Byte.class) {
            out.write(BYTE);
            out.write((Byte) v);
        } else if (c == Character.class) {
            out.write(CHAR);
            out.writeInt((Character) v);
        } else if (v instanceof Path path && path.getFileSystem() == FileSystems.getDefault()) {
            out.write(PATH);
            out.writeString(path.toString());
        } else if (c == Optional.class) {
            out.write(OPTIONAL);
            write(out, ((Optional<?>) v).orElse(null), depth + 1);
        } else if (v instanceof Enum<?> e) {
            out.write(ENUM);
            out.writeString(e.getDeclaringClass().getName());
            out.writeString(e.name());
        } else if (c.isHidden() && v instanceof Serializable && writeLambda(out, v, depth)) {
            return;
        } else if (c.isRecord() && SHAPES.get(c).direct()) {
            RecordShape shape = SHAPES.get(c);
            out.write(RECORD);
            out.writeBytes(shape.name());
            for (MethodHandle accessor : shape.accessors()) {
                Object component;
                try {
                    component = (Object) accessor.invokeExact(v);
                } catch (Throwable t) {
                    throw new CodecException("cannot read a component of " + c.getName() + ": " + t, t);
                }
                write(out, component, depth + 1);
            }
        } else {
            out.write(JAVA);
            out.writeBytes(javaEncode(v));
        }
    }

    /** Writes a serializable lambda by its SerializedLambda; false if it is not one this JVM lets us read. */
    private boolean writeLambda(Out out, Object lambda, int depth) {
        SerializedLambda sl = LambdaForm.of(lambda);
        if (sl == null) {
            return false;
        }
        out.write(LAMBDA);
        out.writeString(sl.getCapturingClass());
        out.writeString(sl.getFunctionalInterfaceClass());
        out.writeString(sl.getFunctionalInterfaceMethodName());
        out.writeString(sl.getFunctionalInterfaceMethodSignature());
        out.writeInt(sl.getImplMethodKind());
        out.writeString(sl.getImplClass());
        out.writeString(sl.getImplMethodName());
        out.writeString(sl.getImplMethodSignature());
        out.writeString(sl.getInstantiatedMethodType());
        out.writeInt(sl.getCapturedArgCount());
        for (int i = 0; i < sl.getCapturedArgCount(); i++) {
            write(out, sl.getCapturedArg(i), depth + 1);
        }
        return true;
    }

    private Object readLambda(In in, int depth) {
        Class<?> capturing = resolve(in.readString().replace('/', '.'));
        String fi = in.readString();
        String fiMethod = in.readString();
        String fiSignature = in.readString();
        int implKind = in.readInt();
        String implClass = in.readString();
        String implMethod = in.readString();
        String implSignature = in.readString();
        String instantiated = in.readString();
        Object[] captured = new Object[in.readLength(1)];
        for (int i = 0; i < captured.length; i++) {
            captured[i] = read(in, depth + 1);
        }
        SerializedLambda sl = new SerializedLambda(capturing, fi, fiMethod, fiSignature, implKind, implClass, implMethod,
                implSignature, instantiated, captured);
        return LambdaForm.rebuild(capturing, sl);
    }

    private void writeList(Out out, byte tag, List<?> list, int depth) {
        out.write(tag);
        out.writeInt(list.size());
        for (Object o : list) {
            write(out, o, depth + 1);
        }
    }

    private static byte[] javaEncode(Object v) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(v);
        } catch (NotSerializableException e) {
            throw new CodecException("cannot encode " + JavaCodec.describe(v) + ": it holds a " + e.getMessage()
                    + ", which is not java.io.Serializable. Make that class Serializable (or a record), capture only"
                    + " the values the task needs, or choose Codecs.fory(), which needs neither.", e);
        } catch (IOException e) {
            throw new CodecException("cannot encode " + JavaCodec.describe(v) + " with JDK serialization: " + e, e);
        }
        return bytes.toByteArray();
    }

    // ---- decoding --------------------------------------------------------------------------------

    @Override
    public Object decode(byte[] bytes) {
        In in = new In(bytes);
        try {
            Object v = read(in, 0);
            if (in.pos != bytes.length) {
                throw new CodecException("cannot decode " + bytes.length + " bytes: " + (bytes.length - in.pos)
                        + " bytes left after the value (not written by this codec?)", null);
            }
            return v;
        } catch (CodecException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new CodecException("cannot decode " + bytes.length + " bytes: " + e, e);
        }
    }

    private Object read(In in, int depth) {
        if (depth > MAX_DEPTH) {
            throw new CodecException("cannot decode a value nested more than " + MAX_DEPTH + " levels deep", null);
        }
        byte tag = in.read();
        return switch (tag) {
            case NULL -> null;
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case INT -> in.readInt();
            case LONG -> in.readLong();
            case DOUBLE -> Double.longBitsToDouble(in.readLong());
            case FLOAT -> Float.intBitsToFloat(in.readInt());
            case SHORT -> (short) in.readInt();
            case BYTE -> in.read();
            case CHAR -> (char) in.readInt();
            case STRING -> new String(in.readBytes(), StandardCharsets.UTF_8);
            case BYTES -> in.readBytes();
            case BIG_INTEGER -> new BigInteger(in.readBytes());
            case INTS -> {
                int[] a = new int[in.readLength(4)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.readInt();
                }
                yield a;
            }
            case LONGS -> {
                long[] a = new long[in.readLength(8)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.readLong();
                }
                yield a;
            }
            case DOUBLES -> {
                double[] a = new double[in.readLength(8)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = Double.longBitsToDouble(in.readLong());
                }
                yield a;
            }
            case OBJECTS -> {
                Object[] a = new Object[in.readLength(1)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = read(in, depth + 1);
                }
                yield a;
            }
            case ARRAY_LIST, LIST -> {
                int n = in.readLength(1);
                ArrayList<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(read(in, depth + 1));
                }
                yield tag == LIST ? Collections.unmodifiableList(list) : list;
            }
            case HASH_MAP, LINKED_HASH_MAP -> {
                int n = in.readLength(2);
                Map<Object, Object> m = tag == HASH_MAP ? HashMap.newHashMap(n) : LinkedHashMap.newLinkedHashMap(n);
                for (int i = 0; i < n; i++) {
                    Object k = read(in, depth + 1);
                    m.put(k, read(in, depth + 1));
                }
                yield m;
            }
            case ENUM -> {
                Class<?> c = resolve(in.readString());
                String name = in.readString();
                if (!c.isEnum()) {
                    throw new CodecException("cannot decode: " + c.getName() + " is not an enum", null);
                }
                yield enumConstant(c, name);
            }
            case RECORD -> {
                Class<?> c = resolve(in.readString());
                if (!c.isRecord()) {
                    throw new CodecException("cannot decode: " + c.getName() + " is not a record", null);
                }
                RecordShape shape = SHAPES.get(c);
                Object[] args = new Object[shape.accessors().length];
                for (int i = 0; i < args.length; i++) {
                    args[i] = read(in, depth + 1);
                }
                try {
                    yield (Object) shape.constructor().invokeExact(args);
                } catch (Throwable t) {
                    throw new CodecException("cannot rebuild a " + c.getName() + " through its canonical constructor: " + t, t);
                }
            }
            case JAVA -> JavaCodec.INSTANCE.decode(in.readBytes());
            case LAMBDA -> readLambda(in, depth);
            case PATH -> Path.of(in.readString());
            case OPTIONAL -> Optional.ofNullable(read(in, depth + 1));
            default -> throw new CodecException("cannot decode: unknown tag " + tag + " at byte " + (in.pos - 1)
                    + " (the payload was not written by this codec)", null);
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(Class<?> c, String name) {
        try {
            return Enum.valueOf((Class) c, name);
        } catch (IllegalArgumentException e) {
            throw new CodecException("cannot decode: " + c.getName() + " has no constant " + name
                    + " here (different versions of the class in the two processes?)", e);
        }
    }

    /** Finds a class by name for decoding, after the same filter as JDK serialization. */
    private Class<?> resolve(String name) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader loader = context != null ? context : StandardCodec.class.getClassLoader();
        LoaderCache cache = last;
        if (cache.loader() != loader) {
            cache = new LoaderCache(loader, byLoader.computeIfAbsent(loader, l -> new ConcurrentHashMap<>()));
            last = cache;
        }
        Class<?> c = cache.classes().get(name);
        if (c != null) {
            return c;
        }
        try {
            c = Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new CodecException("cannot decode: class " + name + " is not found in this process", e);
        }
        Class<?> checked = c;
        ObjectInputFilter.Status status = JavaCodec.FILTER.checkInput(new ObjectInputFilter.FilterInfo() {
            @Override
            public Class<?> serialClass() {
                return checked;
            }

            @Override
            public long arrayLength() {
                return -1;
            }

            @Override
            public long depth() {
                return 1;
            }

            @Override
            public long references() {
                return 1;
            }

            @Override
            public long streamBytes() {
                return 0;
            }
        });
        if (status == ObjectInputFilter.Status.REJECTED) {
            throw new CodecException("cannot decode: class " + name + " is rejected by the deserialization filter", null);
        }
        cache.classes().put(name, c);
        return c;
    }

    /**
     * How a record travels: its accessors and canonical constructor, or {@code direct() == false} when
     * it customises serialization (writeReplace/readResolve) and must go through JDK serialization.
     */
    private record RecordShape(boolean direct, byte[] name, MethodHandle[] accessors, MethodHandle constructor) {
        static RecordShape of(Class<?> type) {
            if (!type.isRecord() || customisesSerialization(type)) {
                return new RecordShape(false, null, null, null);
            }
            try {
                RecordComponent[] components = type.getRecordComponents();
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
                MethodHandle[] accessors = new MethodHandle[components.length];
                Class<?>[] types = new Class<?>[components.length];
                for (int i = 0; i < components.length; i++) {
                    accessors[i] = lookup.unreflect(components[i].getAccessor()).asType(MethodType.methodType(Object.class, Object.class));
                    types[i] = components[i].getType();
                }
                // (Object[])Object: one spread call per record, with no per-call argument boxing into lists
                MethodHandle ctor = lookup.findConstructor(type, MethodType.methodType(void.class, types))
                        .asType(MethodType.methodType(Object.class, types).generic())
                        .asSpreader(Object[].class, components.length);
                return new RecordShape(true, type.getName().getBytes(StandardCharsets.UTF_8), accessors, ctor);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // not accessible (a record in a module that does not open it): JDK serialization, if Serializable
                return new RecordShape(false, null, null, null);
            }
        }

        private static boolean customisesSerialization(Class<?> type) {
            if (!Serializable.class.isAssignableFrom(type)) {
                return false;
            }
            for (String m : new String[]{"writeReplace", "readResolve"}) {
                try {
                    var method = type.getDeclaredMethod(m);
                    if (!Modifier.isStatic(method.getModifiers())) {
                        return true;
                    }
                } catch (NoSuchMethodException ignored) {
                    // not declared
                }
            }
            return false;
        }
    }

    // ---- byte buffers ----------------------------------------------------------------------------

    /** A growable output buffer; big-endian, lengths as ints. */
    private static final class Out {
        private byte[] buf = new byte[64];
        private int pos;

        private void ensure(int n) {
            if (n > Integer.MAX_VALUE - 16 - pos) {
                throw new CodecException("cannot encode a value of more than 2 GiB", null);
            }
            if (pos + n > buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(buf.length * 2L, pos + n)));
            }
        }

        void write(int b) {
            ensure(1);
            buf[pos++] = (byte) b;
        }

        void writeInt(int v) {
            ensure(4);
            buf[pos] = (byte) (v >>> 24);
            buf[pos + 1] = (byte) (v >>> 16);
            buf[pos + 2] = (byte) (v >>> 8);
            buf[pos + 3] = (byte) v;
            pos += 4;
        }

        void writeLong(long v) {
            writeInt((int) (v >>> 32));
            writeInt((int) v);
        }

        void writeBytes(byte[] b) {
            writeInt(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, pos, b.length);
            pos += b.length;
        }

        void writeString(String s) {
            writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }

        /** The bytes written; the buffer itself when it is full (a large array grows it to the exact size). */
        byte[] toByteArray() {
            return pos == buf.length ? buf : Arrays.copyOf(buf, pos);
        }
    }

    /** Reads what {@link Out} wrote; every length is checked against what is left. */
    private static final class In {
        private final byte[] buf;
        private int pos;

        In(byte[] buf) {
            this.buf = buf;
        }

        private void need(int n) {
            if (n < 0 || pos + n > buf.length) {
                throw new CodecException("cannot decode " + buf.length + " bytes: truncated at byte " + pos, null);
            }
        }

        byte read() {
            need(1);
            return buf[pos++];
        }

        int readInt() {
            need(4);
            int v = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
            pos += 4;
            return v;
        }

        long readLong() {
            return ((long) readInt() << 32) | (readInt() & 0xffffffffL);
        }

        /** A count of elements that each take at least {@code minBytes}: bounded by what is left. */
        int readLength(int minBytes) {
            int n = readInt();
            if (n < 0 || (long) n * minBytes > buf.length - pos) {
                throw new CodecException("cannot decode " + buf.length + " bytes: a length of " + n + " at byte " + (pos - 4)
                        + " exceeds the payload", null);
            }
            return n;
        }

        byte[] readBytes() {
            int n = readLength(1);
            byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
            pos += n;
            return b;
        }

        String readString() {
            return new String(readBytes(), StandardCharsets.UTF_8);
        }
    }
}
