package dev.castellan.attestation.tdx;

import static dev.castellan.attestation.tdx.TdxTestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.internal.Pkix;
import dev.castellan.testkit.Failures;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, item 5: the certificate bytes trusted are exactly the DER that was verified. A real
 * PCK certificate with a changed unused-bits octet in its signature BIT STRING (which the JDK
 * parses, and whose signature still verifies) is rejected, as is every non-canonical PEM form
 * of a real certificate; the originals still verify.
 */
class TdxStrictCertificateTest {
  private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
  private static final String END = "-----END CERTIFICATE-----";

  private static String latin1(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private static String pem(byte[] der) {
    return BEGIN + "\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n"
        + END + "\n";
  }

  /** The DER with the signature BIT STRING's unused-bits octet set to {@code unused}. */
  private static byte[] withUnusedBits(byte[] der, int unused) {
    // Certificate ::= SEQUENCE { tbs, algorithm, signatureValue BIT STRING }: the BIT STRING is
    // last; an ECDSA signature is short enough for a one-byte length.
    for (int i = der.length - 3; i > 0; i--) {
      if (der[i] == 0x03 && i + 2 + (der[i + 1] & 0xff) == der.length && der[i + 2] == 0) {
        byte[] copy = der.clone();
        copy[i + 2] = (byte) unused;
        return copy;
      }
    }
    throw new AssertionError("no signature BIT STRING found");
  }

  private static VerificationRequest at2025() {
    return VerificationRequest.at(AT_2025, Freshness.none());
  }

  @Test
  void pckCertificateWithChangedUnusedBitsOctet_isRejected_andTheOriginalVerifies()
      throws Exception {
    byte[] quote = quote(QUOTE_6);
    X509Certificate pck = TdxQuote.parse(quote).pckChain().getFirst();
    byte[] der = pck.getEncoded();
    byte[] mutated = withUnusedBits(der, 1);
    // Why the check is needed: the JDK parses the mutated certificate, and still verifies its
    // signature under the platform CA, so it would be trusted with a malleable encoding.
    X509Certificate jdk = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(mutated));
    assertThat(jdk.getEncoded()).isEqualTo(mutated);

    assertThatThrownBy(() -> Pkix.parseDer(mutated, "test"))
        .isInstanceOf(MalformedEvidenceException.class).hasMessageContaining("not strict DER");
    assertThat(Pkix.parseDer(der, "test").getEncoded()).isEqualTo(der);

    // Through the verifier: the same-length PEM of the mutated certificate spliced into the quote.
    String original = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    String changed = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(mutated);
    String text = latin1(quote);
    assertThat(text).contains(original);
    byte[] spliced = text.replace(original, changed).getBytes(StandardCharsets.ISO_8859_1);
    assertThat(spliced).hasSameSizeAs(quote);
    Throwable thrown = catchThrowable(
        () -> verifier().verify(Evidence.of(Platform.TDX, spliced), at2025()));
    assertThat(thrown).isInstanceOf(MalformedEvidenceException.class);
    assertThat(((AttestationException) thrown).check()).isEqualTo("tdx.pck-chain");
    assertThat(thrown).hasMessageContaining("not strict DER");
    verifier().verify(Evidence.of(Platform.TDX, quote), at2025());
  }

