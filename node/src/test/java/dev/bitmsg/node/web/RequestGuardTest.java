package dev.bitmsg.node.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestGuardTest {
  private final RequestGuard loopback = new RequestGuard("127.0.0.1", false);

  @Test
  void loopbackNamesAndAddressesAreAccepted() {
    assertTrue(loopback.hostAllowed("127.0.0.1:8443"));
    assertTrue(loopback.hostAllowed("127.0.0.2:8443"));
    assertTrue(loopback.hostAllowed("localhost:8443"));
    assertTrue(loopback.hostAllowed("LOCALHOST"));
    assertTrue(loopback.hostAllowed("[::1]:8443"));
  }

  @Test
  void otherNamesAreRefusedAgainstDnsRebinding() {
    assertFalse(loopback.hostAllowed("attacker.example:8443"));
    assertFalse(loopback.hostAllowed("192.0.2.1:8443"));
    assertFalse(loopback.hostAllowed(""));
    assertFalse(loopback.hostAllowed(null));
  }

  @Test
  void theBoundHostIsAcceptedAndAnExposedServerTakesAnyName() {
    assertTrue(new RequestGuard("bitmsg.lan", false).hostAllowed("bitmsg.lan:8443"));
    assertTrue(new RequestGuard("0.0.0.0", true).hostAllowed("mail.example.org"));
  }

  @Test
  void sameOriginNeedsTheOriginOrRefererOfThisHost() {
    assertTrue(RequestGuard.sameOrigin("127.0.0.1:8443", "http://127.0.0.1:8443", null));
    assertTrue(RequestGuard.sameOrigin("127.0.0.1:8443", "https://127.0.0.1:8443", null));
    assertTrue(
        RequestGuard.sameOrigin("127.0.0.1:8443", null, "http://127.0.0.1:8443/compose?to=x"));
    assertFalse(RequestGuard.sameOrigin("127.0.0.1:8443", "http://127.0.0.5:8000", null));
    assertFalse(RequestGuard.sameOrigin("127.0.0.1:8443", "http://127.0.0.1:9999", null));
    assertFalse(RequestGuard.sameOrigin("127.0.0.1:8443", "null", null));
    assertFalse(RequestGuard.sameOrigin("127.0.0.1:8443", null, null));
    assertFalse(
        RequestGuard.sameOrigin(
            "127.0.0.1:8443", "http://127.0.0.5:8000", "http://127.0.0.1:8443/"),
        "Origin wins over a Referer");
    assertFalse(RequestGuard.sameOrigin("127.0.0.1:8443", "file:///x", null));
    assertFalse(RequestGuard.sameOrigin("127.0.0.1:8443", "http://127.0.0.1:8443@evil", null));
  }
}
