package io.tandem.gpu.internal.ptx;

import io.tandem.gpu.internal.lang.Elementwise;
import io.tandem.gpu.internal.lang.Reduction;
import io.tandem.gpu.internal.lang.Sym;
import io.tandem.gpu.internal.lang.Type;
import io.tandem.gpu.internal.lang.Typed;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/*
 * PTX generation. Every kernel is one grid-stride loop over a 64-bit index: thread t of block b starts at
 * b * blockDim + t, steps by gridDim * blockDim, and is guarded by i < n before the first iteration (so a
 * launch may have more threads than elements, and n may be 0 or any non-multiple of the block). The body is
 * straight-line code in fresh virtual registers (an SSA of the statements; ptxas allocates the real ones).
 *
 * Float arithmetic uses the .rn forms (add.rn, mul.rn, div.rn, sqrt.rn): IEEE round-to-nearest as Java's
 * float and double, and .rn keeps ptxas from contracting a*b+c into an FMA, so +, -, *, /, sqrt give the
 * CPU backend's bits. exp, log, sin, cos and pow on float32 use the SFU approximations (ex2/lg2/sin/cos
 * .approx: a few ulp, sin/cos accurate on about [-pi, pi]); PTX has no float64 versions of these, so
 * float64 transcendentals are refused with the position (they run on the CPU backend).
 *
 * A reduction is two entries: NAME_partial (each thread folds its grid-stride share into an accumulator,
 * then the block folds its 256 accumulators in shared memory by a tree, thread 0 writes the block's
 * partial) and NAME_final (one block folds the partials the same way and applies the post-map).
 *
 * The header is deliberately old (.version 6.0, .target sm_50: CUDA 9, Maxwell) so any current driver
 * JIT-compiles it forward to its GPU; the loader retries with the device's own target if a driver
 * refuses it.
 */
public final class PtxGen {
    /** Threads per block of every launch (the reduction tree assumes exactly this many). */
    public static final int BLOCK = 256;
    public static final String VERSION = "6.0";
    public static final String TARGET = "sm_50";

    private final StringBuilder out = new StringBuilder();
    private final Registers regs = new Registers();
    private final Map<Sym, String> values = new HashMap<>();
    /** The scaled index of the current iteration, by element size (shared by loads and stores). */
    private final Map<Integer, String> offsets = new HashMap<>();
    private int labels;

    private PtxGen() {
    }

    /** The module header: {@code .version}, {@code .target}, {@code .address_size 64}. */
    public static String header(String version, String target) {
        return ".version " + version + "\n.target " + target + "\n.address_size 64\n";
    }

    /** The PTX module of an elementwise kernel; {@code scalar[k]} says input k is a scalar, not an array. */
    public static String elementwise(Elementwise k, boolean[] scalar) {
        StringBuilder sb = new StringBuilder();
        sb.append("// Tandem elementwise kernel '").append(k.name()).append("'\n");
        sb.append(header(VERSION, TARGET)).append('\n');
        sb.append(new PtxGen().elementwiseEntry(k, scalar));
        return sb.toString();
    }

    /** The PTX module of a reduction: entries {@code NAME_partial} and {@code NAME_final}. */
    public static String reduction(Reduction r, boolean[] scalar) {
        StringBuilder sb = new StringBuilder();
        sb.append("// Tandem reduction kernel '").append(r.name()).append("'\n");
        sb.append(header(VERSION, TARGET)).append('\n');
        sb.append(new PtxGen().partialEntry(r, scalar)).append('\n');
        sb.append(new PtxGen().finalEntry(r));
        return sb.toString();
    }

    // ---------------------------------------------------------------- entries

