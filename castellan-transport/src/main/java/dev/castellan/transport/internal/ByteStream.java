package dev.castellan.transport.internal;

/** A connected byte stream with deadlines: what a {@link FramedStream} runs over. */
public interface ByteStream extends FrameCodec.Source, FrameCodec.Sink, AutoCloseable {
  /** Closes the stream, waking a blocked read or write. Idempotent. */
  @Override
  void close();
}
