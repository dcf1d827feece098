package dev.bitmsg.node.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a page shows of text it did not write is escaped, whatever the text holds. */
class TemplatesTest {
  private static final String NASTY =
      "<script>alert(1)</script><img src=x onerror=alert(2)> \" ' & `";

  private final Templates templates = new Templates();

  @Test
  void inboxRowsEscapeSubjectsAndNames() {
    String html =
        templates.render(
            "inbox-rows",
            Map.of(
                "messages",
                List.of(
                    Map.of(
                        "id",
                        "ab",
                        "from",
                        NASTY,
                        "fromName",
                        NASTY,
                        "toName",
                        NASTY,
                        "subject",
                        NASTY,
                        "time",
                        "t",
                        "isoTime",
                        "t",
                        "unread",
                        true))));
    assertFalse(html.contains("<script>"), html);
    assertFalse(html.contains("<img"), html);
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
    assertFalse(html.contains("\" '"), "quotes escaped too: " + html);
  }

  @Test
  void sendStatusEscapesWhatTheNodeReports() {
    String html =
        templates.render(
            "send-status", Map.of("id", 1, "status", "msgsent", "label", "Sent", "powBy", NASTY));
    assertFalse(html.contains("<script>"), html);
    assertTrue(html.contains("data-status=\"msgsent\""), html);
  }

  @Test
  void sseEventsCarryEachLineAsData() {
    assertEquals(
        "event: send-7\ndata: <p>a</p>\ndata: <p>b</p>\n\n",
        LiveUpdates.event("send-7", "<p>a</p>\r\n<p>b</p>\n"));
  }

  @Test
  void qrCodeIsAnSvgWithItsTitleEscaped() {
    String svg = QrSvg.of("bitmessage:BM-2cTzG4vCrctX9mq43N2834SZPfa4PkycNk", "QR <b>\"x\"");
    assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg);
    assertTrue(svg.contains("aria-label=\"QR &lt;b&gt;&quot;x&quot;\""), svg);
    assertTrue(svg.contains("h1v1h-1z"), svg);
    assertFalse(svg.contains("<script"), svg);
  }

  @Test
  void formFieldsAreDecodedAndBadNumbersRefused() {
    Form f = Form.parse("to=BM-x&subject=a+b%26c&ttlHours=5&ttlHours=9&body=%3Cb%3E");
    assertEquals("a b&c", f.text("subject"));
    assertEquals("<b>", f.text("body"));
    assertEquals(5, f.number("ttlHours", 1, 1, 672, "TTL"));
    assertEquals(1, Form.parse("").number("ttlHours", 1, 1, 672, "TTL"));
    Form.BadRequest e =
        org.junit.jupiter.api.Assertions.assertThrows(
            Form.BadRequest.class, () -> Form.parse("n=abc").number("n", 1, 1, 9, "N"));
    assertEquals("N must be a whole number", e.getMessage());
    org.junit.jupiter.api.Assertions.assertThrows(
        Form.BadRequest.class, () -> Form.parse("n=99").number("n", 1, 1, 9, "N"));
    org.junit.jupiter.api.Assertions.assertThrows(
        Form.BadRequest.class, () -> Form.parse("to=%zz"));
  }
}