    private String elementwiseEntry(Elementwise k, boolean[] scalar) {
        String name = k.name();
        List<Sym> params = new java.util.ArrayList<>(k.inputs());
        params.addAll(k.outputs());
        StringBuilder sig = new StringBuilder();
        sig.append(".visible .entry ").append(name).append("(\n");
        Map<Sym, String> arrayBase = new HashMap<>();
        int p = 0;
        for (Sym s : params) {
            boolean isScalar = s.kind() == Sym.Kind.INPUT && scalar[s.index()];
            String pname = name + "_param_" + p++;
            sig.append("\t.param .").append(isScalar ? Ptx.suffix(s.type()) : "u64").append(' ').append(pname)
                    .append(",\t// ").append(s.name()).append(isScalar ? " (" + s.type().spelling() + ")" : " (" + s.type().spelling() + "[])").append('\n');
            if (isScalar) {
                String r = regs.next(s.type());
                emit("ld.param." + Ptx.suffix(s.type()) + " " + r + ", [" + pname + "];");
                values.put(s, r);
            } else {
                String raw = regs.wide();
                String g = regs.wide();
                emit("ld.param.u64 " + raw + ", [" + pname + "];");
                emit("cvta.to.global.u64 " + g + ", " + raw + ";");
                arrayBase.put(s, g);
            }
        }
        String nParam = name + "_param_" + p;
        sig.append("\t.param .u64 ").append(nParam).append("\t// n\n)\n");
        Loop loop = gridStride(nParam);
        Set<Sym> used = new LinkedHashSet<>();
        for (Typed.Assign a : k.body()) {
            uses(a.value(), used);
        }
        loadElements(k.inputs(), used, arrayBase, loop.index, scalar);
        for (Typed.Assign a : k.body()) {
            values.put(a.target(), value(a.value()));
        }
        for (Sym o : k.outputs()) {
            String addr = address(arrayBase.get(o), loop.index, o.type(), offsets);
            emit("st.global." + Ptx.suffix(o.type()) + " [" + addr + "], " + values.get(o) + ";");
        }
        loop.close();
        emit("ret;");
        return sig + "{\n" + regs.declarations() + "\n" + out + "}\n";
    }

    private String partialEntry(Reduction r, boolean[] scalar) {
        String name = r.name() + "_partial";
        StringBuilder sig = new StringBuilder();
        sig.append(".visible .entry ").append(name).append("(\n");
        Map<Sym, String> arrayBase = new HashMap<>();
        int p = 0;
        for (Sym s : r.inputs()) {
            boolean isScalar = scalar[s.index()];
            String pname = name + "_param_" + p++;
            sig.append("\t.param .").append(isScalar ? Ptx.suffix(s.type()) : "u64").append(' ').append(pname)
                    .append(",\t// ").append(s.name()).append(isScalar ? " (" + s.type().spelling() + ")" : " (" + s.type().spelling() + "[])").append('\n');
            if (isScalar) {
                String reg = regs.next(s.type());
                emit("ld.param." + Ptx.suffix(s.type()) + " " + reg + ", [" + pname + "];");
                values.put(s, reg);
            } else {
                String raw = regs.wide();
                String g = regs.wide();
                emit("ld.param.u64 " + raw + ", [" + pname + "];");
                emit("cvta.to.global.u64 " + g + ", " + raw + ";");
                arrayBase.put(s, g);
            }
        }
        String partialsParam = name + "_param_" + p++;
        String nParam = name + "_param_" + p;
        sig.append("\t.param .u64 ").append(partialsParam).append(",\t// partials (")
                .append(r.acc().spelling()).append("[gridDim])\n");
        sig.append("\t.param .u64 ").append(nParam).append("\t// n\n)\n");
        String smem = name + "_smem";
        String shared = "\t.shared .align 8 .b8 " + smem + "[" + BLOCK * r.acc().bytes() + "];\n";
        String partialsRaw = regs.wide();
        String partials = regs.wide();
        emit("ld.param.u64 " + partialsRaw + ", [" + partialsParam + "];");
        emit("cvta.to.global.u64 " + partials + ", " + partialsRaw + ";");
        String acc = regs.next(r.acc());
        emit("mov." + Ptx.suffix(r.acc()) + " " + acc + ", " + Ptx.immediate(r.acc(), r.identity().f(), r.identity().l()) + ";");
        Loop loop = gridStride(nParam);
        Set<Sym> used = new LinkedHashSet<>();
        uses(r.map(), used);
        loadElements(r.inputs(), used, arrayBase, loop.index, scalar);
        String v = value(r.map());
        fold(r, acc, v);
        loop.close();
        String tid = loop.tid;
        String slot = blockTree(r, smem, tid, acc);
        String skip = label("end");
        String notFirst = regs.next(Type.BOOL);
        emit("setp.ne.u32 " + notFirst + ", " + tid + ", 0;");
        emit("@" + notFirst + " bra " + skip + ";");
        String total = regs.next(r.acc());
        emit("ld.shared." + Ptx.suffix(r.acc()) + " " + total + ", [" + slot + "];");
        String off = regs.wide();
        String addr = regs.wide();
        emit("mul.wide.u32 " + off + ", " + loop.ctaid + ", " + r.acc().bytes() + ";");
        emit("add.s64 " + addr + ", " + partials + ", " + off + ";");
        emit("st.global." + Ptx.suffix(r.acc()) + " [" + addr + "], " + total + ";");
        bind(skip);
        emit("ret;");
        return sig + "{\n" + regs.declarations() + shared + "\n" + out + "}\n";
    }

