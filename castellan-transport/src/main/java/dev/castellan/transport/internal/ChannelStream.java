package dev.castellan.transport.internal;

import dev.castellan.transport.ConnectionClosedException;
import dev.castellan.transport.PeerIdentity;
import dev.castellan.transport.StreamConnection;
import dev.castellan.transport.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.Optional;

/**
 * A TCP {@link StreamConnection} over a blocking {@link SocketChannel}. Its stream views wait
 * as long as it takes (TCP listeners take no {@code TransportOptions}); the kernel vouches for
 * no TCP peer, so there is no identity.
 */
final class ChannelStream implements StreamConnection {
  private final SocketChannel channel;
  private final String peer;

  private final InputStream input;
  private final OutputStream output;

  ChannelStream(SocketChannel channel, String peer) {
    this.channel = channel;
    this.peer = peer;
    this.input = Channels.newInputStream(channel);
    this.output = Channels.newOutputStream(channel);
  }

  @Override
  public int read(ByteBuffer buffer) throws TransportException {
    try {
      return channel.read(buffer);
    } catch (IOException e) {
      throw failure("read", e);
    }
  }

  @Override
  public void write(ByteBuffer buffer) throws TransportException {
    try {
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    } catch (IOException e) {
      throw failure("write", e);
    }
  }

  @Override
  public void shutdownOutput() throws TransportException {
    try {
      channel.shutdownOutput();
    } catch (IOException e) {
      throw failure("shutdown", e);
    }
  }

  @Override
  public InputStream input() {
    return input;
  }

  @Override
  public OutputStream output() {
    return output;
  }

  @Override
  public Optional<PeerIdentity> identity() {
    return Optional.empty();
  }

  @Override
  public boolean blocksInNativeCode() {
    return false;
  }

  @Override
  public String peer() {
    return peer;
  }

  @Override
  public void close() {
    ChannelStreams.closeQuietly(channel);
  }

  /** The JDK's messages name the condition ("Connection reset"), never payload. */
  private TransportException failure(String operation, IOException e) {
    if (e instanceof ClosedChannelException || !channel.isOpen()) {
      return new ConnectionClosedException("the connection to " + peer + " is closed");
    }
    return new ConnectionClosedException(operation + " on the connection to " + peer + " failed: " + e.getMessage());
  }
}