  /** Non-canonical variants of {@code pem}, one certificate whose base64 ends in padding. */
  private static Map<String, String> variants(String pem) {
    Map<String, String> out = new LinkedHashMap<>();
    int pad = pem.indexOf('=');
    char beforePad = pem.charAt(pad - 1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char next = alphabet.charAt(alphabet.indexOf(beforePad) + 1);
    out.put("non-zero trailing bits", pem.substring(0, pad - 1) + next + pem.substring(pad));
    out.put("missing padding", pem.replace("=", ""));
    out.put("extra padding", pem.replace("=\n" + END, "==\n" + END));
    out.put("character outside the alphabet", pem.replaceFirst("\n(.)", "\n*"));
    out.put("space inside a line", pem.replaceFirst("\n(.{10})", "\n$1 "));
    out.put("line of 65 characters", pem.replaceFirst("\n(.{64})\n(.)", "\n$1$2\n"));
    out.put("empty line", pem.replaceFirst("\n", "\n\n"));
    out.put("missing END boundary", pem.replace(END, ""));
    out.put("END boundary not at a line start", pem.replace("\n" + END, END));
    out.put("BEGIN boundary not ending its line", pem.replace(BEGIN + "\n", BEGIN));
    out.put("text after END on its line", pem.replace(END + "\n", END + "x\n"));
    out.put("text before BEGIN", "junk\n" + pem);
    out.put("a second BEGIN inside", pem.replaceFirst("\n", "\n" + BEGIN + "\n"));
    out.put("truncated END boundary", pem.replace(END, "-----END CERTIFICATE----"));
    return out;
  }

  @Test
  void nonCanonicalPemOfARealCertificate_isRejected_andTheCanonicalOneParses() throws Exception {
    X509Certificate cert = null;
    for (X509Certificate c : TdxQuote.parse(quote(QUOTE_6)).pckChain()) {
      if (c.getEncoded().length % 3 != 0) {
        cert = c; // base64 with padding: room for every variant
      }
    }
    assertThat(cert).as("a chain certificate whose DER length is not a multiple of 3").isNotNull();
    String pem = pem(cert.getEncoded());
    assertThat(Pkix.parsePem(pem, "test").getFirst()).isEqualTo(cert);
    assertThat(TdxQuote.parsePemChain(pem.getBytes(StandardCharsets.US_ASCII), 1).getFirst())
        .isEqualTo(cert);
    Map<String, String> variants = variants(pem);
    Failures failures = new Failures();
    for (Map.Entry<String, String> variant : variants.entrySet()) {
      failures.check(variant.getKey(), () -> {
        assertThat(variant.getValue()).isNotEqualTo(pem);
        assertThatThrownBy(() -> Pkix.parsePem(variant.getValue(), "test"))
            .isInstanceOf(MalformedEvidenceException.class);
        assertThatThrownBy(() -> TdxQuote.parsePemChain(
                variant.getValue().getBytes(StandardCharsets.ISO_8859_1), 1))
            .isInstanceOf(TdxException.class).hasMessageContaining("certificate chain");
      });
    }
    failures.assertNone(variants.size());
  }

  @Test
  void verify_quoteWithNonZeroTrailingBitsInItsPckPem_isRejected() throws Exception {
    byte[] quote = quote(QUOTE_4);
    String text = latin1(quote);
    // The last block of the chain ends in padding; change the character before it so that
    // the decoded bytes stay the same but the text is not canonical base64.
    int end = text.lastIndexOf(END);
    int pad = text.lastIndexOf("=\n", end);
    int at = text.charAt(pad - 1) == '=' ? pad - 2 : pad - 1;
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char replaced = alphabet.charAt(alphabet.indexOf(text.charAt(at)) + 1);
    byte[] mutated = quote.clone();
    mutated[at] = (byte) replaced;
    assertThat(Base64.getMimeDecoder().decode(text.substring(text.lastIndexOf(BEGIN)
        + BEGIN.length(), end))).isEqualTo(Base64.getMimeDecoder().decode(latin1(mutated)
        .substring(text.lastIndexOf(BEGIN) + BEGIN.length(), end)));
    Throwable thrown = catchThrowable(() -> verifier().verify(Evidence.of(Platform.TDX, mutated),
        VerificationRequest.at(AT_2023, Freshness.none())));
    assertThat(thrown).isInstanceOf(MalformedEvidenceException.class)
        .hasMessageContaining("tdx.pck-chain").hasMessageContaining("canonical base64");
  }

  @Test
  void strictPem_noSingleCharacterChangeGivesAnotherTextForTheSameDer() throws Exception {
    // Malleability check: every substitution at every position of a real certificate's PEM
    // is either rejected or decodes to different DER; never a second text for the same bytes.
    X509Certificate cert = TdxQuote.parse(quote(QUOTE_6)).pckChain().getFirst();
    byte[] der = cert.getEncoded();
    String pem = pem(der);
    char[] replacements = "AQgw+/=9 \r\n-*".toCharArray();
    Failures failures = new Failures();
    int tried = 0;
    for (int at = 0; at < pem.length(); at++) {
      for (char c : replacements) {
        if (pem.charAt(at) == c) {
          continue;
        }
        tried++;
        String mutated = pem.substring(0, at) + c + pem.substring(at + 1);
        int position = at;
        failures.check(position + " -> " + (int) c, () -> {
          java.util.List<byte[]> decoded;
          try {
            decoded = dev.castellan.attestation.internal.StrictPem.certificates(mutated, 8, "t");
          } catch (MalformedEvidenceException rejected) {
            return;
          }
          for (byte[] d : decoded) {
            assertThat(d).as("same DER from another text").isNotEqualTo(der);
          }
        });
      }
    }
    failures.assertNone(tried);
  }
}
