package io.tandem.gpu.internal.lang;

/**
 * A name a kernel expression can refer to. {@code index} is the position among the kernel's inputs or
 * outputs, or a local's number; {@code INDEX} is {@code i} (int64), {@code SIZE} is {@code n} (int64),
 * {@code ACC_A}/{@code ACC_B} the two operands {@code a}, {@code b} of a reduce expression (and {@code a}
 * in the post-map).
 */
public record Sym(Kind kind, int index, String name, Type type) {
    public enum Kind { INPUT, OUTPUT, LOCAL, INDEX, SIZE, ACC_A, ACC_B }
}
