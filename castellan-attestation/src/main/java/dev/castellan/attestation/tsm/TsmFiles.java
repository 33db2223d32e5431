package dev.castellan.attestation.tsm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The file operations the attester performs on configfs, injectable so the protocol can be
 * tested without a kernel (configfs entries are directories whose attribute files the kernel
 * creates on {@code mkdir}).
 */
interface TsmFiles {
  boolean isDirectory(Path path);

  void mkdir(Path path) throws IOException;

  void write(Path path, byte[] data) throws IOException;

  /** Reads at most {@code max} bytes; more is an error. */
  byte[] read(Path path, int max) throws IOException;

  void rmdir(Path path) throws IOException;

  /** The real file system. */
  TsmFiles SYSTEM =
      new TsmFiles() {
        @Override
        public boolean isDirectory(Path path) {
          return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
        }

        @Override
        public void mkdir(Path path) throws IOException {
          Files.createDirectory(path);
        }

        @Override
        public void write(Path path, byte[] data) throws IOException {
          Files.write(path, data);
        }

        @Override
        public byte[] read(Path path, int max) throws IOException {
          try (InputStream in = Files.newInputStream(path)) {
            byte[] data = in.readNBytes(max + 1);
            if (data.length > max) {
              throw new IOException(path.getFileName() + " is larger than " + max + " bytes");
            }
            return data;
          }
        }

        @Override
        public void rmdir(Path path) throws IOException {
          Files.delete(path);
        }
      };
}
