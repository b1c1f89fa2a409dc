package io.sqledge.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one declaration of a configuration key, on the record component that holds it.
 *
 * <p>Everything else about the key is derived from it by {@link ConfigSchema}: the embedded
 * default layer, binding across the layers, unknown-key detection, the {@code -Dsqledge.*} paths,
 * the declared range and value checks, the template data model and docs/configuration.md.
 *
 * <p>On a component whose type is a settings record ({@code probes.startup}), {@link #value} is a
 * YAML flow map that overrides the defaults its record declares, for this use of it only.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Key {

  /**
   * The default: the text of a text key, a number, {@code true}/{@code false}, or YAML flow
   * syntax for maps, lists and free-form values ({@code {}}, {@code [a, b]}).
   */
  String value() default "";

  /** One line of documentation, as docs/configuration.md shows it. */
  String doc();

  /** The smallest whole number allowed. */
  long min() default Long.MIN_VALUE;

  /** The largest whole number allowed. */
  long max() default Long.MAX_VALUE;

  /** The only texts allowed, when not empty. */
  String[] oneOf() default {};
}
