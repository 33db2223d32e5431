package dev.castellan.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamAddressTest {
  @Test
  void parse_everyForm_givesItsAddress() {
    assertThat(StreamAddress.parseConnect("127.0.0.1:8080")).isEqualTo(new StreamAddress.Tcp("127.0.0.1", 8080));
    assertThat(StreamAddress.parseConnect("tcp:localhost:1")).isEqualTo(new StreamAddress.Tcp("localhost", 1));
    assertThat(StreamAddress.parseConnect("tcp:[::1]:443")).isEqualTo(new StreamAddress.Tcp("::1", 443));
    assertThat(StreamAddress.parseConnect("unix:/run/x.sock")).isEqualTo(new StreamAddress.Unix(Path.of("/run/x.sock")));
    assertThat(StreamAddress.parseConnect("vsock:16:5000")).isEqualTo(new StreamAddress.Vsock(new VsockAddress(16, 5000)));
    assertThat(StreamAddress.parseListen("vsock:5000"))
        .isEqualTo(new StreamAddress.Vsock(new VsockAddress(VsockAddress.CID_ANY, 5000)));
    assertThat(StreamAddress.parseListen("0.0.0.0:0")).isEqualTo(new StreamAddress.Tcp("0.0.0.0", 0));
    assertThat(StreamAddress.parseConnect("tcp:[::1]:443")).hasToString("tcp:[::1]:443");
  }

  @Test
  void parse_malformed_throwsSayingWhatIsWrong() {
    Map<String, String> cases = Map.ofEntries(
        Map.entry("vsock:5000", "vsock:CID:PORT needs a CID"),
        Map.entry("vsock:1:2:3", "more than two parts"),
        Map.entry("vsock:x:5000", "vsock CID must be a decimal number, got \"x\""),
        Map.entry("vsock:1:4294967296", "vsock PORT 4294967296 is outside 0..4294967295"),
        Map.entry("tcp:host", "tcp:HOST:PORT needs a PORT"),
        Map.entry("tcp::80", "tcp:HOST:PORT needs a HOST"),
        Map.entry("tcp:h:65536", "TCP PORT 65536 is outside 0..65535"),
        Map.entry("tcp:h:0", "needs a PORT other than 0"),
        Map.entry("::1:80", "an IPv6 host goes in brackets"),
        Map.entry("unix:", "unix:PATH needs a PATH"),
        Map.entry("", "an address is empty"),
        Map.entry("h:\u0001\u0002", "got \"??\""));
    List<String> failures = new ArrayList<>();
    cases.forEach((text, expected) -> {
      try {
        StreamAddress.parseConnect(text);
        failures.add(text + ": accepted");
      } catch (IllegalArgumentException e) {
        if (!e.getMessage().contains(expected)) {
          failures.add(text + ": " + e.getMessage());
        }
      }
    });
    assertThat(failures).isEmpty();
    assertThatThrownBy(() -> StreamAddress.parseListen("vsock:")).hasMessageContaining("vsock PORT must be a decimal number");
  }
}
