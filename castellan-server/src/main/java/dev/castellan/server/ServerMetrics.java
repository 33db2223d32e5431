package dev.castellan.server;

import dev.castellan.log.LogMetrics;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's Prometheus metrics, in a registry of its own (no global state, so several
 * servers can run in one JVM, as the tests do). Labels are route templates and status
 * codes only: never request data, never key material.
 */
public final class ServerMetrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter requests =
      Counter.builder()
          .name("castellan_http_requests_total")
          .help("HTTP requests by route and status code")
          .labelNames("route", "status")
          .register(registry);
  private final Histogram latency =
      Histogram.builder()
          .name("castellan_http_request_duration_seconds")
          .help("HTTP request latency by route")
          .labelNames("route")
          .classicUpperBounds(0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1)
          .register(registry);
  private final Counter signatures =
      Counter.builder()
          .name("castellan_signatures_total")
          .help("Signatures made with the oracle signing key, by scheme")
          .labelNames("scheme")
          .register(registry);
  private final Counter failures =
      Counter.builder()
          .name("castellan_failures_total")
          .help("Failed operations by kind")
          .labelNames("kind")
          .register(registry);

  /** Exposes the log's counters (appends, bytes, checkpoints) as callbacks: no copies to keep in sync. */
  public void register(LogMetrics log) {
    CounterWithCallback.builder().name("castellan_log_appends_total").help("Records appended to the log")
        .callback(c -> c.call(log.snapshot().appends())).register(registry);
    CounterWithCallback.builder().name("castellan_log_duplicates_total").help("Appends of a record already in the log")
        .callback(c -> c.call(log.snapshot().duplicates())).register(registry);
    CounterWithCallback.builder().name("castellan_log_bytes_total").help("Bytes of records appended")
        .callback(c -> c.call(log.snapshot().bytes())).register(registry);
    CounterWithCallback.builder().name("castellan_log_checkpoints_total").help("Checkpoints published")
        .callback(c -> c.call(log.snapshot().checkpoints())).register(registry);
    GaugeWithCallback.builder().name("castellan_log_integration_lag_seconds")
        .help("Time from append to integration into the tree, last batch")
        .callback(c -> c.call(log.snapshot().lastIntegrationLagNanos() / 1e9)).register(registry);
    CounterWithCallback.builder().name("castellan_log_verification_failures_total").help("Records that failed verification")
        .callback(c -> c.call(log.snapshot().verificationFailures())).register(registry);
  }

  public void request(String route, int status, long nanos) {
    RouteSeries series = byRoute.computeIfAbsent(route, r -> new RouteSeries(latency.labelValues(r), new ConcurrentHashMap<>()));
    series.byStatus().computeIfAbsent(status, s -> requests.labelValues(route, Integer.toString(s))).inc();
    series.latency().observe(nanos / 1e9);
  }

  /**
   * A route's data points, looked up once: route templates and status codes are few, and
   * the label lookup would otherwise cost more than the increment on every request.
   */
  private record RouteSeries(DistributionDataPoint latency, ConcurrentHashMap<Integer, CounterDataPoint> byStatus) {}

  private final ConcurrentHashMap<String, RouteSeries> byRoute = new ConcurrentHashMap<>();

  public void signature(String scheme) {
    signatures.labelValues(scheme).inc();
  }

  public void failure(String kind) {
    failures.labelValues(kind).inc();
  }

  /** The Prometheus text exposition format (version 0.0.4). */
  public byte[] scrape() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
    return out.toByteArray();
  }
}
