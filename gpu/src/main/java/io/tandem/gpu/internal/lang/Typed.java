package io.tandem.gpu.internal.lang;

import java.util.List;

/**
 * The checked kernel tree both code generators walk: every node has its type, every implicit conversion is
 * an explicit {@link Cast}, and both operands of a binary operator have the same type.
 */
public sealed interface Typed {
    Type type();

    /** A number; {@code weak} literals (unsuffixed, untyped) still adapt to the type they meet. */
    record Const(Type type, double f, long l, boolean weak) implements Typed {
        static Const of(Type type, double value, boolean weak) {
            return type.isFloat() ? new Const(type, type == Type.FLOAT32 ? (float) value : value, 0, weak)
                    : new Const(type, 0, (long) value, weak);
        }

        static Const ofLong(Type type, long value, boolean weak) {
            return type.isFloat() ? new Const(type, type == Type.FLOAT32 ? (float) value : (double) value, 0, weak)
                    : new Const(type, 0, type == Type.INT32 ? (int) value : value, weak);
        }

        /** The value as a double (ints exactly up to 2^53). */
        double asDouble() {
            return type.isFloat() ? f : l;
        }
    }

    record Ref(Type type, Sym sym) implements Typed {
    }

    /** {@code -} (numbers) or {@code !} (bool). */
    record Unary(Type type, String op, Typed operand) implements Typed {
    }

    /**
     * Arithmetic ({@code + - * / %}: type = operand type), comparison ({@code == != < <= > >=}: type bool)
     * or logic ({@code && ||}). Both operands have the same type.
     */
    record Binary(Type type, String op, Typed left, Typed right) implements Typed {
        public Type operandType() {
            return left.type();
        }

        public boolean isComparison() {
            return switch (op) {
                case "==", "!=", "<", "<=", ">", ">=" -> true;
                default -> false;
            };
        }
    }

    /**
     * A math function or {@code select}; arguments already converted to the types the function takes.
     * {@code src}/{@code pos} let a backend that cannot run it say where it is.
     */
    record Call(Type type, String fn, List<Typed> args, Source src, int pos) implements Typed {
    }

    /** A conversion between number types (explicit, or inserted by the checker for widening). */
    record Cast(Type type, Typed operand) implements Typed {
    }

    /** One statement: {@code target = value} ({@code value} already of the target's type). */
    record Assign(Sym target, Typed value) {
    }
}
