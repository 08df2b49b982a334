package io.tandem.process.internal;

import io.tandem.process.CodecException;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;

/*
 * A serializable lambda's two halves of JDK serialization without the object streams. The lambda's class
 * has a private writeReplace that returns its SerializedLambda; the class that created it has a private
 * static $deserializeLambda$ that turns one back into a lambda (SerializedLambda.readResolve calls it).
 * Both are private to the user's code, so they are reached through a private lookup, which the unnamed
 * module (the class path) allows; where a module does not open its package, of() answers null and the
 * codec falls back to JDK serialization.
 */
final class LambdaForm {
    private static final ClassValue<MethodHandle> WRITE_REPLACE = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            try {
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
                return lookup.findVirtual(type, "writeReplace", MethodType.methodType(Object.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    };
    private static final ClassValue<MethodHandle> DESERIALIZE = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            try {
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
                return lookup.findStatic(type, "$deserializeLambda$", MethodType.methodType(Object.class, SerializedLambda.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    };

    private LambdaForm() {
    }

    /** The lambda's SerializedLambda, or null if it has none this code may read. */
    static SerializedLambda of(Object lambda) {
        MethodHandle writeReplace = WRITE_REPLACE.get(lambda.getClass());
        if (writeReplace == null) {
            return null;
        }
        try {
            return writeReplace.invoke(lambda) instanceof SerializedLambda sl ? sl : null;
        } catch (Throwable e) {
            return null;
        }
    }

    /** The lambda {@code sl} describes, made by its capturing class. */
    static Object rebuild(Class<?> capturing, SerializedLambda sl) {
        MethodHandle deserialize = DESERIALIZE.get(capturing);
        if (deserialize == null) {
            throw new CodecException("cannot rebuild a lambda of " + capturing.getName() + ": the class has no accessible"
                    + " $deserializeLambda$ (is it the same version in both processes, and open to io.tandem.process?)", null);
        }
        try {
            return deserialize.invoke(sl);
        } catch (Throwable e) {
            throw new CodecException("cannot rebuild the lambda " + sl.getImplClass() + "::" + sl.getImplMethodName()
                    + " in " + capturing.getName() + ": " + e + " (is the class the same version in both processes?)", e);
        }
    }
}
