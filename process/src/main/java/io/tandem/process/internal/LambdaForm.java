package io.tandem.process.internal;

import io.tandem.process.CodecException;

import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/*
 * A serializable lambda's two halves of JDK serialization without the object streams. The lambda's class
 * has a private writeReplace that returns its SerializedLambda; the class that created it has a private
 * static $deserializeLambda$ that turns one back into a lambda (SerializedLambda.readResolve calls it).
 * Both are private to the user's code, so they are reached through a private lookup, which the unnamed
 * module (the class path) allows; where a module does not open its package, of() answers null and the
 * codec falls back to JDK serialization.
 *
 * Core reflection, not method handles: a generic MethodHandle.invoke spins LambdaForm classes, tens of
 * milliseconds on a fresh JVM's first lambda, and a worker (which runs with native reflection accessors,
 * see WorkerCommand) pays well under one for the same call.
 */
final class LambdaForm {
    private static final ClassValue<Method> WRITE_REPLACE = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            return accessible(type, "writeReplace");
        }
    };
    private static final ClassValue<Method> DESERIALIZE = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            return accessible(type, "$deserializeLambda$", SerializedLambda.class);
        }
    };

    private static Method accessible(Class<?> type, String name, Class<?>... parameters) {
        try {
            Method m = type.getDeclaredMethod(name, parameters);
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private LambdaForm() {
    }

    /** The lambda's SerializedLambda, or null if it has none this code may read. */
    static SerializedLambda of(Object lambda) {
        Method writeReplace = WRITE_REPLACE.get(lambda.getClass());
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
        Method deserialize = DESERIALIZE.get(capturing);
        if (deserialize == null) {
            throw new CodecException("cannot rebuild a lambda of " + capturing.getName() + ": the class has no accessible"
                    + " $deserializeLambda$ (is it the same version in both processes, and open to io.tandem.process?)", null);
        }
        try {
            return deserialize.invoke(null, sl);
        } catch (InvocationTargetException e) {
            throw new CodecException("cannot rebuild the lambda " + sl.getImplClass() + "::" + sl.getImplMethodName()
                    + " in " + capturing.getName() + ": " + e.getCause() + " (is the class the same version in both processes?)",
                    e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new CodecException("cannot rebuild the lambda " + sl.getImplClass() + "::" + sl.getImplMethodName()
                    + " in " + capturing.getName() + ": " + e + " (is the class the same version in both processes?)", e);
        }
    }
}
