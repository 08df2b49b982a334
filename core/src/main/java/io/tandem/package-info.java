/**
 * Tandem's core API: run many things at once on the JVM.
 *
 * <ul>
 *   <li>{@link io.tandem.TaskPool} and {@link io.tandem.Pools}: thread, virtual-thread and direct pools
 *       with {@code submit}, {@code map}, {@code imap}, {@code imapUnordered};</li>
 *   <li>{@link io.tandem.Task}, {@link io.tandem.Tasks}, {@link io.tandem.Outcome}: futures with names,
 *       {@code gather}, {@code settle}, {@code asCompleted}, {@code waitFor};</li>
 *   <li>{@link io.tandem.Scope}: structured concurrency with deadlines;</li>
 *   <li>{@code Channel}, {@code Limiter}, {@code KeyedLimiter}, {@code RateLimiter},
 *       {@link io.tandem.Progress}, {@code EventLoop}.</li>
 * </ul>
 *
 * <p>Every public type states its concurrency contract in its Javadoc. Nulls are rejected with a
 * {@link java.lang.NullPointerException} naming the argument, unless a method says otherwise. The root
 * of Tandem's own exceptions is {@link io.tandem.TandemException}.
 */
package io.tandem;

import io.tandem.channel.Channel;
import io.tandem.limit.KeyedLimiter;
import io.tandem.limit.Limiter;
import io.tandem.limit.RateLimiter;
