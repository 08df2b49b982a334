package io.tandem.gpu.internal.lang;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser of the kernel language. Precedence, loosest first: {@code ||}, {@code &&},
 * {@code == !=}, {@code < <= > >=}, {@code + -}, {@code * / %}, unary {@code - !}, then calls, names,
 * numbers and parentheses. A body is statements separated by {@code ;}: {@code type name = expr}
 * declares a local, {@code name = expr} assigns an output or local.
 */
final class Parser {
    private final Source src;
    private final List<Token> tokens;
    private int at;

    private Parser(Source src) {
        this.src = src;
        this.tokens = Lexer.tokens(src);
    }

    static Ast expression(Source src) {
        Parser p = new Parser(src);
        if (p.peek().kind() == Token.Kind.END) {
            throw src.error(0, "empty expression");
        }
        Ast e = p.or();
        p.expectEnd("an operator");
        return e;
    }

    static List<Ast.Statement> body(Source src) {
        Parser p = new Parser(src);
        List<Ast.Statement> out = new ArrayList<>();
        while (p.peek().kind() != Token.Kind.END) {
            if (p.peek().is(";")) {
                p.at++;
                continue;
            }
            out.add(p.statement());
            if (!p.peek().is(";") && p.peek().kind() != Token.Kind.END) {
                throw src.error(p.peek().pos(), "expected ';' or the end after a statement, found " + p.peek().describe());
            }
        }
        if (out.isEmpty()) {
            throw src.error(0, "empty body: write at least one assignment, e.g. y = x * x");
        }
        return out;
    }

    /** {@code type name, type name, ...}; empty text is an empty list. */
    static List<Ast.Param> params(Source src) {
        Parser p = new Parser(src);
        List<Ast.Param> out = new ArrayList<>();
        while (p.peek().kind() != Token.Kind.END) {
            Token t = p.next();
            Type type = t.kind() == Token.Kind.NAME ? Type.byName(t.text()) : null;
            if (type == null) {
                throw src.error(t.pos(), "expected a type (float32, float64, int32, int64), found " + t.describe());
            }
            Token name = p.next();
            if (name.kind() != Token.Kind.NAME) {
                throw src.error(name.pos(), "expected a parameter name after " + type.spelling() + ", found " + name.describe());
            }
            out.add(new Ast.Param(name.pos(), type, name.text()));
            if (p.peek().is(",")) {
                p.at++;
                if (p.peek().kind() == Token.Kind.END) {
                    throw src.error(p.peek().pos(), "expected a parameter after ','");
                }
            } else if (p.peek().kind() != Token.Kind.END) {
                throw src.error(p.peek().pos(), "expected ',' between parameters, found " + p.peek().describe());
            }
        }
        return out;
    }

    private Ast.Statement statement() {
        Token first = next();
        if (first.kind() != Token.Kind.NAME) {
            throw src.error(first.pos(), "expected an assignment like 'y = x * x', found " + first.describe());
        }
        Type declared = Type.byName(first.text());
        Token name = first;
        if (declared != null) {
            name = next();
            if (name.kind() != Token.Kind.NAME) {
                throw src.error(name.pos(), "expected a variable name after " + declared.spelling() + ", found " + name.describe());
            }
        }
        Token eq = next();
        if (!eq.is("=")) {
            throw src.error(eq.pos(), "expected '=' after '" + name.text() + "', found " + eq.describe());
        }
        if (peek().kind() == Token.Kind.END || peek().is(";")) {
            throw src.error(peek().pos(), "expected an expression after '='");
        }
        return new Ast.Statement(name.pos(), declared, name.text(), or());
    }

    private Ast or() {
        Ast left = and();
        while (peek().is("||")) {
            Token op = next();
            left = new Ast.Binary(op.pos(), op.text(), left, and());
        }
        return left;
    }

    private Ast and() {
        Ast left = equality();
        while (peek().is("&&")) {
            Token op = next();
            left = new Ast.Binary(op.pos(), op.text(), left, equality());
        }
        return left;
    }

    private Ast equality() {
        Ast left = relation();
        while (peek().is("==") || peek().is("!=")) {
            Token op = next();
            left = new Ast.Binary(op.pos(), op.text(), left, relation());
        }
        return left;
    }

    private Ast relation() {
        Ast left = additive();
        while (peek().is("<") || peek().is("<=") || peek().is(">") || peek().is(">=")) {
            Token op = next();
            left = new Ast.Binary(op.pos(), op.text(), left, additive());
        }
        return left;
    }

    private Ast additive() {
        Ast left = multiplicative();
        while (peek().is("+") || peek().is("-")) {
            Token op = next();
            left = new Ast.Binary(op.pos(), op.text(), left, multiplicative());
        }
        return left;
    }

    private Ast multiplicative() {
        Ast left = unary();
        while (peek().is("*") || peek().is("/") || peek().is("%")) {
            Token op = next();
            if (op.is("*") && peek().is("*")) {
                throw src.error(peek().pos(), "'**' is not an operator here: use pow(a, b), or x * x for a square");
            }
            left = new Ast.Binary(op.pos(), op.text(), left, unary());
        }
        return left;
    }

    private Ast unary() {
        if (peek().is("-") || peek().is("!")) {
            Token op = next();
            return new Ast.Unary(op.pos(), op.text(), unary());
        }
        if (peek().is("+")) {
            next();
            return unary();
        }
        return primary();
    }

    private Ast primary() {
        Token t = next();
        switch (t.kind()) {
            case NUMBER -> {
                return new Ast.Num(t.pos(), t.text());
            }
            case NAME -> {
                if (!peek().is("(")) {
                    return new Ast.Name(t.pos(), t.text());
                }
                Token open = next();
                List<Ast> args = new ArrayList<>();
                if (!peek().is(")")) {
                    args.add(or());
                    while (peek().is(",")) {
                        next();
                        args.add(or());
                    }
                }
                Token close = next();
                if (!close.is(")")) {
                    throw src.error(close.pos(), "expected ')' to close the call of " + t.text()
                            + " opened at column " + (open.pos() + 1) + ", found " + close.describe());
                }
                return new Ast.Call(t.pos(), t.text(), List.copyOf(args));
            }
            case SYMBOL -> {
                if (t.is("(")) {
                    Ast inner = or();
                    Token close = next();
                    if (!close.is(")")) {
                        throw src.error(close.pos(), "expected ')' to close the '(' at column " + (t.pos() + 1)
                                + ", found " + close.describe());
                    }
                    return inner;
                }
                throw src.error(t.pos(), "expected a value (a name, a number, a call or '('), found " + t.describe());
            }
            default -> throw src.error(t.pos(), "expected a value, found the end of the text");
        }
    }

    private void expectEnd(String what) {
        if (peek().kind() != Token.Kind.END) {
            throw src.error(peek().pos(), "expected " + what + " or the end, found " + peek().describe());
        }
    }

    private Token peek() {
        return tokens.get(at);
    }

    private Token next() {
        Token t = tokens.get(at);
        if (t.kind() != Token.Kind.END) {
            at++;
        }
        return t;
    }
}
