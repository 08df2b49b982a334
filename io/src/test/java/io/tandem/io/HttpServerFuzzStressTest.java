package io.tandem.io;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

/** The HTTP fuzzer for longer: 10 s per {@code tandem.stressScale} (200 s under {@code -Pstress-long}). */
class HttpServerFuzzStressTest {

    @BeforeAll
    static void warmUp() {
        Servers.warmUp();
    }

    @Test
    void mutatedRequestsForLonger() throws Exception {
        HttpServerFuzzTest.fuzz(Duration.ofSeconds(10L * Integer.getInteger("tandem.stressScale", 1)));
    }
}
