package dev.castellan.cli.attest;

import dev.castellan.attestation.Platform;
import dev.castellan.attestation.gpu.GpuEvidence;
import dev.castellan.attestation.simulator.BootMeasurements;
import dev.castellan.attestation.simulator.SimulatedGpu;
import dev.castellan.attestation.simulator.SimulatedNitroDevice;
import dev.castellan.attestation.simulator.SimulatedSnpAttester;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.attestation.tdx.SimulatedTdxQuoteFactory;
import dev.castellan.attestation.tdx.TdxCollateral;
import dev.castellan.cli.Launcher;
import dev.castellan.cli.PolicyOptions;
import dev.castellan.core.bytes.Hex;
import dev.castellan.server.oracle.ApplicationMeasurement;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code castellan attest simulate}: simulated evidence in the real formats, for trying the verifier. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Produce SIMULATED evidence in the platform's real format.",
      "It is signed by the simulator's vendor roots and proves nothing about",
      "hardware: 'attest verify' rejects it unless given --allow-simulated and",
      "the simulator's root.",
      "The measured code is this build: the application's class path, as",
      "'castellan up' measures it (Nitro PCR0, SEV-SNP MEASUREMENT, TDX MRTD).",
      "",
      "It prints the verify command, with the measurement pinned (the value",
      "'castellan measure' computes; GPU measurements are the simulated",
      "GPU's own, pinned by a policy's gpu member, so it says --any-measurement).",
      "",
      "nitro  roots in --data DIR. Verify with --data DIR.",
      "snp    roots in --data DIR; the VCEK, ASK and ARK are also written to",
      "       FILE.collateral/. Verify with --collateral FILE.collateral",
      "       --data DIR.",
      "tdx    the simulated Intel PKI in --data DIR; the collateral a TDX",
      "       verifier needs (TCB Info, QE Identity, TCB signing chain) is",
      "       written to FILE.collateral/. Verify with --collateral",
      "       FILE.collateral --data DIR.",
      "gpu    an NVIDIA Hopper report for --nonce HEX (32 bytes), its chain",
      "       written to FILE.chain.pem, the simulated NVIDIA root in --data DIR.",
      "       Verify with --platform gpu --chain FILE.chain.pem --data DIR.",
      ""
    })
public final class AttestSimulateCommand implements Callable<Integer> {
  /** SEV-SNP and TDX REPORT_DATA is exactly this long. */
  static final int REPORT_DATA_BYTES = 64;

  @Spec CommandSpec spec;

  @Option(names = "--platform", required = true, paramLabel = "PLATFORM", description = "nitro, snp, tdx or gpu.")
  Arguments.PlatformChoice platform;

  @Option(names = "--nonce", paramLabel = "HEX", description = "Nitro: the nonce to embed; GPU: the GET_MEASUREMENTS nonce, exactly 32 bytes (required).")
  String nonce;

