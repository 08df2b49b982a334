package io.tandem.gpu;

import io.tandem.gpu.internal.lang.Checker;
import io.tandem.gpu.internal.lang.Reduction;
import io.tandem.gpu.internal.ptx.PtxGen;

import java.util.List;
import java.util.Objects;

/**
 * CuPy's {@code ReductionKernel}: maps every element, folds the mapped values with a reduce expression
 * from an identity, and applies a post-map to the total.
 *
 * {@snippet :
 * ReductionKernel l2norm = ReductionKernel.create(
 *         "float32 x", "float32 y", "x * x", "a + b", "y = sqrt(a)", "0", "l2norm");
 * float norm = l2norm.apply(x).floatValue();
 * }
 *
 * <p>The map expression reads the inputs, {@code i} and {@code n}; the reduce expression reads {@code a}
 * and {@code b} (two partial results, in the output's type); the post-map assigns the output from
 * {@code a} ({@code null}: the output is the total). The reduce expression must be associative and
 * commutative for the result not to depend on the order (floating-point sums do depend on it in the last
 * bits: CPU and GPU fold in different orders). An empty input gives the post-map of the identity.
 *
 * <p>Errors and thread safety as {@link ElementwiseKernel}.
 */
public final class ReductionKernel {
    private final Reduction program;

    private ReductionKernel(Reduction program) {
        this.program = program;
    }

    /**
     * @param inParams  {@code "float32 x"}
     * @param outParam  {@code "float32 y"}: exactly one; its type is the accumulator's
     * @param mapExpr   {@code "x * x"}
     * @param reduceExpr {@code "a + b"}
     * @param postMap   {@code "y = sqrt(a)"}, or {@code null} for {@code y = a}
     * @param identity  {@code "0"}, {@code "-inf"}...: the value that changes nothing when folded
     * @param name      the entry points' prefix
     * @throws KernelException for malformed text or a type mismatch, with the position
     */
    public static ReductionKernel create(String inParams, String outParam, String mapExpr, String reduceExpr,
                                         String postMap, String identity, String name) {
        Args.checkName(name);
        Objects.requireNonNull(inParams, "inParams");
        Objects.requireNonNull(outParam, "outParam");
        Objects.requireNonNull(mapExpr, "mapExpr");
        Objects.requireNonNull(reduceExpr, "reduceExpr");
        Objects.requireNonNull(identity, "identity");
        return new ReductionKernel(Checker.reduction(name, inParams, outParam, mapExpr, reduceExpr, identity, postMap));
    }

    public String name() {
        return program.name();
    }

    public DType outputType() {
        return DType.of(program.output().type());
    }

    /**
     * Runs the reduction over the inputs (arrays of one length and device, or numbers) and returns the output
     * as a {@link Float}, {@link Double}, {@link Integer} or {@link Long}.
     */
    public Number apply(Object... inputs) {
        Args a = Args.check(name(), program.inputs(), List.of(), inputs, false);
        long bits = a.backend().reduce(program, a.scalar, a.values, a.n);
        return Args.unbits(bits, program.output().type());
    }

    /** The PTX module ({@code NAME_partial} and {@code NAME_final}); samples as {@link ElementwiseKernel#ptx}. */
    public String ptx(Object... sampleInputs) {
        boolean[] scalar = new boolean[program.inputs().size()];
        if (sampleInputs.length != 0) {
            if (sampleInputs.length != scalar.length) {
                throw new IllegalArgumentException("ptx: give one sample per input (" + scalar.length + "), got " + sampleInputs.length);
            }
            for (int k = 0; k < scalar.length; k++) {
                scalar[k] = sampleInputs[k] instanceof Number;
            }
        }
        return PtxGen.reduction(program, scalar);
    }
}