    private String finalEntry(Reduction r) {
        String name = r.name() + "_final";
        String pPartials = name + "_param_0";
        String pOut = name + "_param_1";
        String pM = name + "_param_2";
        String sig = ".visible .entry " + name + "(\n"
                + "\t.param .u64 " + pPartials + ",\t// partials (" + r.acc().spelling() + "[m])\n"
                + "\t.param .u64 " + pOut + ",\t// " + r.output().name() + " (" + r.output().type().spelling() + "[1])\n"
                + "\t.param .u64 " + pM + "\t// m\n)\n";
        String smem = name + "_smem";
        String shared = "\t.shared .align 8 .b8 " + smem + "[" + BLOCK * r.acc().bytes() + "];\n";
        String raw = regs.wide();
        String partials = regs.wide();
        emit("ld.param.u64 " + raw + ", [" + pPartials + "];");
        emit("cvta.to.global.u64 " + partials + ", " + raw + ";");
        String rawOut = regs.wide();
        String outAddr = regs.wide();
        emit("ld.param.u64 " + rawOut + ", [" + pOut + "];");
        emit("cvta.to.global.u64 " + outAddr + ", " + rawOut + ";");
        String acc = regs.next(r.acc());
        emit("mov." + Ptx.suffix(r.acc()) + " " + acc + ", " + Ptx.immediate(r.acc(), r.identity().f(), r.identity().l()) + ";");
        Loop loop = gridStride(pM);
        String addr = address(partials, loop.index, r.acc(), new HashMap<>());
        String v = regs.next(r.acc());
        emit("ld.global." + Ptx.suffix(r.acc()) + " " + v + ", [" + addr + "];");
        fold(r, acc, v);
        loop.close();
        String slot = blockTree(r, smem, loop.tid, acc);
        String skip = label("end");
        String notFirst = regs.next(Type.BOOL);
        emit("setp.ne.u32 " + notFirst + ", " + loop.tid + ", 0;");
        emit("@" + notFirst + " bra " + skip + ";");
        String total = regs.next(r.acc());
        emit("ld.shared." + Ptx.suffix(r.acc()) + " " + total + ", [" + slot + "];");
        values.put(new Sym(Sym.Kind.ACC_A, 0, "a", r.acc()), total);
        for (Typed.Assign a : r.post()) {
            values.put(a.target(), value(a.value()));
        }
        emit("st.global." + Ptx.suffix(r.output().type()) + " [" + outAddr + "], " + values.get(r.output()) + ";");
        bind(skip);
        emit("ret;");
        return sig + "{\n" + regs.declarations() + shared + "\n" + out + "}\n";
    }

    // ---------------------------------------------------------------- pieces

    /** acc = reduce(acc, v), in place. */
    private void fold(Reduction r, String acc, String v) {
        values.put(new Sym(Sym.Kind.ACC_A, 0, "a", r.acc()), acc);
        values.put(new Sym(Sym.Kind.ACC_B, 0, "b", r.acc()), v);
        String folded = value(r.reduce());
        emit("mov." + Ptx.suffix(r.acc()) + " " + acc + ", " + folded + ";");
    }