  @Option(names = "--report-data", paramLabel = "HEX",
      description = "SEV-SNP/TDX: REPORT_DATA, exactly 64 bytes (default zero); Nitro: user_data.")
  String reportData;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the evidence (binary).")
  Path out;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Data directory holding the simulator's roots, created on first use (default: CASTELLAN_DATA,"
          + " else ./castellan-data).")
  Path data;

  @Override
  public Integer call() throws Exception {
    if (platform != Arguments.PlatformChoice.nitro && platform != Arguments.PlatformChoice.snp
        && platform != Arguments.PlatformChoice.tdx && platform != Arguments.PlatformChoice.gpu) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--platform must be nitro, snp, tdx or gpu for simulate");
    }
    byte[] nonceBytes;
    byte[] reportDataBytes;
    try {
      nonceBytes = nonce == null ? null : Arguments.hex("--nonce", nonce);
      reportDataBytes = reportData == null ? null : Arguments.hex("--report-data", reportData);
      if (platform.platform == Platform.GPU) {
        exactGpuNonce(nonceBytes);
      } else if (platform.platform != Platform.NITRO) {
        reportDataBytes = exactReportData(reportDataBytes);
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    // What 'castellan up' and 'castellan measure' measure: the whole class path, not one jar.
    BootMeasurements measurements = ApplicationMeasurement.ofRunningApplication();
    Path data = PolicyOptions.dataDirectory(this.data);
    SecureRandom random = new SecureRandom();
    PrintWriter stdout = spec.commandLine().getOut();
    Path collateral = out.resolveSibling(out.getFileName() + ".collateral");
    String verify;
    switch (platform) {
      case nitro -> {
        SimulatorHome home = SimulatorHome.open(data, Clock.systemUTC(), random);
        SimulatedNitroDevice device = SimulatedNitroDevice.boot(home, measurements, Clock.systemUTC(), random);
        Files.write(out, device.attestationDocument(reportDataBytes, nonceBytes, null));
        verify = "--data " + Launcher.path(data) + " --expected-pcr0 " + Hex.encode(device.pcr(0));
      }
      case snp -> {
        SimulatorHome home = SimulatorHome.open(data, Clock.systemUTC(), random);
        SimulatedSnpAttester attester = SimulatedSnpAttester.create(home, measurements, random);
        Files.write(out, attester.report(reportDataBytes));
        Files.createDirectories(collateral);
        writePem(collateral.resolve("vcek.pem"), attester.vcek());
        writePem(collateral.resolve("ask.pem"), home.snpAnchors().get(1).certificate());
        writePem(collateral.resolve("ark.pem"), home.snpAnchors().get(0).certificate());
        verify = "--collateral " + Launcher.path(collateral) + " --data " + Launcher.path(data)
            + " --expected-measurement " + Hex.encode(attester.measurement());
      }
      case tdx -> {
        SimulatorHome home = SimulatorHome.open(data, Clock.systemUTC(), random);
        SimulatedTdxQuoteFactory factory = SimulatedTdxQuoteFactory.open(home, Clock.systemUTC(), random);
        byte[] zero = new byte[48];
        Files.write(out, factory.quote(new SimulatedTdxQuoteFactory.TdFields(measurements.artifactDigest(),
            zero, zero, zero, List.of(zero, zero, zero, zero), reportDataBytes, false)));
        // Issued an hour ago, so a verifier whose clock is a little behind still accepts it.
        TdxCollateral tdx = factory.collateral(Instant.now().minus(Duration.ofHours(1)), Duration.ofDays(30));
        Files.createDirectories(collateral);
        Files.write(collateral.resolve("tcb-info.json"), tdx.tcbInfoJson());
        Files.write(collateral.resolve("qe-identity.json"), tdx.qeIdentityJson());
        writePem(collateral.resolve("tcb-signing-chain.pem"), tdx.tcbSigningChain().toArray(X509Certificate[]::new));
        verify = "--collateral " + Launcher.path(collateral) + " --data " + Launcher.path(data)
            + " --expected-measurement " + Hex.encode(measurements.artifactDigest());
      }
      case gpu -> {
        SimulatorHome home = SimulatorHome.open(data, Clock.systemUTC(), random);
        GpuEvidence evidence = SimulatedGpu.open(home, Clock.systemUTC(), random).attest(nonceBytes);
        Path chain = out.resolveSibling(out.getFileName() + ".chain.pem");
        Files.write(out, evidence.report());
        writePem(chain, evidence.chain().toArray(X509Certificate[]::new));
        verify = "--platform gpu --chain " + Launcher.path(chain) + " --data " + Launcher.path(data)
            + " --any-measurement";
      }
      default -> throw new IllegalStateException("unreachable: platform checked above");
    }
    stdout.println("wrote " + out + " (" + Files.size(out) + " bytes): SIMULATED " + Arguments.name(platform.platform)
        + " evidence; it proves nothing about hardware");
    stdout.println("verify with: " + Launcher.command() + " attest verify " + Launcher.path(out) + " --allow-simulated "
        + verify + " "
        + (nonce != null ? "--nonce " + nonce : reportData != null ? "--report-data " + reportData : "--no-freshness"));
    stdout.flush();
    return 0;
  }

  private void exactGpuNonce(byte[] value) {
    if (reportData != null) {
      throw new IllegalArgumentException("GPU evidence has no report data field: pass --nonce (32 bytes) instead");
    }
    if (value == null || value.length != SimulatedGpu.NONCE_BYTES) {
      throw new IllegalArgumentException("--nonce must be exactly " + SimulatedGpu.NONCE_BYTES
          + " bytes (64 hex digits) for gpu" + (value == null ? "" : ", got " + value.length + "; it is never padded"));
    }
  }

  private byte[] exactReportData(byte[] value) {
    if (nonce != null) {
      throw new IllegalArgumentException(Arguments.name(platform.platform)
          + " evidence has no nonce field: pass --report-data (64 bytes) instead");
    }
    if (value == null) {
      return new byte[REPORT_DATA_BYTES];
    }
    if (value.length != REPORT_DATA_BYTES) {
      throw new IllegalArgumentException("--report-data must be exactly " + REPORT_DATA_BYTES
          + " bytes (128 hex digits) for " + Arguments.name(platform.platform) + ", got " + value.length
          + "; it is never padded");
    }
    return value;
  }

  private static void writePem(Path file, X509Certificate... certificates) throws IOException {
    StringBuilder pem = new StringBuilder();
    try {
      for (X509Certificate certificate : certificates) {
        pem.append("-----BEGIN CERTIFICATE-----\n")
            .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded()))
            .append("\n-----END CERTIFICATE-----\n");
      }
    } catch (GeneralSecurityException e) {
      throw new IOException("a simulated certificate cannot be encoded", e);
    }
    Files.writeString(file, pem, StandardCharsets.US_ASCII);
  }
}
