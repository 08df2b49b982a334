package io.tandem.graph.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;

import java.io.IOException;
import java.util.BitSet;

/**
 * The run JSON's layout, readable in a terminal and greppable one task per line: the root object has one
 * entry per line, an array of objects has one object per line, and everything else stays on its line with
 * {@code ", "} and {@code ": "} between entries. One instance per generator (it tracks the open containers);
 * not thread-safe, like the generator it serves.
 */
final class RunResultLayout implements PrettyPrinter {
    private static final String INDENT = "  ";

    /** Open containers (objects and arrays) around the current position. */
    private int depth;
    /** Bit d: the container open at depth d puts each entry on its own line. */
    private final BitSet lines = new BitSet();

    @Override
    public void writeRootValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw('\n');
    }

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
        // The generator has already opened this object's context; its parent is where the object sits.
        var parent = g.getOutputContext().getParent();
        if (depth > 0 && parent.inArray() && parent.getCurrentIndex() == 0) {
            lines.set(depth);   // the first element of this array is an object: one element per line
            newline(g, depth);
        }
        g.writeRaw('{');
        depth++;
        lines.set(depth, depth == 1);
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) throws IOException {
        if (lines.get(depth)) {
            newline(g, depth);
        }
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
        separator(g);
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
        end(g, entries, '}');
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
        g.writeRaw('[');
        depth++;
        lines.clear(depth);
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) {
        // decided by the first value: writeStartObject breaks the line when it is an object
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
        separator(g);
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
        end(g, values, ']');
    }

    private void separator(JsonGenerator g) throws IOException {
        g.writeRaw(',');
        if (lines.get(depth)) {
            newline(g, depth);
        } else {
            g.writeRaw(' ');
        }
    }

    private void end(JsonGenerator g, int entries, char close) throws IOException {
        if (entries > 0 && lines.get(depth)) {
            newline(g, depth - 1);
        }
        g.writeRaw(close);
        depth--;
    }

    private static void newline(JsonGenerator g, int level) throws IOException {
        g.writeRaw('\n');
        g.writeRaw(INDENT.repeat(level));
    }
}
