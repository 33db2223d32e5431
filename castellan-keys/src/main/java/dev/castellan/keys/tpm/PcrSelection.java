package dev.castellan.keys.tpm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A set of SHA-256 PCRs (indices 0..23, the PC Client profile's 24 PCRs), in ascending order:
 * the order in which TPM2_PolicyPCR and TPM2_PCR_Read concatenate their values.
 */
public record PcrSelection(List<Integer> indices) {
  /** PCRs of a PC Client TPM: 0..23. */
  public static final int PCR_COUNT = 24;
  /** TPMS_PCR_SELECTION.sizeofSelect for 24 PCRs: 3 bytes, bit n of byte n/8 selects PCR n. */
  public static final int SELECT_BYTES = 3;

  public PcrSelection {
    List<Integer> sorted = indices.stream().sorted().distinct().toList();
    if (sorted.isEmpty() || sorted.size() != indices.size()
        || sorted.getFirst() < 0 || sorted.getLast() >= PCR_COUNT) {
      throw new IllegalArgumentException("a PCR selection lists distinct PCR indices 0..23, at least one");
    }
    indices = sorted;
  }

  public static PcrSelection of(Integer... indices) {
    return new PcrSelection(List.of(indices));
  }

  /** Parses {@code "0,2,4,7"}: decimal PCR indices separated by commas. */
  public static PcrSelection parse(String text) {
    if (text.length() > 3 * PCR_COUNT) {
      throw new IllegalArgumentException("a PCR list is at most 24 indices 0..23, e.g. 0,7");
    }
    List<Integer> indices = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      if (!part.strip().matches("[0-9]{1,2}")) {
        throw new IllegalArgumentException("a PCR list is indices 0..23 separated by commas, e.g. 0,7");
      }
      indices.add(Integer.parseInt(part.strip()));
    }
    return new PcrSelection(indices);
  }

  /** The selection from its TPMS_PCR_SELECTION bitmap ({@link #SELECT_BYTES} bytes). */
  public static PcrSelection fromBitmap(byte[] select) {
    if (select.length != SELECT_BYTES) {
      throw new IllegalArgumentException("a PCR bitmap is 3 bytes");
    }
    List<Integer> indices = new ArrayList<>();
    for (int pcr = 0; pcr < PCR_COUNT; pcr++) {
      if ((select[pcr / 8] & (1 << (pcr % 8))) != 0) {
        indices.add(pcr);
      }
    }
    return new PcrSelection(indices);
  }

  /** TPMS_PCR_SELECTION.pcrSelect (TPM 2.0 Library Part 2, 10.6.2). */
  public byte[] bitmap() {
    byte[] select = new byte[SELECT_BYTES];
    for (int pcr : indices) {
      select[pcr / 8] |= (byte) (1 << (pcr % 8));
    }
    return select;
  }

  public int size() {
    return indices.size();
  }

  /** The tpm2-tools PCR list, {@code sha256:0,7}. */
  public String toolArgument() {
    return "sha256:" + this;
  }

  /** {@code 0,7}. */
  @Override
  public String toString() {
    return indices.stream().map(i -> String.format(Locale.ROOT, "%d", i)).collect(Collectors.joining(","));
  }
}
