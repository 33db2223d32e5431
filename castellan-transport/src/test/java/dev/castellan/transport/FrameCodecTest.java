package dev.castellan.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.Bytes;
import dev.castellan.transport.internal.Deadline;
import dev.castellan.transport.internal.FrameCodec;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FrameCodecTest {
  private static final int MAX = 64 * 1024;

  private static Deadline deadline() {
    return Deadline.after("receive", Duration.ofSeconds(5));
  }

  @Test
  void header_isBigEndianUnsigned() {
    assertThat(Frames.header(0x01020304)).containsExactly(1, 2, 3, 4);
    assertThat(Frames.declaredLength(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}))
        .isEqualTo(0xFFFF_FFFFL);
    assertThat(Frames.declaredLength(Frames.header(65536))).isEqualTo(65536);
  }

  @Test
  void writeThenRead_roundTripsSeveralFrames() throws Exception {
    InMemoryStream out = new InMemoryStream(new byte[0]);
    byte[] a = "hello".getBytes(StandardCharsets.UTF_8);
    byte[] b = new byte[MAX];
    b[MAX - 1] = 7;
    FrameCodec.write(out, a, MAX, deadline());
    FrameCodec.write(out, b, MAX, deadline());
    byte[] wire = out.written.toByteArray();
    assertThat(wire).startsWith(0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o');
    InMemoryStream in = new InMemoryStream(wire);
    assertThat(FrameCodec.read(in, MAX, deadline())).isEqualTo(a);
    assertThat(FrameCodec.read(in, MAX, deadline())).isEqualTo(b);
    assertThatThrownBy(() -> FrameCodec.read(in, MAX, deadline()))
        .isInstanceOf(ConnectionClosedException.class);
  }

  @Test
  void read_declared2Pow31_refusedWithoutAllocating() {
    byte[] wire = Bytes.concat(Frames.header(0), new byte[] {1});
    wire[0] = (byte) 0x80; // 2^31
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    refuse(new InMemoryStream(wire)); // warm up: class loading allocates too
    InMemoryStream in = new InMemoryStream(wire);
    long before = threads.getCurrentThreadAllocatedBytes();
    FrameTooLargeException refused = refuse(in);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(allocated).as("bytes allocated while refusing").isLessThan(4096);
    assertThat(refused.declaredLength()).isEqualTo(1L << 31);
    assertThat(refused.maximumFrameSize()).isEqualTo(MAX);
    assertThat(refused).hasMessage("frame declares 2147483648 bytes; the maximum frame size is 65536 bytes");
    assertThat(in.consumed()).as("only the header is read").isEqualTo(4);
  }

  private static FrameTooLargeException refuse(InMemoryStream in) {
    try {
      FrameCodec.read(in, MAX, deadline());
    } catch (FrameTooLargeException expected) {
      return expected;
    } catch (TransportException other) {
      throw new AssertionError(other);
    }
    throw new AssertionError("not refused");
  }

  @Test
  void read_oneAboveMaximum_refused() {
    InMemoryStream in = new InMemoryStream(Frames.header(MAX + 1));
    assertThatThrownBy(() -> FrameCodec.read(in, MAX, deadline()))
        .isInstanceOf(FrameTooLargeException.class);
  }

  @Test
  void read_zeroLength_refusedAsEmpty() {
    InMemoryStream in = new InMemoryStream(Frames.header(0));
    assertThatThrownBy(() -> FrameCodec.read(in, MAX, deadline()))
        .isInstanceOf(EmptyFrameException.class);
  }

  @Test
  void write_emptyOrOversize_refused() {
    InMemoryStream out = new InMemoryStream(new byte[0]);
    assertThatThrownBy(() -> FrameCodec.write(out, new byte[0], MAX, deadline()))
        .isInstanceOf(EmptyFrameException.class);
    assertThatThrownBy(() -> FrameCodec.write(out, new byte[MAX + 1], MAX, deadline()))
        .isInstanceOf(FrameTooLargeException.class);
    assertThat(out.written.size()).isZero();
  }

  @Test
  void read_eofInsideHeader_truncatedHeader() {
    InMemoryStream in = new InMemoryStream(new byte[] {0, 0});
    assertThatThrownBy(() -> FrameCodec.read(in, MAX, deadline()))
        .isInstanceOfSatisfying(TruncatedFrameException.class, e -> {
          assertThat(e.part()).isEqualTo("header");
          assertThat(e.received()).isEqualTo(2);
          assertThat(e.expected()).isEqualTo(4);
        });
  }

  @Test
  void read_eofInsideBody_truncatedBodyWithoutPayloadInMessage() {
    InMemoryStream in = new InMemoryStream(Bytes.concat(Frames.header(10), "secret".getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> FrameCodec.read(in, MAX, deadline()))
        .isInstanceOfSatisfying(TruncatedFrameException.class, e -> {
          assertThat(e.part()).isEqualTo("body");
          assertThat(e.received()).isEqualTo(6);
          assertThat(e.expected()).isEqualTo(10);
          assertThat(e.getMessage()).doesNotContain("secret");
        });
  }

  /** Complements the Jazzer test with a fixed seed: the same 20,000 streams in every build. */
  @Test
  void read_randomlyMutatedStreams_framesOrTransportExceptionOnly() throws Exception {
    java.util.Random random = new java.util.Random(20261203);
    int max = 256;
    for (int i = 0; i < 20_000; i++) {
      byte[] wire = new byte[random.nextInt(64)];
      random.nextBytes(wire);
      if (wire.length >= 4 && random.nextBoolean()) {
        System.arraycopy(Frames.header(random.nextInt(wire.length + 4)), 0, wire, 0, 4); // mostly plausible lengths
      }
      InMemoryStream in = new InMemoryStream(wire);
      try {
        while (true) {
          assertThat(FrameCodec.read(in, max, deadline()).length).isBetween(1, max);
        }
      } catch (TransportException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }

  @Test
  void options_outOfRange_refused() {
    assertThatThrownBy(() -> TransportOptions.DEFAULTS.withMaximumFrameSize(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TransportOptions.DEFAULTS.withMaximumFrameSize(TransportOptions.FRAME_SIZE_LIMIT + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TransportOptions.DEFAULTS.withReadDeadline(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TransportOptions.DEFAULTS.withMaximumConnections(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(TransportOptions.DEFAULTS.maximumFrameSize()).isEqualTo(65536);
  }
}
