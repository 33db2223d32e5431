package dev.castellan.authority.service;

import dev.castellan.tokens.envelope.EntropyPublication;
import dev.castellan.tokens.envelope.TokenIssueRequest;
import dev.castellan.tokens.envelope.TotpValidateRequest;
import java.util.List;
import java.util.Set;

/**
 * Which service a {@link PeerAcl} is for, and so which message types its entries may name. The
 * file format is the same for both (docs/authority.md): only the vocabulary of {@code types}
 * differs.
 */
public enum PeerService {
  /** cryptod: {@code types} are the requests the peer may send; an entry may name an audience. */
  CRYPTOD(List.of(TokenIssueRequest.TYPE, TotpValidateRequest.TYPE), true),
  /**
   * entropyd: {@code types} is {@value EntropyPublication#TYPE}, the one publication the peer
   * may receive (the channel is one-directional); no subject, no audience.
   */
  ENTROPYD(List.of(EntropyPublication.TYPE), false);

  private final List<String> types;
  private final boolean audience;

  PeerService(List<String> types, boolean audience) {
    this.types = types;
    this.audience = audience;
  }

  /** The message types an entry for this service may list. */
  public Set<String> types() {
    return Set.copyOf(types);
  }

  /** The types, in their documented order, for messages. */
  String typeList() {
    return String.join(", ", types);
  }

  /** Refuses an entry that names another service's types, or an audience where there is none. */
  void check(PeerEntry entry, String at) throws PeerAclFormatException {
    if (!types.containsAll(entry.types())) {
      throw new PeerAclFormatException(at + ".types", "must be among " + typeList() + " for " + this);
    }
    if (!audience && entry.audience().isPresent()) {
      throw new PeerAclFormatException(at + ".audience", "is not a member of " + this + "'s entries");
    }
  }

  /** {@code cryptod}, {@code entropyd}: the seed's names. */
  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
