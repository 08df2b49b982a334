package io.tandem.gpu.internal.lang;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses and type-checks kernels into {@link Elementwise} and {@link Reduction} programs.
 *
 * <p>Typing rules (Java's, with NumPy's weak literals): arithmetic on two types computes in their common
 * type ({@link Type#promote}); an unsuffixed literal takes the type of the value it meets ({@code x * 2.0}
 * stays float32 when x is float32), alone an integer literal is int32 (int64 if it does not fit) and a
 * decimal one float64, {@code 2.0f} is float32. Assignments and function arguments widen implicitly
 * (int32 to int64, ints to floats, float32 to float64); narrowing needs a cast such as {@code float32(v)}.
 * {@code %} takes ints; {@code sqrt exp log sin cos pow floor ceil} take floats; {@code && || !} and
 * {@code select}'s condition take bools (comparisons). Names: the parameters, {@code i} (the element
 * index, int64), {@code n} (the element count, int64), locals, {@code inf}, {@code nan}.
 */
public final class Checker {
    /** Function name to argument count ({@code -1}: the cast functions, 1). */
    static final Map<String, Integer> FUNCTIONS = new LinkedHashMap<>();

    static {
        for (String f : List.of("sqrt", "exp", "log", "sin", "cos", "floor", "ceil", "abs")) {
            FUNCTIONS.put(f, 1);
        }
        for (String f : List.of("pow", "min", "max")) {
            FUNCTIONS.put(f, 2);
        }
        FUNCTIONS.put("select", 3);
    }

    private static final Set<String> FLOAT_FUNCTIONS = Set.of("sqrt", "exp", "log", "sin", "cos", "floor", "ceil", "pow");

    private final Source src;
    private final Map<String, Sym> scope;
    private final Set<Sym> unassigned;

    private Checker(Source src, Map<String, Sym> scope, Set<Sym> unassigned) {
        this.src = src;
        this.scope = scope;
        this.unassigned = unassigned;
    }

    /** Checks an elementwise kernel ({@code name} already validated as an identifier). */
    public static Elementwise elementwise(String name, String inParams, String outParams, String body) {
        String what = "kernel '" + name + "'";
        Source inSrc = new Source("input parameters of " + what, inParams);
        Source outSrc = new Source("output parameters of " + what, outParams);
        Map<String, Sym> scope = new LinkedHashMap<>();
        List<Sym> inputs = declare(inSrc, Parser.params(inSrc), Sym.Kind.INPUT, scope);
        List<Ast.Param> outAst = Parser.params(outSrc);
        if (outAst.isEmpty()) {
            throw outSrc.error(0, "a kernel needs at least one output, e.g. 'float32 y'");
        }
        List<Sym> outputs = declare(outSrc, outAst, Sym.Kind.OUTPUT, scope);
        addIndexNames(scope);
        Source bodySrc = new Source("body of " + what, body);
        Set<Sym> unassigned = new HashSet<>(outputs);
        Checker c = new Checker(bodySrc, scope, unassigned);
        int[] locals = {0};
        List<Typed.Assign> stmts = c.statements(Parser.body(bodySrc), locals);
        for (Sym out : outputs) {
            if (unassigned.contains(out)) {
                throw bodySrc.error(body.length(), "output '" + out.name() + "' is never assigned: add '"
                        + out.name() + " = ...'");
            }
        }
        String key = "E|" + name + "|" + inParams + "|" + outParams + "|" + body;
        return new Elementwise(name, inputs, outputs, stmts, locals[0], key);
    }

