package io.tandem;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {

    @Test
    void attemptsCountTheFirstOne() {
        RetryPolicy p = RetryPolicy.attempts(3);
        assertTrue(p.shouldRetry(1, new IOException()));
        assertTrue(p.shouldRetry(2, new IOException()));
        assertFalse(p.shouldRetry(3, new IOException()));
        assertEquals(2, p.maxRetries());
        assertEquals(p.maxAttempts(), RetryPolicy.retries(2).maxAttempts());
        assertFalse(RetryPolicy.NONE.shouldRetry(1, new IOException()));
    }

    @Test
    void typesAndPredicateBothDecide() {
        RetryPolicy p = RetryPolicy.attempts(5).retryOn(IOException.class)
                .retryIf(e -> !e.getMessage().contains("permanent"));
        assertTrue(p.shouldRetry(1, new IOException("reset")));
        assertFalse(p.shouldRetry(1, new IOException("permanent")), "the predicate vetoes");
        assertFalse(p.shouldRetry(1, new IllegalStateException("reset")), "not a retried type");
        assertTrue(p.withRetries(0).isRetryable(new IOException("reset")), "the kind, whatever the count");
        assertFalse(p.withRetries(0).shouldRetry(1, new IOException("reset")), "withRetries keeps the rest, changes the count");
    }

    @Test
    void backoffGrowsAndIsCapped() {
        RetryPolicy p = RetryPolicy.attempts(10).backoff(Duration.ofMillis(100), 2.0, Duration.ofMillis(350));
        assertEquals(Duration.ofMillis(100), p.delayAfter(1));
        assertEquals(Duration.ofMillis(200), p.delayAfter(2));
        assertEquals(Duration.ofMillis(350), p.delayAfter(3));
        assertEquals(Duration.ofMillis(350), p.delayAfter(9));
        assertEquals(Duration.ZERO, RetryPolicy.attempts(2).delayAfter(1));
    }

    @Test
    void jitterOnlyShortensWithinItsFraction() {
        RetryPolicy p = RetryPolicy.attempts(3).backoff(Duration.ofMillis(100)).jitter(0.5);
        SplittableRandom random = new SplittableRandom(7);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 10_000; i++) {
            long d = p.delayAfter(1, random).toNanos();
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertTrue(min >= Duration.ofMillis(50).toNanos() && max <= Duration.ofMillis(100).toNanos(), min + ".." + max);
        assertTrue(max - min > Duration.ofMillis(40).toNanos(), "the delays spread over the jitter range: " + min + ".." + max);
    }

    @Test
    void aRequestedDelayIsObeyedUpToTheLimit() {
        RetryPolicy p = RetryPolicy.attempts(3).backoff(Duration.ofMillis(100)).maxRetryAfter(Duration.ofSeconds(2));
        SplittableRandom random = new SplittableRandom(1);
        assertEquals(Optional.of(Duration.ofSeconds(1)), p.delayFor(1, Duration.ofSeconds(1), random));
        assertEquals(Optional.empty(), p.delayFor(1, Duration.ofSeconds(3), random), "too long: no retry");
        assertEquals(Optional.of(Duration.ofMillis(100)), p.delayFor(1, null, random), "none asked: the backoff");
    }

    @Test
    void aRetryConditionThatThrowsDoesNotRetryAndKeepsItsExceptionOnTheFailure() {
        RetryPolicy p = RetryPolicy.attempts(3).retryOn(IOException.class).retryIf(e -> {
            throw new IOException("condition could not read its state");
        });
        IOException failure = new IOException("the task's failure");
        assertFalse(p.shouldRetry(1, failure));
        assertEquals(1, failure.getSuppressed().length);
        assertEquals("condition could not read its state", failure.getSuppressed()[0].getMessage());
        IOException rethrown = new IOException("rethrown");
        RetryPolicy same = RetryPolicy.attempts(3).retryOn(IOException.class).retryIf(e -> {
            throw (IOException) e;
        });
        assertFalse(same.shouldRetry(1, rethrown));
        assertEquals(0, rethrown.getSuppressed().length, "an exception cannot suppress itself");
    }

    @Test
    void badArgumentsNameTheProblem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RetryPolicy.attempts(0)).getMessage().contains("at least 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RetryPolicy.retries(-1)).getMessage().contains("0 or more"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RetryPolicy.attempts(2).backoff(Duration.ofSeconds(2), 2, Duration.ofSeconds(1))).getMessage().contains("max backoff"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RetryPolicy.attempts(2).backoff(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1))).getMessage().contains("multiplier"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RetryPolicy.attempts(2).jitter(1.5)).getMessage().contains("jitter"));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.attempts(2).retryOn(new Class[0]));
        assertEquals(java.util.List.of(IOException.class), RetryPolicy.attempts(2).retryOn(IOException.class).retriedTypes());
        assertThrows(NullPointerException.class, () -> RetryPolicy.attempts(2).shouldRetry(1, null));
        assertTrue(RetryPolicy.attempts(2).retryOn(UncheckedIOException.class).toString().contains("UncheckedIOException"));
    }
}
