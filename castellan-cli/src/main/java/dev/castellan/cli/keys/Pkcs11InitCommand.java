package dev.castellan.cli.keys;

import dev.castellan.keys.pkcs11.Pkcs11Exception;
import dev.castellan.keys.pkcs11.Pkcs11KeyType;
import dev.castellan.keys.pkcs11.Pkcs11Object;
import dev.castellan.keys.pkcs11.Pkcs11Token;
import dev.castellan.keys.pkcs11.Pkcs11Uri;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.ObjectMapper;

/** {@code castellan keys pkcs11 init}: a key pair generated inside the token. */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = {"Generate a key pair inside the token.",
        "Token objects; the private key sensitive, never extractable, signing only;",
        "labelled object= and identified by id= (16 random bytes when the URI has",
        "none). Prints the key's URI (for --signer and sign), then its public key as",
        "a PEM SubjectPublicKeyInfo (for openssl -pubin)."})
final class Pkcs11InitCommand implements Callable<Integer> {
  /** CKA_ID of a key whose URI gives none: random, so two keys never share one by accident. */
  private static final int ID_BYTES = 16;

  @Spec CommandSpec spec;

  @Option(names = "--uri", required = true, paramLabel = "URI", converter = Pkcs11UriConverter.class,
      description = "pkcs11:token=T;object=LABEL[;id=%XX]?module-path=/path/module.so&pin-source=file:/path/pin")
  Pkcs11Uri uri;

  @Option(names = "--type", required = true, paramLabel = "TYPE", description = "p256 (ECDSA P-256) or ed25519.")
  String type;

  @Option(names = "--public-key-out", paramLabel = "FILE", description = "Also write the public key (PEM) to FILE.")
  Path publicKeyOut;

  @Option(names = "--json", description = "Print JSON: {uri, type, label, id, fingerprint, protection, publicKey}.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Pkcs11KeyType keyType = Pkcs11KeyType.of(type).orElseThrow(() ->
        new CommandLine.ParameterException(spec.commandLine(), "--type must be p256 or ed25519, got '" + type.replaceAll("[^ -~]", "?") + "'"));
    String label = uri.object().orElseThrow(() ->
        new CommandLine.ParameterException(spec.commandLine(), "--uri must name the new key's label with object=LABEL"));
    if (uri.type().isPresent() && uri.type().get() != Pkcs11Uri.ObjectType.PRIVATE) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--uri names a key pair: type= must be private or absent");
    }
    byte[] id = uri.id().orElseGet(() -> {
      byte[] random = new byte[ID_BYTES];
      new SecureRandom().nextBytes(random);
      return random;
    });
    Pkcs11Object key;
    try (Pkcs11Token token = Pkcs11Cli.token(uri)) {
      key = token.generateKeyPair(keyType, label, id);
    } catch (Pkcs11Exception e) {
      throw Pkcs11Cli.error(e);
    }
    String pem = key.publicKeyPem().orElseThrow();
    if (publicKeyOut != null) {
      Files.writeString(publicKeyOut, pem);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Pkcs11ListCommand.json(new ObjectMapper().createObjectNode(), key).put("publicKey", pem));
    } else {
      out.println(key.uri().format());
      out.print(pem);
    }
    out.flush();
    return 0;
  }

}
