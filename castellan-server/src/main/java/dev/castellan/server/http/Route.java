package dev.castellan.server.http;

/** One endpoint: a method, an exact path, a body limit, and the handler. */
public record Route(String method, String path, int maxBodyBytes, Handler handler) {
  /** Handles a request; throws {@link HttpError} for client-visible failures. */
  @FunctionalInterface
  public interface Handler {
    Response handle(Request request) throws Exception;
  }

  /** A GET route; GET bodies are not read (limit 0). */
  public static Route get(String path, Handler handler) {
    return new Route("GET", path, 0, handler);
  }

  public static Route post(String path, int maxBodyBytes, Handler handler) {
    return new Route("POST", path, maxBodyBytes, handler);
  }
}
