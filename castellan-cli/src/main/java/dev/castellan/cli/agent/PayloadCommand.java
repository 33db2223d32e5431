package dev.castellan.cli.agent;

import dev.castellan.attestation.image.ImageHash;
import dev.castellan.attestation.composition.ServiceLeaf;
import dev.castellan.cli.PolicyOptions;
import dev.castellan.cli.Serving;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.signature.Secp256k1PrivateKey;
import dev.castellan.server.ServerConfig;
import dev.castellan.server.payload.PayloadService;
import dev.castellan.server.payload.ServiceKeyFile;
import dev.castellan.server.oracle.ApplicationMeasurement;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.ObjectMapper;

/** {@code castellan payload}: the example payload service, until Ctrl-C. */
@Command(
    name = "payload",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run the example payload service (docs/agent.md, \"Payload services\").",
      "",
      "GET /echo?nonce=HEX[&message=TEXT]  {service, message, nonce, time}",
      "GET /key                            {service, publicKey}",
      "",
      "Every response carries X-Service-Signature: its secp256k1 ECDSA",
      "signature (DER, hex) over SHA-256 of the body. The key is kept in --key",
      "(created on first run, mode 600). Prints the entry to add to the agent's",
      "configuration. Ctrl-C stops it.",
      ""
    })
public final class PayloadCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--name", paramLabel = "NAME", defaultValue = "echo",
      description = "The service's name in the agent's tree (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(names = "--key", paramLabel = "FILE",
      description = "Its signing key (default: <data>/payload/NAME.key, created on first run).")
  Path key;

  @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default: CASTELLAN_DATA, else ./castellan-data).")
  Path data;

  @Option(names = "--image", paramLabel = "HASH",
      description = "The service's image hash for the printed entry, in any form 'measure image' prints"
          + " (default: the SHA-256 of this build's measurement).")
  String image;

  @Option(names = "--port", paramLabel = "N", defaultValue = "8446", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--plain-http", description = "Serve plain HTTP instead of HTTPS.")
  boolean plainHttp;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ImageHash imageHash;
    try {
      ServiceLeaf.requireName(name);
      imageHash = image != null ? ImageHash.parse(image) : ImageHash.ofDigest(dev.castellan.core.hash.HashAlgorithm.SHA_256
          .hash(ApplicationMeasurement.ofRunningApplication().artifactDigest()));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Clock clock = Clock.systemUTC();
    SecureRandom random = new SecureRandom();
    Path dataDirectory = PolicyOptions.dataDirectory(data);
    Path keyFile = key != null ? key : dataDirectory.resolve("payload").resolve(name + ".key");
    Secp256k1PrivateKey signingKey = ServiceKeyFile.loadOrCreate(keyFile, random);
    ServerConfig server = Serving.config(spec, dataDirectory, port, bind, plainHttp);
    PayloadService service;
    try {
      service = PayloadService.start(server, name, signingKey, clock, random);
    } catch (java.net.BindException e) {
      throw Serving.portInUse(port, bind);
    }
    Map<String, String> entry = new LinkedHashMap<>();
    entry.put("name", name);
    entry.put("image", imageHash.sri());
    entry.put("publicKey", Hex.encode(service.publicKey()));
    entry.put("url", service.baseUrl());
    out.println("Castellan payload service " + name + " is up at " + service.baseUrl());
    out.println("  public key      " + Hex.encode(service.publicKey()) + "  (secp256k1, in " + keyFile + ")");
    out.println();
    out.println("Add it to the agent's configuration under \"services\":");
    out.println("  " + new ObjectMapper().writeValueAsString(entry));
    out.println("Press Ctrl-C to stop.");
    out.flush();
    Serving.untilStopped(service, err, "castellan payload: stopped");
    return 0;
  }
}
