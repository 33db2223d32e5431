package dev.castellan.authority.service;

import dev.castellan.authority.acl.Acl;
import dev.castellan.tokens.envelope.TokenIssueRequest;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One {@link PeerAcl} entry.
 *
 * @param name the peer's name in audit records (id grammar: 1..64 of {@code [A-Za-z0-9._@-]})
 * @param pattern which transport peer this is
 * @param types the message types it may exchange with the service ({@link PeerService}): the
 *     requests it may send to cryptod ({@code token_issue_req}, {@code totp_validate_req}), or the
 *     publication it may receive from entropyd ({@code entropy_pub})
 * @param subject the only {@code vm_id} it may request tokens for; required exactly when
 *     {@code types} has {@value TokenIssueRequest#TYPE}
 * @param audience the audience of the tokens it gets; the service's default when empty
 */
public record PeerEntry(String name, PeerPattern pattern, Set<String> types, Optional<String> subject, Optional<String> audience) {
  /** Every type an entry may name, of any service. */
  private static final Set<String> TYPES =
      EnumSet.allOf(PeerService.class).stream().flatMap(s -> s.types().stream()).collect(Collectors.toUnmodifiableSet());

  public PeerEntry {
    Objects.requireNonNull(pattern, "pattern");
    types = Set.copyOf(types);
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(audience, "audience");
    if (!Acl.validSubject(name)) {
      throw new IllegalArgumentException("a peer name is 1..64 characters of [A-Za-z0-9._@-]");
    }
    if (types.isEmpty() || !TYPES.containsAll(types)) {
      throw new IllegalArgumentException("types must be a non-empty subset of " + TYPES.stream().sorted().toList());
    }
    if (subject.isPresent() != types.contains(TokenIssueRequest.TYPE)) {
      throw new IllegalArgumentException("subject is required exactly when token_issue_req is allowed");
    }
    if (subject.isPresent() && !Acl.validSubject(subject.get())) {
      throw new IllegalArgumentException("a subject is 1..64 characters of [A-Za-z0-9._@-]");
    }
    if (audience.isPresent() && !Acl.validSubject(audience.get())) {
      throw new IllegalArgumentException("an audience is 1..64 characters of [A-Za-z0-9._@-]");
    }
  }

  /** Whether this peer may send (cryptod) or receive (entropyd) messages of {@code type}. */
  public boolean allows(String type) {
    return types.contains(type);
  }
}
