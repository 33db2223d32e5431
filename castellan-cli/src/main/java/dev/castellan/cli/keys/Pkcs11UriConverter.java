package dev.castellan.cli.keys;

import dev.castellan.keys.pkcs11.Pkcs11Uri;
import dev.castellan.keys.pkcs11.Pkcs11UriException;
import picocli.CommandLine;

/** An option value as an RFC 7512 URI; a bad one is a usage error that never echoes the value (it may hold a PIN). */
public final class Pkcs11UriConverter implements CommandLine.ITypeConverter<Pkcs11Uri> {
  @Override
  public Pkcs11Uri convert(String value) {
    try {
      return Pkcs11Uri.parse(value);
    } catch (Pkcs11UriException e) {
      throw new CommandLine.TypeConversionException("not a valid PKCS#11 URI: " + e.getMessage());
    }
  }
}
