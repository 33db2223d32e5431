package dev.castellan.cli.oracle;

import dev.castellan.attestation.PinnedCertificate;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.cli.InputFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The trust anchors a command verifies against: the bundled vendor roots, plus any root the
 * user names with {@code --trust-root}. A user-named root is treated as a simulator root:
 * results that chain to it are labelled simulated and need {@code --allow-simulated}, so no
 * file on disk can make evidence look like it came from real hardware.
 */
public final class TrustRoots {
  private TrustRoots() {}

  public static TrustAnchors load(List<Path> extraRoots, Platform platform) throws IOException {
    List<PinnedCertificate> extra = new ArrayList<>();
    for (Path file : extraRoots) {
      extra.add(PinnedCertificate.simulatedRoot(name(file), platform, read(file)));
    }
    return TrustAnchors.bundled().plus(extra.toArray(PinnedCertificate[]::new));
  }

  /** {@code trust-root-<file name>}, with anything outside the allowed characters as '_'. */
  static String name(Path file) {
    String name = "trust-root-" + file.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
    return name.length() > 128 ? name.substring(0, 128) : name;
  }

  private static X509Certificate read(Path file) throws IOException {
    // 64 KiB: a certificate is 1-2 KiB; anything near this is not one.
    try (InputStream in = new ByteArrayInputStream(InputFile.read("trust root", file, 64 * 1024))) {
      var certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.size() != 1) {
        throw new IOException("trust root " + file + " must hold exactly one certificate, found " + certificates.size());
      }
      return (X509Certificate) certificates.iterator().next();
    } catch (CertificateException e) {
      throw new IOException("trust root " + file + " is not a PEM or DER X.509 certificate");
    }
  }
}
