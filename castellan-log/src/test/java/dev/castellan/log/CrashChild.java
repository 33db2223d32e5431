package dev.castellan.log;

import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.signature.Ed25519PrivateKey;
import java.io.PrintStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;

/**
 * Run by {@link CrashRecoveryTest} in a child JVM: appends forever and prints
 * {@code index cid} for each append only after its future completed (the record is durable).
 * The parent kills it with SIGKILL at a random moment.
 */
public final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(args[0]);
    String round = args[1];
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    RecordSigner signer = RecordSigner.ed25519(Ed25519PrivateKey.fromSeed(SecretBytes.copyOf(new byte[32])));
    TransparencyLog log = LocalLog.open(dataDir, "castellan.test/crash", LogOptions.DEFAULTS, new LogMetrics());
    out.println("open " + log.size());
    Semaphore inFlight = new Semaphore(256);
    for (long i = 0; ; i++) {
      inFlight.acquire();
      LogRecord record = signer.sign(("round " + round + " record " + i).getBytes(StandardCharsets.UTF_8));
      log.append(record).whenComplete((result, error) -> {
        inFlight.release();
        if (error == null) {
          synchronized (out) {
            out.println(result.index() + " " + result.cid());
          }
        }
      });
    }
  }
}
