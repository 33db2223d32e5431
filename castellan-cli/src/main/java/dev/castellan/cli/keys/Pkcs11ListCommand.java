package dev.castellan.cli.keys;

import dev.castellan.core.bytes.Hex;
import dev.castellan.keys.pkcs11.Pkcs11Exception;
import dev.castellan.keys.pkcs11.Pkcs11Object;
import dev.castellan.keys.pkcs11.Pkcs11Token;
import dev.castellan.keys.pkcs11.Pkcs11Uri;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code castellan keys pkcs11 list}: the token's objects, never private material. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = {"List the token's objects (never private material).",
        "One line each: class, key type, SHA-256 fingerprint of the public key",
        "(SubjectPublicKeyInfo DER), protection flags of private and secret keys,",
        "the object's URI. Private objects only when the URI names a PIN."})
final class Pkcs11ListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--uri", required = true, paramLabel = "URI", converter = Pkcs11UriConverter.class,
      description = "pkcs11:token=T?module-path=/path/module.so[&pin-source=file:/path/pin]")
  Pkcs11Uri uri;

  @Option(names = "--json", description = "Print JSON: {token, loggedIn, objects: [{uri, class, type, label, id, fingerprint, protection}]}.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (Pkcs11Token token = Pkcs11Cli.token(uri)) {
      List<Pkcs11Object> objects = token.objects();
      if (json) {
        ObjectNode root = new ObjectMapper().createObjectNode().put("token", token.label()).put("loggedIn", token.loggedIn());
        ArrayNode array = root.putArray("objects");
        objects.forEach(o -> json(array.addObject(), o));
        out.println(root);
      } else {
        for (Pkcs11Object o : objects) {
          out.println(String.format(Locale.ROOT, "%-10s %-10s %-71s %s %s", o.type().value(),
              o.keyType().isEmpty() ? "-" : o.keyType(), o.fingerprint().orElse("-"),
              o.protection().map(Pkcs11Object.Protection::flags).orElse("-"), o.uri().format()));
        }
        if (!token.loggedIn()) {
          spec.commandLine().getErr().println("castellan keys pkcs11 list: no PIN in the URI: private objects are not listed");
        }
      }
    } catch (Pkcs11Exception e) {
      throw Pkcs11Cli.error(e);
    }
    out.flush();
    return 0;
  }

  static ObjectNode json(ObjectNode node, Pkcs11Object o) {
    node.put("uri", o.uri().format()).put("class", o.type().value()).put("type", o.keyType())
        .put("label", o.label()).put("id", Hex.encode(o.id())).put("fingerprint", o.fingerprint().orElse(null));
    o.protection().ifPresentOrElse(p -> node.put("protection", p.flags()), () -> node.putNull("protection"));
    return node;
  }
}
