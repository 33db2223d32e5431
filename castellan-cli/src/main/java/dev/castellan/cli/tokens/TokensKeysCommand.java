package dev.castellan.cli.tokens;

import dev.castellan.tokens.KeySet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.ObjectMapper;

/** {@code castellan tokens keys}: the authority's signed key set, and how far it is trusted. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = {
      "Print the token authority's key set.",
      "",
      "DIR/authority/keyset.cbor: issuer, version,",
      "and each key's id, algorithm and validity. Public material; nothing is unsealed.",
      "Without --kid it is only checked to be signed by its own active key."
    })
public final class TokensKeysCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default: $CASTELLAN_DATA, else ./castellan-data).")
  Path data;

  @Option(names = "--kid", paramLabel = "HEX", description = "Pin the active key id (64 hex digits): refuse any other key set.")
  String kid;

  @Option(names = "--json", description = "Print JSON: {issuer, version, issuedAt, pinned, activeKeyId, keys: [...]}.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    KeySetFile file = KeySetFile.read(data, kid);
    KeySet set = file.keySet();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("issuer", set.issuer());
      view.put("version", set.version());
      view.put("issuedAt", set.issuedAt().toString());
      view.put("pinned", file.pinned());
      view.put("activeKeyId", set.activeKeyId().toString());
      List<Map<String, Object>> keys = set.entries().stream().map(e -> {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("kid", e.keyId().toString());
        key.put("algorithm", e.key().algorithm().name());
        key.put("notBefore", e.notBefore().toString());
        key.put("notAfter", e.notAfter().map(Object::toString).orElse(null));
        return key;
      }).toList();
      view.put("keys", keys);
      out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(view));
    } else {
      out.println("key set      " + file.file());
      out.println("  issuer     " + set.issuer());
      out.println("  version    " + set.version() + ", issued " + set.issuedAt());
      out.println("  trust      " + file.trust());
      for (KeySet.Entry entry : set.entries()) {
        boolean active = entry.keyId().equals(set.activeKeyId());
        out.println((active ? "  ACTIVE     " : "  previous   ") + entry.keyId() + "  " + entry.key().algorithm().name()
            + "  from " + entry.notBefore() + entry.notAfter().map(t -> " until " + t).orElse(""));
      }
    }
    out.flush();
    return 0;
  }
}
