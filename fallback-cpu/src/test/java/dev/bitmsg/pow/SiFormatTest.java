package dev.bitmsg.pow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SiFormatTest {
  @Test
  void prefixesAtEachThousandfold() {
    assertEquals("0", SiFormat.of(0));
    assertEquals("999", SiFormat.of(999));
    assertEquals("1.0 k", SiFormat.of(1000));
    assertEquals("1.5 k", SiFormat.of(1500));
    assertEquals("2.50 M", SiFormat.of(2.5e6));
    assertEquals("3.00 G", SiFormat.of(3e9));
    assertEquals("2600.00 G", SiFormat.of(2.6e12));
  }
}
