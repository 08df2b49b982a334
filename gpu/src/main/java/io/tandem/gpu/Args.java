package io.tandem.gpu;

import io.tandem.gpu.internal.Backend;
import io.tandem.gpu.internal.lang.Sym;
import io.tandem.gpu.internal.lang.Type;

import java.util.List;
import java.util.Objects;

/** Checks a kernel call's arguments against its parameters: kinds, types, one device, one length. */
final class Args {
    final Object[] values;
    final boolean[] scalar;
    final Device device;
    final long n;

    private Args(Object[] values, boolean[] scalar, Device device, long n) {
        this.values = values;
        this.scalar = scalar;
        this.device = device;
        this.n = n;
    }

    Backend backend() {
        return (Backend) device;
    }

    /**
     * @param kernel  for messages
     * @param inputs  input parameters (arrays or scalars)
     * @param outputs output parameters (arrays only)
     * @param given   the arguments, inputs then outputs ({@code outputs} may be absent when {@code allocate})
     */
    static Args check(String kernel, List<Sym> inputs, List<Sym> outputs, Object[] given, boolean withOutputs) {
        Objects.requireNonNull(given, "arguments");
        int want = inputs.size() + (withOutputs ? outputs.size() : 0);
        if (given.length != want) {
            throw new IllegalArgumentException("kernel '" + kernel + "' takes " + want + " argument" + (want == 1 ? "" : "s")
                    + " (" + names(inputs, withOutputs ? outputs : List.of()) + "), got " + given.length);
        }
        Object[] values = new Object[want];
        boolean[] scalar = new boolean[inputs.size()];
        Device device = null;
        String deviceOf = null;
        long n = -1;
        String lengthOf = null;
        for (int k = 0; k < want; k++) {
            Sym p = k < inputs.size() ? inputs.get(k) : outputs.get(k - inputs.size());
            Object a = given[k];
            if (a == null) {
                throw new NullPointerException("kernel '" + kernel + "': argument '" + p.name() + "' is null");
            }
            if (a instanceof DeviceArray arr) {
                if (arr.dtype().type() != p.type()) {
                    throw new IllegalArgumentException("kernel '" + kernel + "': '" + p.name() + "' is " + p.type().spelling()
                            + " but the array given is " + arr.dtype().spelling() + "; convert it first (for example with an "
                            + "ElementwiseKernel that casts: y = " + p.type().spelling() + "(x))");
                }
                if (device == null) {
                    device = arr.device();
                    deviceOf = p.name();
                } else if (device != arr.device()) {
                    throw new IllegalArgumentException("kernel '" + kernel + "': '" + deviceOf + "' is on " + device.name()
                            + " but '" + p.name() + "' is on " + arr.device().name() + "; copy one of them (toArray, copyOf)");
                }
                if (n < 0) {
                    n = arr.length();
                    lengthOf = p.name();
                } else if (arr.length() != n) {
                    throw new IllegalArgumentException("kernel '" + kernel + "': '" + lengthOf + "' has " + n + " elements but '"
                            + p.name() + "' has " + arr.length() + "; every array of a call has the same length");
                }
                values[k] = arr;
            } else if (a instanceof Number num && k < inputs.size()) {
                scalar[k] = true;
                values[k] = box(num, p.type());
            } else {
                throw new IllegalArgumentException("kernel '" + kernel + "': '" + p.name() + "' must be a DeviceArray"
                        + (k < inputs.size() ? " or a number" : " (an output)") + ", got " + a.getClass().getName());
            }
        }
        if (device == null) {
            throw new IllegalArgumentException("kernel '" + kernel + "' needs at least one DeviceArray argument (it says "
                    + "which device runs the kernel and how many elements there are)");
        }
        return new Args(values, scalar, device, n);
    }

    private static Number box(Number v, Type t) {
        return switch (t) {
            case FLOAT32 -> v.floatValue();
            case FLOAT64 -> v.doubleValue();
            case INT32 -> v.intValue();
            default -> v.longValue();
        };
    }

    private static String names(List<Sym> in, List<Sym> out) {
        StringBuilder sb = new StringBuilder();
        for (Sym s : in) {
            sb.append(sb.isEmpty() ? "" : ", ").append(s.type().spelling()).append(' ').append(s.name());
        }
        for (Sym s : out) {
            sb.append(sb.isEmpty() ? "" : ", ").append("out ").append(s.type().spelling()).append(' ').append(s.name());
        }
        return sb.toString();
    }

    /** The boxed value of raw bits of type t. */
    static Number unbits(long bits, Type t) {
        return switch (t) {
            case FLOAT32 -> Float.intBitsToFloat((int) bits);
            case FLOAT64 -> Double.longBitsToDouble(bits);
            case INT32 -> (int) bits;
            default -> bits;
        };
    }

    static void checkName(String name) {
        Objects.requireNonNull(name, "kernel name");
        if (!name.matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("kernel name '" + name + "' must be a letter then letters, digits or '_' "
                    + "(at most 64): it names the GPU entry point");
        }
    }
}
