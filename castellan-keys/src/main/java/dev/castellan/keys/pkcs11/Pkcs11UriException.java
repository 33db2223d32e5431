package dev.castellan.keys.pkcs11;

/** A PKCS#11 URI is not valid RFC 7512, or names something this implementation refuses. */
public final class Pkcs11UriException extends Pkcs11Exception {
  private static final long serialVersionUID = 1L;

  public Pkcs11UriException(String message) {
    super(message);
  }
}