    /** Checks a reduction kernel; {@code postMap} may be {@code null} (the output is the accumulator). */
    public static Reduction reduction(String name, String inParams, String outParam, String mapExpr,
                                      String reduceExpr, String identity, String postMap) {
        String what = "kernel '" + name + "'";
        Source inSrc = new Source("input parameters of " + what, inParams);
        Source outSrc = new Source("output parameter of " + what, outParam);
        Map<String, Sym> scope = new LinkedHashMap<>();
        List<Sym> inputs = declare(inSrc, Parser.params(inSrc), Sym.Kind.INPUT, scope);
        List<Ast.Param> outAst = Parser.params(outSrc);
        if (outAst.size() != 1) {
            throw outSrc.error(0, "a reduction has exactly one output, e.g. 'float32 y'; found " + outAst.size());
        }
        Map<String, Sym> outScope = new LinkedHashMap<>(scope);
        Sym output = declare(outSrc, outAst, Sym.Kind.OUTPUT, outScope).getFirst();
        if (output.name().equals("a") || output.name().equals("b")) {
            throw outSrc.error(outAst.getFirst().pos(), "a reduction's output cannot be called '" + output.name()
                    + "': a and b are the reduce expression's operands");
        }
        Type acc = output.type();
        addIndexNames(scope);

        Source mapSrc = new Source("map expression of " + what, mapExpr);
        Checker mapper = new Checker(mapSrc, scope, Set.of());
        Typed map = mapper.convert(mapper.expr(Parser.expression(mapSrc)), acc, 0, "the map expression's value");

        Map<String, Sym> abScope = new LinkedHashMap<>();
        abScope.put("a", new Sym(Sym.Kind.ACC_A, 0, "a", acc));
        abScope.put("b", new Sym(Sym.Kind.ACC_B, 0, "b", acc));
        Source reduceSrc = new Source("reduce expression of " + what, reduceExpr);
        Checker reducer = new Checker(reduceSrc, abScope, Set.of());
        Typed reduce = reducer.convert(reducer.expr(Parser.expression(reduceSrc)), acc, 0, "the reduce expression's value");

        Source idSrc = new Source("identity of " + what, identity);
        Checker idChecker = new Checker(idSrc, new LinkedHashMap<>(), Set.of());
        Typed id = idChecker.convert(idChecker.expr(Parser.expression(idSrc)), acc, 0, "the identity");
        if (!(id instanceof Typed.Const idConst)) {
            throw idSrc.error(0, "the identity must be a constant, such as 0, 1, -inf or -2147483648");
        }

        String post = postMap == null || postMap.isBlank() ? output.name() + " = a" : postMap;
        Source postSrc = new Source("post-map of " + what, post);
        Map<String, Sym> postScope = new LinkedHashMap<>();
        postScope.put("a", new Sym(Sym.Kind.ACC_A, 0, "a", acc));
        postScope.put(output.name(), output);
        Set<Sym> unassigned = new HashSet<>(Set.of(output));
        Checker poster = new Checker(postSrc, postScope, unassigned);
        int[] locals = {0};
        List<Typed.Assign> postStmts = poster.statements(Parser.body(postSrc), locals);
        if (!unassigned.isEmpty()) {
            throw postSrc.error(post.length(), "the post-map never assigns the output '" + output.name() + "'");
        }
        String key = "R|" + name + "|" + inParams + "|" + outParam + "|" + mapExpr + "|" + reduceExpr + "|"
                + identity + "|" + post;
        return new Reduction(name, inputs, output, acc, map, reduce, idConst, postStmts, locals[0], key);
    }

    private static List<Sym> declare(Source s, List<Ast.Param> params, Sym.Kind kind, Map<String, Sym> scope) {
        List<Sym> out = new ArrayList<>();
        for (Ast.Param p : params) {
            if (reserved(p.name())) {
                throw s.error(p.pos(), "'" + p.name() + "' is reserved (i is the index, n the size; inf, nan "
                        + "and the function and type names are taken): choose another name");
            }
            if (scope.containsKey(p.name())) {
                throw s.error(p.pos(), "parameter '" + p.name() + "' is declared twice");
            }
            Sym sym = new Sym(kind, out.size(), p.name(), p.type());
            scope.put(p.name(), sym);
            out.add(sym);
        }
        return List.copyOf(out);
    }

