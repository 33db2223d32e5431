package dev.castellan.attestation.snp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.internal.Pkix;
import dev.castellan.attestation.snp.SnpCertificateTable.Kind;
import dev.castellan.testkit.Vectors;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnpCertificateTableTest {
  /** Builds a table: entries, terminator, then the certificates. */
  static byte[] table(Map<byte[], byte[]> entries) {
    int headerSize = (entries.size() + 1) * 24;
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (var e : entries.entrySet()) {
      header.writeBytes(e.getKey());
      int offset = headerSize + body.size();
      header.writeBytes(le32(offset));
      header.writeBytes(le32(e.getValue().length));
      body.writeBytes(e.getValue());
    }
    header.writeBytes(new byte[24]);
    header.writeBytes(body.toByteArray());
    return header.toByteArray();
  }

  static byte[] le32(int v) {
    return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
  }

  private static Map<byte[], byte[]> milanEntries(boolean mixedEndian) throws Exception {
    var askArk = Pkix.parsePem(Vectors.text(SnpVectors.DIR + "amd-roots/ask_ark_milan.pem"), "t");
    Map<byte[], byte[]> entries = new LinkedHashMap<>();
    entries.put(guid(Kind.VCEK, mixedEndian), SnpVectors.VIRTEE_MILAN.endorsementBytes());
    entries.put(guid(Kind.ASK, mixedEndian), askArk.get(0).getEncoded());
    entries.put(guid(Kind.ARK, mixedEndian), askArk.get(1).getEncoded());
    return entries;
  }

  private static byte[] guid(Kind kind, boolean mixedEndian) {
    byte[] g = kind.guid();
    if (mixedEndian) {
      byte[] m = g.clone();
      for (int[] r : new int[][] {{0, 4}, {4, 2}, {6, 2}}) {
        for (int i = 0; i < r[1]; i++) {
          m[r[0] + i] = g[r[0] + r[1] - 1 - i];
        }
      }
      return m;
    }
    return g;
  }

  @Test
  void parse_tableOfVcekAskArk_verifiesTheReportAsCollateral() throws Exception {
    for (boolean mixed : new boolean[] {false, true}) {
      SnpCertificateTable parsed = SnpCertificateTable.parse(table(milanEntries(mixed)));
      assertThat(parsed.certificate(Kind.VCEK)).isPresent();
      assertThat(parsed.certificate(Kind.VLEK)).isEmpty();
      AttestationResult result = SnpVerifier.create().verify(SnpVectors.VIRTEE_MILAN.evidence(),
          VerificationRequest.at(SnpVectors.VIRTEE_MILAN.at(), Freshness.none()).withCollateral(parsed.toCollateral()));
      assertThat(result.checks().stream().filter(c -> c.name().equals("snp.chain")).findFirst().orElseThrow().reason())
          .contains("amd-ark-milan");
    }
  }

  @Test
  void parse_malformedTables_throw() throws Exception {
    byte[] good = table(milanEntries(false));
    byte[] noTerminator = java.util.Arrays.copyOf(good, 24 * 3);
    byte[] outOfBounds = good.clone();
    outOfBounds[20] = (byte) 0xff;
    outOfBounds[21] = (byte) 0xff;
    Map<byte[], byte[]> twice = new LinkedHashMap<>();
    twice.put(Kind.VCEK.guid(), new byte[] {1});
    twice.put(Kind.VCEK.guid().clone(), new byte[] {2});
    for (byte[] bad : new byte[][] {noTerminator, outOfBounds, table(twice), new byte[0]}) {
      assertThatThrownBy(() -> SnpCertificateTable.parse(bad)).isInstanceOf(MalformedEvidenceException.class);
    }
  }
}
