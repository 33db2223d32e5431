package dev.castellan.attestation.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * File handling for the simulator's state: owner-only permissions, all-or-nothing creation
 * (write into a temporary sibling, then publish with an atomic rename or link that never
 * replaces existing state), strict PEM reading that names the file on any failure.
 */
final class SimulatorFiles {
  /** Largest state file read: PEM of an RSA-4096 key is about 3.3 KB. */
  static final int MAX_FILE_BYTES = 64 * 1024;

  private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

  private SimulatorFiles() {}

  /** Creates {@code dir} (and parents) if absent; a new leaf directory is owner-only. */
  static void createPrivateDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.createDirectories(dir.getParent());
    try {
      Files.createDirectory(dir, dirAttributes(dir.getParent()));
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        throw new SimulatorStorageException(dir, "exists and is not a directory");
      }
    }
  }

  /** A fresh owner-only temporary directory beside {@code target}. */
  static Path temporarySibling(Path target) throws IOException {
    return Files.createTempDirectory(
        target.getParent(), "." + target.getFileName() + ".tmp-", dirAttributes(target.getParent()));
  }

  /** Writes the contents of a directory that is not yet published. */
  @FunctionalInterface
  interface DirectoryWriter {
    void write(Path directory) throws IOException;
  }

  /**
   * Creates {@code dir} if it does not exist, all or nothing: {@code writer} fills a temporary
   * sibling, which is then published by {@link #publishDirectory} (if another process won
   * the race, its directory stays). An existing {@code dir} is left as it is, for the caller
   * to load.
   */
  static void createDirectoryOnce(Path dir, DirectoryWriter writer) throws IOException {
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Path temporary = temporarySibling(dir);
    try {
      writer.write(temporary);
      publishDirectory(temporary, dir);
    } finally {
      deleteTree(temporary);
    }
  }

  /**
   * Publishes the fully written directory {@code temporary} as {@code target}.
   *
   * @return false if {@code target} already existed (another process won); {@code temporary}
   *     is then deleted and the caller loads {@code target}
   */
  static boolean publishDirectory(Path temporary, Path target) throws IOException {
    try {
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      deleteTree(temporary);
      return false;
    }
  }

  /**
   * Publishes {@code content} as a new owner-only file {@code target}, atomically and without
   * ever replacing an existing file (a hard link from a fully written temporary file).
   *
   * @return false if {@code target} already existed
   */
  static boolean publishFile(Path target, byte[] content) throws IOException {
    Path temporary =
        Files.createTempFile(target.getParent(), "." + target.getFileName() + ".tmp-", "", fileAttributes(target.getParent()));
    try {
      try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.WRITE, StandardOpenOption.SYNC)) {
        out.write(content);
      }
      try {
        Files.createLink(target, temporary);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      } catch (UnsupportedOperationException | FileSystemException e) {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
          return false;
        }
        // No hard links on this file system: a create-new write is still exclusive.
        Files.write(target, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        return true;
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** Writes a new owner-only file (inside a not yet published temporary directory). */
  static void writePrivate(Path file, byte[] content) throws IOException {
    Files.createFile(file, fileAttributes(file.getParent()));
    Files.write(file, content, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
  }

  /** Reads a regular file, bounded; any problem names the file. */
  static byte[] read(Path file) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new SimulatorStorageException(file, "missing (or not a regular file)");
    }
    if (Files.size(file) > MAX_FILE_BYTES) {
      throw new SimulatorStorageException(file, "larger than " + MAX_FILE_BYTES + " bytes");
    }
    return Files.readAllBytes(file);
  }

  static String pem(Object object) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      // Private keys as PKCS#8 "PRIVATE KEY", not the traditional per-algorithm PEM types.
      writer.writeObject(object instanceof PrivateKey key ? new JcaPKCS8Generator(key, null) : object);
    } catch (IOException e) {
      throw new IllegalStateException("PEM encoding to memory failed", e);
    }
    return text.toString();
  }

  /** Reads a file holding exactly one PEM CERTIFICATE. */
  static X509Certificate readCertificate(Path file) throws IOException {
    Object object = readSinglePem(file);
    if (!(object instanceof X509CertificateHolder holder)) {
      throw new SimulatorStorageException(file, "does not hold a PEM CERTIFICATE");
    }
    try {
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (CertificateException e) {
      throw new SimulatorStorageException(file, "certificate does not parse", e);
    }
  }

  /** Reads a file holding exactly one PEM PRIVATE KEY (unencrypted PKCS#8). */
  static PrivateKey readPrivateKey(Path file) throws IOException {
    Object object = readSinglePem(file);
    if (!(object instanceof PrivateKeyInfo info)) {
      throw new SimulatorStorageException(file, "does not hold a PEM PRIVATE KEY (PKCS#8)");
    }
    try {
      return new JcaPEMKeyConverter().getPrivateKey(info);
    } catch (IOException | RuntimeException e) {
      throw new SimulatorStorageException(file, "private key does not parse", e);
    }
  }

  private static Object readSinglePem(Path file) throws IOException {
    String text = new String(read(file), StandardCharsets.US_ASCII);
    try (PEMParser parser = new PEMParser(new StringReader(text))) {
      Object first = parser.readObject();
      if (first == null) {
        throw new SimulatorStorageException(file, "holds no PEM object");
      }
      if (parser.readObject() != null) {
        throw new SimulatorStorageException(file, "holds more than one PEM object");
      }
      return first;
    } catch (SimulatorStorageException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new SimulatorStorageException(file, "is not valid PEM", e);
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static boolean posix(Path dir) {
    return Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
  }

  private static FileAttribute<?>[] fileAttributes(Path dir) {
    return posix(dir)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
        : new FileAttribute<?>[0];
  }

  private static FileAttribute<?>[] dirAttributes(Path dir) {
    return posix(dir)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_DIR)}
        : new FileAttribute<?>[0];
  }
}
