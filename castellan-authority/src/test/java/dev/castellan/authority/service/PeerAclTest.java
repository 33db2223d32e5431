package dev.castellan.authority.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.transport.PeerIdentity;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PeerAclTest {
  static final String SPKI = "ab".repeat(32);

  static PeerAcl parse(String json) throws PeerAclFormatException {
    return PeerAcl.fromJson(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void lookup_matchesByTransportIdentity_denyByDefault() throws Exception {
    PeerAcl acl = parse("""
        {"version": 1, "peers": [
          {"name": "policy-pd", "unix": {"uid": 1000}, "types": ["token_issue_req"], "subject": "vm-7"},
          {"name": "unlocker", "tls": {"spkiSha256": "%s"}, "types": ["totp_validate_req"], "audience": "luks"},
          {"name": "vm-3", "vsock": {"cid": 3}, "types": ["token_issue_req", "totp_validate_req"], "subject": "vm-3"}]}
        """.formatted(SPKI));
    PeerEntry pd = acl.lookup(new PeerIdentity.Unix(1000, 5, 42)).orElseThrow();
    assertThat(pd.name()).isEqualTo("policy-pd");
    assertThat(pd.subject()).contains("vm-7");
    assertThat(pd.allows("token_issue_req")).isTrue();
    assertThat(pd.allows("totp_validate_req")).isFalse();
    assertThat(acl.lookup(new PeerIdentity.Tls(SPKI, "CN=unlocker")).orElseThrow().audience()).contains("luks");
    assertThat(acl.lookup(new PeerIdentity.Vsock(3, 1234)).orElseThrow().name()).isEqualTo("vm-3");
    assertThat(acl.lookup(new PeerIdentity.Unix(1001, 5, 42))).isEmpty();
    assertThat(acl.lookup(new PeerIdentity.Tls("cd".repeat(32), "CN=x"))).isEmpty();
    assertThat(acl.lookup(new PeerIdentity.Vsock(4, 1234))).isEmpty();
  }

  @Test
  void strictFormat_refusesWithPath_neverEchoingTheValue() {
    String[][] cases = {
        {"{\"version\": 1, \"peers\": [], \"extra\": 1}", "$: unknown member"},
        {"{\"version\": 2, \"peers\": []}", "version: must be 1"},
        {"{\"version\": 1, \"version\": 1, \"peers\": []}", "a key appears twice"},
        {"{\"version\": 1, \"peers\": []} {}", "not valid JSON"},
        {"{\"version\": 1, \"peers\": [{\"name\": \"a\", \"unix\": {\"uid\": 1, \"gid\": 2}, \"types\": [\"totp_validate_req\"]}]}",
            "peers[0].unix: unknown member"},
        {"{\"version\": 1, \"peers\": [{\"name\": \"a\", \"types\": [\"totp_validate_req\"]}]}", "exactly one of"},
        {"{\"version\": 1, \"peers\": [{\"name\": \"a\", \"unix\": {\"uid\": 1}, \"vsock\": {\"cid\": 3}, \"types\": [\"totp_validate_req\"]}]}",
            "exactly one of"},
        {"{\"version\": 1, \"peers\": [{\"name\": \"a\", \"unix\": {\"uid\": -1}, \"types\": [\"totp_validate_req\"]}]}", "0..4294967295"},
        {"{\"version\": 1, \"peers\": [{\"name\": \"a\", \"tls\": {\"spkiSha256\": \"SECRETVALUE\"}, \"types\": [\"totp_validate_req\"]}]}",
            "64 lowercase hex"},
        {"{\"version\": 1, \"peers\": [{\"name\": \"a\", \"unix\": {\"uid\": 1}, \"types\": [\"audit_log\"]}]}", "peers[0].types[0]"},
        {"{\"version\": 1, \"peers\": [{\"name\": \"a\", \"unix\": {\"uid\": 1}, \"types\": [\"token_issue_req\"]}]}", "subject is required"},
        {"{\"version\": 1, \"peers\": [{\"name\": \"a\", \"unix\": {\"uid\": 1}, \"types\": [\"totp_validate_req\"], \"subject\": \"vm\"}]}",
            "subject is required exactly"},
        {"{\"version\": 1, \"peers\": [{\"name\": \"a\", \"unix\": {\"uid\": 1}, \"types\": [\"totp_validate_req\"]},"
            + " {\"name\": \"b\", \"unix\": {\"uid\": 1}, \"types\": [\"totp_validate_req\"]}]}", "same peer"},
        {"{\"version\": 1, \"peers\": [{\"name\": \"a\", \"unix\": {\"uid\": 1}, \"types\": [\"totp_validate_req\"]},"
            + " {\"name\": \"a\", \"unix\": {\"uid\": 2}, \"types\": [\"totp_validate_req\"]}]}", "twice"},
    };
    for (String[] c : cases) {
      assertThatThrownBy(() -> parse(c[0])).as(c[0]).isInstanceOf(PeerAclFormatException.class)
          .hasMessageContaining(c[1]).hasMessageNotContaining("SECRETVALUE");
    }
  }

  @Test
  void entropydAllowlist_sameFormat_namesPeersThatMayReceiveEntropyPub() throws Exception {
    PeerAcl acl = PeerAcl.fromJson("""
        {"version": 1, "peers": [
          {"name": "cryptod", "unix": {"uid": 1000}, "types": ["entropy_pub"]},
          {"name": "replica", "tls": {"spkiSha256": "%s"}, "types": ["entropy_pub"]}]}
        """.formatted(SPKI).getBytes(StandardCharsets.UTF_8), PeerService.ENTROPYD);
    assertThat(acl.service()).isEqualTo(PeerService.ENTROPYD);
    assertThat(acl.lookup(new PeerIdentity.Unix(1000, 5, 42)).orElseThrow().allows("entropy_pub")).isTrue();
    assertThat(acl.lookup(new PeerIdentity.Tls(SPKI, "CN=replica")).orElseThrow().name()).isEqualTo("replica");
    assertThat(acl.lookup(new PeerIdentity.Unix(1001, 5, 42))).isEmpty();
  }

  @Test
  void eachServicesFile_refusesTheOtherServicesTypes_andMembers() {
    String[][] entropyd = {
        {"{\"name\": \"a\", \"unix\": {\"uid\": 1}, \"types\": [\"token_issue_req\"], \"subject\": \"vm\"}",
            "peers[0].types[0]: must be one of entropy_pub"},
        {"{\"name\": \"a\", \"unix\": {\"uid\": 1}, \"types\": [\"entropy_pub\"], \"audience\": \"luks\"}",
            "peers[0].audience: is not a member of entropyd's entries"},
        {"{\"name\": \"a\", \"unix\": {\"uid\": 1}, \"types\": [\"entropy_pub\"], \"subject\": \"vm\"}",
            "subject is required exactly when token_issue_req"},
        {"{\"name\": \"a\", \"unix\": {\"uid\": 1}, \"types\": [\"entropy_pub\", \"entropy_pub\"]}", "peers[0].types"},
    };
    for (String[] c : entropyd) {
      assertThatThrownBy(() -> PeerAcl.fromJson(("{\"version\": 1, \"peers\": [" + c[0] + "]}").getBytes(StandardCharsets.UTF_8),
          PeerService.ENTROPYD)).as(c[0]).isInstanceOf(PeerAclFormatException.class).hasMessageContaining(c[1]);
    }
    assertThatThrownBy(() -> parse("{\"version\": 1, \"peers\": [{\"name\": \"a\", \"unix\": {\"uid\": 1}, \"types\": [\"entropy_pub\"]}]}"))
        .isInstanceOf(PeerAclFormatException.class).hasMessageContaining("peers[0].types[0]: must be one of token_issue_req, totp_validate_req");
    PeerEntry entropy = new PeerEntry("e", new PeerPattern.Unix(1), java.util.Set.of("entropy_pub"),
        java.util.Optional.empty(), java.util.Optional.empty());
    assertThatThrownBy(() -> PeerAcl.of(java.util.List.of(entropy)))
        .hasMessageContaining("peers[0].types: must be among token_issue_req, totp_validate_req for cryptod");
  }

  @Test
  void oversizeFile_refusedBeforeParsing() {
    byte[] big = new byte[PeerAcl.MAX_BYTES + 1];
    assertThatThrownBy(() -> PeerAcl.fromJson(big)).hasMessageContaining("larger than");
  }
}
