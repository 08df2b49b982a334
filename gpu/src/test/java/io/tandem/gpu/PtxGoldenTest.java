package io.tandem.gpu;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The PTX of each construct against a reviewed golden text in {@code src/test/resources/ptx/}. A deliberate
 * change to the generator: run with {@code -Dtandem.updateGolden=true}, review the diff, commit it.
 */
class PtxGoldenTest {

    static Map<String, Supplier<String>> constructs() {
        Map<String, Supplier<String>> m = new LinkedHashMap<>();
        m.put("square_int64", () -> ElementwiseKernel.create("int64 x", "int64 y", "y = x * x", "square").ptx());
        m.put("saxpy_scalar", () -> ElementwiseKernel.create("float32 a, float32 x, float32 y", "float32 z",
                "z = a * x + y", "saxpy").ptx(2.0f, null, null));
        m.put("select_compare_logic", () -> ElementwiseKernel.create("float64 x, int32 k", "float64 y",
                "y = select(x > 0.5 && k != 3 || !(x == x), x, -x)", "relu_ish").ptx());
        m.put("casts", () -> ElementwiseKernel.create("float32 f, int64 l", "int32 a, float64 b, int64 c",
                "a = int32(f) + int32(l); b = f + l; c = int64(float64(f) * 2) % 7", "casts").ptx());
        m.put("math_float32", () -> ElementwiseKernel.create("float32 x", "float32 y",
                "float32 t = sqrt(abs(x)) + exp(x) - log(x + 2); y = min(max(sin(t), cos(t)), pow(x, 2.0f)) + floor(x) * ceil(x)",
                "math32").ptx());
        m.put("index_and_size", () -> ElementwiseKernel.create("", "int64 y", "y = n - i", "countdown").ptx());
        m.put("sum_float32", () -> ReductionKernel.create("float32 x", "float32 y", "x", "a + b", null, "0", "sum").ptx());
        m.put("max_int32", () -> ReductionKernel.create("int32 x", "int32 y", "x", "max(a, b)", null, "-2147483648", "imax").ptx());
        m.put("l2norm_postmap", () -> ReductionKernel.create("float64 x", "float64 y", "x * x", "a + b", "y = sqrt(a)", "0", "l2norm").ptx());
        return m;
    }

    @TestFactory
    List<DynamicTest> eachConstructMatchesItsGoldenPtx() {
        return constructs().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            String actual = e.getValue().get();
            String file = e.getKey() + ".ptx";
            if (Boolean.getBoolean("tandem.updateGolden")) {
                Files.writeString(Path.of("src/test/resources/ptx", file), actual);
                return;
            }
            assertEquals(golden(file), actual, "PTX of " + e.getKey() + " changed; review and run with -Dtandem.updateGolden=true");
        })).toList();
    }

    private static String golden(String file) throws IOException {
        try (InputStream in = PtxGoldenTest.class.getResourceAsStream("/ptx/" + file)) {
            assertNotNull(in, "missing golden " + file + ": run with -Dtandem.updateGolden=true");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
