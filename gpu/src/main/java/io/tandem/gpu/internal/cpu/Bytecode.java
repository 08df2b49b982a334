package io.tandem.gpu.internal.cpu;

import io.tandem.gpu.internal.lang.Elementwise;
import io.tandem.gpu.internal.lang.Reduction;
import io.tandem.gpu.internal.lang.Sym;
import io.tandem.gpu.internal.lang.Type;
import io.tandem.gpu.internal.lang.Typed;

import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandles;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/*
 * The CPU backend compiles each kernel to a hidden class (java.lang.classfile), so the loop the JIT sees
 * is the loop a person would write: for (k = from; k < to; k++) { y[oy + k] = x[ox + k] * x[ox + k]; } with
 * every array and scalar in a local. The JIT then eliminates the range checks and, for simple bodies,
 * vectorises it, which an interpreter of the expression tree (a virtual call per node per element) could
 * never approach. Semantics are Java's: IEEE float and double, int overflow wraps, int division by zero
 * throws ArithmeticException, (int) of a float truncates and saturates, as the PTX the GPU runs.
 */
final class Bytecode {
    private static final ClassDesc CD_NUMBER = ClassDesc.of("java.lang.Number");
    private static final ClassDesc CD_MATH = ClassDesc.of("java.lang.Math");
    private static final ClassDesc CD_FLOAT = ClassDesc.of("java.lang.Float");
    private static final ClassDesc CD_DOUBLE = ClassDesc.of("java.lang.Double");
    private static final MethodTypeDesc RUN = MethodTypeDesc.of(ConstantDescs.CD_void,
            ConstantDescs.CD_Object.arrayType(), ConstantDescs.CD_int.arrayType(), ConstantDescs.CD_int,
            ConstantDescs.CD_int, ConstantDescs.CD_long);
    private static final MethodTypeDesc REDUCE = MethodTypeDesc.of(ConstantDescs.CD_long,
            ConstantDescs.CD_Object.arrayType(), ConstantDescs.CD_int.arrayType(), ConstantDescs.CD_int,
            ConstantDescs.CD_int, ConstantDescs.CD_long);
    private static final MethodTypeDesc LL_L = MethodTypeDesc.of(ConstantDescs.CD_long, ConstantDescs.CD_long, ConstantDescs.CD_long);
    private static final MethodTypeDesc L_L = MethodTypeDesc.of(ConstantDescs.CD_long, ConstantDescs.CD_long);
    private static final AtomicLong SERIAL = new AtomicLong();

    private Bytecode() {
    }

