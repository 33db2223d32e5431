package dev.castellan.attestation.internal;

import dev.castellan.attestation.PinnedCertificate;
import dev.castellan.attestation.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The vendor certificates shipped as resources, with their SHA-256 pins. The pins agree with
 * the vendors' published fingerprints (AWS publishes the Nitro G1 fingerprint); loading fails
 * if a resource does not match its pin.
 */
public final class BundledAnchors {
  private static final String DIR = "/dev/castellan/attestation/anchors/";

  /** Resource, index inside the PEM file, name, platform, SHA-256 pin, root or not. */
  private record Entry(String file, int index, String name, Platform platform, String pin, boolean root) {}

  private static final List<Entry> ENTRIES =
      List.of(
          new Entry("aws-nitro-enclaves-root-g1.pem", 0, "aws-nitro-enclaves-root-g1", Platform.NITRO,
              "641a0321a3e244efe456463195d606317ed7cdcc3c1756e09893f3c68f79bb5b", true),
          new Entry("amd-sev-milan-ask-ark.pem", 1, "amd-ark-milan", Platform.SEV_SNP,
              "69d063b45344d26a2e94e1f4210de49ef555308287d4c174445c95639a540bcd", true),
          new Entry("amd-sev-genoa-ask-ark.pem", 1, "amd-ark-genoa", Platform.SEV_SNP,
              "4c6598d19c18719c5dfd4a7d335f674e5bfe1d8f800cea2cf270c10d103db2f1", true),
          new Entry("amd-sev-turin-ask-ark.pem", 1, "amd-ark-turin", Platform.SEV_SNP,
              "1f084161a44bb6d93778a904877d4819cafa5d05ef4193b2ded9dd9c73dd3f6a", true),
          new Entry("amd-sev-milan-ask-ark.pem", 0, "amd-ask-milan", Platform.SEV_SNP,
              "67d303bd3905fd38db8b20e0793699870e7fa612eaad5dec358293fd8c0bac1b", false),
          new Entry("amd-sev-genoa-ask-ark.pem", 0, "amd-ask-genoa", Platform.SEV_SNP,
              "5464738c1546aed5f2cecf1dc98c5c960a92e8913238a61711bc90ec6e828521", false),
          new Entry("amd-sev-turin-ask-ark.pem", 0, "amd-ask-turin", Platform.SEV_SNP,
              "5b77ef5fe7a7a004fd9032668fba9d0fda22f88c4442069a479636a6ae3b3185", false),
          new Entry("amd-sev-milan-asvk-ark.pem", 0, "amd-asvk-milan", Platform.SEV_SNP,
              "c5e081f59b7efab1fe2f8b505e159704e72f29cab7ef7cf628a05a42439082f5", false),
          new Entry("amd-sev-genoa-asvk-ark.pem", 0, "amd-asvk-genoa", Platform.SEV_SNP,
              "197e610743a917d6b9bb982a5a9226ccc0a15b611be0619e626aca9151457372", false),
          new Entry("amd-sev-turin-asvk-ark.pem", 0, "amd-asvk-turin", Platform.SEV_SNP,
              "104e10a8bd060a3c20a434261a57d0588fd65a88915b4f65b08bdecaf8df1a3c", false),
          new Entry("intel-sgx-root-ca.pem", 0, "intel-sgx-root-ca", Platform.TDX,
              "44a0196b2b99f889b8e149e95b807a350e7424964399e885a7cbb8ccfab674d3", true),
          new Entry("google-gce-vtpm-ek-root-1.pem", 0, "google-gce-vtpm-ek-root-1", Platform.TPM,
              "9bd5285f8fb18502a7947e621ffd470266f49fcd3b73e19a190f690ad32a7caf", true),
          // NVIDIA Device Identity CA (P-384, self-signed, valid to 9999), the root of every
          // Hopper GPU's device certificate chain; SHA-1 72be15b8b2c8d3f482f84237a6fcc45b8a1354e8.
          new Entry("nvidia-device-identity-ca.pem", 0, "nvidia-device-identity-ca", Platform.GPU,
              "102bf659d5419614c9d8e6aecebc80454eb26b1df6a769ac720b9a690b167b48", true));

  private BundledAnchors() {}

  /** Loads and pin-checks every bundled certificate. */
  public static List<PinnedCertificate> load() {
    List<PinnedCertificate> out = new ArrayList<>();
    for (Entry e : ENTRIES) {
      List<X509Certificate> certs = Pkix.parsePemOrThrow(resource(e.file()));
      out.add(PinnedCertificate.vendor(e.name(), e.platform(), certs.get(e.index()), e.pin(), e.root()));
    }
    return out;
  }

  /** The text of a bundled resource file. */
  public static String resource(String file) {
    try (InputStream in = BundledAnchors.class.getResourceAsStream(DIR + file)) {
      if (in == null) {
        throw new IllegalStateException("missing bundled trust anchor " + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
