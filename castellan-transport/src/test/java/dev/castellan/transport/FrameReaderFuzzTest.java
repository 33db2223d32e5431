package dev.castellan.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.castellan.transport.internal.Deadline;
import dev.castellan.transport.internal.FrameCodec;
import java.time.Duration;

/**
 * The frame reader on arbitrary bytes: it returns frames of 1 to the maximum bytes, or fails
 * with a {@link TransportException}, never anything else. In a normal build Jazzer runs this
 * in regression mode over the seeds in {@code FrameReaderFuzzTestInputs/}; with
 * {@code JAZZER_FUZZ=1} it fuzzes.
 */
class FrameReaderFuzzTest {
  private static final int MAX = 1024;

  @FuzzTest(maxDuration = "30s")
  void frameReader_anyBytes_framesOrTransportException(byte[] wire) {
    InMemoryStream in = new InMemoryStream(wire);
    long total = 0;
    try {
      while (true) {
        byte[] frame = FrameCodec.read(in, MAX, Deadline.after("receive", Duration.ofSeconds(5)));
        assertThat(frame.length).isBetween(1, MAX);
        total += 4 + frame.length;
        assertThat(total).isEqualTo(in.consumed());
      }
    } catch (TransportException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