    /**
     * {@code direct}: every array starts at element 0 (no slices), so the loop indexes {@code a[k]} and the
     * JIT can vectorise it (with per-array offsets it must assume two slices of one array may overlap).
     */
    static CpuElementwise elementwise(Elementwise k, boolean[] scalar, boolean direct) {
        byte[] bytes = ClassFile.of().build(className(k.name()), cb -> {
            cb.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL | ClassFile.ACC_SUPER);
            cb.withInterfaceSymbols(ClassDesc.of(CpuElementwise.class.getName()));
            constructor(cb);
            cb.withMethodBody("run", RUN, ClassFile.ACC_PUBLIC, code -> {
                Body b = new Body(code, direct);
                List<Sym> params = new java.util.ArrayList<>(k.inputs());
                params.addAll(k.outputs());
                for (int p = 0; p < params.size(); p++) {
                    Sym s = params.get(p);
                    b.param(s, p, s.kind() == Sym.Kind.INPUT && scalar[s.index()]);
                }
                Set<Sym> used = new LinkedHashSet<>();
                k.body().forEach(a -> uses(a.value(), used));
                b.loop(() -> {
                    b.loadElements(k.inputs(), used, scalar);
                    for (Typed.Assign a : k.body()) {
                        b.assign(a.target(), a.value());
                    }
                    for (Sym o : k.outputs()) {
                        b.storeElement(o);
                    }
                });
                code.return_();
            });
        });
        return (CpuElementwise) instantiate(bytes);
    }

    static CpuReduction reduction(Reduction r, boolean[] scalar, boolean direct) {
        TypeKind acc = kind(r.acc());
        byte[] bytes = ClassFile.of().build(className(r.name()), cb -> {
            cb.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL | ClassFile.ACC_SUPER);
            cb.withInterfaceSymbols(ClassDesc.of(CpuReduction.class.getName()));
            constructor(cb);
            cb.withMethodBody("run", REDUCE, ClassFile.ACC_PUBLIC, code -> {
                Body b = new Body(code, direct);
                for (Sym s : r.inputs()) {
                    b.param(s, s.index(), scalar[s.index()]);
                }
                Sym a = new Sym(Sym.Kind.ACC_A, 0, "a", r.acc());
                Sym bb = new Sym(Sym.Kind.ACC_B, 0, "b", r.acc());
                int accSlot = code.allocateLocal(acc);
                int vSlot = code.allocateLocal(acc);
                b.slots.put(a, accSlot);
                b.slots.put(bb, vSlot);
                b.expr(r.identity());
                code.storeLocal(acc, accSlot);
                Set<Sym> used = new LinkedHashSet<>();
                uses(r.map(), used);
                b.loop(() -> {
                    b.loadElements(r.inputs(), used, scalar);
                    b.expr(r.map());
                    code.storeLocal(acc, vSlot);
                    b.expr(r.reduce());
                    code.storeLocal(acc, accSlot);
                });
                code.loadLocal(acc, accSlot);
                toBits(code, r.acc());
                code.lreturn();
            });
            cb.withMethodBody("combine", LL_L, ClassFile.ACC_PUBLIC, code -> {
                Body b = new Body(code, false);
                b.slots.put(new Sym(Sym.Kind.ACC_A, 0, "a", r.acc()), fromBitsLocal(code, r.acc(), 1));
                b.slots.put(new Sym(Sym.Kind.ACC_B, 0, "b", r.acc()), fromBitsLocal(code, r.acc(), 3));
                b.expr(r.reduce());
                toBits(code, r.acc());
                code.lreturn();
            });
            cb.withMethodBody("post", L_L, ClassFile.ACC_PUBLIC, code -> {
                Body b = new Body(code, false);
                b.slots.put(new Sym(Sym.Kind.ACC_A, 0, "a", r.acc()), fromBitsLocal(code, r.acc(), 1));
                for (Typed.Assign st : r.post()) {
                    b.assign(st.target(), st.value());
                }
                code.loadLocal(kind(r.output().type()), b.slots.get(r.output()));
                toBits(code, r.output().type());
                code.lreturn();
            });
        });
        return (CpuReduction) instantiate(bytes);
    }

    private static ClassDesc className(String kernel) {
        return ClassDesc.of(Bytecode.class.getPackageName() + ".Kernel_" + kernel + "_" + SERIAL.incrementAndGet());
    }

    private static void constructor(java.lang.classfile.ClassBuilder cb) {
        cb.withMethodBody(ConstantDescs.INIT_NAME, ConstantDescs.MTD_void, ClassFile.ACC_PUBLIC, code -> code
                .aload(0)
                .invokespecial(ConstantDescs.CD_Object, ConstantDescs.INIT_NAME, ConstantDescs.MTD_void)
                .return_());
    }

    private static Object instantiate(byte[] bytes) {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup().defineHiddenClass(bytes, true);
            return l.findConstructor(l.lookupClass(), java.lang.invoke.MethodType.methodType(void.class)).invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("the CPU backend could not load its generated kernel class: " + e, e);
        }
    }

    /** Converts the value on the stack (of type t) to its raw bits as a long. */
    private static void toBits(CodeBuilder code, Type t) {
        switch (t) {
            case FLOAT32 -> {
                code.invokestatic(CD_FLOAT, "floatToRawIntBits", MethodTypeDesc.of(ConstantDescs.CD_int, ConstantDescs.CD_float));
                code.i2l();
            }
            case FLOAT64 -> code.invokestatic(CD_DOUBLE, "doubleToRawLongBits", MethodTypeDesc.of(ConstantDescs.CD_long, ConstantDescs.CD_double));
            case INT32 -> code.i2l();
            default -> {
            }
        }
    }

    /** Decodes the long parameter in {@code slot} into a new local of type t; returns its slot. */
    private static int fromBitsLocal(CodeBuilder code, Type t, int slot) {
        code.lload(slot);
        switch (t) {
            case FLOAT32 -> {
                code.l2i();
                code.invokestatic(CD_FLOAT, "intBitsToFloat", MethodTypeDesc.of(ConstantDescs.CD_float, ConstantDescs.CD_int));
            }
            case FLOAT64 -> code.invokestatic(CD_DOUBLE, "longBitsToDouble", MethodTypeDesc.of(ConstantDescs.CD_double, ConstantDescs.CD_long));
            case INT32 -> code.l2i();
            default -> {
            }
        }
        int local = code.allocateLocal(kind(t));
        code.storeLocal(kind(t), local);
        return local;
    }

    static TypeKind kind(Type t) {
        return switch (t) {
            case BOOL, INT32 -> TypeKind.INT;
            case INT64 -> TypeKind.LONG;
            case FLOAT32 -> TypeKind.FLOAT;
            case FLOAT64 -> TypeKind.DOUBLE;
        };
    }

    private static ClassDesc arrayDesc(Type t) {
        return switch (t) {
            case FLOAT32 -> ConstantDescs.CD_float.arrayType();
            case FLOAT64 -> ConstantDescs.CD_double.arrayType();
            case INT32 -> ConstantDescs.CD_int.arrayType();
            default -> ConstantDescs.CD_long.arrayType();
        };
    }

    private static void uses(Typed e, Set<Sym> used) {
        switch (e) {
            case Typed.Ref r -> used.add(r.sym());
            case Typed.Unary u -> uses(u.operand(), used);
            case Typed.Binary b -> {
                uses(b.left(), used);
                uses(b.right(), used);
            }
            case Typed.Call c -> c.args().forEach(a -> uses(a, used));
            case Typed.Cast c -> uses(c.operand(), used);
            case Typed.Const ignored -> {
            }
        }
    }

    /** Emits one method's body: parameters in locals, the loop, expressions. Slots 1-6 are the arguments. */
    private static final class Body {
        private static final int ARGS = 1;
        private static final int OFFSETS = 2;
        private static final int FROM = 3;
        private static final int TO = 4;
        private static final int N = 5;

        final CodeBuilder code;
        final boolean direct;
        final Map<Sym, Integer> slots = new HashMap<>();
        final Map<Sym, Integer> arrays = new HashMap<>();
        final Map<Sym, Integer> offsets = new HashMap<>();
        int index = -1;

        Body(CodeBuilder code, boolean direct) {
            this.code = code;
            this.direct = direct;
        }

        /** Loads parameter p (array + offset, or unboxed scalar) from args into locals. */
        void param(Sym s, int p, boolean isScalar) {
            code.aload(ARGS);
            code.loadConstant(p);
            code.aaload();
            if (isScalar) {
                code.checkcast(CD_NUMBER);
                String m;
                ClassDesc r;
                switch (s.type()) {
                    case FLOAT32 -> { m = "floatValue"; r = ConstantDescs.CD_float; }
                    case FLOAT64 -> { m = "doubleValue"; r = ConstantDescs.CD_double; }
                    case INT32 -> { m = "intValue"; r = ConstantDescs.CD_int; }
                    default -> { m = "longValue"; r = ConstantDescs.CD_long; }
                }
                code.invokevirtual(CD_NUMBER, m, MethodTypeDesc.of(r));
                int slot = code.allocateLocal(kind(s.type()));
                code.storeLocal(kind(s.type()), slot);
                slots.put(s, slot);
            } else {
                code.checkcast(arrayDesc(s.type()));
                int a = code.allocateLocal(TypeKind.REFERENCE);
                code.astore(a);
                arrays.put(s, a);
                if (direct) {
                    return;
                }
                code.aload(OFFSETS);
                code.loadConstant(p);
                code.iaload();
                int o = code.allocateLocal(TypeKind.INT);
                code.istore(o);
                arrays.put(s, a);
                offsets.put(s, o);
            }
        }

        /** for (k = from; k < to; k++) { body } */
        void loop(Runnable body) {
            index = code.allocateLocal(TypeKind.INT);
            code.iload(FROM);
            code.istore(index);
            Label top = code.newLabel();
            Label end = code.newLabel();
            code.labelBinding(top);
            code.iload(index);
            code.iload(TO);
            code.if_icmpge(end);
            body.run();
            code.iinc(index, 1);
            code.goto_(top);
            code.labelBinding(end);
        }

        void loadElements(List<Sym> inputs, Set<Sym> used, boolean[] scalar) {
            for (Sym s : inputs) {
                if (scalar[s.index()] || !used.contains(s)) {
                    continue;
                }
                element(s);
                code.arrayLoad(kind(s.type()));
                int slot = slots.computeIfAbsent(s, x -> code.allocateLocal(kind(x.type())));
                code.storeLocal(kind(s.type()), slot);
            }
        }

        /** Pushes array and index of element k of s. */
        private void element(Sym s) {
            code.aload(arrays.get(s));
            code.iload(index);
            if (!direct) {
                code.iload(offsets.get(s));
                code.iadd();
            }
        }

        void storeElement(Sym o) {
            element(o);
            code.loadLocal(kind(o.type()), slots.get(o));
            code.arrayStore(kind(o.type()));
        }

        void assign(Sym target, Typed value) {
            expr(value);
            int slot = slots.computeIfAbsent(target, x -> code.allocateLocal(kind(x.type())));
            code.storeLocal(kind(target.type()), slot);
        }

        /** Pushes the value of e (a bool as int 0/1). */
        void expr(Typed e) {
            switch (e) {
                case Typed.Const c -> code.loadConstant(switch (c.type()) {
                    case FLOAT32 -> (Float) (float) c.f();
                    case FLOAT64 -> (Double) c.f();
                    case INT32 -> (Integer) (int) c.l();
                    default -> (Long) c.l();
                });
                case Typed.Ref r -> ref(r.sym());
                case Typed.Unary u -> {
                    expr(u.operand());
                    if (u.op().equals("!")) {
                        code.iconst_1();
                        code.ixor();
                    } else {
                        switch (u.type()) {
                            case INT32 -> code.ineg();
                            case INT64 -> code.lneg();
                            case FLOAT32 -> code.fneg();
                            default -> code.dneg();
                        }
                    }
                }
                case Typed.Binary b -> binary(b);
                case Typed.Call c -> call(c);
                case Typed.Cast c -> {
                    expr(c.operand());
                    code.conversion(kind(c.operand().type()), kind(c.type()));
                }
            }
        }

        private void ref(Sym s) {
            switch (s.kind()) {
                case INDEX -> {
                    code.iload(index);
                    code.i2l();
                }
                case SIZE -> code.lload(N);
                default -> {
                    Integer slot = slots.get(s);
                    if (slot == null) {
                        throw new IllegalStateException("no local for " + s);
                    }
                    code.loadLocal(kind(s.type()), slot);
                }
            }
        }

        private void binary(Typed.Binary b) {
            expr(b.left());
            expr(b.right());
            Type t = b.operandType();
            switch (b.op()) {
                case "&&" -> code.iand();
                case "||" -> code.ior();
                case "+" -> arith(t, Opcode.IADD, Opcode.LADD, Opcode.FADD, Opcode.DADD);
                case "-" -> arith(t, Opcode.ISUB, Opcode.LSUB, Opcode.FSUB, Opcode.DSUB);
                case "*" -> arith(t, Opcode.IMUL, Opcode.LMUL, Opcode.FMUL, Opcode.DMUL);
                case "/" -> arith(t, Opcode.IDIV, Opcode.LDIV, Opcode.FDIV, Opcode.DDIV);
                case "%" -> arith(t, Opcode.IREM, Opcode.LREM, Opcode.FREM, Opcode.DREM);
                default -> compare(b.op(), t);
            }
        }

        private void arith(Type t, Opcode i, Opcode l, Opcode f, Opcode d) {
            code.with(java.lang.classfile.instruction.OperatorInstruction.of(switch (t) {
                case INT32, BOOL -> i;
                case INT64 -> l;
                case FLOAT32 -> f;
                case FLOAT64 -> d;
            }));
        }

        /** Compares the two values on the stack and pushes 0 or 1 (NaN compares as Java's operators do). */
        private void compare(String op, Type t) {
            Opcode zeroTest = switch (op) {
                case "==" -> Opcode.IFEQ;
                case "!=" -> Opcode.IFNE;
                case "<" -> Opcode.IFLT;
                case "<=" -> Opcode.IFLE;
                case ">" -> Opcode.IFGT;
                default -> Opcode.IFGE;
            };
            Label yes = code.newLabel();
            Label end = code.newLabel();
            switch (t) {
                case INT32, BOOL -> code.branch(switch (op) {
                    case "==" -> Opcode.IF_ICMPEQ;
                    case "!=" -> Opcode.IF_ICMPNE;
                    case "<" -> Opcode.IF_ICMPLT;
                    case "<=" -> Opcode.IF_ICMPLE;
                    case ">" -> Opcode.IF_ICMPGT;
                    default -> Opcode.IF_ICMPGE;
                }, yes);
                case INT64 -> {
                    code.lcmp();
                    code.branch(zeroTest, yes);
                }
                case FLOAT32 -> {
                    // NaN must make <, <=, >, >=, == false: fcmpg (NaN -> 1) for < and <=, fcmpl (NaN -> -1) otherwise
                    if (op.startsWith("<")) {
                        code.fcmpg();
                    } else {
                        code.fcmpl();
                    }
                    code.branch(zeroTest, yes);
                }
                case FLOAT64 -> {
                    if (op.startsWith("<")) {
                        code.dcmpg();
                    } else {
                        code.dcmpl();
                    }
                    code.branch(zeroTest, yes);
                }
            }
            code.iconst_0();
            code.goto_(end);
            code.labelBinding(yes);
            code.iconst_1();
            code.labelBinding(end);
        }

        private void call(Typed.Call c) {
            Type t = c.type();
            if (c.fn().equals("select")) {
                Label other = code.newLabel();
                Label end = code.newLabel();
                expr(c.args().get(0));
                code.ifeq(other);
                expr(c.args().get(1));
                code.goto_(end);
                code.labelBinding(other);
                expr(c.args().get(2));
                code.labelBinding(end);
                return;
            }
            switch (c.fn()) {
                case "abs", "min", "max" -> {
                    for (Typed a : c.args()) {
                        expr(a);
                    }
                    ClassDesc d = switch (t) {
                        case INT32 -> ConstantDescs.CD_int;
                        case INT64 -> ConstantDescs.CD_long;
                        case FLOAT32 -> ConstantDescs.CD_float;
                        default -> ConstantDescs.CD_double;
                    };
                    MethodTypeDesc mt = c.args().size() == 1 ? MethodTypeDesc.of(d, d) : MethodTypeDesc.of(d, d, d);
                    code.invokestatic(CD_MATH, c.fn(), mt);
                }
                default -> {
                    // the double functions of Math; float32 arguments widen and the result narrows
                    // (exact for sqrt, floor and ceil; the usual rounding for the rest)
                    for (Typed a : c.args()) {
                        expr(a);
                        if (t == Type.FLOAT32) {
                            code.f2d();
                        }
                    }
                    MethodTypeDesc mt = c.args().size() == 1
                            ? MethodTypeDesc.of(ConstantDescs.CD_double, ConstantDescs.CD_double)
                            : MethodTypeDesc.of(ConstantDescs.CD_double, ConstantDescs.CD_double, ConstantDescs.CD_double);
                    code.invokestatic(CD_MATH, c.fn(), mt);
                    if (t == Type.FLOAT32) {
                        code.d2f();
                    }
                }
            }
        }
    }
}
