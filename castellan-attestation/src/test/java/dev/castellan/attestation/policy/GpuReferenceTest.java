package dev.castellan.attestation.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.GpuClaims;
import dev.castellan.attestation.PolicyException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class GpuReferenceTest {
  private static final ByteString BLOCK_2 = filled(2);

  private static ByteString filled(int value) {
    byte[] bytes = new byte[48];
    java.util.Arrays.fill(bytes, (byte) value);
    return ByteString.of(bytes);
  }

  private static GpuClaims claims() {
    GpuClaims.Opaque opaque = new GpuClaims.Opaque("550.90.07", "96.00.9f.00.01", Optional.of(filled(9)),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), new TreeMap<>(), Optional.empty(), OptionalInt.empty(), OptionalInt.empty(),
        OptionalInt.empty(), OptionalInt.empty(), new TreeMap<>());
    return new GpuClaims(filled(0), filled(1), new TreeMap<>(Map.of(1, filled(0), 2, BLOCK_2)), opaque, filled(3),
        0, false);
  }

  private static Map<String, Check.Status> statuses(List<Check> checks) {
    Map<String, Check.Status> out = new java.util.LinkedHashMap<>();
    checks.forEach(c -> out.put(c.name(), c.status()));
    return out;
  }

  @Test
  void appraise_nothingPinned_skipsTheMeasurementAndNamesTheUnpinned() {
    List<Check> checks = GpuReference.any().appraise(claims());
    assertThat(statuses(checks)).containsExactly(Map.entry("policy.gpu.measurement", Check.Status.SKIP),
        Map.entry("policy.gpu.unpinned", Check.Status.SKIP));
    assertThat(checks.getLast().reason()).contains("GPU measurement blocks, driver version, VBIOS version");
  }

  @Test
  void appraise_pins_passWhenTheyMatch_failOtherwise() {
    GpuReference pinned = GpuReference.any().withMeasurement(2, List.of(BLOCK_2))
        .withDriverVersions(List.of("550.90.07")).withVbiosVersions(List.of("96.00.9f.00.01"));
    assertThat(statuses(pinned.appraise(claims()))).containsExactly(
        Map.entry("policy.gpu.measurement", Check.Status.PASS), Map.entry("policy.gpu.block.2", Check.Status.PASS),
        Map.entry("policy.gpu.driver-version", Check.Status.PASS),
        Map.entry("policy.gpu.vbios-version", Check.Status.PASS));
    GpuReference wrong = pinned.withMeasurement(1, List.of(filled(7))).withMeasurement(64, List.of(filled(7)))
        .withVbiosVersions(List.of("96.00.74.00.1a"));
    Map<String, Check.Status> failed = statuses(wrong.appraise(claims()));
    assertThat(failed).containsEntry("policy.gpu.measurement", Check.Status.FAIL)
        .containsEntry("policy.gpu.block.1", Check.Status.FAIL)
        .containsEntry("policy.gpu.block.2", Check.Status.PASS)
        .containsEntry("policy.gpu.block.64", Check.Status.FAIL)
        .containsEntry("policy.gpu.vbios-version", Check.Status.FAIL);
  }

  @Test
  void fromJson_readsThePins_andRefusesWhatIsWrong() throws Exception {
    String hex = BLOCK_2.hex();
    AppraisalPolicy policy = AppraisalPolicy.fromJson(("{\"gpu\": {\"measurements\": {\"2\": [\"" + hex + "\"]},"
        + " \"driverVersions\": [\"550.90.07\"], \"vbiosVersions\": [\"96.00.9f.00.01\"]}}")
        .getBytes(StandardCharsets.UTF_8));
    assertThat(policy.gpu().measurements()).containsEntry(2, List.of(BLOCK_2));
    assertThat(policy.gpu().driverVersions()).containsExactly("550.90.07");
    assertThat(policy.gpu().vbiosVersions()).containsExactly("96.00.9f.00.01");
    for (String bad : List.of("{\"gpu\": {\"measurement\": {}}}", "{\"gpu\": {\"measurements\": {\"0\": [\"" + hex + "\"]}}}",
        "{\"gpu\": {\"measurements\": {\"255\": [\"" + hex + "\"]}}}", "{\"gpu\": {\"measurements\": {\"2\": [\"00\"]}}}",
        "{\"gpu\": {\"driverVersions\": [1]}}")) {
      assertThatThrownBy(() -> AppraisalPolicy.fromJson(bad.getBytes(StandardCharsets.UTF_8))).as(bad)
          .isInstanceOf(PolicyException.class);
    }
  }
}
