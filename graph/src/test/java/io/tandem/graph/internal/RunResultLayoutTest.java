package io.tandem.graph.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The run JSON's layout (documented by tests and users' greps): root entries and array objects one per line. */
class RunResultLayoutTest {

    @Test
    void rootEntriesAndObjectsInArraysGetALineEachTheRestStaysInline() throws Exception {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.setPrettyPrinter(new RunResultLayout());
            g.writeStartObject();
            g.writeNumberField("n", 1);
            g.writeObjectFieldStart("counts");
            g.writeNumberField("A", 2);
            g.writeNumberField("B", 3);
            g.writeEndObject();
            g.writeObjectFieldStart("none");
            g.writeEndObject();
            g.writeArrayFieldStart("names");
            g.writeString("x");
            g.writeString("y");
            g.writeEndArray();
            g.writeArrayFieldStart("empty");
            g.writeEndArray();
            g.writeArrayFieldStart("tasks");
            g.writeStartObject();
            g.writeStringField("name", "a");
            g.writeObjectFieldStart("error");
            g.writeStringField("type", "E");
            g.writeEndObject();
            g.writeEndObject();
            g.writeStartObject();
            g.writeStringField("name", "b");
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        }
        assertEquals("""
                {
                  "n": 1,
                  "counts": {"A": 2, "B": 3},
                  "none": {},
                  "names": ["x", "y"],
                  "empty": [],
                  "tasks": [
                    {"name": "a", "error": {"type": "E"}},
                    {"name": "b"}
                  ]
                }""", out.toString());
    }
}
