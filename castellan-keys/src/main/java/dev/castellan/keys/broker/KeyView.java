package dev.castellan.keys.broker;

/**
 * What anyone may know about a key (its public description): the policy's exact bytes and
 * digest, whether it is locked, and its generation. Never the key material.
 */
public record KeyView(String keyId, byte[] policy, byte[] policyDigest, boolean locked, long generation) {
  public KeyView {
    policy = policy.clone();
    policyDigest = policyDigest.clone();
  }

  @Override
  public byte[] policy() {
    return policy.clone();
  }

  @Override
  public byte[] policyDigest() {
    return policyDigest.clone();
  }
}
