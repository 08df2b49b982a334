package io.tandem.gpu.internal.cuda;

import io.tandem.gpu.DeviceArray;
import io.tandem.gpu.Gpu;

import java.nio.file.Path;

/**
 * The JVM that {@link FakeDriverProcessTest} starts with {@code -Dtandem.gpu.library=} the fake driver: the
 * probe behind {@link Gpu} runs once per JVM, so what {@link Gpu} says about a driver needs a JVM of its own.
 * Prints {@code key=value} lines for the test to check; exits 0 unless something threw.
 */
public final class FakeDriverChild {
    private FakeDriverChild() {
    }

    public static void main(String[] args) {
        System.out.println("available=" + Gpu.available());
        System.out.println("reason=" + Gpu.unavailableReason());
        System.out.println("devices=" + Gpu.devices());
        System.out.println("describe=" + Gpu.describe());
        System.out.println("best=" + Gpu.best().name());
        System.out.println("resourceUnits=" + Gpu.resourceUnits());
        try (DeviceArray x = Gpu.best().arange(10); DeviceArray y = x.mul(x).eval()) {
            System.out.println("device=" + y.device().name());
            if (Gpu.available()) {
                // the fake runs no kernel: what it saw is the check, not y's values
                System.out.println("launch=" + FakeCuda.open(Path.of(System.getProperty("tandem.gpu.library"))).lastLaunch());
            } else {
                System.out.println("squares=" + y);
            }
        }
    }
}
