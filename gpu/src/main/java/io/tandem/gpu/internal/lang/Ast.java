package io.tandem.gpu.internal.lang;

import java.util.List;

/** The parsed (untyped) kernel text. Every node keeps its 0-based position for error messages. */
sealed interface Ast {
    int pos();

    record Num(int pos, String text) implements Ast {
    }

    record Name(int pos, String id) implements Ast {
    }

    record Unary(int pos, String op, Ast operand) implements Ast {
    }

    record Binary(int pos, String op, Ast left, Ast right) implements Ast {
    }

    record Call(int pos, String fn, List<Ast> args) implements Ast {
    }

    /** {@code [type] name = value}; {@code type} is {@code null} for an assignment to an existing name. */
    record Statement(int pos, Type declared, String name, Ast value) {
    }

    /** One {@code type name} of a parameter list. */
    record Param(int pos, Type type, String name) {
    }
}
