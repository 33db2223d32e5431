package dev.castellan.server.agent;

import dev.castellan.attestation.SafeText;
import dev.castellan.attestation.composition.ServiceLeaf;
import dev.castellan.attestation.composition.ServiceTree;
import dev.castellan.attestation.image.ImageHash;
import dev.castellan.core.bytes.Hex;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent's configuration (docs/agent.md, "Configuration"): what the VM runs.
 *
 * <pre>
 * {
 *   "image": "/nix/store/...-nixos-system-...",          // a path, hashed at start (NAR SHA-256)
 *   "imageHash": "sha256-...",                           // or its hash, in any form 'measure image' prints
 *   "services": [
 *     {"name": "echo", "image": "sha256-..." or "imagePath": "/nix/store/...",
 *      "publicKey": "02...", "url": "http://127.0.0.1:9001"}
 *   ],
 *   "gpu": {"source": "simulator"}
 *       or {"source": "command", "command": ["/usr/local/bin/gpu-report", "{nonce}"], "chain": "gpu-chain.pem"}
 * }
 * </pre>
 *
 * Exactly one of {@code image} and {@code imageHash}; per service exactly one of {@code image}
 * and {@code imagePath}. Relative paths are resolved against the file's directory. Unknown
 * members, duplicate keys and duplicate service names are errors, each naming where it is.
 *
 * @param image the system image hash
 * @param services the services with their published endpoints
 * @param gpu where GPU evidence comes from
 */
public record AgentConfig(ImageHash image, List<Service> services, Gpu gpu) {
  /** Largest configuration file read. */
  public static final int MAX_BYTES = 1 << 20;

  private static final JsonMapper STRICT = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  public AgentConfig {
    Objects.requireNonNull(image, "image");
    services = List.copyOf(services);
    Objects.requireNonNull(gpu, "gpu");
    ServiceTree.of(services.stream().map(Service::leaf).toList()); // names unique, count bounded
  }

  /**
   * A service and where it answers.
   *
   * @param leaf its leaf in the tree
   * @param url where clients reach it, if published
   */
  public record Service(ServiceLeaf leaf, Optional<URI> url) {
    public Service {
      Objects.requireNonNull(leaf, "leaf");
      Objects.requireNonNull(url, "url");
    }
  }

  /** Where GPU evidence comes from. */
  public sealed interface Gpu {
    /** No GPU: the GPU digest is all zero. */
    record None() implements Gpu {}

    /** The simulated Hopper GPU of the data directory's simulator. */
    record Simulated() implements Gpu {}

    /** An external command ({@link CommandGpuSource}). */
    record Command(List<String> command, Path chain) implements Gpu {
      public Command {
        command = List.copyOf(command);
        Objects.requireNonNull(chain, "chain");
      }
    }
  }

  /** The service tree of this configuration. */
  public ServiceTree tree() {
    return ServiceTree.of(services.stream().map(Service::leaf).toList());
  }

