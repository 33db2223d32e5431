package dev.castellan.cli.log;

import dev.castellan.log.AppendReceipt;
import dev.castellan.log.AppendResult;
import dev.castellan.log.LogException;
import dev.castellan.log.ProofException;
import dev.castellan.log.checkpoint.Checkpoint;
import dev.castellan.log.checkpoint.SignedCheckpoint;
import dev.castellan.log.merkle.InclusionProof;
import dev.castellan.log.merkle.TreeHasher;
import dev.castellan.log.note.Note;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import dev.castellan.log.LocalLog;
import dev.castellan.log.LogMetrics;
import dev.castellan.log.LogOptions;
import dev.castellan.log.LogRecord;
import dev.castellan.log.TransparencyLog;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import dev.castellan.cli.FileException;
import dev.castellan.cli.InputFile;
import dev.castellan.cli.Progress;
import dev.castellan.log.RecordKeys;
import dev.castellan.log.RecordSigner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code castellan log append FILE...}: signs each file's bytes as a record's data and appends it. */
@Command(name = "append", mixinStandardHelpOptions = true,
    description = {"Sign each file's bytes as a record and append it, in order; prints one",
        "line 'CID INDEX' (with --json one JSON object) per record. FILE '-' is",
        "standard input. Every file is checked before the first append.",
        "With --url each record is signed here and sent, and the server's inclusion",
        "proof is checked."})
