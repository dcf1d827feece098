package dev.bitmsg.dist;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A minimal XML-RPC caller for the node's API (string parameters only). Stateless. */
final class XmlRpc {
  private XmlRpc() {}

  /** The first string value of an answer ({@code <string>...</string>}), XML entities decoded. */
  static String firstString(String xml) {
    int a = xml.indexOf("<string>");
    int b = xml.indexOf("</string>", a);
    if (a < 0 || b < 0) {
      throw new IllegalStateException("no string in the answer: " + xml);
    }
    return xml.substring(a + "<string>".length(), b)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
  }

  /** Calls {@code method} with string parameters; returns the response body (XML). */
  static String call(String url, String user, String password, String method, String... params)
      throws IOException, InterruptedException {
    StringBuilder body = new StringBuilder("<?xml version=\"1.0\"?><methodCall><methodName>");
    body.append(method).append("</methodName><params>");
    for (String p : params) {
      body.append("<param><value><string>").append(p).append("</string></value></param>");
    }
    body.append("</params></methodCall>");
    String auth =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Basic " + auth)
            .header("Content-Type", "text/xml")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() != 200) {
      throw new IOException(
          "HTTP " + response.statusCode() + " from " + url + ": " + response.body());
    }
    return response.body();
  }
}
