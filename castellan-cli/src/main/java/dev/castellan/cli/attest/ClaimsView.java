package dev.castellan.cli.attest;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Claims;
import dev.castellan.attestation.GpuClaims;
import dev.castellan.attestation.NitroClaims;
import dev.castellan.attestation.SafeText;
import dev.castellan.attestation.SgxClaims;
import dev.castellan.attestation.SnpClaims;
import dev.castellan.attestation.TdxClaims;
import dev.castellan.attestation.TpmClaims;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The main claims of a verified result as ordered name/value pairs, for the text table and
 * the JSON output alike. Byte fields are hex; text taken from evidence goes through {@link
 * SafeText} so it cannot carry terminal escapes.
 */
final class ClaimsView {
  private static final int SHA256 = 0x000b;

  private ClaimsView() {}

  static Map<String, Object> of(Claims claims) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("platform", Arguments.name(claims.platform()));
    switch (claims) {
      case NitroClaims c -> nitro(c, view);
      case SnpClaims c -> snp(c, view);
      case TdxClaims c -> tdx(c, view);
      case TpmClaims c -> tpm(c, view);
      case SgxClaims c -> sgx(c, view);
      case GpuClaims c -> gpu(c, view);
    }
    view.put("debug", claims.debug());
    view.put("simulated", claims.simulated());
    return view;
  }

  private static void nitro(NitroClaims c, Map<String, Object> view) {
    view.put("moduleId", SafeText.escape(c.moduleId()));
    view.put("timestamp", c.timestamp().toString());
    // Every PCR the document carries that is not zero; PCR0-2 always, they define the enclave.
    c.pcrs().forEach((index, value) -> {
      if (index <= 2 || !value.isAllZero()) {
        view.put("pcr" + index, value.hex());
      }
    });
    optional(view, "userData", c.userData());
    optional(view, "nonce", c.nonce());
    optional(view, "publicKey", c.publicKey());
  }

  private static void snp(SnpClaims c, Map<String, Object> view) {
    view.put("version", c.version());
    view.put("measurement", c.measurement().hex());
    view.put("reportData", c.reportData().hex());
    view.put("hostData", c.hostData().hex());
    view.put("guestPolicy", String.format(Locale.ROOT, "0x%x", c.policy().value()));
    view.put("vmpl", c.vmpl());
    view.put("signingKey", c.signingKey().name());
    view.put("productName", SafeText.escape(c.productName()));
    view.put("reportedTcb", tcb(c.reportedTcb()));
    if (c.currentTcb() != null) {
      view.put("currentTcb", tcb(c.currentTcb()));
    }
    if (c.committedTcb() != null) {
      view.put("committedTcb", tcb(c.committedTcb()));
    }
    if (c.idKeyDigest() != null && !c.idKeyDigest().isAllZero()) {
      view.put("idKeyDigest", c.idKeyDigest().hex());
    }
    view.put("chipId", c.chipId() == null ? "" : c.chipId().hex());
  }

  private static String tcb(SnpClaims.Tcb tcb) {
    return String.format(Locale.ROOT, "bl%d tee%d snp%d ucode%d", tcb.bootloader(), tcb.tee(), tcb.snp(),
        tcb.microcode()) + (tcb.fmc() >= 0 ? " fmc" + tcb.fmc() : "");
  }

  private static void tdx(TdxClaims c, Map<String, Object> view) {
    view.put("version", c.version());
    view.put("mrTd", c.mrTd().hex());
    for (int i = 0; i < c.rtmrs().size(); i++) {
      view.put("rtmr" + i, c.rtmrs().get(i).hex());
    }
    view.put("mrConfigId", c.mrConfigId().hex());
    view.put("mrOwner", c.mrOwner().hex());
    view.put("reportData", c.reportData().hex());
    view.put("mrOwnerConfig", c.mrOwnerConfig().hex());
    c.mrServiceTd().ifPresent(v -> view.put("mrServiceTd", v.hex()));
    view.put("tdAttributes", c.tdAttributes().hex());
    view.put("xfam", c.xfam().hex());
    view.put("teeTcbSvn", c.teeTcbSvn().hex());
    c.teeTcbSvn2().ifPresent(v -> view.put("teeTcbSvn2", v.hex()));
    view.put("mrSeam", c.mrSeam().hex());
    view.put("mrSignerSeam", c.mrSignerSeam().hex());
    view.put("seamAttributes", c.seamAttributes().hex());
    view.put("qeVendorId", c.qeVendorId().hex());
    view.put("fmspc", c.fmspc().hex());
    view.put("tcbStatus", c.tcbStatus().name());
    c.tcbEvaluationDataNumber().ifPresent(n -> view.put("tcbEvaluationDataNumber", n));
    c.tdxModuleIdentity().ifPresent(id -> view.put("tdxModuleIdentity", SafeText.escape(id)));
    view.put("tdxModuleStatus", c.tdxModuleStatus().name());
    if (!c.advisoryIds().isEmpty()) {
      view.put("advisoryIds", c.advisoryIds().stream().map(SafeText::escape).toList());
    }
    if (c.trailingBytes() > 0) {
      view.put("trailingBytes", c.trailingBytes());
    }
  }

  private static void sgx(SgxClaims c, Map<String, Object> view) {
    view.put("version", c.version());
    view.put("mrEnclave", c.mrEnclave().hex());
    view.put("mrSigner", c.mrSigner().hex());
    view.put("isvProdId", c.isvProdId());
    view.put("isvSvn", c.isvSvn());
    view.put("attributes", c.attributes().hex());
    view.put("flags", String.format(Locale.ROOT, "0x%x", c.flags()));
    view.put("xfrm", String.format(Locale.ROOT, "0x%x", c.xfrm()));
    view.put("reportData", c.reportData().hex());
    if (!c.configId().isAllZero() || c.configSvn() != 0) {
      view.put("configId", c.configId().hex());
      view.put("configSvn", c.configSvn());
    }
    view.put("fmspc", c.fmspc().hex());
    view.put("tcbStatus", c.tcbStatus().name());
    if (!c.advisoryIds().isEmpty()) {
      view.put("advisoryIds", c.advisoryIds().stream().map(SafeText::escape).toList());
    }
  }

  private static void gpu(GpuClaims c, Map<String, Object> view) {
    GpuClaims.Opaque o = c.opaque();
    view.put("nonce", c.nonce().hex());
    view.put("driverVersion", SafeText.escape(o.driverVersion()));
    view.put("vbiosVersion", SafeText.escape(o.vbiosVersion()));
    o.fwid().ifPresent(v -> view.put("fwid", v.hex()));
    o.chipSku().ifPresent(v -> view.put("chipSku", SafeText.escape(v)));
    o.project().ifPresent(v -> view.put("project", SafeText.escape(v)));
    o.projectSku().ifPresent(v -> view.put("projectSku", SafeText.escape(v)));
    optional(view, "boardId", o.boardId());
    o.featureFlagName().ifPresent(v -> view.put("featureFlag", v));
    view.put("evidenceDigest", c.evidenceDigest().hex());
    // Every block that is not zero: the zero ones are unused indices.
    c.measurements().forEach((index, value) -> {
      if (!value.isAllZero()) {
        view.put("measurement" + index, value.hex());
      }
    });
    if (c.trailingBytes() > 0) {
      view.put("trailingBytes", c.trailingBytes());
    }
  }

  private static void tpm(TpmClaims c, Map<String, Object> view) {
    view.put("akCertified", c.akCertified());
    view.put("extraData", c.extraData().hex());
    view.put("firmwareVersion", String.format(Locale.ROOT, "0x%x", c.firmwareVersion()));
    // The SHA-256 bank when quoted (the one policies use); every quoted bank otherwise.
    c.pcrs().forEach((bank, values) -> {
      if (bank == SHA256 || !c.pcrs().containsKey(SHA256)) {
        values.forEach((index, value) -> view.put(bankName(bank) + ".pcr" + index, value.hex()));
      }
    });
  }

  private static String bankName(int algorithm) {
    return switch (algorithm) {
      case 0x0004 -> "sha1";
      case 0x000b -> "sha256";
      case 0x000c -> "sha384";
      case 0x000d -> "sha512";
      default -> String.format(Locale.ROOT, "alg%04x", algorithm);
    };
  }

  private static void optional(Map<String, Object> view, String name, Optional<ByteString> value) {
    value.ifPresent(v -> view.put(name, v.hex()));
  }
}
