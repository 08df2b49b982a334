package io.tandem.gpu;

import io.tandem.gpu.internal.cuda.Cuda;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** Without libcuda: a reason, no exception at class load, the CPU chosen, a clear error for gpu(). */
class FallbackTest {

    @Test
    void aMissingDriverLibraryIsAReasonNotAnException() {
        Cuda.State s = Cuda.probe("/nonexistent/dir/libcuda.so.1", false);
        assertFalse(s.available());
        assertTrue(s.reason().contains("/nonexistent/dir/libcuda.so.1 not found"), s.reason());
        Cuda.State notALibrary = Cuda.probe("/etc/hostname", false);
        assertFalse(notALibrary.available());
        assertTrue(notALibrary.reason().contains("could not be loaded") || notALibrary.reason().contains("could not be used"),
                notALibrary.reason());
    }

    @Test
    void disablingTheGpuIsAReasonToo() {
        Cuda.State s = Cuda.probe("libcuda.so.1", true);
        assertFalse(s.available());
        assertTrue(s.reason().contains("-Dtandem.gpu.disable=true"), s.reason());
    }

    @Test
    void withoutAGpuBestIsTheCpuAndGpuSaysWhy() {
        assumeFalse(Gpu.available(), "this machine has a GPU: " + Gpu.describe());
        assertFalse(Gpu.unavailableReason().isBlank());
        assertTrue(Gpu.devices().isEmpty());
        assertSame(Gpu.cpu(), Gpu.best());
        assertTrue(Gpu.resourceUnits() == 1);
        GpuUnavailableException e = assertThrows(GpuUnavailableException.class, Gpu::gpu);
        assertTrue(e.getMessage().contains(Gpu.unavailableReason()) && e.getMessage().contains("Gpu.cpu()"), e.getMessage());
        assertTrue(Gpu.describe().startsWith("cpu ("), Gpu.describe());
        try (DeviceArray x = Gpu.best().arange(10); DeviceArray y = x.mul(x).eval()) {
            assertTrue(y.toString().equals("[ 0  1  4  9 16 25 36 49 64 81]"));
        }
    }
}
