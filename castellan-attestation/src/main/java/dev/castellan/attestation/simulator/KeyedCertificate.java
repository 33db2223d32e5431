package dev.castellan.attestation.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;

/**
 * A persisted certificate and its private key, stored as {@code <name>.crt} (PEM
 * CERTIFICATE) and {@code <name>.key} (PEM PRIVATE KEY, PKCS#8, owner-only). Loading checks
 * that the key belongs to the certificate and that the certificate is signed by its issuer.
 */
record KeyedCertificate(X509Certificate certificate, PrivateKey privateKey) {
  @Override
  public String toString() {
    return "KeyedCertificate[" + certificate.getSubjectX500Principal() + ", key redacted]";
  }

  static KeyedCertificate of(X509Certificate certificate, KeyPair keys) {
    return new KeyedCertificate(certificate, keys.getPrivate());
  }

  void writeTo(Path dir, String name) throws IOException {
    writeCertificate(dir, name, certificate);
    SimulatorFiles.writePrivate(
        dir.resolve(name + ".key"), SimulatorFiles.pem(privateKey).getBytes(StandardCharsets.US_ASCII));
  }

  /** Writes {@code <dir>/<name>.crt} alone: a CA whose key need not outlive its creation. */
  static void writeCertificate(Path dir, String name, X509Certificate certificate) throws IOException {
    SimulatorFiles.writePrivate(
        dir.resolve(name + ".crt"), SimulatorFiles.pem(certificate).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Loads {@code <dir>/<name>.crt} alone.
   *
   * @param issuer the issuing certificate, or null if this one must be self-signed
   * @throws SimulatorStorageException naming the file if it is missing or not signed by its issuer
   */
  static X509Certificate loadCertificate(Path dir, String name, X509Certificate issuer) throws IOException {
    Path certFile = dir.resolve(name + ".crt");
    X509Certificate certificate = SimulatorFiles.readCertificate(certFile);
    try {
      certificate.verify(issuer == null ? certificate.getPublicKey() : issuer.getPublicKey());
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new SimulatorStorageException(
          certFile, issuer == null ? "is not a valid self-signed certificate" : "is not signed by its issuer", e);
    }
    return certificate;
  }

  /**
   * Loads {@code <dir>/<name>.crt} and {@code .key}.
   *
   * @param issuer the issuing certificate, or null if this one must be self-signed
   * @throws SimulatorStorageException naming the file if anything is missing or inconsistent
   */
  static KeyedCertificate load(Path dir, String name, X509Certificate issuer) throws IOException {
    Path keyFile = dir.resolve(name + ".key");
    X509Certificate certificate = loadCertificate(dir, name, issuer);
    PrivateKey key = SimulatorFiles.readPrivateKey(keyFile);
    if (!matches(key, certificate.getPublicKey())) {
      throw new SimulatorStorageException(keyFile, "does not belong to the certificate in " + name + ".crt");
    }
    return new KeyedCertificate(certificate, key);
  }

  /** Whether {@code key} signs what {@code publicKey} verifies (a probe signature). */
  private static boolean matches(PrivateKey key, PublicKey publicKey) {
    try {
      String algorithm = key instanceof ECPrivateKey ? "SHA384withECDSA" : "SHA384withRSA";
      byte[] probe = "castellan simulator key check".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
