package dev.bitmsg.pow;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exempts a class, method or field from the build's forbiddenapis check. Say why next to each use:
 * it is for supported JDK APIs outside {@code java.*}, such as {@code com.sun.net.httpserver}.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD})
public @interface SuppressForbidden {
  /** Why the forbidden API is the right one here. */
  String value();
}
