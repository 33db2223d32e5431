package dev.castellan.keys.kms;

import java.util.Set;

/**
 * KMS answered with an error (AWS JSON 1.1: a non-2xx status and {@code {"__type", "message"}}).
 * {@link #errorType()} is the exception name from the API reference without its namespace
 * ({@code AccessDeniedException}, {@code InvalidCiphertextException}, {@code
 * ThrottlingException}, ...). The service's message is kept, escaped and bounded: it describes
 * the request, never a credential (the client sends none in a readable form).
 */
public class KmsServiceException extends KmsException {
  private static final long serialVersionUID = 1L;

  /** Errors that mean "try again later", not "refused". */
  private static final Set<String> RETRYABLE =
      Set.of("ThrottlingException", "LimitExceededException", "KMSInternalException", "DependencyTimeoutException",
          "KeyUnavailableException");

  private final String operation;
  private final String errorType;
  private final int httpStatus;

  public KmsServiceException(String operation, String errorType, int httpStatus, String serviceMessage) {
    super("KMS " + operation + " failed: " + errorType + " (HTTP " + httpStatus + ")"
        + (serviceMessage.isEmpty() ? "" : ": " + serviceMessage));
    this.operation = operation;
    this.errorType = errorType;
    this.httpStatus = httpStatus;
  }

  /** {@code Decrypt} or {@code GenerateDataKey}. */
  public String operation() {
    return operation;
  }

  public String errorType() {
    return errorType;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** True for throttling and transient service errors: the same request may succeed later. */
  public boolean retryable() {
    return RETRYABLE.contains(errorType) || httpStatus >= 500;
  }
}
