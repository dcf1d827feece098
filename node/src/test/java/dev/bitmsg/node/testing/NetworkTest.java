package dev.bitmsg.node.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class that runs a network of nodes on loopback: {@code ./bm net-test} runs exactly
 * these (JUnit tag {@value #TAG}) inside a network namespace with only loopback up. The tag name
 * lives here only; the launcher reads it from this file.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(NetworkTest.TAG)
public @interface NetworkTest {
  String TAG = "network";
}
