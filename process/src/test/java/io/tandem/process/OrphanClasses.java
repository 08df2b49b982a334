package io.tandem.process;

import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;

/**
 * Instances of classes that exist only in this JVM's memory: generated, defined from bytes by a loader
 * that has no class file for them, so neither a worker's class path nor the parent's class loaders can
 * give a worker their bytes. What a worker meets when a task captures one.
 */
public final class OrphanClasses {
    private OrphanClasses() {
    }

    /** A new instance of a fresh, empty, serializable class {@code name} (binary name, e.g. "gen.Ghost"). */
    public static Object instance(String name) throws ReflectiveOperationException {
        byte[] bytes = ClassFile.of().build(ClassDesc.of(name), cb -> cb
                .withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL | ClassFile.ACC_SUPER)
                .withInterfaceSymbols(ClassDesc.of("java.io.Serializable"))
                .withMethodBody(ConstantDescs.INIT_NAME, ConstantDescs.MTD_void, ClassFile.ACC_PUBLIC, code -> code
                        .aload(0)
                        .invokespecial(ConstantDescs.CD_Object, ConstantDescs.INIT_NAME, ConstantDescs.MTD_void)
                        .return_()));
        return new Definer().define(name, bytes).getConstructor().newInstance();
    }

    private static final class Definer extends ClassLoader {
        Definer() {
            super("orphans", OrphanClasses.class.getClassLoader());
        }

        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
