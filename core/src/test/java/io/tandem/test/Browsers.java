package io.tandem.test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds a headless-capable Chromium for the tests that paint a page in a real browser (the bench's HTML report,
 * the dashboard). {@code .ci/run} installs one where it can; {@code TANDEM_BROWSER} names another binary.
 * Stateless and thread-safe.
 */
public final class Browsers {
    private Browsers() {
    }

    /** The browser binary to use, or null when there is none (the caller skips, saying why). */
    public static String chromium() {
        String env = System.getenv("TANDEM_BROWSER");
        if (env != null && !env.isBlank()) {
            return env;
        }
        for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        return null;
    }
}
