package dev.castellan.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.logging.common.spi.LoggingProvider;
import java.util.List;
import java.util.ServiceLoader;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class QuietHelidonLoggingTest {
  @Test
  void helidonFindsOurProvider_soItPrintsNothingOfItsOwnAtStart() {
    List<String> providers = ServiceLoader.load(LoggingProvider.class).stream().map(p -> p.type().getName()).toList();
    assertThat(providers).containsExactly(QuietHelidonLogging.class.getName());
  }

  @Test
  void aStartedFront_keepsHelidonsNoticesBelowInfo() throws Exception {
    Logger.getLogger("io.helidon").setLevel(Level.ALL);
    try (HttpService service = HttpService.start("127.0.0.1", 0, null,
        new Router(List.of(Route.get("/x", r -> Response.text(200, "x"))), ResponseSigner.NONE, (a, b, c) -> {}))) {
      assertThat(service.port()).isPositive();
      Logger feature = Logger.getLogger("io.helidon.common.features.HelidonFeatures");
      assertThat(feature.isLoggable(Level.INFO)).isFalse();
      assertThat(feature.isLoggable(Level.WARNING)).isTrue();
    }
  }

  @Test
  void onlyTheReportOfAFailedBindIsDropped() {
    java.util.logging.LogRecord bind = new java.util.logging.LogRecord(Level.SEVERE, "Failed to start listener");
    bind.setThrown(new java.io.UncheckedIOException(new java.net.BindException("Address already in use")));
    java.util.logging.LogRecord other = new java.util.logging.LogRecord(Level.SEVERE, "Failed to start listener");
    other.setThrown(new IllegalStateException("bad TLS configuration"));
    assertThat(QuietHelidonLogging.notABindFailure(bind)).isFalse();
    assertThat(QuietHelidonLogging.notABindFailure(other)).isTrue();
    assertThat(QuietHelidonLogging.notABindFailure(new java.util.logging.LogRecord(Level.SEVERE,
        "Helidon WebServer failed to start, shutting down"))).isFalse();
    assertThat(QuietHelidonLogging.notABindFailure(new java.util.logging.LogRecord(Level.WARNING, "anything else"))).isTrue();
  }
}
