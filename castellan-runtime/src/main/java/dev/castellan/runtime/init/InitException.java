package dev.castellan.runtime.init;

/** The service manager refused something: a unit file, the dependency graph, a control request. */
public class InitException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A refusal described by {@code message} (Locale.ROOT, no secrets). */
  public InitException(String message) {
    super(message);
  }

  /** A refusal described by {@code message}, caused by {@code cause}. */
  public InitException(String message, Throwable cause) {
    super(message, cause);
  }
}
