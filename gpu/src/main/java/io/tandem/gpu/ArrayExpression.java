package io.tandem.gpu;

import io.tandem.gpu.internal.lang.Type;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A lazy elementwise expression over arrays and numbers, built by {@link DeviceArray}'s operators and
 * compiled into one kernel when evaluated: {@code a.mul(x).add(y).eval()} reads each array once and writes
 * one result, where evaluating step by step would write and re-read a temporary per operator (CuPy's
 * fusion). Reductions fuse too: {@code x.mul(x).sum()} is one kernel.
 *
 * <p>Types follow the kernel language: {@code float32 * float32} is float32, {@code int32 + float64} is
 * float64, and a number adopts the array's type ({@code x.mul(2.0)} stays float32) unless it is fractional
 * and the array is an integer one. Kernels are cached by the expression's shape (numbers are parameters), so
 * a loop that evaluates the same shape compiles once.
 *
 * <p>Thread safety: immutable; evaluate from any thread. The arrays must stay open until evaluation.
 */
public final class ArrayExpression {
    private static final Map<String, ElementwiseKernel> ELEMENTWISE = new ConcurrentHashMap<>();
    private static final Map<String, ReductionKernel> REDUCTIONS = new ConcurrentHashMap<>();

    private sealed interface Node permits Leaf, Op, Fn {
        Type type();
    }

    private record Leaf(Object value, Type type) implements Node {
    }

    private record Op(String op, Node left, Node right, Type type) implements Node {
    }

    private record Fn(String fn, Node arg, Type type) implements Node {
    }

    private final Node node;

    private ArrayExpression(Node node) {
        this.node = node;
    }

    /** The expression that is just {@code array}. */
    public static ArrayExpression of(DeviceArray array) {
        Objects.requireNonNull(array, "array");
        return new ArrayExpression(new Leaf(array, array.dtype().type()));
    }

    /** The element type of the result. */
    public DType dtype() {
        return DType.of(node.type());
    }

    public ArrayExpression add(DeviceArray other) {
        return op("+", of(other).node);
    }

    public ArrayExpression add(ArrayExpression other) {
        return op("+", other.node);
    }

    public ArrayExpression add(double scalar) {
        return op("+", scalar(scalar));
    }

    public ArrayExpression sub(DeviceArray other) {
        return op("-", of(other).node);
    }

    public ArrayExpression sub(ArrayExpression other) {
        return op("-", other.node);
    }

    public ArrayExpression sub(double scalar) {
        return op("-", scalar(scalar));
    }

    public ArrayExpression mul(DeviceArray other) {
        return op("*", of(other).node);
    }

    public ArrayExpression mul(ArrayExpression other) {
        return op("*", other.node);
    }

    public ArrayExpression mul(double scalar) {
        return op("*", scalar(scalar));
    }

    public ArrayExpression div(DeviceArray other) {
        return op("/", of(other).node);
    }

    public ArrayExpression div(ArrayExpression other) {
        return op("/", other.node);
    }

    public ArrayExpression div(double scalar) {
        return op("/", scalar(scalar));
    }

    /** Element-wise square root (integers are converted to float64). */
    public ArrayExpression sqrt() {
        return fn("sqrt");
    }

    public ArrayExpression exp() {
        return fn("exp");
    }

    public ArrayExpression log() {
        return fn("log");
    }

    public ArrayExpression abs() {
        return new ArrayExpression(new Fn("abs", node, node.type()));
    }

    private ArrayExpression fn(String f) {
        Type t = node.type().isFloat() ? node.type() : Type.FLOAT64;
        return new ArrayExpression(new Fn(f, node, t));
    }

    private ArrayExpression op(String op, Node other) {
        Objects.requireNonNull(other, "operand");
        return new ArrayExpression(new Op(op, node, other, Type.promote(node.type(), other.type())));
    }

    private Node scalar(double v) {
        Type t = node.type();
        if (!t.isFloat() && (v != Math.rint(v) || Double.isInfinite(v))) {
            t = Type.FLOAT64;
        }
        return new Leaf(v, t);
    }

    /** Computes the expression into a new array on the arrays' device. */
    public DeviceArray eval() {
        Rendered r = render();
        ElementwiseKernel k = ELEMENTWISE.computeIfAbsent(r.params + "|" + node.type().spelling() + "|" + r.text,
                key -> ElementwiseKernel.create(r.params, node.type().spelling() + " out", "out = " + r.text, "fused"));
        return k.apply(r.args.toArray());
    }

    /** Copies the result to a Java array ({@code float[]}, ...), through a temporary device array. */
    public Object toArray() {
        try (DeviceArray a = eval()) {
            return a.toArray();
        }
    }

    /** The sum, in one fused kernel (int32 sums in int64, as NumPy); 0 for an empty array. */
    public Number sum() {
        Type acc = node.type() == Type.INT32 ? Type.INT64 : node.type();
        return reduce("sum", acc, "a + b", "0", false);
    }

    /** The largest value; {@link NoSuchElementException} for an empty array. */
    public Number max() {
        return reduce("max", node.type(), "max(a, b)", node.type().isFloat() ? "-inf"
                : node.type() == Type.INT32 ? "-2147483648" : "-9223372036854775807 - 1", true);
    }

    /** The smallest value; {@link NoSuchElementException} for an empty array. */
    public Number min() {
        return reduce("min", node.type(), "min(a, b)", node.type().isFloat() ? "inf"
                : node.type() == Type.INT32 ? "2147483647" : "9223372036854775807", true);
    }

    private Number reduce(String what, Type acc, String reduce, String identity, boolean needsElements) {
        Rendered r = render();
        ReductionKernel k = REDUCTIONS.computeIfAbsent(what + "|" + r.params + "|" + r.text, key ->
                ReductionKernel.create(r.params, acc.spelling() + " out", r.text, reduce, null, identity, "fused_" + what));
        if (needsElements && length(r) == 0) {
            throw new NoSuchElementException(what + " of an empty array");
        }
        return k.apply(r.args.toArray());
    }

    private static long length(Rendered r) {
        for (Object a : r.args) {
            if (a instanceof DeviceArray d) {
                return d.length();
            }
        }
        return 0;
    }

    private record Rendered(String params, String text, List<Object> args) {
    }

    private Rendered render() {
        Map<Object, String> arrays = new IdentityHashMap<>();
        List<Object> args = new ArrayList<>();
        StringBuilder params = new StringBuilder();
        String text = render(node, arrays, args, params);
        return new Rendered(params.toString(), text, args);
    }

    private static String render(Node n, Map<Object, String> arrays, List<Object> args, StringBuilder params) {
        return switch (n) {
            case Leaf l -> {
                if (l.value() instanceof DeviceArray && arrays.containsKey(l.value())) {
                    yield arrays.get(l.value());
                }
                String name = "a" + args.size();
                params.append(params.isEmpty() ? "" : ", ").append(l.type().spelling()).append(' ').append(name);
                args.add(l.value());
                if (l.value() instanceof DeviceArray) {
                    arrays.put(l.value(), name);
                }
                yield name;
            }
            case Op o -> "(" + render(o.left(), arrays, args, params) + " " + o.op() + " " + render(o.right(), arrays, args, params) + ")";
            case Fn f -> f.fn() + "(" + (f.type() != f.arg().type() ? f.type().spelling() + "(" + render(f.arg(), arrays, args, params) + ")"
                    : render(f.arg(), arrays, args, params)) + ")";
        };
    }

    /** The fused kernel's body, e.g. {@code (a0 * a0)}: for tests and curiosity. */
    @Override
    public String toString() {
        return render().text;
    }
}
