package dev.castellan.runtime.init;

import dev.castellan.runtime.init.internal.TomlSubset;
import dev.castellan.runtime.init.internal.Words;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code *.service} files of a directory (seed 003's {@code /etc/init.d}), strictly:
 * one {@code [Service]} table with only the seed's keys, each of its type; {@code ExecStart}
 * required. Bounded: at most {@link #MAXIMUM_UNITS} files of at most {@link #MAXIMUM_FILE_SIZE}
 * bytes each, so a directory costs at most 256 × 64 KiB = 16 MiB to read.
 */
public final class UnitFiles {
  /** The most unit files a directory may hold. */
  public static final int MAXIMUM_UNITS = 256;
  /** The largest unit file: 64 KiB, far above any real one (the seed's example is 400 bytes). */
  public static final int MAXIMUM_FILE_SIZE = 64 * 1024;
  /** The longest {@code RestartSec}: one day. */
  public static final long MAXIMUM_RESTART_SECONDS = 86_400;

  private static final String TABLE = "Service";
  private static final Set<String> KEYS = Set.of("ExecStart", "Environment", "WorkingDirectory", "Restart",
      "RestartSec", "ServiceEnable", "After", "Before", "Requires", "RequiredBy");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,127}");
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);

  private UnitFiles() {}

  /** Every unit in {@code directory}, by name; throws on the first bad file (in name order). */
  public static Map<String, Unit> load(Path directory) throws InitException {
    if (!Files.isDirectory(directory)) {
      throw new InitException("the units directory " + directory + " does not exist or is not a directory");
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*" + Unit.SUFFIX)) {
      for (Path file : entries) {
        if (files.size() == MAXIMUM_UNITS) {
          throw new InitException(String.format(Locale.ROOT,
              "%s holds more than %d unit files", directory, MAXIMUM_UNITS));
        }
        files.add(file);
      }
    } catch (IOException e) {
      throw new InitException("cannot list " + directory + ": " + e.getMessage(), e);
    }
    files.sort(Comparator.comparing(Path::toString));
    Map<String, Unit> units = new LinkedHashMap<>();
    for (Path file : files) {
      Unit unit = parse(file, read(file));
      units.put(unit.name(), unit);
    }
    return units;
  }

  /** Reads {@code file}, refusing anything but a regular file of at most the maximum size in UTF-8. */
  private static String read(Path file) throws UnitFileException {
    if (!Files.isRegularFile(file)) { // a symbolic link to a regular file is fine
      throw new UnitFileException(file, 0, "not a regular file");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAXIMUM_FILE_SIZE + 1);
    } catch (IOException e) {
      throw new UnitFileException(file, 0, "cannot read: " + e.getMessage());
    }
    if (bytes.length > MAXIMUM_FILE_SIZE) {
      throw new UnitFileException(file, 0, "larger than " + MAXIMUM_FILE_SIZE + " bytes");
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new UnitFileException(file, 0, "not UTF-8");
    }
  }

  /** The unit {@code text} describes, named after {@code file}. */
  public static Unit parse(Path file, String text) throws UnitFileException {
    String fileName = file.getFileName().toString();
    String name = Unit.normalise(fileName);
    if (!fileName.endsWith(Unit.SUFFIX) || !NAME.matcher(name).matches()) {
      throw new UnitFileException(file, 0, "a unit file is named NAME.service, NAME of letters, digits and _.@-");
    }
    TomlSubset.Document document;
    try {
      document = TomlSubset.parse(text);
    } catch (TomlSubset.SyntaxException e) {
      throw new UnitFileException(file, e.line(), e.getMessage());
    }
    Map<String, Map<String, TomlSubset.Entry>> tables = document.tables();
    for (var header : document.headerLines().entrySet()) {
      if (!header.getKey().equals(TABLE)) {
        throw new UnitFileException(file, header.getValue(), "unknown table [" + header.getKey() + "] (only [Service])");
      }
    }
    if (!tables.get("").isEmpty()) {
      var first = tables.get("").entrySet().iterator().next();
      throw new UnitFileException(file, first.getValue().line(), "key " + first.getKey() + " is outside [Service]");
    }
    Map<String, TomlSubset.Entry> service = tables.get(TABLE);
    if (service == null) {
      throw new UnitFileException(file, 0, "no [Service] table");
    }
    Map<String, Integer> lines = new HashMap<>();
    for (var entry : service.entrySet()) {
      if (!KEYS.contains(entry.getKey())) {
        throw new UnitFileException(file, entry.getValue().line(), "unknown key " + entry.getKey());
      }
      lines.put(entry.getKey(), entry.getValue().line());
    }
    Fields fields = new Fields(file, service);
    String command = fields.string("ExecStart").orElseThrow(() -> new UnitFileException(file, 0, "ExecStart is missing"));
    List<String> execStart;
    try {
      execStart = Words.split(command);
    } catch (IllegalArgumentException e) {
      throw fields.error("ExecStart", e.getMessage());
    }
    if (execStart.isEmpty()) {
      throw fields.error("ExecStart", "ExecStart is empty");
    }
    Map<String, String> environment = new LinkedHashMap<>();
    for (String variable : fields.strings("Environment")) {
      if (!VARIABLE.matcher(variable).matches()) {
        throw fields.error("Environment", "an Environment entry is NAME=value");
      }
      int equals = variable.indexOf('=');
      environment.put(variable.substring(0, equals), variable.substring(equals + 1));
    }
    RestartPolicy restart = RestartPolicy.NO;
    Optional<String> restartValue = fields.string("Restart");
    if (restartValue.isPresent()) {
      restart = RestartPolicy.parse(restartValue.get()).orElseThrow(() -> fields.error("Restart",
          "Restart is one of no, always, on-failure, on-success"));
    }
    long restartSec = fields.integer("RestartSec").orElse(1L);
    if (restartSec < 0 || restartSec > MAXIMUM_RESTART_SECONDS) {
      throw fields.error("RestartSec", "RestartSec is 0 to " + MAXIMUM_RESTART_SECONDS + " seconds");
    }
    return new Unit(name, file, execStart, environment, fields.string("WorkingDirectory").map(Path::of),
        restart, Duration.ofSeconds(restartSec), fields.bool("ServiceEnable").orElse(true),
        fields.names("After"), fields.names("Before"), fields.names("Requires"), fields.names("RequiredBy"), lines);
  }

  /** Typed access to the keys of one [Service] table, each failure naming the key's line. */
  private record Fields(Path file, Map<String, TomlSubset.Entry> entries) {
    UnitFileException error(String key, String reason) {
      return new UnitFileException(file, entries.get(key).line(), reason);
    }

    Optional<String> string(String key) throws UnitFileException {
      return typed(key, String.class, "a string");
    }

    Optional<Long> integer(String key) throws UnitFileException {
      return typed(key, Long.class, "an integer");
    }

    Optional<Boolean> bool(String key) throws UnitFileException {
      return typed(key, Boolean.class, "true or false");
    }

    List<String> strings(String key) throws UnitFileException {
      List<?> list = typed(key, List.class, "an array of strings").<List<?>>map(l -> l).orElse(List.of());
      List<String> out = new ArrayList<>();
      for (Object item : list) {
        if (!(item instanceof String s)) {
          throw error(key, key + " must be an array of strings");
        }
        out.add(s);
      }
      return out;
    }

    List<String> names(String key) throws UnitFileException {
      List<String> out = new ArrayList<>();
      for (String reference : strings(key)) {
        String name = Unit.normalise(reference);
        if (!NAME.matcher(name).matches()) {
          throw error(key, key + " names a unit as NAME or NAME.service");
        }
        out.add(name);
      }
      return out;
    }

    private <T> Optional<T> typed(String key, Class<T> type, String what) throws UnitFileException {
      TomlSubset.Entry entry = entries.get(key);
      if (entry == null) {
        return Optional.empty();
      }
      if (!type.isInstance(entry.value())) {
        throw error(key, key + " must be " + what);
      }
      return Optional.of(type.cast(entry.value()));
    }
  }
}