    /**
     * Stores each thread's accumulator in shared memory and folds the block's 256 by a tree (every thread
     * reaches every bar.sync). Returns the register holding this thread's slot address (thread 0's holds
     * the block's total).
     */
    private String blockTree(Reduction r, String smem, String tid, String acc) {
        String sfx = Ptx.suffix(r.acc());
        String base = regs.wide();
        String off = regs.wide();
        String slot = regs.wide();
        emit("mov.u64 " + base + ", " + smem + ";");
        emit("mul.wide.u32 " + off + ", " + tid + ", " + r.acc().bytes() + ";");
        emit("add.s64 " + slot + ", " + base + ", " + off + ";");
        emit("st.shared." + sfx + " [" + slot + "], " + acc + ";");
        emit("bar.sync 0;");
        for (int s = BLOCK / 2; s > 0; s /= 2) {
            String skip = label("tree" + s);
            String idle = regs.next(Type.BOOL);
            emit("setp.ge.u32 " + idle + ", " + tid + ", " + s + ";");
            emit("@" + idle + " bra " + skip + ";");
            String a = regs.next(r.acc());
            String b = regs.next(r.acc());
            emit("ld.shared." + sfx + " " + a + ", [" + slot + "];");
            emit("ld.shared." + sfx + " " + b + ", [" + slot + "+" + s * r.acc().bytes() + "];");
            values.put(new Sym(Sym.Kind.ACC_A, 0, "a", r.acc()), a);
            values.put(new Sym(Sym.Kind.ACC_B, 0, "b", r.acc()), b);
            String folded = value(r.reduce());
            emit("st.shared." + sfx + " [" + slot + "], " + folded + ";");
            bind(skip);
            emit("bar.sync 0;");
        }
        return slot;
    }

    /** The registers of a grid-stride loop, opened by {@link #gridStride}. */
    private final class Loop {
        final String index;
        final String n;
        final String stride;
        final String tid;
        final String ctaid;
        final String top;
        final String done;

        Loop(String index, String n, String stride, String tid, String ctaid, String top, String done) {
            this.index = index;
            this.n = n;
            this.stride = stride;
            this.tid = tid;
            this.ctaid = ctaid;
            this.top = top;
            this.done = done;
        }

        void close() {
            String more = regs.next(Type.BOOL);
            emit("add.s64 " + index + ", " + index + ", " + stride + ";");
            emit("setp.lt.u64 " + more + ", " + index + ", " + n + ";");
            emit("@" + more + " bra " + top + ";");
            bind(done);
        }
    }

    /** Opens {@code for (i = blockIdx*blockDim + threadIdx; i < n; i += gridDim*blockDim)}. */
    private Loop gridStride(String nParam) {
        String n = regs.wide();
        emit("ld.param.u64 " + n + ", [" + nParam + "];");
        String ctaid = regs.narrow();
        String ntid = regs.narrow();
        String tid = regs.narrow();
        String nctaid = regs.narrow();
        emit("mov.u32 " + ctaid + ", %ctaid.x;");
        emit("mov.u32 " + ntid + ", %ntid.x;");
        emit("mov.u32 " + tid + ", %tid.x;");
        emit("mov.u32 " + nctaid + ", %nctaid.x;");
        String first = regs.wide();
        String t64 = regs.wide();
        String index = regs.wide();
        String stride = regs.wide();
        emit("mul.wide.u32 " + first + ", " + ctaid + ", " + ntid + ";");
        emit("cvt.u64.u32 " + t64 + ", " + tid + ";");
        emit("add.s64 " + index + ", " + first + ", " + t64 + ";");
        emit("mul.wide.u32 " + stride + ", " + nctaid + ", " + ntid + ";");
        String top = label("loop");
        String done = label("done");
        String guard = regs.next(Type.BOOL);
        emit("setp.ge.u64 " + guard + ", " + index + ", " + n + ";");
        emit("@" + guard + " bra " + done + ";");
        bind(top);
        values.put(new Sym(Sym.Kind.INDEX, 0, "i", Type.INT64), index);
        values.put(new Sym(Sym.Kind.SIZE, 0, "n", Type.INT64), n);
        return new Loop(index, n, stride, tid, ctaid, top, done);
    }

    private void loadElements(List<Sym> inputs, Set<Sym> used, Map<Sym, String> base, String index, boolean[] scalar) {
        for (Sym s : inputs) {
            if (scalar[s.index()] || !used.contains(s)) {
                continue;
            }
            String addr = address(base.get(s), index, s.type(), offsets);
            String r = regs.next(s.type());
            emit("ld.global." + Ptx.suffix(s.type()) + " " + r + ", [" + addr + "];");
            values.put(s, r);
        }
    }

