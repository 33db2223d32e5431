package dev.castellan.cli.runtime;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** The control protocol's responses as text for people: tables for lists, {@code key: value} for one thing. */
final class HumanOutput {
  private HumanOutput() {}

  static void print(JsonNode response, PrintWriter out) {
    String kind = response.propertyNames().iterator().next();
    JsonNode body = response.get(kind);
    switch (kind) {
      case "Pong" -> out.println("pong");
      case "Success" -> out.println(body.path("message").asString());
      case "ServiceList" -> {
        out.println(String.format(Locale.ROOT, "%-24s %-10s %-7s %8s %8s %4s", "NAME", "STATE", "ENABLED", "PID", "RESTARTS", "EXIT"));
        for (JsonNode s : body.path("services")) {
          out.println(String.format(Locale.ROOT, "%-24s %-10s %-7s %8s %8s %4s", s.path("name").asString(),
              s.path("state").asString(), s.path("enabled").asBoolean() ? "yes" : "no", text(s.get("pid")),
              s.path("restarts").asInt(), text(s.get("exit_code"))));
        }
      }
      case "ProcessList" -> {
        out.println(String.format(Locale.ROOT, "%8s %-5s %-24s %s", "PID", "ALIVE", "SERVICE", "COMMAND"));
        for (JsonNode p : body.path("processes")) {
          List<String> command = new ArrayList<>();
          p.path("command").forEach(word -> command.add(word.asString()));
          out.println(String.format(Locale.ROOT, "%8d %-5s %-24s %s", p.path("pid").asLong(),
              p.path("alive").asBoolean() ? "yes" : "no", text(p.get("service")), String.join(" ", command)));
        }
      }
      case "ServiceLogs" -> body.path("lines").forEach(line -> out.println(line.asString()));
      case "ProcessStarted" -> out.println("started pid " + body.path("pid").asLong());
      default -> body.properties().forEach(field -> out.println(field.getKey() + ": " + text(field.getValue())));
    }
  }

  private static String text(JsonNode value) {
    if (value == null || value.isNull()) {
      return "-";
    }
    if (value.isArray()) {
      List<String> words = new ArrayList<>();
      value.forEach(word -> words.add(word.asString()));
      return String.join(" ", words);
    }
    return value.asString();
  }
}
