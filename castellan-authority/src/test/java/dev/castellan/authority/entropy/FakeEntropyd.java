package dev.castellan.authority.entropy;

import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.tokens.SigningKey;
import dev.castellan.tokens.envelope.ByteString;
import dev.castellan.tokens.envelope.EntropyPublication;
import dev.castellan.tokens.envelope.EnvelopeCodec;
import dev.castellan.tokens.envelope.EnvelopeSignatures;
import dev.castellan.transport.FramedConnection;
import dev.castellan.transport.Listener;
import dev.castellan.transport.TransportException;
import dev.castellan.transport.UnixTransport;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for entropyd that sends whatever frames a test queues, in order, to whoever
 * connects: the way to show cryptod what a broken or hostile entropyd could send.
 */
final class FakeEntropyd implements AutoCloseable {
  final UnixDomainSocketAddress address;
  private final Listener<UnixDomainSocketAddress> listener;
  private final BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closed;

  FakeEntropyd(Path dir) throws TransportException {
    address = UnixDomainSocketAddress.of(dir.resolve("fake-entropyd.sock"));
    listener = UnixTransport.create().listen(address);
    thread = Thread.ofPlatform().daemon().start(this::serve);
  }

  void send(byte[] frame) {
    frames.add(frame);
  }

  private void serve() {
    while (!closed) {
      try (FramedConnection connection = listener.accept()) {
        while (true) {
          byte[] frame = frames.poll(100, TimeUnit.MILLISECONDS);
          if (frame != null) {
            connection.send(frame);
          }
        }
      } catch (TransportException e) {
        // the peer went (it rejected a frame): wait for the next connection, unless closed
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** A signed publication of {@code chunkBytes} bytes (outside 64..512 too) with this nonce and time. */
  static byte[] publication(SigningKey key, int chunkBytes, byte[] nonce, Instant timestamp) throws Exception {
    EntropyPublication unsigned = new EntropyPublication("Hash_DRBG,SHA-256,256,pr_and_reseed", ByteString.of(nonce),
        SecretBytes.copyOf(new byte[chunkBytes]), timestamp, Optional.empty());
    EntropyPublication signed = (EntropyPublication) EnvelopeSignatures.sign(unsigned, key);
    // Encoded by hand: the codec would refuse to encode a chunk outside the schema's bounds.
    return Cbor.encode(CborMap.builder().put("type", CborValue.of(EntropyPublication.TYPE)).put("body", signed.body()).build());
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    listener.close();
  }
}
