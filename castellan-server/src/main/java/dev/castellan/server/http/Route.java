package dev.castellan.server.http;

/**
 * One endpoint: a method, a path, a body limit, and the handler. A path ending in {@code /}
 * with {@code prefix} set matches everything below it (the handler reads the rest from
 * {@link Request#path()}); otherwise the path must match exactly.
 */
public record Route(String method, String path, int maxBodyBytes, Handler handler, boolean prefix) {
  public Route {
    if (prefix && !path.endsWith("/")) {
      throw new IllegalArgumentException("a prefix route must end with '/': " + path);
    }
  }

  public Route(String method, String path, int maxBodyBytes, Handler handler) {
    this(method, path, maxBodyBytes, handler, false);
  }

  /** Handles a request; throws {@link HttpError} for client-visible failures. */
  @FunctionalInterface
  public interface Handler {
    Response handle(Request request) throws Exception;
  }

  /** A GET route; GET bodies are not read (limit 0). */
  public static Route get(String path, Handler handler) {
    return new Route("GET", path, 0, handler);
  }

  /** A GET route for every path below {@code prefix} (which ends with '/'). */
  public static Route getUnder(String prefix, Handler handler) {
    return new Route("GET", prefix, 0, handler, true);
  }

  public static Route post(String path, int maxBodyBytes, Handler handler) {
    return new Route("POST", path, maxBodyBytes, handler);
  }
}
