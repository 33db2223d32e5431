package dev.castellan.log;

import dev.castellan.log.checkpoint.SignedCheckpoint;
import java.util.List;

/**
 * Everything a client needs to check an append offline: the record's index and CID, a signed
 * checkpoint that covers it, and the inclusion proof of the record against that checkpoint.
 */
public record AppendReceipt(AppendResult result, SignedCheckpoint checkpoint, List<byte[]> inclusionProof) {
  public AppendReceipt {
    inclusionProof = List.copyOf(inclusionProof);
  }
}
