package io.tandem.io.internal;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Java values a handler returns become the JSON a client expects, and values JSON cannot hold are named. */
class JsonWriterTest {

    public record Job(String id, int attempts, Optional<String> owner, State state) {
    }

    public enum State { DONE }

    @Test
    void recordsMapsListsArraysAndScalars() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job", new Job("j\"1\n", 2, Optional.empty(), State.DONE));
        m.put("ints", new int[] {1, 2});
        m.put("list", List.of(1.5, 10L, true, 'c'));
        m.put("big", new BigDecimal("12.340"));
        m.put("counter", new AtomicLong(7));
        m.put("none", null);
        assertEquals("{\"job\":{\"id\":\"j\\\"1\\n\",\"attempts\":2,\"owner\":null,\"state\":\"DONE\"},"
                + "\"ints\":[1,2],\"list\":[1.5,10,true,\"c\"],\"big\":12.340,\"counter\":7,\"none\":null}",
                JsonWriter.write(m));
    }

    @Test
    void valuesJsonCannotHoldAreNamedWithTheirPath() {
        var e = assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(Map.of("x", List.of(Double.NaN))));
        assertTrue(e.getMessage().contains("NaN at $.x[0]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(Map.of("t", Thread.currentThread())));
        assertTrue(e.getMessage().contains("cannot encode java.lang.Thread as JSON at $.t"), e.getMessage());
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        e = assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(cycle));
        assertTrue(e.getMessage().contains("(a cycle?)"), e.getMessage());
    }
}
