package dev.castellan.transport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link TlsCredentials} from the PEM files that {@code openssl} writes: an unencrypted PKCS#8
 * private key ({@code -----BEGIN PRIVATE KEY-----}; EC, RSA or Ed25519) and a certificate chain,
 * leaf first. Strict: bounded sizes, nothing but PEM blocks and whitespace, no encrypted or
 * legacy key formats (the error says how to convert). Errors name the file, never its content.
 */
public final class TlsPemFiles {
  /** Largest key file read. */
  public static final int MAX_KEY_BYTES = 16 * 1024;
  /** Largest certificate file read (a chain of a few certificates). */
  public static final int MAX_CERTIFICATE_BYTES = 64 * 1024;

  private static final Pattern BLOCK = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)-----END \\1-----");

  private TlsPemFiles() {}

  /** The key in {@code keyFile} and the chain in {@code certificateFile}. */
  public static TlsCredentials read(Path keyFile, Path certificateFile) throws IOException {
    return new TlsCredentials(privateKey(keyFile), certificates(certificateFile));
  }

  /** The certificates in {@code file}, in order; at least one. */
  public static List<X509Certificate> certificates(Path file) throws IOException {
    List<X509Certificate> out = new ArrayList<>();
    for (byte[] der : blocks(file, MAX_CERTIFICATE_BYTES, "CERTIFICATE")) {
      try {
        out.add((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)));
      } catch (CertificateException e) {
        throw new IOException(file + ": certificate #" + (out.size() + 1) + " is not a valid X.509 certificate");
      }
    }
    return out;
  }

  /** The one unencrypted PKCS#8 private key in {@code file}. */
  public static PrivateKey privateKey(Path file) throws IOException {
    List<byte[]> blocks = blocks(file, MAX_KEY_BYTES, "PRIVATE KEY");
    if (blocks.size() != 1) {
      throw new IOException(file + ": holds " + blocks.size() + " private keys; exactly one is expected");
    }
    byte[] der = blocks.getFirst();
    try {
      for (String algorithm : List.of("EC", "Ed25519", "RSA")) {
        try {
          return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
          // not this algorithm; try the next
        }
      }
      throw new IOException(file + ": not an EC, Ed25519 or RSA PKCS#8 private key");
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  private static List<byte[]> blocks(Path file, int maxBytes, String label) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": no such file");
    }
    if (Files.size(file) > maxBytes) {
      throw new IOException(file + ": larger than " + maxBytes + " bytes");
    }
    String text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
    Matcher m = BLOCK.matcher(text);
    List<byte[]> out = new ArrayList<>();
    int end = 0;
    while (m.find()) {
      if (!text.substring(end, m.start()).isBlank()) {
        throw new IOException(file + ": text outside the PEM blocks");
      }
      end = m.end();
      String found = m.group(1);
      if (!found.equals(label)) {
        throw new IOException(file + ": a " + found + " block where " + label + " is expected"
            + (found.endsWith("PRIVATE KEY") ? "; convert it with 'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8'" : ""));
      }
      try {
        out.add(Base64.getMimeDecoder().decode(m.group(2)));
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ": a " + label + " block that is not valid base64");
      }
    }
    if (!text.substring(end).isBlank()) {
      throw new IOException(file + ": text outside the PEM blocks");
    }
    if (out.isEmpty()) {
      throw new IOException(file + ": no " + label + " PEM block");
    }
    return out;
  }
}
