package dev.castellan.cli.keys;

import dev.castellan.cli.CliException;
import dev.castellan.cli.ErrorKind;
import dev.castellan.keys.pkcs11.Pkcs11Exception;
import dev.castellan.keys.pkcs11.Pkcs11Signer;
import dev.castellan.keys.pkcs11.Pkcs11Token;
import dev.castellan.keys.pkcs11.Pkcs11Uri;
import dev.castellan.keys.pkcs11.Pkcs11UriException;

/**
 * Opening tokens and signers for commands: a {@link Pkcs11UriException} (a URI that names no
 * module, a signer URI without object or id) is a usage error, any other PKCS#11 failure (no
 * such token or key, a wrong PIN, a token error) an operation error. Messages come from the
 * keys library, which never puts a PIN in them.
 */
public final class Pkcs11Cli {
  private Pkcs11Cli() {}

  /** The signer of the private key {@code uri} names; the caller closes it. */
  public static Pkcs11Signer signer(Pkcs11Uri uri) throws CliException {
    try {
      return Pkcs11Signer.open(uri);
    } catch (Pkcs11Exception e) {
      throw error(e);
    }
  }

  static Pkcs11Token token(Pkcs11Uri uri) throws CliException {
    try {
      return Pkcs11Token.open(uri);
    } catch (Pkcs11Exception e) {
      throw error(e);
    }
  }

  static CliException error(Pkcs11Exception e) {
    return new CliException(e instanceof Pkcs11UriException ? ErrorKind.USAGE : ErrorKind.OPERATION, e.getMessage());
  }
}
