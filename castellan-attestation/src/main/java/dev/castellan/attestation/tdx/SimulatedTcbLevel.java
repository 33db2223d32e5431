package dev.castellan.attestation.tdx;

import java.util.List;
import java.util.Optional;

/**
 * The simulated TDX TCB Info: the one TCB level the simulated platform matches and what Intel
 * would say about it, so that TCB statuses, advisories, evaluation data numbers and TDX module
 * identities can be exercised through the real verifier.
 *
 * @param fmspc the FMSPC the TCB Info is for (it must match the PCK certificate's to verify)
 * @param tdxComponents the level's sixteen TDX component SVNs (a quote meets the level when its
 *     TEE_TCB_SVN is at least these)
 * @param tcbStatus the level's status, as Intel writes it ({@code UpToDate}, {@code OutOfDate},
 *     ...; the verifier rejects unknown names)
 * @param advisoryIds the level's {@code advisoryIDs}
 * @param tcbEvaluationDataNumber the TCB Info's {@code tcbEvaluationDataNumber}
 * @param tdxModuleIdentity when present, the status of a {@code tdxModuleIdentities} entry for
 *     module version {@code tdxComponents[1]} (id {@code TDX_<version>}, MRSIGNER zero,
 *     attributes zero) with one TCB level at module SVN {@code tdxComponents[0]}; it judges a
 *     quote whose TEE_TCB_SVN byte 1 is that (non-zero) version
 */
public record SimulatedTcbLevel(byte[] fmspc, byte[] tdxComponents, String tcbStatus,
    List<String> advisoryIds, int tcbEvaluationDataNumber, Optional<String> tdxModuleIdentity) {

  public SimulatedTcbLevel {
    if (fmspc.length != 6 || tdxComponents.length != 16) {
      throw new IllegalArgumentException("FMSPC is 6 bytes, TDX components are 16");
    }
    fmspc = fmspc.clone();
    tdxComponents = tdxComponents.clone();
    advisoryIds = List.copyOf(advisoryIds);
  }

  /** UpToDate, no advisories, evaluation data number 1, no module identities. */
  public static SimulatedTcbLevel defaults() {
    return new SimulatedTcbLevel(SimulatedTdxQuoteFactory.FMSPC,
        SimulatedTdxQuoteFactory.TEE_TCB_SVN, "UpToDate", List.of(), 1, Optional.empty());
  }

  public SimulatedTcbLevel withFmspc(byte[] value) {
    return new SimulatedTcbLevel(value, tdxComponents, tcbStatus, advisoryIds,
        tcbEvaluationDataNumber, tdxModuleIdentity);
  }

  public SimulatedTcbLevel withTdxComponents(byte[] value) {
    return new SimulatedTcbLevel(fmspc, value, tcbStatus, advisoryIds, tcbEvaluationDataNumber,
        tdxModuleIdentity);
  }

  public SimulatedTcbLevel withStatus(String value, List<String> advisories) {
    return new SimulatedTcbLevel(fmspc, tdxComponents, value, advisories,
        tcbEvaluationDataNumber, tdxModuleIdentity);
  }

  public SimulatedTcbLevel withTcbEvaluationDataNumber(int value) {
    return new SimulatedTcbLevel(fmspc, tdxComponents, tcbStatus, advisoryIds, value,
        tdxModuleIdentity);
  }

  /** Adds a {@code tdxModuleIdentities} entry whose single TCB level has {@code status}. */
  public SimulatedTcbLevel withTdxModuleIdentity(String status) {
    return new SimulatedTcbLevel(fmspc, tdxComponents, tcbStatus, advisoryIds,
        tcbEvaluationDataNumber, Optional.of(status));
  }

  @Override
  public byte[] fmspc() {
    return fmspc.clone();
  }

  @Override
  public byte[] tdxComponents() {
    return tdxComponents.clone();
  }
}
