package dev.castellan.cli.keys;

import dev.castellan.cli.InputFile;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.hash.HashAlgorithm;
import dev.castellan.keys.pkcs11.Pkcs11Exception;
import dev.castellan.keys.pkcs11.Pkcs11Signer;
import dev.castellan.keys.pkcs11.Pkcs11Uri;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.ObjectMapper;

/** {@code castellan keys pkcs11 sign}: a file's bytes signed in the token. */
@Command(name = "sign", mixinStandardHelpOptions = true,
    description = {"Sign a file's bytes with a key in the token.",
        "P-256 writes DER: openssl dgst -sha256 -verify pub.pem -signature SIG FILE",
        "Ed25519 writes 64 bytes:",
        "  openssl pkeyutl -verify -pubin -inkey pub.pem -rawin -in FILE -sigfile SIG"})
final class Pkcs11SignCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--uri", required = true, paramLabel = "URI", converter = Pkcs11UriConverter.class,
      description = "pkcs11:token=T;object=LABEL[;id=%XX]?module-path=/path/module.so&pin-source=file:/path/pin")
  Pkcs11Uri uri;

  @Option(names = "--in", required = true, paramLabel = "FILE", description = "The data to sign (at most 16 MiB).")
  Path in;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the signature.")
  Path signatureOut;

  @Option(names = "--public-key-out", paramLabel = "FILE", description = "Also write the public key (PEM) to FILE.")
  Path publicKeyOut;

  @Option(names = "--json", description = "Print JSON: {out, bytes, type, uri, fingerprint}.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    byte[] data = InputFile.read("data file", in, Pkcs11Signer.MAX_DATA_BYTES);
    byte[] signature;
    String fingerprint;
    String description;
    Pkcs11Uri keyUri;
    String type;
    try (Pkcs11Signer signer = Pkcs11Cli.signer(uri)) {
      signature = signer.sign(data);
      fingerprint = "sha256:" + Hex.encode(HashAlgorithm.SHA_256.hash(signer.publicKeyInfo()));
      description = signer.keyType().signatureDescription();
      keyUri = signer.uri();
      type = signer.keyType().id();
      if (publicKeyOut != null) {
        Files.writeString(publicKeyOut, signer.publicKeyPem());
      }
    } catch (Pkcs11Exception e) {
      throw Pkcs11Cli.error(e);
    }
    Files.write(signatureOut, signature);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(new ObjectMapper().createObjectNode().put("out", signatureOut.toString()).put("bytes", signature.length)
          .put("type", type).put("uri", keyUri.format()).put("fingerprint", fingerprint));
    } else {
      out.println(signatureOut + ": " + signature.length + "-byte " + description + " signature by " + keyUri.format());
    }
    out.flush();
    return 0;
  }
}