    private static boolean reserved(String name) {
        return name.equals("i") || name.equals("n") || name.equals("inf") || name.equals("nan")
                || FUNCTIONS.containsKey(name) || Type.byName(name) != null || name.equals("bool");
    }

    private static void addIndexNames(Map<String, Sym> scope) {
        scope.put("i", new Sym(Sym.Kind.INDEX, 0, "i", Type.INT64));
        scope.put("n", new Sym(Sym.Kind.SIZE, 0, "n", Type.INT64));
    }

    private List<Typed.Assign> statements(List<Ast.Statement> stmts, int[] locals) {
        List<Typed.Assign> out = new ArrayList<>();
        for (Ast.Statement st : stmts) {
            Typed value = expr(st.value());
            Sym target;
            if (st.declared() != null) {
                if (scope.containsKey(st.name()) || reserved(st.name())) {
                    throw src.error(st.pos(), "'" + st.name() + "' is already defined (or reserved): choose another name for the local");
                }
                target = new Sym(Sym.Kind.LOCAL, locals[0]++, st.name(), st.declared());
            } else {
                target = scope.get(st.name());
                if (target == null) {
                    throw src.error(st.pos(), "unknown name '" + st.name() + "': assign an output ("
                            + names(Sym.Kind.OUTPUT) + ") or declare a local with a type, e.g. 'float32 "
                            + st.name() + " = ...'");
                }
                if (target.kind() != Sym.Kind.OUTPUT && target.kind() != Sym.Kind.LOCAL) {
                    throw src.error(st.pos(), "cannot assign to '" + st.name() + "': only outputs and locals can be assigned");
                }
            }
            Typed converted = convert(value, target.type(), start(st.value()), "'" + st.name() + "'");
            scope.put(st.name(), target);
            unassigned.remove(target);
            out.add(new Typed.Assign(target, converted));
        }
        return List.copyOf(out);
    }

    /** Where an expression's text begins (a binary node's own position is its operator's). */
    private static int start(Ast a) {
        return a instanceof Ast.Binary b ? start(b.left()) : a.pos();
    }

    private String names(Sym.Kind kind) {
        List<String> n = new ArrayList<>();
        for (Sym s : scope.values()) {
            if (s.kind() == kind) {
                n.add(s.name());
            }
        }
        return n.isEmpty() ? "none" : String.join(", ", n);
    }

    Typed expr(Ast a) {
        return switch (a) {
            case Ast.Num num -> number(num);
            case Ast.Name name -> name(name);
            case Ast.Unary u -> unary(u);
            case Ast.Binary b -> binary(b);
            case Ast.Call c -> call(c);
        };
    }

    private Typed number(Ast.Num num) {
        String t = num.text();
        boolean f32 = t.endsWith("f") || t.endsWith("F");
        if (f32) {
            return Typed.Const.of(Type.FLOAT32, Float.parseFloat(t.substring(0, t.length() - 1)), false);
        }
        if (t.contains(".") || t.contains("e") || t.contains("E")) {
            return Typed.Const.of(Type.FLOAT64, Double.parseDouble(t), true);
        }
        try {
            long v = Long.parseLong(t);
            return Typed.Const.ofLong(v == (int) v ? Type.INT32 : Type.INT64, v, true);
        } catch (NumberFormatException e) {
            throw src.error(num.pos(), "integer " + t + " does not fit in int64; write it as a float (" + t + ".0)");
        }
    }

    private Typed name(Ast.Name name) {
        Sym s = scope.get(name.id());
        if (s == null) {
            if (name.id().equals("inf")) {
                return Typed.Const.of(Type.FLOAT64, Double.POSITIVE_INFINITY, true);
            }
            if (name.id().equals("nan")) {
                return Typed.Const.of(Type.FLOAT64, Double.NaN, true);
            }
            if (FUNCTIONS.containsKey(name.id()) || Type.byName(name.id()) != null) {
                throw src.error(name.pos(), "'" + name.id() + "' is a function: call it, e.g. " + name.id() + "(x)");
            }
            throw src.error(name.pos(), "unknown name '" + name.id() + "' (known here: "
                    + String.join(", ", scope.keySet()) + ")");
        }
        if (unassigned.contains(s)) {
            throw src.error(name.pos(), "output '" + s.name() + "' is read before it is assigned");
        }
        return new Typed.Ref(s.type(), s);
    }

