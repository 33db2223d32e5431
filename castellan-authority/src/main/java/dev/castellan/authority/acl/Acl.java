package dev.castellan.authority.acl;

import dev.castellan.authority.internal.StrictJson;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The ACL of seed 004: {@code {subject -> allowed scopes}}. A subject not listed may have
 * nothing; a listed subject may have exactly the scopes listed.
 *
 * <p>File ({@link #fromJson}): {@code {"version": 1, "subjects": {"vm-7": ["luks:unlock",
 * "net:update"]}}}. Strict: unknown members, a key that appears twice, a scope listed twice,
 * a subject or scope outside its grammar, more than {@value #MAX_SUBJECTS} subjects or
 * {@value #MAX_SCOPES_PER_SUBJECT} scopes per subject, and a file over 1 MiB are errors.
 * Subjects (VM or operator ids): 1 to 64 characters of {@code [A-Za-z0-9._@-]} starting with a
 * letter or digit.
 */
public final class Acl {
  public static final int MAX_SUBJECTS = 10_000;
  public static final int MAX_SCOPES_PER_SUBJECT = 64;
  private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

  private final SortedMap<String, SortedSet<Scope>> entries;

  private Acl(SortedMap<String, SortedSet<Scope>> entries) {
    this.entries = Collections.unmodifiableSortedMap(entries);
  }

  /** An ACL with these entries; the same rules as the file. */
  public static Acl of(Map<String, Set<Scope>> entries) {
    if (entries.size() > MAX_SUBJECTS) {
      throw new IllegalArgumentException("at most " + MAX_SUBJECTS + " subjects");
    }
    TreeMap<String, SortedSet<Scope>> copy = new TreeMap<>();
    entries.forEach((subject, scopes) -> {
      if (!validSubject(subject)) {
        throw new IllegalArgumentException("a subject is 1..64 characters of [A-Za-z0-9._@-]");
      }
      if (scopes.size() > MAX_SCOPES_PER_SUBJECT) {
        throw new IllegalArgumentException("at most " + MAX_SCOPES_PER_SUBJECT + " scopes per subject");
      }
      copy.put(subject, Collections.unmodifiableSortedSet(new TreeSet<>(scopes)));
    });
    return new Acl(copy);
  }

  public static boolean validSubject(String subject) {
    return subject != null && subject.length() <= 64 && SUBJECT.matcher(subject).matches();
  }

  /** The scopes {@code subject} may be granted; empty if the subject is not in the ACL. */
  public Optional<SortedSet<Scope>> allowed(String subject) {
    return Optional.ofNullable(entries.get(subject));
  }

  public SortedMap<String, SortedSet<Scope>> entries() {
    return entries;
  }

  public static Acl fromFile(Path file) throws IOException, AclFormatException {
    return fromJson(StrictJson.readFile(file, AclFormatException.MAX_FILE_BYTES, AclFormatException::new));
  }

  /** Parses the ACL file format above. */
  public static Acl fromJson(byte[] json) throws AclFormatException {
    JsonNode root = StrictJson.read(json, AclFormatException.MAX_FILE_BYTES, AclFormatException::new);
    StrictJson.allowOnly(root, "$", Set.of("version", "subjects"), AclFormatException::new);
    StrictJson.requireVersion(root, AclFormatException::new);
    JsonNode subjects = root.get("subjects");
    if (subjects == null || !subjects.isObject()) {
      throw new AclFormatException("subjects", "must be an object of subject to scopes");
    }
    if (subjects.size() > MAX_SUBJECTS) {
      throw new AclFormatException("subjects", "has " + subjects.size() + " subjects; at most " + MAX_SUBJECTS);
    }
    TreeMap<String, SortedSet<Scope>> entries = new TreeMap<>();
    for (String subject : subjects.propertyNames()) {
      if (!validSubject(subject)) {
        throw new AclFormatException("subjects", "a subject is not 1..64 characters of [A-Za-z0-9._@-]");
      }
      entries.put(subject, Collections.unmodifiableSortedSet(new TreeSet<>(scopes(subjects.get(subject), "subjects." + subject))));
    }
    return new Acl(entries);
  }

  private static Set<Scope> scopes(JsonNode list, String where) throws AclFormatException {
    if (!list.isArray()) {
      throw new AclFormatException(where, "must be an array of scopes");
    }
    if (list.size() > MAX_SCOPES_PER_SUBJECT) {
      throw new AclFormatException(where, "has " + list.size() + " scopes; at most " + MAX_SCOPES_PER_SUBJECT);
    }
    Set<Scope> out = new LinkedHashSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode item = list.get(i);
      String at = where + "[" + i + "]";
      if (!item.isString() || !Scope.valid(item.stringValue())) {
        throw new AclFormatException(at, "a scope is resource:action, each 1..32 characters of [a-z0-9_-]");
      }
      if (!out.add(Scope.of(item.stringValue()))) {
        throw new AclFormatException(at, "scope listed twice");
      }
    }
    return out;
  }
}
