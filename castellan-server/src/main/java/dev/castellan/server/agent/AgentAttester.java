package dev.castellan.server.agent;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.Attester;
import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.CollateralKey;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.snp.SnpCertificateTable;
import dev.castellan.attestation.tsm.TsmReport;
import dev.castellan.attestation.tsm.TsmReportAttester;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The agent's evidence source: an SEV-SNP or TDX {@link Attester} (configfs-tsm on a real
 * guest, or the simulator) and the collateral the agent hands out beside its evidence: the
 * simulator's VCEK, or its TDX TCB Info, QE Identity and TCB signing chain; on a real SEV-SNP
 * guest, the certificates the host put in configfs-tsm's {@code auxblob} with each report (the
 * extended report's VCEK or VLEK, ASK and ARK). Collateral is only a convenience: a verifier
 * authenticates every item it uses against its own trust anchors, so handing it out proves
 * nothing by itself.
 */
public record AgentAttester(Attester attester, Map<CollateralKey, byte[]> collateral) {
  public AgentAttester {
    Objects.requireNonNull(attester, "attester");
    if (attester.platform() != Platform.SEV_SNP && attester.platform() != Platform.TDX) {
      throw new IllegalArgumentException("the agent attests SEV-SNP or TDX, not " + attester.platform());
    }
    collateral = copy(collateral);
  }

  /** Evidence and the collateral that goes with it. */
  record Attested(Evidence evidence, Map<CollateralKey, byte[]> collateral) {}

  public Platform platform() {
    return attester.platform();
  }

  public boolean simulated() {
    return attester.simulated();
  }

  Attested attest(byte[] reportData) throws AttestationException {
    if (attester instanceof TsmReportAttester tsm && tsm.platform() == Platform.SEV_SNP) {
      TsmReport report = tsm.report(reportData);
      Map<CollateralKey, byte[]> items = new LinkedHashMap<>(collateral);
      items.putAll(certificates(report.auxblob()));
      return new Attested(report.evidence(), items);
    }
    return new Attested(attester.attest(reportData), collateral);
  }

  /**
   * The certificates of an SEV-SNP {@code auxblob} (the host's certificate table) as collateral
   * items; none when the host supplied none.
   *
   * @throws AttestationException if the table is malformed
   */
  static Map<CollateralKey, byte[]> certificates(Optional<ByteString> auxblob) throws AttestationException {
    if (auxblob.isEmpty() || auxblob.get().length() == 0) {
      return Map.of();
    }
    return SnpCertificateTable.parse(auxblob.get().toByteArray()).entries();
  }

  private static Map<CollateralKey, byte[]> copy(Map<CollateralKey, byte[]> items) {
    Map<CollateralKey, byte[]> copy = new LinkedHashMap<>();
    items.forEach((key, value) -> copy.put(key, value.clone()));
    return java.util.Collections.unmodifiableMap(copy);
  }
}
