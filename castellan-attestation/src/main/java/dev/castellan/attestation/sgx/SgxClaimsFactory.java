package dev.castellan.attestation.sgx;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.SgxClaims;
import dev.castellan.attestation.TdxClaims;
import java.util.List;

/** Builds the shared {@link SgxClaims} record from a verified quote. */
final class SgxClaimsFactory {
  private SgxClaimsFactory() {}

  static SgxClaims claims(VerifiedSgxQuote verified, boolean simulated) {
    SgxReportBody body = verified.quote().body();
    TdxClaims.TcbStatus status = verified.tcb()
        .map(tcb -> TdxClaims.TcbStatus.valueOf(tcb.status().name()))
        .orElse(TdxClaims.TcbStatus.NOT_EVALUATED);
    List<String> advisories = verified.tcb().map(SgxTcbResult::advisoryIds).orElse(List.of());
    return new SgxClaims(
        verified.quote().version(),
        ByteString.of(body.cpuSvn()),
        ByteString.of(body.miscSelect()),
        ByteString.of(body.attributes()),
        ByteString.of(body.mrEnclave()),
        ByteString.of(body.mrSigner()),
        body.isvProdId(),
        body.isvSvn(),
        ByteString.of(body.configId()),
        body.configSvn(),
        ByteString.of(body.isvExtProdId()),
        ByteString.of(body.isvFamilyId()),
        ByteString.of(body.reportData()),
        ByteString.of(verified.pck().fmspc()),
        status,
        advisories,
        simulated);
  }
}
