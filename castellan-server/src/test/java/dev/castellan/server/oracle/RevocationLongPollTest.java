package dev.castellan.server.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.authority.LocalAuthority;
import dev.castellan.authority.RevokedTokens;
import dev.castellan.tokens.RevocationList;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long poll over real HTTP. The heartbeat is slowed to an hour, so a newer list during a
 * test can only come from the watch of revoked.txt (or from the test itself).
 */
class RevocationLongPollTest {
  @TempDir Path data;
  private TokenOracle oracle;

  @BeforeEach
  void boot() throws Exception {
    oracle = TokenOracle.boot(data, TokenOracle.WATCH_ONLY);
  }

  @AfterEach
  void stop() {
    oracle.close();
  }

  private RevocationList verify(byte[] document) throws Exception {
    return RevocationList.verify(document, oracle.tokens().authority().keySet(), Instant.now(), Duration.ofSeconds(30),
        Duration.ofMinutes(10));
  }

  @Test
  void behind_isAnsweredAtOnce_withTheCurrentList() throws Exception {
    long current = oracle.version();
    // Held for the whole wait, this request would time out on the client first.
    HttpResponse<byte[]> response =
        oracle.get("/v1/tokens/revocations?after=" + (current - 1) + "&wait=25", Duration.ofSeconds(10));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(verify(response.body()).version()).isEqualTo(current);
    assertThat(oracle.tokens().revocations().waiting()).isZero();
  }

  @Test
  void revokeDuringTheWait_answersWithTheNewList_holdingTheRevokedId() throws Exception {
    long current = oracle.version();
    CompletableFuture<HttpResponse<byte[]>> poll =
        oracle.getLater("/v1/tokens/revocations?after=" + current + "&wait=25", Duration.ofSeconds(60));
    oracle.awaitWaiters(1);
    assertThat(poll).as("held while nothing is newer").isNotDone();

    byte[] id = new byte[16];
    id[15] = 42;
    // As 'castellan tokens revoke' does: only the file changes; the oracle notices by itself.
    RevokedTokens.add(data.resolve(LocalAuthority.DIRECTORY), id, Instant.now());

    HttpResponse<byte[]> response = poll.get(60, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    RevocationList list = verify(response.body());
    assertThat(list.version()).as("a newer list, not the answer at the end of the wait").isGreaterThan(current);
    assertThat(list.isRevoked(id)).isTrue();
    assertThat(oracle.tokens().revocations().waiting()).isZero();
  }

  @Test
  void nothingChanges_theWaitEnds_withTheSameList() throws Exception {
    long current = oracle.version();
    byte[] currentDocument = oracle.tokens().revocations().current().bytes();
    HttpResponse<byte[]> response =
        oracle.get("/v1/tokens/revocations?after=" + current + "&wait=1", Duration.ofSeconds(30));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).as("the list the caller has: nothing newer").isEqualTo(currentDocument);
    assertThat(verify(response.body()).version()).isEqualTo(current);
  }

  @Test
  void waitZero_answersAtOnce_evenWhenNothingIsNewer() throws Exception {
    long current = oracle.version();
    HttpResponse<byte[]> response =
        oracle.get("/v1/tokens/revocations?after=" + current + "&wait=0", Duration.ofSeconds(10));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(verify(response.body()).version()).isEqualTo(current);
  }

  @Test
  void stopping_theOracle_answersTheWaiters() throws Exception {
    long current = oracle.version();
    CompletableFuture<HttpResponse<byte[]>> poll =
        oracle.getLater("/v1/tokens/revocations?after=" + current + "&wait=25", Duration.ofSeconds(60));
    oracle.awaitWaiters(1);
    oracle.tokens().close();
    // Released at once, not at the end of its 25 s wait.
    HttpResponse<byte[]> response = poll.get(15, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(verify(response.body()).version()).isEqualTo(current);
  }
}
