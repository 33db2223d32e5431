package dev.castellan.authority.service;

import dev.castellan.authority.internal.StrictJson;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Strict reading of the {@link PeerAcl} file: at most {@value PeerAcl#MAX_BYTES} bytes, no
 * duplicate keys, no trailing data, no unknown members, every value checked. Errors give the
 * JSON path and never echo the bad value.
 */
final class PeerAclParser {
  private static final long U32_MAX = 0xFFFF_FFFFL;

  private PeerAclParser() {}

  static List<PeerEntry> parse(byte[] json, PeerService service) throws PeerAclFormatException {
    JsonNode root = StrictJson.read(json, PeerAcl.MAX_BYTES, PeerAclFormatException::new);
    only(root, "$", Set.of("version", "peers"));
    StrictJson.requireVersion(root, PeerAclFormatException::new);
    JsonNode peers = root.get("peers");
    if (peers == null || !peers.isArray()) {
      throw new PeerAclFormatException("peers", "must be an array of entries");
    }
    if (peers.size() > PeerAcl.MAX_PEERS) {
      throw new PeerAclFormatException("peers", "at most " + PeerAcl.MAX_PEERS + " entries");
    }
    List<PeerEntry> entries = new ArrayList<>();
    for (int i = 0; i < peers.size(); i++) {
      entries.add(entry(peers.get(i), "peers[" + i + "]", service));
    }
    return entries;
  }

  private static PeerEntry entry(JsonNode node, String at, PeerService service) throws PeerAclFormatException {
    only(node, at, Set.of("name", "unix", "tls", "vsock", "types", "subject", "audience"));
    String name = text(node, at, "name").orElseThrow(() -> new PeerAclFormatException(at + ".name", "is required"));
    List<PeerPattern> patterns = new ArrayList<>();
    if (node.has("unix")) {
      only(node.get("unix"), at + ".unix", Set.of("uid"));
      patterns.add(new PeerPattern.Unix(u32(node.get("unix"), at + ".unix", "uid")));
    }
    if (node.has("tls")) {
      only(node.get("tls"), at + ".tls", Set.of("spkiSha256"));
      String spki = text(node.get("tls"), at + ".tls", "spkiSha256").orElse("");
      if (!spki.matches("[0-9a-f]{64}")) {
        throw new PeerAclFormatException(at + ".tls.spkiSha256", "must be 64 lowercase hex digits");
      }
      patterns.add(new PeerPattern.Tls(spki));
    }
    if (node.has("vsock")) {
      only(node.get("vsock"), at + ".vsock", Set.of("cid"));
      patterns.add(new PeerPattern.Vsock(u32(node.get("vsock"), at + ".vsock", "cid")));
    }
    if (patterns.size() != 1) {
      throw new PeerAclFormatException(at, "must name exactly one of unix, tls, vsock");
    }
    try {
      return new PeerEntry(name, patterns.get(0), types(node.get("types"), at + ".types", service),
          text(node, at, "subject"), text(node, at, "audience"));
    } catch (IllegalArgumentException e) {
      throw new PeerAclFormatException(at, e.getMessage());
    }
  }

  private static Set<String> types(JsonNode list, String at, PeerService service) throws PeerAclFormatException {
    if (list == null || !list.isArray() || list.isEmpty() || list.size() > service.types().size()) {
      throw new PeerAclFormatException(at, "must be a non-empty array of " + service + " message types");
    }
    Set<String> types = new LinkedHashSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode item = list.get(i);
      if (!item.isString() || !service.types().contains(item.stringValue())) {
        throw new PeerAclFormatException(at + "[" + i + "]", "must be one of " + service.typeList());
      }
      if (!types.add(item.stringValue())) {
        throw new PeerAclFormatException(at + "[" + i + "]", "type listed twice");
      }
    }
    return types;
  }

  private static Optional<String> text(JsonNode node, String at, String member) throws PeerAclFormatException {
    JsonNode value = node.get(member);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isString() || value.stringValue().length() > 64) {
      throw new PeerAclFormatException(at + "." + member, "must be a string of at most 64 characters");
    }
    return Optional.of(value.stringValue());
  }

  private static long u32(JsonNode node, String at, String member) throws PeerAclFormatException {
    JsonNode value = node.get(member);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()
        || value.longValue() < 0 || value.longValue() > U32_MAX) {
      throw new PeerAclFormatException(at + "." + member, "must be an integer 0..4294967295");
    }
    return value.longValue();
  }

  private static void only(JsonNode node, String at, Set<String> members) throws PeerAclFormatException {
    StrictJson.allowOnly(node, at, members, PeerAclFormatException::new);
  }
}
