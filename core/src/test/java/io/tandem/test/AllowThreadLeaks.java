package io.tandem.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Turns off {@link ConcurrencyHygiene}'s leaked-thread check (platform and virtual threads) for a test class and its
 * nested classes; say why at the use site.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AllowThreadLeaks {
    /** Why the class's threads legitimately outlive a test. */
    String value();
}
