package dev.castellan.attestation.tpm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A TPMS_ATTEST of type TPM_ST_ATTEST_QUOTE (TPM 2.0 Library Part 2, 10.12.12 and 10.12.1):
 * magic, type, qualifiedSigner, extraData (the verifier's nonce), clockInfo, firmwareVersion,
 * and the TPMS_QUOTE_INFO (PCR selection and pcrDigest). Parsing is strict: the structure
 * must fill the input exactly. Parsing verifies nothing.
 */
public final class TpmsAttest {
  /** TPM_GENERATED_VALUE. */
  public static final long MAGIC = 0xff544347L;
  /** TPM_ST_ATTEST_QUOTE. */
  public static final int ATTEST_QUOTE = 0x8018;
  /** A quote is a few hundred bytes; 4 KiB bounds the parse. */
  public static final int MAX_SIZE = 4096;

  /** One TPMS_PCR_SELECTION: a bank and its selected PCR indices in ascending order. */
  public record PcrSelection(int hashAlg, List<Integer> pcrs) {
    public PcrSelection {
      pcrs = List.copyOf(pcrs);
    }
  }

  private final byte[] encoded;
  private final byte[] qualifiedSigner;
  private final byte[] extraData;
  private final long clock;
  private final long resetCount;
  private final long restartCount;
  private final boolean safe;
  private final long firmwareVersion;
  private final List<PcrSelection> selections;
  private final byte[] pcrDigest;

  private TpmsAttest(byte[] encoded, byte[] qualifiedSigner, byte[] extraData, long clock,
      long resetCount, long restartCount, boolean safe, long firmwareVersion,
      List<PcrSelection> selections, byte[] pcrDigest) {
    this.encoded = encoded;
    this.qualifiedSigner = qualifiedSigner;
    this.extraData = extraData;
    this.clock = clock;
    this.resetCount = resetCount;
    this.restartCount = restartCount;
    this.safe = safe;
    this.firmwareVersion = firmwareVersion;
    this.selections = selections;
    this.pcrDigest = pcrDigest;
  }

  /** Parses exactly {@code bytes}. */
  public static TpmsAttest parse(byte[] bytes) throws TpmException {
    BeReader in = new BeReader(bytes);
    TpmsAttest attest = read(in);
    in.end("TPMS_ATTEST");
    return attest;
  }

  /** Reads one TPMS_ATTEST from {@code in}, leaving the cursor after it. */
  static TpmsAttest read(BeReader in) throws TpmException {
    int start = in.position();
    if (in.u32("magic") != MAGIC) {
      throw new TpmException("not a TPM-generated structure (magic is not TPM_GENERATED_VALUE)");
    }
    if (in.u16("type") != ATTEST_QUOTE) {
      throw new TpmException("TPMS_ATTEST is not a quote (type is not TPM_ST_ATTEST_QUOTE)");
    }
    byte[] signer = in.tpm2b("qualifiedSigner");
    byte[] extraData = in.tpm2b("extraData");
    if (extraData.length > 64) {
      throw new TpmException("extraData is longer than 64 bytes");
    }
    long clock = in.u64("clock");
    long resetCount = in.u32("resetCount");
    long restartCount = in.u32("restartCount");
    int safe = in.u8("safe");
    if (safe > 1) {
      throw new TpmException("clockInfo.safe is not a TPMI_YES_NO");
    }
    long firmware = in.u64("firmwareVersion");
    long count = in.u32("pcrSelect count");
    if (count > 16) {
      throw new TpmException("too many PCR selections");
    }
    List<PcrSelection> selections = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int hashAlg = in.u16("pcrSelect hash");
      TpmHash.of(hashAlg);
      int size = in.u8("sizeofSelect");
      if (size > 8) {
        throw new TpmException("PCR select bitmap longer than 8 bytes");
      }
      byte[] bitmap = in.bytes(size, "pcrSelect");
      List<Integer> pcrs = new ArrayList<>();
      for (int bit = 0; bit < size * 8; bit++) {
        if ((bitmap[bit / 8] >> (bit % 8) & 1) != 0) {
          pcrs.add(bit);
        }
      }
      selections.add(new PcrSelection(hashAlg, pcrs));
    }
    byte[] pcrDigest = in.tpm2b("pcrDigest");
    byte[] encoded = Arrays.copyOfRange(in.bytesView(), start, in.position());
    return new TpmsAttest(encoded, signer, extraData, clock, resetCount, restartCount, safe == 1,
        firmware, List.copyOf(selections), pcrDigest);
  }

  /** The encoded structure, exactly as signed. */
  public byte[] encoded() {
    return encoded.clone();
  }

  public byte[] qualifiedSigner() {
    return qualifiedSigner.clone();
  }

  /** extraData: the qualifying data (nonce) the verifier supplied. */
  public byte[] extraData() {
    return extraData.clone();
  }

  public long clock() {
    return clock;
  }

  public long resetCount() {
    return resetCount;
  }

  public long restartCount() {
    return restartCount;
  }

  public boolean safe() {
    return safe;
  }

  public long firmwareVersion() {
    return firmwareVersion;
  }

  /** The PCR selections in quote order. */
  public List<PcrSelection> selections() {
    return selections;
  }

  /** Number of PCR values the selection covers (all banks). */
  public int selectedCount() {
    return selections.stream().mapToInt(s -> s.pcrs().size()).sum();
  }

  public byte[] pcrDigest() {
    return pcrDigest.clone();
  }
}
