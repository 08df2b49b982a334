package io.tandem.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Turns off {@link ConcurrencyHygiene}'s leaked-process check for a test class (and its nested classes); say why at the use site. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AllowProcessLeaks {
    /** Why the class's processs legitimately outlive a test. */
    String value();
}
