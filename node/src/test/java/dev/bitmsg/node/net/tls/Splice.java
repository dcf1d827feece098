package dev.bitmsg.node.net.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** Copies bytes both ways between two sockets on daemon threads until either side ends. */
final class Splice {
  private Splice() {}

  static void start(Socket a, Socket b) {
    pump(a, b);
    pump(b, a);
  }

  private static void pump(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[1 << 16];
              try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buf)) >= 0) {
                  out.write(buf, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // one side closed: fall through and close both
              }
              try {
                from.close();
                to.close();
              } catch (IOException e) {
                // already closed
              }
            },
            "splice");
    t.setDaemon(true);
    t.start();
  }
}
