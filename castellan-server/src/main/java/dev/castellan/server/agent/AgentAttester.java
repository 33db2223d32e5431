package dev.castellan.server.agent;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.Attester;
import dev.castellan.attestation.CollateralKey;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Platform;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The agent's evidence source: an SEV-SNP or TDX {@link Attester} (configfs-tsm on a real
 * guest, or the simulator) and the collateral the agent hands out beside its evidence (the
 * simulator's VCEK, or its TDX TCB Info, QE Identity and TCB signing chain). Collateral is
 * only a convenience: a verifier authenticates every item it uses against its own trust
 * anchors, so handing it out proves nothing by itself.
 */
public record AgentAttester(Attester attester, Map<CollateralKey, byte[]> collateral) {
  public AgentAttester {
    Objects.requireNonNull(attester, "attester");
    if (attester.platform() != Platform.SEV_SNP && attester.platform() != Platform.TDX) {
      throw new IllegalArgumentException("the agent attests SEV-SNP or TDX, not " + attester.platform());
    }
    Map<CollateralKey, byte[]> copy = new LinkedHashMap<>();
    collateral.forEach((key, value) -> copy.put(key, value.clone()));
    collateral = java.util.Collections.unmodifiableMap(copy);
  }

  public Platform platform() {
    return attester.platform();
  }

  public boolean simulated() {
    return attester.simulated();
  }

  Evidence attest(byte[] reportData) throws AttestationException {
    return attester.attest(reportData);
  }
}