    /** base + index * size; the scaled index is shared by arrays of one element size. */
    private String address(String base, String index, Type t, Map<Integer, String> offsets) {
        String off = offsets.computeIfAbsent(t.bytes(), b -> {
            String o = regs.wide();
            emit("shl.b64 " + o + ", " + index + ", " + Ptx.shift(t) + ";");
            return o;
        });
        String addr = regs.wide();
        emit("add.s64 " + addr + ", " + base + ", " + off + ";");
        return addr;
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

    // ---------------------------------------------------------------- expressions

    /** Emits the instructions computing {@code e}; returns the register holding it. */
    private String value(Typed e) {
        return switch (e) {
            case Typed.Const c -> {
                String r = regs.next(c.type());
                emit("mov." + Ptx.suffix(c.type()) + " " + r + ", " + Ptx.immediate(c.type(), c.f(), c.l()) + ";");
                yield r;
            }
            case Typed.Ref ref -> {
                String r = values.get(ref.sym().kind() == Sym.Kind.INDEX || ref.sym().kind() == Sym.Kind.SIZE
                        || ref.sym().kind() == Sym.Kind.ACC_A || ref.sym().kind() == Sym.Kind.ACC_B
                        ? new Sym(ref.sym().kind(), 0, ref.sym().name(), ref.sym().type()) : ref.sym());
                if (r == null) {
                    throw new IllegalStateException("no register for " + ref.sym());
                }
                yield r;
            }
            case Typed.Unary u -> {
                String a = value(u.operand());
                String r = regs.next(u.type());
                emit((u.op().equals("!") ? "not.pred " : "neg." + Ptx.suffix(u.type()) + " ") + r + ", " + a + ";");
                yield r;
            }
            case Typed.Binary b -> binary(b);
            case Typed.Call c -> call(c);
            case Typed.Cast c -> cast(c);
        };
    }

    private String binary(Typed.Binary b) {
        String l = value(b.left());
        String r = value(b.right());
        Type t = b.operandType();
        String d = regs.next(b.type());
        String s = Ptx.suffix(t);
        switch (b.op()) {
            case "&&" -> emit("and.pred " + d + ", " + l + ", " + r + ";");
            case "||" -> emit("or.pred " + d + ", " + l + ", " + r + ";");
            case "==", "!=" -> {
                if (t == Type.BOOL) {
                    if (b.op().equals("!=")) {
                        emit("xor.pred " + d + ", " + l + ", " + r + ";");
                    } else {
                        String x = regs.next(Type.BOOL);
                        emit("xor.pred " + x + ", " + l + ", " + r + ";");
                        emit("not.pred " + d + ", " + x + ";");
                    }
                } else {
                    // != on floats is unordered (true for NaN), as Java's
                    String cmp = b.op().equals("==") ? "eq" : t.isFloat() ? "neu" : "ne";
                    emit("setp." + cmp + "." + s + " " + d + ", " + l + ", " + r + ";");
                }
            }
            case "<" -> emit("setp.lt." + s + " " + d + ", " + l + ", " + r + ";");
            case "<=" -> emit("setp.le." + s + " " + d + ", " + l + ", " + r + ";");
            case ">" -> emit("setp.gt." + s + " " + d + ", " + l + ", " + r + ";");
            case ">=" -> emit("setp.ge." + s + " " + d + ", " + l + ", " + r + ";");
            case "+" -> emit((t.isFloat() ? "add.rn." : "add.") + s + " " + d + ", " + l + ", " + r + ";");
            case "-" -> emit((t.isFloat() ? "sub.rn." : "sub.") + s + " " + d + ", " + l + ", " + r + ";");
            case "*" -> emit((t.isFloat() ? "mul.rn." : "mul.lo.") + s + " " + d + ", " + l + ", " + r + ";");
            case "/" -> emit((t.isFloat() ? "div.rn." : "div.") + s + " " + d + ", " + l + ", " + r + ";");
            case "%" -> emit("rem." + s + " " + d + ", " + l + ", " + r + ";");
            default -> throw new IllegalStateException("operator " + b.op());
        }
        return d;
    }

    private String call(Typed.Call c) {
        Type t = c.type();
        String s = Ptx.suffix(t);
        if (c.fn().equals("select")) {
            String cond = value(c.args().get(0));
            String a = value(c.args().get(1));
            String b = value(c.args().get(2));
            String d = regs.next(t);
            if (t == Type.BOOL) {
                String x = regs.next(Type.BOOL);
                String nc = regs.next(Type.BOOL);
                String y = regs.next(Type.BOOL);
                emit("and.pred " + x + ", " + cond + ", " + a + ";");
                emit("not.pred " + nc + ", " + cond + ";");
                emit("and.pred " + y + ", " + nc + ", " + b + ";");
                emit("or.pred " + d + ", " + x + ", " + y + ";");
            } else {
                emit("selp." + s + " " + d + ", " + a + ", " + b + ", " + cond + ";");
            }
            return d;
        }
        switch (c.fn()) {
            case "exp", "log", "sin", "cos", "pow" -> {
                if (t == Type.FLOAT64) {
                    throw c.src().error(c.pos(), c.fn() + " on float64 has no GPU instruction (PTX has only float32 "
                            + "approximations): convert to float32, e.g. " + c.fn() + "(float32(x)), or run the kernel on Gpu.cpu()");
                }
            }
            default -> {
            }
        }
        String a = value(c.args().getFirst());
        String b = c.args().size() > 1 ? value(c.args().get(1)) : null;
        String d = regs.next(t);
        switch (c.fn()) {
            case "sqrt" -> emit("sqrt.rn." + s + " " + d + ", " + a + ";");
            case "abs" -> emit("abs." + s + " " + d + ", " + a + ";");
            case "min" -> emit("min." + s + " " + d + ", " + a + ", " + b + ";");
            case "max" -> emit("max." + s + " " + d + ", " + a + ", " + b + ";");
            case "floor" -> emit("cvt.rmi." + s + "." + s + " " + d + ", " + a + ";");
            case "ceil" -> emit("cvt.rpi." + s + "." + s + " " + d + ", " + a + ";");
            case "exp" -> {
                String x = regs.next(t);
                emit("mul.rn.f32 " + x + ", " + a + ", 0f3FB8AA3B;");   // x * log2(e)
                emit("ex2.approx.f32 " + d + ", " + x + ";");
            }
            case "log" -> {
                String x = regs.next(t);
                emit("lg2.approx.f32 " + x + ", " + a + ";");
                emit("mul.rn.f32 " + d + ", " + x + ", 0f3F317218;");   // * ln(2)
            }
            case "sin" -> emit("sin.approx.f32 " + d + ", " + a + ";");
            case "cos" -> emit("cos.approx.f32 " + d + ", " + a + ";");
            case "pow" -> {
                String x = regs.next(t);
                String y = regs.next(t);
                emit("lg2.approx.f32 " + x + ", " + a + ";");
                emit("mul.rn.f32 " + y + ", " + x + ", " + b + ";");
                emit("ex2.approx.f32 " + d + ", " + y + ";");
            }
            default -> throw new IllegalStateException("function " + c.fn());
        }
        return d;
    }

    private String cast(Typed.Cast c) {
        String a = value(c.operand());
        Type from = c.operand().type();
        Type to = c.type();
        String d = regs.next(to);
        String f = Ptx.suffix(from);
        String t = Ptx.suffix(to);
        String op;
        if (from.isFloat() && to.isFloat()) {
            op = to == Type.FLOAT64 ? "cvt.f64.f32" : "cvt.rn.f32.f64";
        } else if (from.isInt() && to.isFloat()) {
            op = "cvt.rn." + t + "." + f;
        } else if (from.isFloat()) {
            op = "cvt.rzi." + t + "." + f;   // truncation toward zero, NaN to 0, saturating: Java's (int)/(long)
        } else {
            op = to == Type.INT64 ? "cvt.s64.s32" : "cvt.u32.u64";   // sign-extend / keep the low 32 bits
        }
        emit(op + " " + d + ", " + a + ";");
        return d;
    }

    private String label(String what) {
        return "$L_" + what + "_" + labels++;
    }

    private void bind(String label) {
        out.append(label).append(":\n");
    }

    private void emit(String instruction) {
        out.append('\t').append(instruction).append('\n');
    }
}
