/**
 * The shapes of user code that pools, graphs and batches run: every one may throw any exception, so a
 * lambda that does I/O needs no try/catch, and what it throws reaches whoever waits for the work
 * unwrapped (the cause of an {@code ExecutionException}, {@code CompletionException} or
 * {@code ItemFailedException}).
 *
 * <table class="striped">
 *   <caption>The family</caption>
 *   <thead><tr><th>shape</th><th>stays in this JVM</th><th>may travel to a worker process</th></tr></thead>
 *   <tbody>
 *   <tr><td>{@code () -> T}</td><td>{@link java.util.concurrent.Callable}</td><td>{@link io.tandem.function.SerializableCallable}</td></tr>
 *   <tr><td>{@code () -> void}</td><td>{@link java.lang.Runnable} (cannot throw checked)</td><td>{@link io.tandem.function.SerializableRunnable}</td></tr>
 *   <tr><td>{@code T -> R}</td><td>{@link io.tandem.function.ThrowingFunction}</td><td>{@link io.tandem.function.SerializableFunction}</td></tr>
 *   <tr><td>{@code (A, B) -> R}</td><td></td><td>{@link io.tandem.function.SerializableBiFunction}</td></tr>
 *   <tr><td>{@code T -> boolean}</td><td></td><td>{@link io.tandem.function.SerializablePredicate}</td></tr>
 *   </tbody>
 * </table>
 *
 * <p>Each serializable type is the in-process one plus {@link java.io.Serializable}: a lambda passed where
 * one is expected is serializable automatically, and what it captures must be serializable too only when
 * it actually travels.
 */
package io.tandem.function;
