package dev.castellan.attestation;

/** An attester's device is absent or unusable (no /dev/nsm, no configfs-tsm); the message names the device. */
public final class DeviceUnavailableException extends AttestationException {
  private static final long serialVersionUID = 1L;

  public DeviceUnavailableException(String check, String message) {
    super(check, message, null, null, null);
  }

  public DeviceUnavailableException(String check, String message, Throwable cause) {
    super(check, message, null, null, cause);
  }

  public DeviceUnavailableException(String check, String message, String expected, String actual) {
    super(check, message, expected, actual, null);
  }
}
