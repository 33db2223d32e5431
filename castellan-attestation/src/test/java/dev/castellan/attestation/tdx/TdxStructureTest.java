package dev.castellan.attestation.tdx;

import static dev.castellan.attestation.tdx.TdxTestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.testkit.Failures;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The always-on structure checks: every reserved bit of the header, TD_ATTRIBUTES, XFAM and
 * SEAM attributes, set one at a time in real quotes (v4 and v5), is rejected as malformed with
 * the field named; so are the XFAM combination rules and a foreign QE vendor ID. The same
 * fields set in a correctly signed simulated quote are rejected by the verifier.
 */
class TdxStructureTest {
  private static final int V4_BODY = 48;
  private static final int V5_BODY = 54;
  private static final int TD_ATTRIBUTES = 120;
  private static final int XFAM = 128;
  private static final int SEAM_ATTRIBUTES = 112;

  private static byte[] flipBit(byte[] quote, int offset, int bit) {
    byte[] copy = quote.clone();
    copy[offset + bit / 8] ^= (byte) (1 << (bit % 8));
    return copy;
  }

  private static byte[] setField(byte[] quote, int offset, long value) {
    byte[] copy = quote.clone();
    for (int i = 0; i < 8; i++) {
      copy[offset + i] = (byte) (value >>> (8 * i));
    }
    return copy;
  }

  /** Parsing {@code quote} fails with check {@code check} and a message containing {@code text}. */
  private static void rejected(Failures failures, String label, byte[] quote, String check,
      String text) {
    failures.check(label, () -> {
      Throwable thrown = catchThrowable(() -> TdxQuote.parse(quote));
      assertThat(thrown).isInstanceOf(TdxException.class);
      assertThat(((TdxException) thrown).check()).isEqualTo(check);
      assertThat(thrown.getMessage()).contains(text);
    });
  }

  @Test
  void parse_everyReservedTdAttributesBit_isRejectedNamingTheBit() {
    Failures failures = new Failures();
    int count = 0;
    for (String name : new String[] {QUOTE_6, V5_SAMPLE}) {
      int body = name.equals(QUOTE_6) ? V4_BODY : V5_BODY;
      for (int bit = 0; bit < 64; bit++) {
        if ((TdAttributes.DEFINED >>> bit & 1) != 0) {
          continue;
        }
        count++;
        rejected(failures, name + " TD_ATTRIBUTES bit " + bit,
            flipBit(quote(name), body + TD_ATTRIBUTES, bit), "tdx.quote.td-attributes",
            "reserved bit " + bit + " ");
      }
    }
    assertThat(count).isEqualTo(2 * (64 - Long.bitCount(TdAttributes.DEFINED)));
    failures.assertNone(count);
  }

  @Test
  void parse_everyXfamBitTheModuleNeverAllows_isRejectedNamingTheBit() {
    Failures failures = new Failures();
    int count = 0;
    for (int bit = 0; bit < 64; bit++) {
      if ((TdxStructure.XFAM_FIXED0 >>> bit & 1) != 0) {
        continue;
      }
      count++;
      rejected(failures, "XFAM bit " + bit, flipBit(quote(QUOTE_6), V4_BODY + XFAM, bit),
          "tdx.quote.xfam", "bit " + bit + " set");
    }
    failures.assertNone(count);
  }

  @Test
  void parse_xfamCombinationRules_areEnforced() {
    byte[] quote = quote(QUOTE_4); // XFAM 0x42e7
    Failures failures = new Failures();
    int at = V4_BODY + XFAM;
    rejected(failures, "x87 clear", setField(quote, at, 0x42e6), "tdx.quote.xfam", "bits 0 (x87) and 1 (SSE)");
    rejected(failures, "SSE clear", setField(quote, at, 0x42e5), "tdx.quote.xfam", "bits 0 (x87) and 1 (SSE)");
    rejected(failures, "AVX-512 partial", setField(quote, at, 0x42c7), "tdx.quote.xfam", "AVX-512");
    rejected(failures, "AVX-512 without AVX", setField(quote, at, 0x42e3), "tdx.quote.xfam", "without AVX");
    rejected(failures, "CET_U alone", setField(quote, at, 0x4ae7), "tdx.quote.xfam", "CET");
    rejected(failures, "CET_S alone", setField(quote, at, 0x52e7), "tdx.quote.xfam", "CET");
    rejected(failures, "XTILECFG alone", setField(quote, at, 0x242e7), "tdx.quote.xfam", "AMX");
    rejected(failures, "XTILEDATA alone", setField(quote, at, 0x442e7), "tdx.quote.xfam", "AMX");
    failures.assertNone(8);
  }

