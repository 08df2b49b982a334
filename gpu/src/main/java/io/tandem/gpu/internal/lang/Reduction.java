package io.tandem.gpu.internal.lang;

import java.util.List;

/**
 * A checked reduction kernel: {@code acc = identity; for every i < n: acc = reduce(acc, map(i))}, then the
 * post-map turns {@code a = acc} into the single output. {@code reduce} reads {@link Sym.Kind#ACC_A} and
 * {@link Sym.Kind#ACC_B}; the post-map reads {@code ACC_A} and assigns the output. The accumulator has the
 * output's type.
 */
public record Reduction(String name, List<Sym> inputs, Sym output, Type acc, Typed map, Typed reduce,
                        Typed.Const identity, List<Typed.Assign> post, int locals, String key) {
}
