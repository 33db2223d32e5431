package dev.castellan.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Tells "this https:// URL is served as plain HTTP" apart from "the host is unreachable", so
 * an error can say which. A TLS ClientHello sent to a plain HTTP server usually gets no answer
 * at all (the server waits for the end of a request line that never comes), which looks like
 * a timeout; one plain request on a fresh connection settles it. Only the first five bytes of
 * the answer are read, and only to compare them with {@code HTTP/}: nothing the server sends
 * is trusted or shown.
 */
final class PlainHttpProbe {
  private static final byte[] STATUS_LINE_START = "HTTP/".getBytes(StandardCharsets.US_ASCII);

  private PlainHttpProbe() {}

  /** Whether {@code url} (an https URL) answers a plain HTTP request within {@code timeout}. */
  static boolean answersPlainHttp(URI url, Duration timeout) {
    if (!"https".equals(url.getScheme()) || url.getHost() == null) {
      return false;
    }
    int port = url.getPort() == -1 ? 443 : url.getPort();
    int millis = (int) Math.min(Math.max(timeout.toMillis(), 1), 5_000);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(url.getHost(), port), millis);
      socket.setSoTimeout(millis);
      OutputStream out = socket.getOutputStream();
      out.write(("HEAD / HTTP/1.1\r\nHost: " + url.getHost() + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] start = in.readNBytes(STATUS_LINE_START.length);
      return java.util.Arrays.equals(start, STATUS_LINE_START);
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }
}
