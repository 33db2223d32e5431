package dev.castellan.server.broker;

import dev.castellan.authority.LocalAuthority;
import dev.castellan.keys.SealedFile;
import dev.castellan.server.auth.ServiceTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The broker's capability tokens: {@link ServiceTokens} with audience {@value #AUDIENCE}; the
 * operator's bootstrap token ({@code <data>/authority/bootstrap.token}) holds {@value
 * BrokerApi#SCOPE}, so a key policy naming {@code "operator"} among its admins is administered
 * by whoever can read that file. On first start the ACL grants subject {@code operator} exactly
 * that scope (the operator edits {@code acl.json} to add other principals).
 */
final class BrokerTokens {
  static final String AUDIENCE = "castellan-broker";
  static final String ISSUER = "castellan.local/broker-authority";
  static final ServiceTokens.Profile PROFILE = new ServiceTokens.Profile(AUDIENCE, ISSUER, List.of(BrokerApi.SCOPE), "broker");

  private BrokerTokens() {}

  /** Writes the broker's first ACL unless the directory has one. */
  static void firstAcl(Path dataDirectory) throws IOException {
    Path dir = dataDirectory.resolve(LocalAuthority.DIRECTORY);
    Path acl = dir.resolve(LocalAuthority.ACL_FILE);
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir.getParent());
      Files.createDirectory(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
          java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
    }
    if (!Files.exists(acl)) {
      SealedFile.writeAtomically(acl, ("{\"version\": 1, \"subjects\": {\"" + LocalAuthority.OPERATOR + "\": [\""
          + BrokerApi.SCOPE + "\"]}}\n").getBytes(StandardCharsets.UTF_8));
    }
  }
}