    private Typed unary(Ast.Unary u) {
        Typed e = expr(u.operand());
        if (u.op().equals("!")) {
            requireBool(e, u.operand().pos(), "'!'");
            return new Typed.Unary(Type.BOOL, "!", e);
        }
        requireNumber(e, u.operand().pos(), "unary '-'");
        if (e instanceof Typed.Const c) {
            return c.type().isFloat() ? Typed.Const.of(c.type(), -c.f(), c.weak()) : Typed.Const.ofLong(c.type(), -c.l(), c.weak());
        }
        return new Typed.Unary(e.type(), "-", e);
    }

    private Typed binary(Ast.Binary b) {
        Typed l = expr(b.left());
        Typed r = expr(b.right());
        String op = b.op();
        switch (op) {
            case "&&", "||" -> {
                requireBool(l, b.left().pos(), "'" + op + "'");
                requireBool(r, b.right().pos(), "'" + op + "'");
                return new Typed.Binary(Type.BOOL, op, l, r);
            }
            case "==", "!=" -> {
                if (l.type() == Type.BOOL && r.type() == Type.BOOL) {
                    return new Typed.Binary(Type.BOOL, op, l, r);
                }
                Typed[] u = unify(l, r, b, op);
                return new Typed.Binary(Type.BOOL, op, u[0], u[1]);
            }
            case "<", "<=", ">", ">=" -> {
                Typed[] u = unify(l, r, b, op);
                return new Typed.Binary(Type.BOOL, op, u[0], u[1]);
            }
            default -> {
                Typed[] u = unify(l, r, b, op);
                if (op.equals("%") && !u[0].type().isInt()) {
                    throw src.error(b.pos(), "'%' needs integers, got " + u[0].type().spelling()
                            + ": cast both sides to int32 or int64");
                }
                if (u[0] instanceof Typed.Const x && u[1] instanceof Typed.Const y && !op.equals("%")
                        && !(op.equals("/") && x.type().isInt())) {
                    return fold(op, x, y);
                }
                return new Typed.Binary(u[0].type(), op, u[0], u[1]);
            }
        }
    }

    private static Typed.Const fold(String op, Typed.Const x, Typed.Const y) {
        boolean weak = x.weak() && y.weak();
        if (x.type().isFloat()) {
            double v = switch (op) {
                case "+" -> x.f() + y.f();
                case "-" -> x.f() - y.f();
                case "*" -> x.f() * y.f();
                default -> x.f() / y.f();
            };
            return Typed.Const.of(x.type(), v, weak);
        }
        long v = switch (op) {
            case "+" -> x.l() + y.l();
            case "-" -> x.l() - y.l();
            default -> x.l() * y.l();
        };
        return Typed.Const.ofLong(x.type(), v, weak);
    }

    /** Both operands converted to their common type. */
    private Typed[] unify(Typed l, Typed r, Ast.Binary b, String op) {
        requireNumber(l, b.left().pos(), "'" + op + "'");
        requireNumber(r, b.right().pos(), "'" + op + "'");
        Type common = common(l, r);
        return new Typed[]{widen(l, common), widen(r, common)};
    }

