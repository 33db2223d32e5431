package dev.castellan.attestation.tdx;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.TdxClaims;
import java.util.List;
import java.util.Optional;

/** Builds the shared {@link TdxClaims} record from a verified quote. */
final class TdxClaimsFactory {
  private TdxClaimsFactory() {}

  static TdxClaims claims(VerifiedTdxQuote verified, boolean simulated) {
    TdReport report = verified.quote().report();
    Optional<ByteString> svn2 = report.isTdx15()
        ? Optional.of(ByteString.of(report.teeTcbSvn2())) : Optional.empty();
    Optional<ByteString> serviceTd = report.isTdx15()
        ? Optional.of(ByteString.of(report.mrServiceTd())) : Optional.empty();
    TdxClaims.TcbStatus status = verified.tcb()
        .map(tcb -> TdxClaims.TcbStatus.valueOf(tcb.status().name()))
        .orElse(TdxClaims.TcbStatus.NOT_EVALUATED);
    List<String> advisories = verified.tcb().map(TdxTcbResult::advisoryIds).orElse(List.of());
    return new TdxClaims(
        verified.quote().version(),
        ByteString.of(report.teeTcbSvn()),
        svn2,
        ByteString.of(report.mrSeam()),
        ByteString.of(report.mrSignerSeam()),
        ByteString.of(report.seamAttributes()),
        ByteString.of(report.tdAttributes()),
        ByteString.of(report.xfam()),
        ByteString.of(report.mrTd()),
        ByteString.of(report.mrConfigId()),
        ByteString.of(report.mrOwner()),
        ByteString.of(report.mrOwnerConfig()),
        report.rtmrs().stream().map(ByteString::of).toList(),
        ByteString.of(report.reportData()),
        serviceTd,
        ByteString.of(verified.pck().fmspc()),
        status,
        advisories,
        simulated,
        verified.quote().trailingLength(),
        ByteString.copyOf(verified.quote().header(), 12, 16),
        verified.tcbEvaluationDataNumber(),
        verified.tcb().flatMap(TdxTcbResult::tdxModuleIdentity),
        verified.tcb().map(tcb -> TdxClaims.TcbStatus.valueOf(tcb.tdxModuleStatus().name()))
            .orElse(TdxClaims.TcbStatus.NOT_EVALUATED));
  }
}
