package dev.castellan.keys.pkcs11;

import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.keys.pkcs11.internal.Ck;
import dev.castellan.keys.pkcs11.internal.Cryptoki;
import dev.castellan.keys.pkcs11.internal.Info;
import dev.castellan.keys.pkcs11.internal.ReturnValue;
import dev.castellan.keys.pkcs11.internal.SessionPool;
import dev.castellan.keys.pkcs11.internal.Template;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One token of a PKCS#11 module, opened from a URI and logged in with the URI's PIN: its
 * objects, key pair generation inside it, and signers over its private keys.
 *
 * <p>Exactly one initialized token must match the URI's library, slot and token attributes;
 * none or several is an error that names the tokens present. Safe for concurrent use (at most
 * {@value #MAX_SESSIONS} operations at once); {@link #close()} closes this object's sessions
 * only, never the module.
 */
public final class Pkcs11Token implements AutoCloseable {
  static final int MAX_SESSIONS = 4;
  /** A listing reads at most this many objects: far above any token's capacity we know of. */
  static final int MAX_OBJECTS = 10_000;

  @FunctionalInterface
  interface SessionCall<T> {
    T call(long session) throws Pkcs11Exception;
  }

  private final Cryptoki cryptoki;
  private final long slot;
  private final Info.Token info;
  private final Pkcs11Uri uri;
  private final SessionPool sessions;
  private final boolean loggedIn;

  private Pkcs11Token(Cryptoki cryptoki, long slot, Info.Token info, Pkcs11Uri uri, SessionPool sessions, boolean loggedIn) {
    this.cryptoki = cryptoki;
    this.slot = slot;
    this.info = info;
    this.uri = uri;
    this.sessions = sessions;
    this.loggedIn = loggedIn;
  }

  /** Loads the URI's module, finds its one matching token and logs in if the URI names a PIN. */
  public static Pkcs11Token open(Pkcs11Uri uri) throws Pkcs11Exception {
    Path module = uri.modulePath().orElseThrow(() -> new Pkcs11UriException(uri.moduleName().isPresent()
        ? "module-name is not resolved here: name the module with module-path (an absolute path)"
        : "the URI names no module: add ?module-path=/path/to/module.so (e.g. /usr/lib/softhsm/libsofthsm2.so)"));
    Cryptoki cryptoki = Cryptoki.load(module);
    Info.Module library = cryptoki.info();
    Optional<String> mismatch = TokenMatch.libraryMismatch(uri, library);
    if (mismatch.isPresent()) {
      throw new Pkcs11Exception("module " + module + " (" + TokenMatch.quote(library.description()) + " "
          + library.version() + " by " + TokenMatch.quote(library.manufacturer()) + ") does not match the URI's " + mismatch.get());
    }
    List<Info.Token> present = new ArrayList<>();
    List<long[]> matching = new ArrayList<>();
    List<Info.Token> matchingInfo = new ArrayList<>();
    for (long slot : cryptoki.slotsWithToken()) {
      Info.Token token = cryptoki.tokenInfo(slot);
      if (!token.has(Ck.CKF_TOKEN_INITIALIZED)) {
        continue; // a free slot (SoftHSM keeps one): it holds no keys
      }
      present.add(token);
      if (TokenMatch.matches(uri, cryptoki.slotInfo(slot), token)) {
        matching.add(new long[] {slot});
        matchingInfo.add(token);
      }
    }
    if (matching.size() != 1) {
      String tokens = present.isEmpty() ? "none" : present.stream().limit(10)
          .map(t -> TokenMatch.quote(t.label()) + " (serial " + TokenMatch.quote(t.serial()) + ")").collect(Collectors.joining(", "));
      throw new Pkcs11Exception(matching.isEmpty()
          ? "no token matches " + tokenPart(uri) + " in module " + module + "; initialized tokens there: " + tokens
          : matching.size() + " tokens match " + tokenPart(uri) + " in module " + module
              + ": add token= or serial= to the URI (tokens: " + tokens + ")");
    }
    Info.Token info = matchingInfo.getFirst();
    SessionPool sessions = new SessionPool(cryptoki, matching.getFirst()[0], MAX_SESSIONS);
    Pkcs11Uri tokenUri = uri.forObject(null, null, null);
    try {
      Optional<SecretBytes> pin = PinSource.resolve(uri);
      if (pin.isPresent()) {
        login(cryptoki, sessions, info, pin.get());
      }
      return new Pkcs11Token(cryptoki, matching.getFirst()[0], info, tokenUri, sessions, pin.isPresent());
    } catch (Pkcs11Exception | RuntimeException e) {
      sessions.close();
      throw e;
    }
  }

  private static void login(Cryptoki cryptoki, SessionPool sessions, Info.Token info, SecretBytes pin) throws Pkcs11Exception {
    long session = sessions.borrow();
    try {
      cryptoki.login(session, pin);
    } catch (Pkcs11Exception e) {
      String what = e.returnValue() == ReturnValue.CKR_PIN_INCORRECT ? "the PIN is incorrect"
          : e.returnValue() == ReturnValue.CKR_PIN_LOCKED ? "the user PIN is locked"
          : e.returnValue() == ReturnValue.CKR_USER_PIN_NOT_INITIALIZED ? "the user PIN is not initialized"
          : "login failed";
      throw new Pkcs11Exception("token " + TokenMatch.quote(info.label()) + ": " + what
          + " (C_Login: " + ReturnValue.name(e.returnValue()) + ")", "C_Login", e.returnValue());
    } finally {
      sessions.release(session);
      pin.destroy();
    }
  }

  /** The URI's token attributes, for messages: {@code token=x;serial=y}, or "any token". */
  private static String tokenPart(Pkcs11Uri uri) {
    String path = uri.forObject(null, null, null).format();
    int query = path.indexOf('?');
    path = path.substring("pkcs11:".length(), query < 0 ? path.length() : query);
    return path.isEmpty() ? "any token" : path;
  }

  /** The token's label. */
  public String label() {
    return info.label();
  }

  /** The slot the token is in ({@code slot-id}). */
  public long slotId() {
    return slot;
  }

  /** The token's serial number. */
  public String serial() {
    return info.serial();
  }

  /** The URI of this token (module, token attributes and PIN source; no object attributes). */
  public Pkcs11Uri uri() {
    return uri;
  }

  /** Whether this token was logged in (the URI named a PIN). */
  public boolean loggedIn() {
    return loggedIn;
  }

  /** Every object of the token that RFC 7512 can name; private objects only when logged in. */
  public List<Pkcs11Object> objects() throws Pkcs11Exception {
    return withSession(session -> TokenObjects.list(cryptoki, session, uri));
  }

  /**
   * Generates a key pair inside the token: token objects, the private key sensitive,
   * non-extractable, signing only, both labelled {@code label} and identified by {@code id}.
   * Refused if an object with that label or id exists.
   */
  public Pkcs11Object generateKeyPair(Pkcs11KeyType type, String label, byte[] id) throws Pkcs11Exception {
    requireLogin("generate a key pair");
    return withSession(session -> TokenObjects.generate(cryptoki, session, uri, info.label(), type, label, id));
  }

  /** A signer over the one private key {@code object} names (by {@code object=} and/or {@code id=}). */
  public Pkcs11Signer signer(Pkcs11Uri object) throws Pkcs11Exception {
    requireLogin("sign");
    TokenObjects.Key key = withSession(session -> TokenObjects.privateKey(cryptoki, session, uri, info.label(), object));
    return new Pkcs11Signer(this, key.handle(), key.type(), key.publicKeyInfo(), key.uri(), false);
  }

  /** The handle of the private key {@code object} names, for tests of the key's attributes. */
  long privateKeyHandle(Pkcs11Uri object) throws Pkcs11Exception {
    return withSession(session -> TokenObjects.privateKey(cryptoki, session, uri, info.label(), object)).handle();
  }

  /** One attribute of an object; a sensitive one throws {@code CKR_ATTRIBUTE_SENSITIVE}. */
  Optional<byte[]> attribute(long object, long type) throws Pkcs11Exception {
    return withSession(session -> cryptoki.attribute(session, object, type));
  }

  byte[] sign(long key, long mechanism, byte[] data, int maxLength) throws Pkcs11Exception {
    return withSession(session -> cryptoki.sign(session, mechanism, key, data, maxLength));
  }

  private void requireLogin(String what) throws Pkcs11Exception {
    if (!loggedIn && info.has(Ck.CKF_LOGIN_REQUIRED)) {
      throw new Pkcs11Exception("token " + TokenMatch.quote(info.label()) + " needs the user PIN to " + what
          + ": add pin-source=file:/path/to/pin (or pin-value=...) to the URI's query");
    }
  }

  <T> T withSession(SessionCall<T> call) throws Pkcs11Exception {
    long session = sessions.borrow();
    T result;
    try {
      result = call.call(session);
    } catch (Pkcs11Exception | RuntimeException e) {
      sessions.discard(session);
      throw e;
    }
    sessions.release(session);
    return result;
  }

  @Override
  public void close() {
    sessions.close();
  }

  @Override
  public String toString() {
    return "Pkcs11Token[" + TokenMatch.quote(info.label()) + ", " + cryptoki.library() + "]";
  }
}
