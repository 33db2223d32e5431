package dev.castellan.cli.unlock;

import dev.castellan.authority.LocalAuthority;
import dev.castellan.authority.service.EphemeralKey;
import dev.castellan.cli.CliException;
import dev.castellan.cli.DataDirectory;
import dev.castellan.cli.ErrorKind;
import dev.castellan.cli.tokens.KeySetFile;
import dev.castellan.cli.tokens.TcpAddress;
import dev.castellan.cli.tokens.TlsOptions;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.cbor.CborBytes;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.hash.HashAlgorithm;
import dev.castellan.core.hpke.Hpke;
import dev.castellan.core.hpke.HpkeKem;
import dev.castellan.core.hpke.HpkePrivateKey;
import dev.castellan.keys.SealedFile;
import dev.castellan.tokens.KeySet;
import dev.castellan.tokens.VerifierOptions;
import dev.castellan.tokens.envelope.ByteString;
import dev.castellan.tokens.envelope.Envelope;
import dev.castellan.tokens.envelope.EnvelopeCodec;
import dev.castellan.tokens.envelope.EnvelopeSignatures;
import dev.castellan.tokens.envelope.TotpValidateRequest;
import dev.castellan.tokens.envelope.TotpValidateResponse;
import dev.castellan.transport.FramedConnection;
import dev.castellan.transport.TransportOptions;
import dev.castellan.transport.UnixTransport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code castellan unlock}: the operator console (seed 004's unlocker). It asks for the
 * operator's TOTP code, sends {@code totp_validate_req} to cryptod with a fresh ephemeral
 * X25519 public key, checks the signed answer against the authority's key set, and shows the
 * result: the capability token (written to a new 0600 file) and the ephemeral key it opened
 * (shown by fingerprint only). The code is never echoed, logged or kept.
 */
@Command(
    name = "unlock",
    mixinStandardHelpOptions = true,
    description = {
      "The operator console: a TOTP code in, a capability token out.",
      "",
      "It prompts for the TOTP code, asks the token authority (cryptod, see",
      "'castellan tokens serve') for a capability, checks its signed answer and shows the result.",
      "The code is read without echo (or from standard input when it is not a terminal)."
    })
public final class UnlockCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--operator", paramLabel = "NAME", required = true, description = "The operator's id.")
  String operator;

  @Option(names = "--device", paramLabel = "NAME", defaultValue = "console",
      description = "This console's name, recorded in the audit log (default: ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--data", paramLabel = "DIR", description = "Data directory of the authority (default: $CASTELLAN_DATA, else ./castellan-data).")
  Path data;

  @Option(names = "--kid", paramLabel = "HEX", description = "Pin the authority's active key id (see 'castellan tokens keys').")
  String kid;

  @Option(names = "--socket", paramLabel = "PATH", description = "cryptod's socket (default: DIR/authority/cryptod.sock).")
  Path socket;

  @Option(names = "--out", paramLabel = "FILE", description = "Where to write the capability token (created 0600; default: print it).")
  Path out;

  @Option(names = "--tcp", paramLabel = "HOST:PORT", description = "Reach cryptod over TCP with mutual TLS instead of its socket.")
  String tcp;

  @Mixin TlsOptions tls;

  @Option(names = "--tls-server-cert", paramLabel = "FILE",
      description = "With --tcp: cryptod's certificate (PEM), the only server trusted.")
  Path serverCertificate;

  /** How to reach cryptod. */
  @FunctionalInterface
  private interface Connector {
    FramedConnection connect() throws dev.castellan.transport.TransportException;
  }

  private Connector connector(Path authority) throws CliException {
    if (tcp == null) {
      if (tls.given() || serverCertificate != null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--tls-cert, --tls-key and --tls-server-cert go with --tcp");
      }
      Path path = socket != null ? socket : authority.resolve("cryptod.sock");
      return () -> UnixTransport.create(TransportOptions.DEFAULTS).connect(UnixDomainSocketAddress.of(path));
    }
    if (socket != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give --socket or --tcp, not both");
    }
    if (serverCertificate == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--tcp needs --tls-server-cert FILE: cryptod's certificate, pinned");
    }
    java.net.InetSocketAddress address;
    try {
      address = TcpAddress.parse(tcp);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    dev.castellan.transport.TlsCredentials credentials = tls.credentials();
    java.util.List<java.security.cert.X509Certificate> pinned;
    try {
      pinned = dev.castellan.transport.TlsPemFiles.certificates(serverCertificate);
    } catch (java.io.IOException e) {
      throw new CliException(ErrorKind.FILE, e.getMessage());
    }
    return () -> dev.castellan.transport.TlsTransport.create(credentials, java.util.List.of(pinned.getFirst())).connect(address);
  }

  @Override
  public Integer call() throws Exception {
    Path authority = DataDirectory.resolve(data).resolve(LocalAuthority.DIRECTORY);
    Connector connector = connector(authority); // the options are checked before anything is read or asked for
    KeySet keys = KeySetFile.read(data, kid).keySet();
    if (out != null && Files.exists(out)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out + " exists; a token file is never overwritten");
    }
    PrintWriter console = spec.commandLine().getOut();
    SecretBytes code = readCode(console);
    HpkePrivateKey ephemeral = Hpke.generateKeyPair(HpkeKem.DHKEM_X25519_HKDF_SHA256, new SecureRandom());
    byte[] nonce = new byte[16];
    new SecureRandom().nextBytes(nonce);
    TotpValidateRequest request = new TotpValidateRequest(UUID.randomUUID().toString(), operator, device, code,
        ByteString.of(nonce), Instant.now().truncatedTo(ChronoUnit.SECONDS), Optional.empty(),
        Optional.of(CborMap.builder().put(EphemeralKey.METADATA_KEY, CborBytes.of(ephemeral.publicKey().toBytes())).build()));
    Envelope answer;
    FramedConnection opened;
    try {
      opened = connector.connect();
    } catch (dev.castellan.transport.TransportException e) {
      code.destroy();
      throw new CliException(ErrorKind.NETWORK, e.getMessage() + " (is 'castellan tokens serve' running there?)");
    }
    try (FramedConnection connection = opened) {
      connection.send(EnvelopeCodec.encode(request));
      answer = EnvelopeCodec.decode(connection.receive());
    } finally {
      code.destroy();
    }
    if (!(answer instanceof TotpValidateResponse response) || !response.requestId().equals(request.requestId())) {
      throw new CliException(ErrorKind.VERIFICATION, "cryptod answered something other than this request's totp_validate_resp");
    }
    VerifierOptions options = VerifierOptions.defaults();
    EnvelopeSignatures.verify(response, keys, Instant.now(), options.clockSkew(), options.previousKeyOverlap());
    console.println("result: " + response.result().name().toLowerCase(java.util.Locale.ROOT)
        + response.reason().map(r -> " (" + r + ")").orElse(""));
    if (response.capabilityToken().isEmpty()) {
      console.flush();
      return ErrorKind.VERIFICATION.exitCode();
    }
    String token = java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(response.capabilityToken().get().toByteArray());
    console.println("capability token, expires " + response.expiresAt().map(Object::toString).orElse("?")
        + (out != null ? ": written to " + out.toAbsolutePath().normalize() : ":"));
    if (out != null) {
      SealedFile.writeAtomically(out, (token + "\n").getBytes(StandardCharsets.US_ASCII));
    } else {
      console.println(token);
    }
    if (response.ephemeralKey().isPresent()) {
      byte[] key = EphemeralKey.open(response.ephemeralKey().get(), ephemeral, request.requestId());
      console.println("ephemeral key: " + key.length + " bytes, opened with this console's key (SHA-256 "
          + Hex.encode(Arrays.copyOf(HashAlgorithm.SHA_256.hash(key), 8)) + "...)");
      Arrays.fill(key, (byte) 0);
    }
    console.flush();
    return 0;
  }

  /** The code, without echo on a terminal; one line of standard input otherwise. */
  private SecretBytes readCode(PrintWriter console) throws Exception {
    java.io.Console terminal = System.console();
    char[] chars;
    if (terminal != null) {
      chars = terminal.readPassword("TOTP code for %s: ", operator);
    } else {
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII)).readLine();
      chars = line == null ? new char[0] : line.strip().toCharArray();
    }
    if (chars == null || chars.length == 0) {
      throw new CliException(ErrorKind.USAGE, "no TOTP code given");
    }
    byte[] bytes = new byte[chars.length];
    for (int i = 0; i < chars.length; i++) {
      bytes[i] = (byte) chars[i];
    }
    Arrays.fill(chars, '\0');
    SecretBytes code = SecretBytes.copyOf(bytes);
    Arrays.fill(bytes, (byte) 0);
    return code;
  }
}
