package dev.castellan.attestation.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The test tree, built by hand: every node type NAR has, with names that sort differently
 * byte-wise than by locale. {@link #TREE_HEX} is what {@code nix-hash --type sha256} (nix 2.8.0)
 * printed for the same tree built with the shell, so the tests check a value Nix computed even
 * where nix-bin is absent.
 */
final class ImageTree {
  static final String TREE_HEX = "a7ec2244750c1a0df7de15c304a3696ca46cdeee05ff32fb40c025cdc14a17f6";
  static final String TREE_BASE32 = "1xhp9b0ws9f083xk5zq5xvg6r93cd6ih9hqmvvvhs6hcfm225v57";
  static final String TREE_SRI = "sha256-p+wiRHUMGg333hXDBKNpbKRs3u4F/zL7QMAlzcFKF/Y=";
  /** {@code nix-hash --type sha256 --base32} of the single file {@code file}. */
  static final String FILE_BASE32 = "04zwf782yjwnh3q6hz5izfd6jyip8kgw6g6yj43fiqhbyhdd0dqw";
  static final String FILE_HEX = "1c37d01af40be2e80691de3cc3df44377a699afbb17c68f080964b2fd071fc13";
  static final String EXE_HEX = "5e0accf02cedede5e4119ffa15e79e79a5fb1fb9bc43c3d434f33227a14477a0";
  static final String LINK_HEX = "1a1692d03d1b9335af371ec5bd91e2b3ac04e2cfd8fd7616e8e831ca775cfdb4";
  static final String EMPTY_HEX = "a50a5ab6d992f5598edd92105059fae9acfc192981e08bd88534c2167e92526a";
  static final String SORTED_HEX = "89da91a6239b14f41cbf857a5e056a9798d84eca44d0eebeaf8c8fc092c2f6ea";

  private ImageTree() {}

  /**
   * {@code root/}: {@code file} ("hello\n", 0644), {@code exe} (0755), {@code link -> file/../target}
   * and {@code dangling -> does/not/exist} (both dangling), {@code empty/}, {@code sorted/} (files
   * B a _ a.b a-b ab 0 Z, each holding its name), {@code nested/a/b/c/deep} ("deep").
   */
  static Path build(Path root) throws IOException {
    Files.createDirectories(root);
    write(root.resolve("file"), "hello\n", "rw-r--r--");
    write(root.resolve("exe"), "#!/bin/sh\necho hi\n", "rwxr-xr-x");
    Files.createSymbolicLink(root.resolve("link"), Path.of("file/../target"));
    Files.createSymbolicLink(root.resolve("dangling"), Path.of("does/not/exist"));
    Files.createDirectory(root.resolve("empty"));
    Path sorted = Files.createDirectory(root.resolve("sorted"));
    for (String name : new String[] {"B", "a", "_", "a.b", "a-b", "ab", "0", "Z"}) {
      write(sorted.resolve(name), name, "rw-r--r--");
    }
    write(Files.createDirectories(root.resolve("nested/a/b/c")).resolve("deep"), "deep", "rw-r--r--");
    return root;
  }

  private static void write(Path file, String text, String permissions) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
  }
}
