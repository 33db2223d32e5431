package dev.castellan.server.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.CollateralKey;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.snp.SnpCertificateTable;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The certificates a real SEV-SNP guest's host puts in configfs-tsm's auxblob, handed out as collateral. */
class AgentAttesterTest {
  private static final byte[] VCEK = "vcek-der".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ASK = "ask-der".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ARK = "ark-der".getBytes(StandardCharsets.US_ASCII);

  @Test
  void anAuxblobCertificateTableBecomesTheVcekChain() throws Exception {
    byte[] table = table(Map.of(SnpCertificateTable.Kind.VCEK, VCEK, SnpCertificateTable.Kind.ASK, ASK,
        SnpCertificateTable.Kind.ARK, ARK));
    Map<CollateralKey, byte[]> items = AgentAttester.certificates(Optional.of(ByteString.of(table)));
    assertEquals(1, items.size());
    String pem = new String(items.get(CollateralKey.of(Platform.SEV_SNP, "vcek")), StandardCharsets.US_ASCII);
    Base64.Encoder b64 = Base64.getEncoder();
    int vcek = pem.indexOf(b64.encodeToString(VCEK));
    int ask = pem.indexOf(b64.encodeToString(ASK));
    int ark = pem.indexOf(b64.encodeToString(ARK));
    assertTrue(vcek > 0 && vcek < ask && ask < ark, pem);
  }

  @Test
  void noAuxblobGivesNoCollateralAndABadOneIsRefused() {
    assertEquals(Map.of(), assertNoThrow(Optional.empty()));
    assertEquals(Map.of(), assertNoThrow(Optional.of(ByteString.of(new byte[0]))));
    assertThrows(MalformedEvidenceException.class,
        () -> AgentAttester.certificates(Optional.of(ByteString.of(new byte[] {1, 2, 3}))));
  }

  private static Map<CollateralKey, byte[]> assertNoThrow(Optional<ByteString> auxblob) {
    try {
      return AgentAttester.certificates(auxblob);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** A GHCB certificate table: 24-byte entries (GUID, offset, length), a zero terminator, then the certificates. */
  private static byte[] table(Map<SnpCertificateTable.Kind, byte[]> certificates) {
    int header = (certificates.size() + 1) * 24;
    ByteBuffer entries = ByteBuffer.allocate(header).order(ByteOrder.LITTLE_ENDIAN);
    ByteArrayOutputStream bodies = new ByteArrayOutputStream();
    for (SnpCertificateTable.Kind kind : SnpCertificateTable.Kind.values()) {
      byte[] der = certificates.get(kind);
      if (der == null) {
        continue;
      }
      entries.put(kind.guid()).putInt(header + bodies.size()).putInt(der.length);
      bodies.writeBytes(der);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(entries.array());
    out.writeBytes(bodies.toByteArray());
    return out.toByteArray();
  }
}
