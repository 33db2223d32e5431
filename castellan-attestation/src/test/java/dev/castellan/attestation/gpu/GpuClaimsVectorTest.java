package dev.castellan.attestation.gpu;

import static dev.castellan.attestation.gpu.GpuVectors.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.GpuClaims;
import dev.castellan.core.bytes.Hex;
import dev.castellan.testkit.Failures;
import dev.castellan.testkit.Vectors;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every claim of report 1 against {@code hopperAttestationReport-claims.txt} (Trustee's
 * expected output): each measurement, each opaque item under its Trustee name with Trustee's
 * rendering (hex for byte items, ASCII for the 0x55 status bytes), and nothing exposed that
 * the file lacks. All mismatches are collected.
 */
class GpuClaimsVectorTest {
  @org.junit.jupiter.api.BeforeEach
  void vectors() {
    requireVectors();
  }

  @Test
  void report1_claims_equalTheClaimsFile() throws Exception {
    GpuClaims claims = (GpuClaims) verify(report(REPORT_1), CHAIN_1, Hex.decode(NONCE_1)).claims();
    JsonNode expected = Vectors.json(CLAIMS_1);
    Failures failures = new Failures();
    failures.check("arch", () -> assertThat(expected.get("arch").stringValue()).isEqualTo("Hopper"));

    JsonNode measurements = expected.get("measurements");
    failures.check("measurements.count", () -> assertThat(claims.measurements()).hasSize(measurements.size()));
    for (String index : measurements.propertyNames()) {
      failures.check("measurements." + index, () -> assertThat(
          claims.measurement(Integer.parseInt(index)).map(ByteString::hex)).hasValue(measurements.get(index).stringValue()));
    }

    GpuClaims.Opaque o = claims.opaque();
    Map<String, Function<GpuClaims.Opaque, Optional<String>>> rendered = new TreeMap<>();
    rendered.put("driver_version", x -> Optional.of(x.driverVersion()));
    rendered.put("vbios_version", x -> Optional.of(x.vbiosVersion()));
    rendered.put("fwid", x -> x.fwid().map(ByteString::hex));
    rendered.put("gpu_info", x -> x.gpuInfo().map(ByteString::hex));
    rendered.put("board_id", x -> x.boardId().map(ByteString::hex));
    rendered.put("chip_sku", GpuClaims.Opaque::chipSku);
    rendered.put("chip_sku_mod", GpuClaims.Opaque::chipSkuMod);
    rendered.put("project", GpuClaims.Opaque::project);
    rendered.put("project_sku", GpuClaims.Opaque::projectSku);
    rendered.put("project_sku_mod", x -> x.projectSkuMod().map(ByteString::hex));
    rendered.put("cpr_info", x -> x.cprInfo().map(ByteString::hex));
    rendered.put("nvdec0_status", x -> ascii(x.nvdec0Status()));
    rendered.put("protected_pcie_status", x -> ascii(x.protectedPcieStatus()));
    rendered.put("opaque_data_version", x -> x.opaqueDataVersion().stream().mapToObj(Integer::toString).findFirst());
    rendered.put("feature_flag", GpuClaims.Opaque::featureFlagName);

    JsonNode config = expected.get("config");
    Set<String> seen = new HashSet<>();
    for (String name : config.propertyNames()) {
      seen.add(name);
      if (name.equals("measurement_count")) {
        JsonNode counts = config.get(name);
        failures.check("config.measurement_count.size",
            () -> assertThat(o.measurementCounts()).hasSize(counts.size()));
        for (String index : counts.propertyNames()) {
          failures.check("config.measurement_count." + index, () -> assertThat(
              o.measurementCounts().get(Integer.parseInt(index))).isEqualTo(counts.get(index).longValue()));
        }
        continue;
      }
      Function<GpuClaims.Opaque, Optional<String>> render = rendered.get(name);
      if (render == null) {
        failures.fail("config." + name, "claims file item not exposed by GpuClaims");
        continue;
      }
      failures.check("config." + name, () -> assertThat(render.apply(o)).hasValue(config.get(name).stringValue()));
    }
    // What we expose beyond the file must be absent for this report.
    rendered.forEach((name, render) -> {
      if (!seen.contains(name)) {
        failures.check("extra." + name, () -> assertThat(render.apply(o)).isEmpty());
      }
    });
    failures.check("extra.other", () -> assertThat(o.other()).isEmpty());
    failures.assertNone(64 + 64 + 14);
  }

  private static Optional<String> ascii(OptionalInt value) {
    return value.stream().mapToObj(v -> String.valueOf((char) v)).findFirst();
  }
}