  /**
   * Reads and checks {@code file}; an image given as a path is hashed now.
   *
   * @throws IOException naming the file and what is wrong
   */
  public static AgentConfig load(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("agent configuration " + file + ": does not exist or is not a file");
    }
    if (Files.size(file) > MAX_BYTES) {
      throw new IOException("agent configuration " + file + ": larger than " + MAX_BYTES + " bytes");
    }
    JsonNode root;
    try {
      root = STRICT.readTree(Files.readAllBytes(file));
    } catch (JacksonException e) {
      throw new IOException("agent configuration " + file + ": not valid JSON"
          + (e.getMessage() != null && e.getMessage().startsWith("Duplicate") ? " (a key is given twice)" : ""));
    }
    Path base = file.toAbsolutePath().getParent();
    try {
      return parse(root, base);
    } catch (IllegalArgumentException e) {
      throw new IOException("agent configuration " + file + ": " + e.getMessage());
    }
  }

  static AgentConfig parse(JsonNode root, Path base) throws IOException {
    object(root, "the configuration");
    allowOnly(root, "the configuration", Set.of("image", "imageHash", "services", "gpu"));
    ImageHash image = imageOf(root, "image", "imageHash", "the configuration", base);
    List<Service> services = new ArrayList<>();
    JsonNode list = root.get("services");
    if (list != null) {
      if (!list.isArray()) {
        throw new IllegalArgumentException("services must be an array");
      }
      for (int i = 0; i < list.size(); i++) {
        services.add(service(list.get(i), "services[" + i + "]", base));
      }
    }
    return new AgentConfig(image, services, gpu(root.get("gpu"), base));
  }

  private static Service service(JsonNode node, String where, Path base) throws IOException {
    object(node, where);
    allowOnly(node, where, Set.of("name", "image", "imagePath", "publicKey", "url"));
    String name = text(node, "name", where);
    try {
      ServiceLeaf.requireName(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ".name: " + e.getMessage());
    }
    ImageHash image = imageOf(node, "imagePath", "image", where, base);
    byte[] publicKey;
    try {
      publicKey = Hex.decode(text(node, "publicKey", where));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ".publicKey must be hex");
    }
    Optional<URI> url = Optional.empty();
    if (node.has("url")) {
      String text = text(node, "url", where);
      URI uri;
      try {
        uri = URI.create(text);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ".url is not a URL");
      }
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new IllegalArgumentException(where + ".url must be an http:// or https:// URL with a host");
      }
      url = Optional.of(uri);
    }
    try {
      return new Service(new ServiceLeaf(name, image.digest(), publicKey), url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage());
    }
  }

  private static Gpu gpu(JsonNode node, Path base) {
    if (node == null || node.isNull()) {
      return new Gpu.None();
    }
    object(node, "gpu");
    String source = text(node, "source", "gpu");
    return switch (source) {
      case "none" -> {
        allowOnly(node, "gpu", Set.of("source"));
        yield new Gpu.None();
      }
      case "simulator" -> {
        allowOnly(node, "gpu", Set.of("source"));
        yield new Gpu.Simulated();
      }
      case "command" -> {
        allowOnly(node, "gpu", Set.of("source", "command", "chain"));
        JsonNode command = node.get("command");
        if (command == null || !command.isArray() || command.isEmpty()) {
          throw new IllegalArgumentException("gpu.command must be a non-empty array of strings");
        }
        List<String> argv = new ArrayList<>();
        for (JsonNode arg : command) {
          if (!arg.isString()) {
            throw new IllegalArgumentException("gpu.command must be a non-empty array of strings");
          }
          argv.add(arg.asString());
        }
        if (argv.stream().noneMatch(a -> a.contains(CommandGpuSource.NONCE_PLACEHOLDER))) {
          throw new IllegalArgumentException("gpu.command must pass the nonce: no argument contains "
              + CommandGpuSource.NONCE_PLACEHOLDER);
        }
        yield new Gpu.Command(argv, base.resolve(text(node, "chain", "gpu")));
      }
      default -> throw new IllegalArgumentException("gpu.source must be none, simulator or command, not "
          + SafeText.escape(source));
    };
  }

  private static ImageHash imageOf(JsonNode node, String pathMember, String hashMember, String where, Path base)
      throws IOException {
    boolean byPath = node.has(pathMember);
    boolean byHash = node.has(hashMember);
    if (byPath == byHash) {
      throw new IllegalArgumentException(where + " needs exactly one of " + pathMember + " (a path, hashed now) and "
          + hashMember + " (its image hash)");
    }
    if (byHash) {
      try {
        return ImageHash.parse(text(node, hashMember, where));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + "." + hashMember + ": " + e.getMessage());
      }
    }
    Path path = base.resolve(text(node, pathMember, where));
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException(where + "." + pathMember + ": " + path + " does not exist");
    }
    try {
      return ImageHash.of(path);
    } catch (dev.castellan.attestation.image.ImageHashException e) {
      throw new IllegalArgumentException(where + "." + pathMember + ": " + e.getMessage());
    }
  }

  private static void object(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(where + " must be a JSON object");
    }
  }

  private static void allowOnly(JsonNode node, String where, Set<String> allowed) {
    for (Iterator<String> names = node.propertyNames().iterator(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new IllegalArgumentException(where + ": unknown member " + SafeText.escape(name) + " (allowed: "
            + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
      }
    }
  }

  private static String text(JsonNode node, String member, String where) {
    JsonNode value = node.get(member);
    if (value == null || !value.isString() || value.asString().isBlank()) {
      throw new IllegalArgumentException(where + "." + member + " must be a non-empty string");
    }
    return value.asString();
  }
}