    /**
     * Whether a value is made of weak literals only ({@code 0.5}, {@code -1}, {@code select(c, 0.3, 1.2)},
     * {@code min(1.0, 2.0)}, {@code (0.1 + 0.2)}): such a value adapts to the type it meets, as a literal does.
     */
    static boolean isWeak(Typed e) {
        return switch (e) {
            case Typed.Const c -> c.weak();
            case Typed.Unary u -> u.op().equals("-") && isWeak(u.operand());
            case Typed.Binary b -> b.type() != Type.BOOL && isWeak(b.left()) && isWeak(b.right()); // (0.1 + 0.2)
            case Typed.Call c -> switch (c.fn()) {
                case "select" -> isWeak(c.args().get(1)) && isWeak(c.args().get(2));
                // math of weak literals only (sqrt(abs(0.5 + 1.5)), exp(2.0)) adapts too
                default -> c.type() != Type.BOOL && !c.args().isEmpty() && c.args().stream().allMatch(Checker::isWeak);
            };
            default -> false;
        };
    }

    private static Type common(Typed l, Typed r) {
        boolean lw = isWeak(l);
        boolean rw = isWeak(r);
        if (lw && !rw) {
            return adopt(l.type(), r.type());
        }
        if (rw && !lw) {
            return adopt(r.type(), l.type());
        }
        return Type.promote(l.type(), r.type());
    }

    /** A weak literal of type {@code lit} meeting a value of type {@code other}. */
    private static Type adopt(Type lit, Type other) {
        if (lit.isInt()) {
            return other;
        }
        return other.isFloat() ? other : Type.FLOAT64;
    }

    /** Converts to a type known to be at least as wide (or a weak literal adapting). */
    private static Typed widen(Typed e, Type to) {
        if (e.type() == to) {
            return e;
        }
        if (e instanceof Typed.Const c) {
            return c.type().isFloat() ? Typed.Const.of(to, c.f(), c.weak()) : Typed.Const.ofLong(to, c.l(), c.weak());
        }
        return new Typed.Cast(to, e);
    }

    /** An implicit conversion to {@code to} (assignment, argument): widening only, or a weak literal. */
    Typed convert(Typed e, Type to, int pos, String what) {
        if (e.type() == to) {
            return e;
        }
        if (e.type() == Type.BOOL) {
            throw src.error(pos, what + " is " + to.spelling() + " but the value is a bool (a comparison): "
                    + "use select(cond, 1, 0)");
        }
        if (isWeak(e) && (e.type().isInt() || to.isFloat())) {
            if (e instanceof Typed.Const c && c.type().isInt() && to == Type.INT32 && c.l() != (int) c.l()) {
                throw src.error(pos, "the literal " + c.l() + " does not fit in int32");
            }
            return widen(e, to);
        }
        if (e.type().widensTo(to)) {
            return widen(e, to);
        }
        throw src.error(pos, what + " is " + to.spelling() + " but the value is " + e.type().spelling()
                + ", which does not convert implicitly: write " + to.spelling() + "(...) to convert");
    }

