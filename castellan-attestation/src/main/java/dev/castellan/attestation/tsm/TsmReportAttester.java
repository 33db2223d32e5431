package dev.castellan.attestation.tsm;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Attester;
import dev.castellan.attestation.DeviceUnavailableException;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.SafeText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An SEV-SNP or TDX {@link Attester} over configfs-tsm. For each report it creates an entry
 * under the report directory, writes the 64-byte report data to {@code inblob} (and the
 * VMPL to {@code privlevel}, if configured), reads {@code outblob} (the SEV-SNP
 * ATTESTATION_REPORT or the TDX quote), checks that {@code generation} equals the number of
 * its own writes before and after (so another writer cannot slip a different request in),
 * and removes the entry.
 *
 * <p>Where the interface is absent (not a confidential guest, kernel before 6.7, configfs not
 * mounted) {@link #open} throws {@link DeviceUnavailableException} naming the directory.
 */
public final class TsmReportAttester implements Attester {
  /** Where configfs-tsm reports live when configfs is mounted at its usual place. */
  public static final Path DEFAULT_ROOT = Path.of("/sys/kernel/config/tsm/report");

  /** REPORT_DATA size of SEV-SNP and TDX. */
  public static final int REPORT_DATA_BYTES = 64;

  /** Largest outblob read: TDX quotes are about 5-8 KB; the kernel caps outblob at 32 KiB. */
  static final int MAX_OUTBLOB = 32 * 1024;

  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final Path root;
  private final TsmFiles files;
  private final Platform platform;
  private final OptionalInt privilegeLevel;

  private TsmReportAttester(Path root, TsmFiles files, Platform platform, OptionalInt privilegeLevel) {
    this.root = root;
    this.files = files;
    this.platform = platform;
    this.privilegeLevel = privilegeLevel;
  }

  /** The attester at {@link #DEFAULT_ROOT}. */
  public static TsmReportAttester open() throws DeviceUnavailableException {
    return open(DEFAULT_ROOT, OptionalInt.empty());
  }

  /**
   * The attester at {@code root}, optionally requesting reports at SEV-SNP VMPL {@code
   * privilegeLevel} (0..3).
   *
   * @throws DeviceUnavailableException if {@code root} is not a configfs-tsm report directory
   *     or its provider is neither {@code sev_guest} nor {@code tdx_guest}
   */
  public static TsmReportAttester open(Path root, OptionalInt privilegeLevel)
      throws DeviceUnavailableException {
    return open(root, privilegeLevel, TsmFiles.SYSTEM);
  }

  static TsmReportAttester open(Path root, OptionalInt privilegeLevel, TsmFiles files)
      throws DeviceUnavailableException {
    Objects.requireNonNull(privilegeLevel, "privilegeLevel");
    if (privilegeLevel.isPresent() && (privilegeLevel.getAsInt() < 0 || privilegeLevel.getAsInt() > 3)) {
      throw new IllegalArgumentException("privilege level must be 0..3");
    }
    if (!files.isDirectory(root)) {
      throw new DeviceUnavailableException("tsm.device",
          "configfs-tsm is not available: " + root + " does not exist (needs a SEV-SNP or TDX guest,"
              + " Linux 6.7+ and configfs mounted at /sys/kernel/config)");
    }
    Path probe = root.resolve(entryName());
    try {
      files.mkdir(probe);
      try {
        String provider = new String(files.read(probe.resolve("provider"), 64), StandardCharsets.US_ASCII).strip();
        return new TsmReportAttester(root, files, platform(provider), privilegeLevel);
      } finally {
        files.rmdir(probe);
      }
    } catch (IOException e) {
      throw new DeviceUnavailableException("tsm.device", "cannot use configfs-tsm at " + root, e);
    }
  }

  private static Platform platform(String provider) throws DeviceUnavailableException {
    return switch (provider) {
      case "sev_guest" -> Platform.SEV_SNP;
      case "tdx_guest" -> Platform.TDX;
      default -> throw new DeviceUnavailableException("tsm.device",
          "unsupported configfs-tsm provider " + SafeText.escape(provider), "sev_guest or tdx_guest", null);
    };
  }

  private static String entryName() {
    return String.format(Locale.ROOT, "castellan-%d-%d", ProcessHandle.current().pid(), SEQUENCE.incrementAndGet());
  }

  @Override
  public Platform platform() {
    return platform;
  }

  /**
   * A fresh report binding {@code challenge} as REPORT_DATA.
   *
   * @throws MalformedEvidenceException if {@code challenge} is not exactly 64 bytes
   * @throws DeviceUnavailableException if the kernel interface fails or another writer
   *     changed the request
   */
  @Override
  public Evidence attest(byte[] challenge) throws AttestationException {
    return report(challenge).evidence();
  }

  /**
   * {@link #attest} that also returns the {@code auxblob} (for SEV-SNP the host's certificate
   * table, which spares the verifier a trip to AMD's KDS).
   */
  public TsmReport report(byte[] challenge) throws AttestationException {
    if (challenge.length != REPORT_DATA_BYTES) {
      throw new MalformedEvidenceException("tsm.report-data", "report data must be exactly 64 bytes",
          REPORT_DATA_BYTES + " bytes", challenge.length + " bytes");
    }
    Path entry = root.resolve(entryName());
    try {
      files.mkdir(entry);
      try {
        int writes = 0;
        if (privilegeLevel.isPresent()) {
          files.write(entry.resolve("privlevel"), Integer.toString(privilegeLevel.getAsInt()).getBytes(StandardCharsets.US_ASCII));
          writes++;
        }
        files.write(entry.resolve("inblob"), challenge.clone());
        writes++;
        checkGeneration(entry, writes);
        byte[] outblob = files.read(entry.resolve("outblob"), MAX_OUTBLOB);
        Optional<ByteString> auxblob = readOptional(entry.resolve("auxblob"));
        checkGeneration(entry, writes);
        return new TsmReport(Evidence.of(platform, outblob), auxblob);
      } finally {
        files.rmdir(entry);
      }
    } catch (IOException e) {
      throw new DeviceUnavailableException("tsm.io", "configfs-tsm report request failed at " + entry, e);
    }
  }

  /** auxblob is absent or empty when the host supplied nothing. */
  private Optional<ByteString> readOptional(Path attribute) {
    try {
      byte[] data = files.read(attribute, MAX_OUTBLOB);
      return data.length == 0 ? Optional.empty() : Optional.of(ByteString.of(data));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private void checkGeneration(Path entry, int expected) throws IOException, DeviceUnavailableException {
    String text = new String(files.read(entry.resolve("generation"), 32), StandardCharsets.US_ASCII).strip();
    long generation;
    try {
      generation = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new DeviceUnavailableException("tsm.generation", "generation is not a number");
    }
    if (generation != expected) {
      throw new DeviceUnavailableException("tsm.generation",
          "another writer changed the report request", Integer.toString(expected), Long.toString(generation));
    }
  }

  @Override
  public String toString() {
    return "TsmReportAttester[" + root + ", " + platform + "]";
  }
}
