package io.tandem.process.internal;

import io.tandem.process.Codec;
import io.tandem.process.CodecException;
import io.tandem.spi.MapChunk;

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
 * The process pool's own map frames (Jobs.ChunkJob, MapChunk.Result) have tags of their own, written by
 * hand: they are the first records a worker meets, and reflecting on them cost a fresh JVM some 20 ms. So
 * does a ProcessChannel (its owner's pid and its id), which would otherwise need an object stream.
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
            JAVA = 23, LAMBDA = 24, PATH = 25, OPTIONAL = 26, CHUNK_JOB = 27, CHUNK_RESULT = 28, CHANNEL = 29;
    private static final Class<?> LIST_N = List.of(1, 2, 3).getClass(); // also what Stream.toList() returns
    private static final Class<?> LIST_12 = List.of(1).getClass();
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
        } else if (c == Jobs.ChunkJob.class) {
            // the process pool's own map frames, the first records every worker meets: by hand, no reflection
            Jobs.ChunkJob job = (Jobs.ChunkJob) v;
            out.write(CHUNK_JOB);
            out.writeLong(job.fnId());
            out.writeLong(job.firstIndex());
            write(out, job.items(), depth + 1);
        } else if (c == MapChunk.Result.class) {
            MapChunk.Result result = (MapChunk.Result) v;
            out.write(CHUNK_RESULT);
            out.writeInt(result.count());
            write(out, result.values(), depth + 1);
            write(out, result.failure(), depth + 1);
        } else if (c == io.tandem.process.ProcessChannel.class) {
            long[] handle = ChannelRpc.handles().handleOf(v);
            out.write(CHANNEL);
            out.writeLong(handle[0]);
            out.writeLong(handle[1]);
        } else if (c == Object[].class) {
            Object[] a = (Object[]) v;
            out.write(OBJECTS);
            out.writeInt(a.length);
            for (Object o : a) {
                write(out, o, depth + 1);
            }
        } else if (c == ArrayList.class) {
            writeList(out, ARRAY_LIST, (List<?>) v, depth);
        } else if (c == LIST_N || c == LIST_12 || c == UNMODIFIABLE_LIST || c == UNMODIFIABLE_RANDOM_ACCESS_LIST) {
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
            out.view(a.length * 4L).asIntBuffer().put(a);
        } else if (c == long[].class) {
            long[] a = (long[]) v;
            out.write(LONGS);
            out.writeInt(a.length);
            out.view(a.length * 8L).asLongBuffer().put(a);
        } else if (c == double[].class) {
            double[] a = (double[]) v;
            out.write(DOUBLES);
            out.writeInt(a.length);
            out.view(a.length * 8L).asDoubleBuffer().put(a); // raw bits, NaN payloads kept
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
            for (Object component : shape.components(v)) {
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
                in.view(a.length * 4L).asIntBuffer().get(a);
                yield a;
            }
            case LONGS -> {
                long[] a = new long[in.readLength(8)];
                in.view(a.length * 8L).asLongBuffer().get(a);
                yield a;
            }
            case DOUBLES -> {
                double[] a = new double[in.readLength(8)];
                in.view(a.length * 8L).asDoubleBuffer().get(a);
                yield a;
            }
            case CHUNK_JOB -> {
                long fnId = in.readLong();
                long firstIndex = in.readLong();
                yield new Jobs.ChunkJob(fnId, (Object[]) read(in, depth + 1), firstIndex);
            }
            case CHUNK_RESULT -> {
                int count = in.readInt();
                Object[] values = (Object[]) read(in, depth + 1);
                yield new MapChunk.Result(values, count, (io.tandem.ItemFailedException) read(in, depth + 1));
            }
            case CHANNEL -> {
                long ownerPid = in.readLong();
                yield ChannelRpc.handles().resolve(ownerPid, in.readLong());
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
                Object[] args = new Object[shape.arity()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = read(in, depth + 1);
                }
                yield shape.construct(args);
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
     *
     * A shape starts on core reflection and moves to method handles once it has been used HOT_AFTER times.
     * Method handles adapted to (Object)Object spin LambdaForm classes: some 20 ms for a fresh JVM's first
     * record, on the path of every worker's first map (each chunk is a record). Reflection in a worker,
     * which runs with native accessors (WorkerCommand), costs well under a millisecond to start, and the
     * handles, faster per call, are made only for records that travel often.
     */
    private static final class RecordShape {
        private static final int HOT_AFTER = 512;
        private static final RecordShape INDIRECT = new RecordShape(null, null, null, null);

        private final Class<?> type;
        private final byte[] name;
        private final java.lang.reflect.Method[] accessors;
        private final java.lang.reflect.Constructor<?> constructor;
        private int uses; // racy on purpose: it only decides when to make the handles
        private volatile Handles handles;

        private record Handles(MethodHandle[] accessors, MethodHandle constructor) {
        }

        private RecordShape(Class<?> type, byte[] name, java.lang.reflect.Method[] accessors,
                            java.lang.reflect.Constructor<?> constructor) {
            this.type = type;
            this.name = name;
            this.accessors = accessors;
            this.constructor = constructor;
        }

        static RecordShape of(Class<?> type) {
            if (!type.isRecord() || customisesSerialization(type)) {
                return INDIRECT;
            }
            try {
                RecordComponent[] components = type.getRecordComponents();
                java.lang.reflect.Method[] accessors = new java.lang.reflect.Method[components.length];
                Class<?>[] types = new Class<?>[components.length];
                for (int i = 0; i < components.length; i++) {
                    accessors[i] = components[i].getAccessor();
                    accessors[i].setAccessible(true);
                    types[i] = components[i].getType();
                }
                java.lang.reflect.Constructor<?> ctor = type.getDeclaredConstructor(types);
                ctor.setAccessible(true);
                return new RecordShape(type, type.getName().getBytes(StandardCharsets.UTF_8), accessors, ctor);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // not accessible (a record in a module that does not open it): JDK serialization, if Serializable
                return INDIRECT;
            }
        }

        boolean direct() {
            return type != null;
        }

        byte[] name() {
            return name;
        }

        int arity() {
            return accessors.length;
        }

        Object[] components(Object record) {
            Object[] values = new Object[accessors.length];
            Handles h = handles();
            try {
                for (int i = 0; i < values.length; i++) {
                    values[i] = h != null ? (Object) h.accessors()[i].invokeExact(record) : accessors[i].invoke(record);
                }
            } catch (Throwable t) {
                Throwable cause = t instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : t;
                throw new CodecException("cannot read a component of " + type.getName() + ": " + cause, cause);
            }
            return values;
        }

        Object construct(Object[] args) {
            Handles h = handles();
            try {
                return h != null ? (Object) h.constructor().invokeExact(args) : constructor.newInstance(args);
            } catch (Throwable t) {
                Throwable cause = t instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : t;
                throw new CodecException("cannot rebuild a " + type.getName() + " through its canonical constructor: "
                        + cause, cause);
            }
        }

        private Handles handles() {
            Handles h = handles;
            if (h == null && ++uses == HOT_AFTER) {
                h = makeHandles();
                handles = h;
            }
            return h;
        }

        private Handles makeHandles() {
            try {
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
                MethodHandle[] hs = new MethodHandle[accessors.length];
                for (int i = 0; i < hs.length; i++) {
                    hs[i] = lookup.unreflect(accessors[i]).asType(MethodType.methodType(Object.class, Object.class));
                }
                // (Object[])Object: one spread call per record, with no per-call argument boxing into lists
                MethodHandle ctor = lookup.unreflectConstructor(constructor)
                        .asType(MethodType.methodType(Object.class, constructor.getParameterTypes()).generic())
                        .asSpreader(Object[].class, accessors.length);
                return new Handles(hs, ctor);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null; // stays on reflection, which works wherever the handles would
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

        /**
         * The next {@code n} bytes as a big-endian buffer, skipped over: primitive arrays are copied in bulk
         * through it, which is fast even before the JIT has compiled anything (a per-element loop was not).
         */
        java.nio.ByteBuffer view(long n) {
            if (n > Integer.MAX_VALUE - 16 - pos) {
                throw new CodecException("cannot encode an array of " + n + " bytes: more than a payload can hold (2 GiB)", null);
            }
            ensure((int) n);
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(buf, pos, (int) n).slice();
            pos += (int) n;
            return b;
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

        /** The next {@code n} bytes (already checked by readLength) as a big-endian buffer, skipped over. */
        java.nio.ByteBuffer view(long n) {
            need((int) n);
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(buf, pos, (int) n).slice();
            pos += (int) n;
            return b;
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
