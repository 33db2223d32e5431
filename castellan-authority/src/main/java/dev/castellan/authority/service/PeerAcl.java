package dev.castellan.authority.service;

import dev.castellan.authority.internal.StrictJson;

import dev.castellan.transport.PeerIdentity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which transport peer may send which request type to {@link Cryptod} (seed 004's Xen domain
 * configs: "ACL by DomIDs"). Deny by default: a peer that no entry names, or a type its entry
 * does not list, is refused.
 *
 * <p>File ({@link #fromJson}, docs/authority.md "The service (cryptod)"):
 * <pre>{@code
 * {"version": 1, "peers": [
 *   {"name": "policy-pd", "unix": {"uid": 1000}, "types": ["token_issue_req"], "subject": "vm-7"},
 *   {"name": "unlocker", "tls": {"spkiSha256": "<64 hex>"}, "types": ["totp_validate_req"],
 *    "audience": "luks"}]}
 * }</pre>
 * An entry with {@code token_issue_req} MUST bind a {@code subject}: the peer may ask for
 * tokens for that subject only, so one VM cannot ask for another's capabilities.
 *
 * <p>entropyd's allowlist is the same format for {@link PeerService#ENTROPYD} ({@link
 * #fromFile(Path, PeerService)}): each entry's {@code types} is {@code ["entropy_pub"]}, with no
 * {@code subject} and no {@code audience}.
 */
public final class PeerAcl {
  /** Most entries in one file. */
  public static final int MAX_PEERS = 256;
  /** Largest file: 64 KiB, far more than {@value #MAX_PEERS} entries need. */
  public static final int MAX_BYTES = 64 * 1024;

  private final PeerService service;
  private final List<PeerEntry> entries;

  PeerAcl(PeerService service, List<PeerEntry> entries) throws PeerAclFormatException {
    this.service = Objects.requireNonNull(service, "service");
    if (entries.size() > MAX_PEERS) {
      throw new PeerAclFormatException("peers", "at most " + MAX_PEERS + " entries");
    }
    Set<String> names = new HashSet<>();
    Set<PeerPattern> patterns = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      service.check(entries.get(i), "peers[" + i + "]");
      if (!names.add(entries.get(i).name())) {
        throw new PeerAclFormatException("peers[" + i + "].name", "names an entry twice");
      }
      if (!patterns.add(entries.get(i).pattern())) {
        throw new PeerAclFormatException("peers[" + i + "]", "names the same peer as an earlier entry");
      }
    }
    this.entries = List.copyOf(entries);
  }

  /** cryptod's ACL of these entries (names and peers distinct). */
  public static PeerAcl of(List<PeerEntry> entries) throws PeerAclFormatException {
    return of(PeerService.CRYPTOD, entries);
  }

  /** {@code service}'s ACL of these entries (names and peers distinct, types the service's). */
  public static PeerAcl of(PeerService service, List<PeerEntry> entries) throws PeerAclFormatException {
    return new PeerAcl(service, new ArrayList<>(entries));
  }

  /** Reads cryptod's ACL from {@code file} (at most {@value #MAX_BYTES} bytes). */
  public static PeerAcl fromFile(Path file) throws IOException, PeerAclFormatException {
    return fromFile(file, PeerService.CRYPTOD);
  }

  /** Reads {@code service}'s ACL from {@code file} (at most {@value #MAX_BYTES} bytes). */
  public static PeerAcl fromFile(Path file, PeerService service) throws IOException, PeerAclFormatException {
    return fromJson(StrictJson.readFile(file, MAX_BYTES, PeerAclFormatException::new), service);
  }

  /** Parses cryptod's ACL in the format above; strict (see {@link PeerAclParser}). */
  public static PeerAcl fromJson(byte[] json) throws PeerAclFormatException {
    return fromJson(json, PeerService.CRYPTOD);
  }

  /** Parses {@code service}'s ACL in the format above; strict (see {@link PeerAclParser}). */
  public static PeerAcl fromJson(byte[] json, PeerService service) throws PeerAclFormatException {
    return new PeerAcl(service, PeerAclParser.parse(json, service));
  }

  /** The service whose peers this names. */
  public PeerService service() {
    return service;
  }

  /** The entry naming {@code peer}, if any. */
  public Optional<PeerEntry> lookup(PeerIdentity peer) {
    return entries.stream().filter(e -> e.pattern().matches(peer)).findFirst();
  }

  public List<PeerEntry> entries() {
    return entries;
  }
}
