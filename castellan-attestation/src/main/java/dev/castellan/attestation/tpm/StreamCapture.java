package dev.castellan.attestation.tpm;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads one output stream of a child process on a virtual thread, keeping at most {@code
 * limit} bytes and draining the rest, so that the child never blocks on a full pipe and the
 * parent can enforce a timeout while it waits. The buffer is one array this class owns, wiped
 * by {@link #wipe}: standard output of {@code tpm2_unseal} is a secret.
 */
final class StreamCapture {
  private final byte[] buffer;
  private final Thread reader;
  private int length;
  private boolean overflowed;

  private StreamCapture(InputStream in, int limit) {
    this.buffer = new byte[limit];
    this.reader = Thread.ofVirtual().name("tpm2-tools-output").start(() -> drain(in));
  }

  static StreamCapture start(InputStream in, int limit) {
    return new StreamCapture(in, limit);
  }

  private void drain(InputStream in) {
    try (in) {
      byte[] discard = new byte[512];
      while (true) {
        int read = length < buffer.length
            ? in.read(buffer, length, buffer.length - length) : in.read(discard);
        if (read < 0) {
          return;
        }
        if (length < buffer.length) {
          length += read;
        } else {
          overflowed = true;
        }
      }
    } catch (IOException e) {
      // The stream closes when the child is killed; what was read so far is kept.
    }
  }

  /** Waits up to {@code millis} for the stream to end; true if it did. */
  boolean await(long millis) throws InterruptedException {
    return reader.join(java.time.Duration.ofMillis(millis));
  }

  /** Whether the child wrote more than the limit (the excess was dropped). */
  boolean overflowed() {
    return overflowed;
  }

  /** A copy of what was read; the caller owns (and wipes) it. Call after {@link #await}. */
  byte[] bytes() {
    return Arrays.copyOf(buffer, length);
  }

  void wipe() {
    Arrays.fill(buffer, (byte) 0);
  }
}
