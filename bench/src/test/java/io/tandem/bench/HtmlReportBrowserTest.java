package io.tandem.bench;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTML report in a real browser: headless Chromium paints it, and the bars must be on the screenshot in
 * the colours of their model kinds (SVG that a browser refuses to draw would leave none). Skipped, saying
 * so, where no Chromium is installed ({@code .ci/run} installs one where it can; {@code TANDEM_BROWSER}
 * names another binary).
 */
class HtmlReportBrowserTest {

    static String browser() {
        return io.tandem.test.Browsers.chromium();
    }

    @Test
    void chromiumPaintsTheBarsOfEveryModelKind(@TempDir Path dir) throws Exception {
        String browser = browser();
        Assumptions.assumeTrue(browser != null, "no Chromium on PATH (set TANDEM_BROWSER)");
        Scenario s = Scenarios.byName("primes").orElseThrow();
        BenchReport report = new BenchReport(Mode.QUICK, new Machine("Test CPU", 2, 4096, "Linux", "25", "3.11", 0.1),
                List.of(new ScenarioResult(s, 1000, List.of(
                        ModelResult.ok(Model.DIRECT, List.of(1.0), 5L, Double.NaN, 0.5),
                        ModelResult.ok(Model.THREADS, List.of(0.5), 5L, Double.NaN, 0.9),
                        ModelResult.ok(Model.JDK_FIXED, List.of(0.5), 5L, Double.NaN, 0.9),
                        ModelResult.ok(Model.PY_POOL, List.of(3.0), 5L, 20, 0.9)))));
        Path html = dir.resolve("bench.html");
        HtmlReport.write(report, html);
        Path png = dir.resolve("shot.png");
        Process p = new ProcessBuilder(browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--user-data-dir=" + dir.resolve("profile"), "--window-size=1100,1400", "--screenshot=" + png,
                html.toUri().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("browser.log").toFile()).start();
        try {
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), "browser finished");
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("browser.log")));
        BufferedImage img = ImageIO.read(png.toFile());
        for (Model.Kind kind : List.of(Model.Kind.SEQUENTIAL, Model.Kind.TANDEM, Model.Kind.JDK, Model.Kind.PYTHON)) {
            int rgb = Integer.parseInt(HtmlReport.color(kind).substring(1), 16);
            assertTrue(countPixels(img, rgb) > 200, kind + " bars painted in " + HtmlReport.color(kind));
        }
    }

    private static int countPixels(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int c = img.getRGB(x, y) & 0xFFFFFF;
                if (Math.abs((c >> 16) - (rgb >> 16)) <= 3 && Math.abs((c >> 8 & 0xFF) - (rgb >> 8 & 0xFF)) <= 3
                        && Math.abs((c & 0xFF) - (rgb & 0xFF)) <= 3) {
                    n++;
                }
            }
        }
        return n;
    }
}
