package io.tandem.gpu;

import io.tandem.gpu.internal.lang.Checker;
import io.tandem.gpu.internal.lang.Elementwise;
import io.tandem.gpu.internal.lang.Sym;
import io.tandem.gpu.internal.ptx.PtxGen;

import java.util.Objects;

/**
 * CuPy's {@code ElementwiseKernel}: typed inputs and outputs and a body run for every element index.
 *
 * {@snippet :
 * ElementwiseKernel squaredDiff = ElementwiseKernel.create(
 *         "float32 x, float32 y", "float32 z", "z = (x - y) * (x - y)", "squared_diff");
 * DeviceArray z = squaredDiff.apply(x, y);      // a new array on x's device
 * squaredDiff.launch(x, 2.5f, out);             // a scalar input, an existing output
 * }
 *
 * <p>The body is statements separated by {@code ;}: {@code out = expr} assigns an output, {@code float32 t =
 * expr} declares a local. Expressions have {@code + - * / %}, comparisons, {@code && || !},
 * {@code select(cond, a, b)}, {@code sqrt exp log sin cos pow abs min max floor ceil}, casts such as
 * {@code float32(v)}, {@code i} (the element index) and {@code n} (the element count); the typing rules are
 * Java's with NumPy's literals ({@code x * 2.0} stays float32). An input may be given as an array or as a
 * number (a scalar for every element), as in CuPy.
 *
 * <p>Errors: {@link #create} throws {@link KernelException} with the part and column for every malformed
 * text or type mismatch; a call with the wrong arguments throws {@link IllegalArgumentException} naming the
 * parameter; on a GPU a driver failure is a {@link CudaException}; float64 {@code exp log sin cos pow} are
 * refused by the GPU backend at the first launch there (a {@link KernelException}).
 *
 * <p>Thread safety: immutable; launches from any thread. Compiled code is cached per device, so the first
 * launch on a device pays the compilation (milliseconds) and later ones do not.
 */
public final class ElementwiseKernel {
    private final Elementwise program;

    private ElementwiseKernel(Elementwise program) {
        this.program = program;
    }

    /**
     * Parses and type-checks a kernel.
     *
     * @param inParams  {@code "float32 x, float32 y"} (may be empty)
     * @param outParams {@code "float32 z"} (at least one)
     * @param body      {@code "z = (x - y) * (x - y)"}
     * @param name      the entry point's name: a letter, then letters, digits, {@code _}
     * @throws KernelException for malformed text or a type mismatch, with the position
     */
    public static ElementwiseKernel create(String inParams, String outParams, String body, String name) {
        Args.checkName(name);
        Objects.requireNonNull(inParams, "inParams");
        Objects.requireNonNull(outParams, "outParams");
        Objects.requireNonNull(body, "body");
        return new ElementwiseKernel(Checker.elementwise(name, inParams, outParams, body));
    }

    public String name() {
        return program.name();
    }

    /** The output's element type (of the first output when there are several). */
    public DType outputType() {
        return DType.of(program.outputs().getFirst().type());
    }

    /**
     * Runs the kernel on new outputs allocated on the device of the array inputs, with their length; returns
     * the output (a kernel with several outputs: use {@link #launch}).
     */
    public DeviceArray apply(Object... inputs) {
        if (program.outputs().size() != 1) {
            throw new IllegalStateException("kernel '" + name() + "' has " + program.outputs().size()
                    + " outputs: allocate them and call launch(inputs..., outputs...)");
        }
        Args args = Args.check(name(), program.inputs(), program.outputs(), inputs, false);
        Sym out = program.outputs().getFirst();
        DeviceArray result = args.device.allocate(DType.of(out.type()), args.n);
        try {
            Object[] all = java.util.Arrays.copyOf(args.values, args.values.length + 1);
            all[args.values.length] = result;
            args.backend().elementwise(program, args.scalar, all, args.n);
            return result;
        } catch (RuntimeException | Error e) {
            result.close();
            throw e;
        }
    }

    /** Runs the kernel: the inputs (arrays or numbers), then the output arrays, all of one length and device. */
    public void launch(Object... args) {
        Args a = Args.check(name(), program.inputs(), program.outputs(), args, true);
        a.backend().elementwise(program, a.scalar, a.values, a.n);
    }

    /**
     * The PTX this kernel compiles to, every input an array; with sample arguments (arrays or numbers, one per
     * input), the PTX for that mix of arrays and scalars.
     */
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
        return PtxGen.elementwise(program, scalar);
    }
}