final class LogAppendCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions options;

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "The records' data, one file per record ('-' = standard input).")
  List<Path> files = new ArrayList<>();

  /** The old spelling of one FILE, kept so that existing scripts run. */
  @Option(names = "--data-file", paramLabel = "FILE", hidden = true, description = "Deprecated: give FILE as a parameter.")
  Path dataFile;

  @Option(names = "--key-type", paramLabel = "TYPE", defaultValue = "ED25519",
      description = "Record signature: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  RecordKeys.Algorithm keyType;

  @Option(names = "--key-dir", paramLabel = "DIR",
      description = "Directory of the record signing keys (default: DIR/keys of the data directory, also with --url).")
  Path keyDir;

  @Option(names = "--signer", paramLabel = "URI", converter = dev.castellan.cli.keys.Pkcs11UriConverter.class,
      description = "Sign in a PKCS#11 token instead: the RFC 7512 URI of a P-256 or Ed25519 private key, e.g."
          + " 'pkcs11:token=T;object=K?module-path=/usr/lib/softhsm/libsofthsm2.so&pin-source=file:/path/pin'"
          + " (docs/keys.md). Not with --key-type or --key-dir.")
  dev.castellan.keys.pkcs11.Pkcs11Uri signerUri;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "With --url: the file holding the capability token (scope log:append) to send (default:"
          + " $CASTELLAN_TOKEN_FILE, else authority/bootstrap.token of the data directory, where castellan up keeps"
          + " the operator's).")
  Path tokenFile;

  @Option(names = "--origin", paramLabel = "ORIGIN", defaultValue = LocalLog.DEFAULT_ORIGIN,
      description = "Origin of a new log (its checkpoint key name; default: ${DEFAULT-VALUE}).")
  String origin;

  @Override
  public Integer call() throws Exception {
    List<Path> inputs = new ArrayList<>(files);
    if (dataFile != null) {
      inputs.addFirst(dataFile);
    }
    if (inputs.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give the record's data: FILE... or - for standard input");
    }
    if (tokenFile != null && !options.isRemote()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--token-file applies to --url only");
    }
    if (signerUri != null && (keyDir != null || spec.commandLine().getParseResult().hasMatchedOption("--key-type"))) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--signer signs in a token: not with --key-type or --key-dir");
    }
    if (inputs.stream().filter(p -> p.toString().equals(STDIN)).count() > 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "standard input (-) can be read only once");
    }
    // Every file is checked before the first append, so a typo in the last name appends nothing.
    for (Path input : inputs) {
      if (!input.toString().equals(STDIN)) {
        InputFile.check("data file", input, LogRecord.MAX_DATA_BYTES);
      }
    }
    // A token signer holds sessions: it is closed with the appender, after the last record.
    dev.castellan.keys.pkcs11.Pkcs11Signer tokenSigner = signerUri == null ? null : dev.castellan.cli.keys.Pkcs11Cli.signer(signerUri);
    RecordSigner signer = tokenSigner != null ? RecordSigner.of(tokenSigner, tokenSigner.publicKeyInfo())
        : RecordKeys.loadOrCreate(keyDir != null ? keyDir : options.keyHome().resolve("keys"), keyType);
    var out = spec.commandLine().getOut();
    try (AutoCloseable closeSigner = tokenSigner != null ? tokenSigner : () -> {};
        Progress progress = Progress.of(spec, "records");
        Appender appender = options.isRemote() ? new Remote(options.remote(), token()) : new Local(openLocal())) {
      for (int i = 0; i < inputs.size(); i++) {
        LogRecord record = signer.sign(read(inputs.get(i)));
        AppendReceipt receipt = appender.append(record);
        progress.clear();
        print(out, receipt);
        if (inputs.size() > 1) {
          progress.update(i + 1, inputs.size());
        }
      }
    }
    return 0;
  }

  private static final String STDIN = "-";
  /** A token is a few hundred bytes of base64url; this bounds a mistaken file. */
  private static final int MAX_TOKEN_FILE_BYTES = 16 * 1024;

  /**
   * The token to send with --url: {@code --token-file}, else {@code $CASTELLAN_TOKEN_FILE},
   * else the operator's file in the data directory if it exists; none otherwise (a server
   * that needs one then says so).
   */
  private Optional<String> token() throws FileException {
    Path file = tokenFile;
    if (file == null && System.getenv("CASTELLAN_TOKEN_FILE") != null) {
      file = Path.of(System.getenv("CASTELLAN_TOKEN_FILE"));
    }
    if (file == null) {
      Path operator = options.keyHome().resolve("authority").resolve("bootstrap.token");
      if (!java.nio.file.Files.isRegularFile(operator)) {
        return Optional.empty();
      }
      file = operator;
    }
    String token = new String(InputFile.read("token file", file, MAX_TOKEN_FILE_BYTES), StandardCharsets.US_ASCII).strip();
    if (token.isEmpty() || !token.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
      throw new FileException("token file " + file + ": does not hold a base64url capability token");
    }
    return Optional.of(token);
  }

  private static byte[] read(Path input) throws FileException {
    return input.toString().equals(STDIN) ? InputFile.bounded("standard input", System.in, LogRecord.MAX_DATA_BYTES)
        : InputFile.read("data file", input, LogRecord.MAX_DATA_BYTES);
  }

  private void print(java.io.PrintWriter out, AppendReceipt receipt) {
    if (options.json) {
      out.println(new Json()
          .put("cid", receipt.result().cid())
          .put("index", receipt.result().index())
          .put("duplicate", receipt.result().duplicate())
          .put("treeSize", receipt.checkpoint().checkpoint().size())
          .put("checkpoint", receipt.checkpoint().noteText())
          .put("inclusionProof", receipt.inclusionProof().stream().map(Json::hex).toList()));
    } else {
      out.println(receipt.result().cid() + " " + receipt.result().index()
          + (receipt.result().duplicate() ? " (already in the log)" : ""));
    }
    out.flush();
  }

  /** Where records go: a local log opened once for all files, or a server. */
  private interface Appender extends AutoCloseable {
    AppendReceipt append(LogRecord record) throws Exception;
  }

  private record Remote(RemoteLog remote, Optional<String> token) implements Appender {
    @Override
    public AppendReceipt append(LogRecord record) throws Exception {
      return appendRemotely(remote, record, token);
    }

    @Override
    public void close() {}
  }

  private record Local(TransparencyLog log) implements Appender {
    @Override
    public AppendReceipt append(LogRecord record) throws Exception {
      try {
        return log.appendAndProve(record).get();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof Exception cause ? cause : e;
      }
    }

    @Override
    public void close() throws java.io.IOException {
      log.close();
    }
  }

  private TransparencyLog openLocal() throws Exception {
    return LocalLog.open(options.data(), origin, LogOptions.DEFAULTS, new LogMetrics());
  }

  /**
   * Sends the record and checks the receipt: the CID is the record's, and the inclusion
   * proof puts the record at the index in the tree of the checkpoint returned with it. The
   * checkpoint's signature is for {@code log verify --vkey} to check.
   */
  private static AppendReceipt appendRemotely(RemoteLog remote, LogRecord record, Optional<String> token)
      throws IOException, LogException {
    JsonNode reply = remote.append(record.encoded(), token);
    JsonNode cid = reply.get("cid");
    JsonNode index = reply.get("index");
    JsonNode note = reply.get("checkpoint");
    if (cid == null || !record.cid().equals(cid.asString()) || index == null || !index.canConvertToLong()
        || index.asLong() < 0 || note == null || !note.isString()) {
      throw new ProofException("the server's receipt does not match the record sent");
    }
    byte[] noteBytes = note.asString().getBytes(StandardCharsets.UTF_8);
    Checkpoint checkpoint = Checkpoint.parse(Note.parse(noteBytes).text());
    List<byte[]> proof = RemoteLog.hashes(reply.get("inclusionProof"));
    try {
      InclusionProof.verify(index.asLong(), checkpoint.size(), TreeHasher.leafHash(record.encoded()), proof, checkpoint.rootHash());
    } catch (ProofException e) {
      throw new ProofException("the server's inclusion proof does not verify against its checkpoint: " + e.getMessage());
    }
    return new AppendReceipt(new AppendResult(index.asLong(), record.cid(), reply.path("duplicate").asBoolean(false)),
        new SignedCheckpoint(checkpoint, noteBytes), proof);
  }
}