  @Test
  void parse_everySeamAttributesBit_isRejected() {
    Failures failures = new Failures();
    for (int bit = 0; bit < 64; bit++) {
      rejected(failures, "SEAM attributes bit " + bit,
          flipBit(quote(V5_SAMPLE), V5_BODY + SEAM_ATTRIBUTES, bit), "tdx.quote.seam-attributes",
          "bit " + bit + " set");
    }
    failures.assertNone(64);
  }

  @Test
  void parse_headerFields_areCheckedNamingTheField() {
    Failures failures = new Failures();
    byte[] quote = quote(QUOTE_4);
    int count = 0;
    for (int bit = 0; bit < 32; bit++) {
      count++;
      rejected(failures, "header reserved bit " + bit, flipBit(quote, 8, bit), "tdx.quote.header",
          "reserved field at offset " + (bit < 16 ? 8 : 10));
    }
    for (int bit = 0; bit < 128; bit++) {
      count++;
      rejected(failures, "QE vendor ID bit " + bit, flipBit(quote, 12, bit),
          "tdx.quote.qe-vendor-id", "is not Intel's 939a7233f79c4ca9940a0db3957f0607");
    }
    byte[] keyType = quote.clone();
    keyType[2] = 3;
    rejected(failures, "key type 3", keyType, "tdx.quote.header", "attestation key type 3");
    byte[] teeType = quote.clone();
    teeType[4] = 0;
    rejected(failures, "TEE type 0 (SGX)", teeType, "tdx.quote.header", "TEE type 0x0 is not TDX");
    byte[] version = quote.clone();
    version[0] = 6;
    rejected(failures, "version 6", version, "tdx.quote.header", "unsupported quote version 6");
    failures.assertNone(count + 3);
  }

  @Test
  void verify_reservedTdAttributesBitInARealQuote_isMalformedEvidenceNamingTheField() {
    byte[] mutated = flipBit(quote(QUOTE_6), V4_BODY + TD_ATTRIBUTES, 1);
    Throwable thrown = catchThrowable(() -> verifier().verify(Evidence.of(Platform.TDX, mutated),
        VerificationRequest.at(AT_2025, Freshness.none())));
    assertThat(thrown).isInstanceOf(MalformedEvidenceException.class)
        .hasMessageContaining("tdx.quote.td-attributes").hasMessageContaining("bit 1");
  }

  @Test
  void verify_everyVector_passesTheStructureChecks() {
    Failures failures = new Failures();
    for (String name : ALL_QUOTES) {
      failures.check(name, () -> assertThat(verify(verifier(), name, AT_2026, null).checks())
          .anyMatch(c -> c.name().equals("tdx.structure") && c.passed()));
    }
    failures.assertNone(ALL_QUOTES.size());
  }

  @Test
  void verify_signedSimulatedQuotesWithBadFields_areRejectedByTheStructureChecks() {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    SimulatedTdxQuoteFactory factory =
        SimulatedTdxQuoteFactory.create(new SecureRandom(), start, Duration.ofDays(3650));
    TdxVerifier verifier = TdxVerifier.create(TrustAnchors.of(factory.root()));
    VerificationRequest request = VerificationRequest.at(start.plus(Duration.ofDays(1)),
        Freshness.none());
    SimulatedTdxQuoteFactory.TdFields td =
        SimulatedTdxQuoteFactory.TdFields.of(new byte[48], new byte[64]);
    SimulatedTdxKnobs good = SimulatedTdxKnobs.defaults();
    Failures failures = new Failures();
    Object[][] cases = {
      {good.withTdAttributes(1L << 8), "tdx.quote.td-attributes"},
      {good.withTdAttributes(1L << 61), "tdx.quote.td-attributes"},
      {good.withXfam(0xe7 | 1L << 17), "tdx.quote.xfam"},
      {good.withXfam(0xe7 | 1L << 3), "tdx.quote.xfam"},
      {good.withSeamAttributes(1), "tdx.quote.seam-attributes"},
      {good.withQeVendorId(new byte[16]), "tdx.quote.qe-vendor-id"},
    };
    for (Object[] c : cases) {
      SimulatedTdxKnobs knobs = (SimulatedTdxKnobs) c[0];
      String check = (String) c[1];
      failures.check(check + " " + String.format(Locale.ROOT, "%x/%x", knobs.tdAttributes(),
          knobs.xfam()), () -> {
        Throwable thrown = catchThrowable(
            () -> verifier.verify(Evidence.of(Platform.TDX, factory.quote(td, knobs)), request));
        assertThat(thrown).isInstanceOf(MalformedEvidenceException.class);
        assertThat(((AttestationException) thrown).check()).isEqualTo(check);
      });
    }
    failures.check("defaults verify", () ->
        verifier.verify(Evidence.of(Platform.TDX, factory.quote(td, good)), request));
    failures.assertNone(cases.length + 1);
  }
}
