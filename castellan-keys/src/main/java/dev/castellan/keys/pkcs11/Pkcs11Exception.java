package dev.castellan.keys.pkcs11;

import java.security.GeneralSecurityException;
import java.util.Optional;

/**
 * A PKCS#11 operation failed: the module could not be loaded, no token or object matches, the
 * PIN is wrong, or a C function returned an error. The message names the token and the object
 * and, for a C error, the function and its {@code CKR_} name; it never holds a PIN.
 */
public class Pkcs11Exception extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  private final String function;
  private final long returnValue;

  public Pkcs11Exception(String message) {
    super(message);
    this.function = null;
    this.returnValue = 0;
  }

  /** A C function ({@code C_Login}) returned {@code returnValue} (a {@code CKR_} code). */
  public Pkcs11Exception(String message, String function, long returnValue) {
    super(message);
    this.function = function;
    this.returnValue = returnValue;
  }

  /** The C function that failed, if this came from one. */
  public Optional<String> function() {
    return Optional.ofNullable(function);
  }

  /** Its {@code CK_RV}, or 0 ({@code CKR_OK}) when the failure was not a C error. */
  public long returnValue() {
    return returnValue;
  }
}
