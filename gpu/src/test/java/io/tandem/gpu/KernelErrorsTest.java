package io.tandem.gpu;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every malformed kernel text or type mismatch: a KernelException naming the part, the column and the fix. */
class KernelErrorsTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            y = x *                    | 8  | expected a value
            y = (x + 1                 | 11 | expected ')' to close the '(' at column 5
            y = x $ 2                  | 7  | unexpected character '$'
            y = x ^ 2                  | 7  | use pow(a, b)
            y = x ** 2                 | 8  | '**' is not an operator here
            y = x[i]                   | 6  | not x[i]
            y = z * 2                  | 5  | unknown name 'z' (known here: x, y, i, n)
            y = sqr(x)                 | 5  | unknown function 'sqr'
            y = sqrt(x, x)             | 5  | sqrt takes 1 argument, got 2
            y = x > 1                  | 5  | 'y' is float32 but the value is a bool
            y = select(x, 1, 2)        | 12 | select's condition needs a bool
            y = x % 2                  | 7  | '%' needs integers, got float32
            y = float64(x)             | 5  | 'y' is float32 but the value is float64, which does not convert implicitly: write float32(...)
            y = x + 1.5e               | 12 | the exponent needs digits
            y = 12abc                  | 7  | malformed number
            y = -true_ && x            | 6  | unknown name 'true_'
            x = 1                      | 1  | cannot assign to 'x'
            q = 1                      | 1  | unknown name 'q': assign an output (y)
            float32 x = 1; y = x       | 9  | 'x' is already defined
            y = y + 1                  | 5  | output 'y' is read before it is assigned
            float32 t = x              | 14 | output 'y' is never assigned
            y x                        | 3  | expected '=' after 'y'
            y = 1 y = 2                | 7  | expected ';' or the end after a statement
            ""                         | 1  | empty body
            y = !x                     | 6  | '!' needs a bool
            y = x && x > 0             | 5  | '&&' needs a bool
            """)
    void bodyErrors(String body, int column, String message) {
        KernelException e = assertThrows(KernelException.class,
                () -> ElementwiseKernel.create("float32 x", "float32 y", body, "k"));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.getMessage().startsWith("body of kernel 'k', column " + column + ": "), e.getMessage());
        assertTrue(e.getMessage().endsWith("\n  " + " ".repeat(column - 1) + "^"), "caret under the column:\n" + e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] in={0} out={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            float32              | float32 y  | input parameters  | 8  | expected a parameter name after float32
            float x              | float32 y  | input parameters  | 1  | expected a type (float32, float64, int32, int64)
            float32 x float32 z  | float32 y  | input parameters  | 11 | expected ',' between parameters
            float32 x,           | float32 y  | input parameters  | 11 | expected a parameter after ','
            float32 i            | float32 y  | input parameters  | 9  | 'i' is reserved
            float32 x            | float32 x  | output parameters | 9  | parameter 'x' is declared twice
            float32 x            | ""         | output parameters | 1  | at least one output
            """)
    void parameterErrors(String in, String out, String part, int column, String message) {
        KernelException e = assertThrows(KernelException.class, () -> ElementwiseKernel.create(in, out, "y = 1", "k"));
        assertTrue(e.getMessage().startsWith(part + " of kernel 'k', column " + column + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            x *          | a + b       | 0     | ""          | map expression    | 4  | expected a value
            x > 0        | a + b       | 0     | ""          | map expression    | 1  | the map expression's value is float32 but the value is a bool
            x            | a + c       | 0     | ""          | reduce expression | 5  | unknown name 'c' (known here: a, b)
            x            | a + b       | x     | ""          | identity          | 1  | unknown name 'x'
            x            | a + b       | 1.5 + | ""          | identity          | 6  | expected a value
            x            | a + b       | 0     | y = a > 0   | post-map          | 5  | 'y' is float32 but the value is a bool
            x            | a + b       | 0     | z = a       | post-map          | 1  | unknown name 'z'
            x            | a + b       | 0     | float32 t = a | post-map        | 14 | never assigns the output 'y'
            """)
    void reductionErrors(String map, String reduce, String identity, String post, String part, int column, String message) {
        KernelException e = assertThrows(KernelException.class, () -> ReductionKernel.create("float32 x", "float32 y",
                map, reduce, post.isEmpty() ? null : post, identity, "r"));
        assertTrue(e.getMessage().startsWith(part + " of kernel 'r', column " + column + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void float64TranscendentalsAreRefusedByThePtxBackendWithThePosition() {
        ElementwiseKernel k = ElementwiseKernel.create("float64 x", "float64 y", "y = 1 + exp(x)", "e64");
        KernelException e = assertThrows(KernelException.class, k::ptx);
        assertEquals(9, e.column(), e.getMessage());
        assertTrue(e.getMessage().contains("exp on float64 has no GPU instruction"), e.getMessage());
        try (DeviceArray x = Gpu.cpu().copyOf(new double[]{0})) {
            assertEquals(2.0, k.apply(x).toDoubleArray()[0], "the CPU backend runs it");
        }
    }
}