    private Typed call(Ast.Call c) {
        Type castTo = Type.byName(c.fn());
        if (castTo != null) {
            if (c.args().size() != 1) {
                throw src.error(c.pos(), c.fn() + "(...) converts one value, got " + c.args().size() + " arguments");
            }
            Typed e = expr(c.args().getFirst());
            if (e.type() == Type.BOOL) {
                throw src.error(c.args().getFirst().pos(), "cannot convert a bool to " + c.fn() + ": use select(cond, 1, 0)");
            }
            if (e instanceof Typed.Const k) {
                return k.type().isFloat() ? Typed.Const.of(castTo, k.f(), false) : Typed.Const.ofLong(castTo, k.l(), false);
            }
            return e.type() == castTo ? e : new Typed.Cast(castTo, e);
        }
        Integer arity = FUNCTIONS.get(c.fn());
        if (arity == null) {
            throw src.error(c.pos(), "unknown function '" + c.fn() + "' (known: " + String.join(", ", FUNCTIONS.keySet())
                    + ", and the casts float32, float64, int32, int64)");
        }
        if (c.args().size() != arity) {
            throw src.error(c.pos(), c.fn() + " takes " + arity + " argument" + (arity == 1 ? "" : "s") + ", got " + c.args().size());
        }
        List<Typed> args = new ArrayList<>();
        for (Ast a : c.args()) {
            args.add(expr(a));
        }
        if (c.fn().equals("select")) {
            requireBool(args.get(0), c.args().get(0).pos(), "select's condition");
            Typed a = args.get(1);
            Typed b = args.get(2);
            if (a.type() == Type.BOOL || b.type() == Type.BOOL) {
                if (a.type() != b.type()) {
                    throw src.error(c.pos(), "select needs two values of one kind, got " + a.type().spelling()
                            + " and " + b.type().spelling());
                }
                return new Typed.Call(Type.BOOL, "select", List.of(args.get(0), a, b), src, c.pos());
            }
            Type t = common(a, b);
            return new Typed.Call(t, "select", List.of(args.get(0), widen(a, t), widen(b, t)), src, c.pos());
        }
        for (int k = 0; k < args.size(); k++) {
            requireNumber(args.get(k), c.args().get(k).pos(), c.fn());
        }
        Type t = args.size() == 2 ? common(args.get(0), args.get(1)) : args.getFirst().type();
        if (args.size() == 1 && args.getFirst() instanceof Typed.Const k && k.weak() && FLOAT_FUNCTIONS.contains(c.fn())) {
            t = k.type().isFloat() ? k.type() : Type.FLOAT64;
        } else if (args.size() == 2 && FLOAT_FUNCTIONS.contains(c.fn()) && !t.isFloat()
                && args.stream().allMatch(x -> x instanceof Typed.Const k && k.weak())) {
            t = Type.FLOAT64;
        }
        if (FLOAT_FUNCTIONS.contains(c.fn()) && !t.isFloat()) {
            throw src.error(c.args().getFirst().pos(), c.fn() + " needs a float argument, got " + t.spelling()
                    + ": convert it, e.g. " + c.fn() + "(float64(...))");
        }
        List<Typed> converted = new ArrayList<>();
        for (Typed a : args) {
            converted.add(widen(a, t));
        }
        if (converted.stream().allMatch(x -> x instanceof Typed.Const k && k.weak())) {
            return foldCall(c.fn(), t, converted);   // exp(1.0) stays a literal that adapts to float32
        }
        return new Typed.Call(t, c.fn(), List.copyOf(converted), src, c.pos());
    }

    private static Typed.Const foldCall(String fn, Type t, List<Typed> args) {
        Typed.Const a = (Typed.Const) args.getFirst();
        Typed.Const b = args.size() > 1 ? (Typed.Const) args.get(1) : null;
        if (t.isInt()) {
            long v = switch (fn) {
                case "abs" -> Math.abs(a.l());
                case "min" -> Math.min(a.l(), b.l());
                default -> Math.max(a.l(), b.l());
            };
            return Typed.Const.ofLong(t, v, true);
        }
        double x = a.asDouble();
        double v = switch (fn) {
            case "sqrt" -> Math.sqrt(x);
            case "exp" -> Math.exp(x);
            case "log" -> Math.log(x);
            case "sin" -> Math.sin(x);
            case "cos" -> Math.cos(x);
            case "floor" -> Math.floor(x);
            case "ceil" -> Math.ceil(x);
            case "abs" -> Math.abs(x);
            case "pow" -> Math.pow(x, b.asDouble());
            case "min" -> Math.min(x, b.asDouble());
            default -> Math.max(x, b.asDouble());
        };
        return Typed.Const.of(t, v, true);
    }

    private void requireBool(Typed e, int pos, String what) {
        if (e.type() != Type.BOOL) {
            throw src.error(pos, what + " needs a bool (a comparison such as x > 0), got " + e.type().spelling());
        }
    }

    private void requireNumber(Typed e, int pos, String what) {
        if (e.type() == Type.BOOL) {
            throw src.error(pos, what + " needs a number, got a bool (a comparison): use select(cond, 1, 0)");
        }
    }
}
