package dev.castellan.keys.pkcs11.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.keys.pkcs11.Pkcs11Exception;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * One PKCS#11 module, bound through its {@code CK_FUNCTION_LIST}: the functions Castellan
 * calls, each returning {@code CKR_OK} or throwing {@link Pkcs11Exception} with the function
 * and the {@code CKR_} name.
 *
 * <p>The module is initialized with {@code CKF_OS_LOCKING_OK} (it is called from many
 * threads) and never finalized: initialization is per process, so {@code C_Finalize} would
 * end the sessions of every other user of the module in this JVM (another signer, or
 * SunPKCS11). {@code CKR_CRYPTOKI_ALREADY_INITIALIZED} is therefore success, and the library
 * stays loaded until the JVM exits. Loading a module runs its code: its path is
 * configuration, never input from a remote party.
 */
public final class Cryptoki {
  /** {@code CK_FUNCTION_LIST}: a CK_VERSION (padded to 8 bytes), then 68 function pointers. */
  private static final int FUNCTIONS = 68;
  /** Attribute values read here are labels, ids, points and parameters: 64 KiB bounds a bad module. */
  private static final long MAX_ATTRIBUTE = 64 * 1024;
  private static final Linker LINKER = Linker.nativeLinker();

  private final Path library;
  private final MethodHandle getInfo;
  private final MethodHandle getSlotList;
  private final MethodHandle getSlotInfo;
  private final MethodHandle getTokenInfo;
  private final MethodHandle openSession;
  private final MethodHandle closeSession;
  private final MethodHandle login;
  private final MethodHandle getAttributeValue;
  private final MethodHandle findObjectsInit;
  private final MethodHandle findObjects;
  private final MethodHandle findObjectsFinal;
  private final MethodHandle signInit;
  private final MethodHandle sign;
  private final MethodHandle generateKeyPair;

  @FunctionalInterface
  private interface Call {
    long invoke() throws Throwable;
  }

  private Cryptoki(Path library, MemorySegment functions) throws Pkcs11Exception {
    this.library = library;
    getInfo = function(functions, 2, "C_GetInfo", ADDRESS);
    getSlotList = function(functions, 4, "C_GetSlotList", JAVA_BYTE, ADDRESS, ADDRESS);
    getSlotInfo = function(functions, 5, "C_GetSlotInfo", JAVA_LONG, ADDRESS);
    getTokenInfo = function(functions, 6, "C_GetTokenInfo", JAVA_LONG, ADDRESS);
    openSession = function(functions, 12, "C_OpenSession", JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS);
    closeSession = function(functions, 13, "C_CloseSession", JAVA_LONG);
    login = function(functions, 18, "C_Login", JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG);
    getAttributeValue = function(functions, 24, "C_GetAttributeValue", JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG);
    findObjectsInit = function(functions, 26, "C_FindObjectsInit", JAVA_LONG, ADDRESS, JAVA_LONG);
    findObjects = function(functions, 27, "C_FindObjects", JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS);
    findObjectsFinal = function(functions, 28, "C_FindObjectsFinal", JAVA_LONG);
    signInit = function(functions, 42, "C_SignInit", JAVA_LONG, ADDRESS, JAVA_LONG);
    sign = function(functions, 43, "C_Sign", JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS);
    generateKeyPair = function(functions, 59, "C_GenerateKeyPair",
        JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS);
  }

  /** Loads and initializes the module at {@code library} (an absolute path to a shared library). */
  public static Cryptoki load(Path library) throws Pkcs11Exception {
    if (LINKER.canonicalLayouts().get("long").byteSize() != 8) {
      throw new Pkcs11Exception("this PKCS#11 binding supports LP64 platforms (64-bit Linux) only");
    }
    if (!Files.isRegularFile(library)) {
      throw new Pkcs11Exception("module " + library + ": " + (Files.exists(library) ? "is not a regular file" : "does not exist"));
    }
    SymbolLookup symbols;
    try {
      symbols = SymbolLookup.libraryLookup(library, Arena.global());
    } catch (IllegalCallerException e) {
      throw new Pkcs11Exception("native access is disabled: run java with --enable-native-access=ALL-UNNAMED");
    } catch (IllegalArgumentException e) {
      throw new Pkcs11Exception("module " + library + ": cannot be loaded (not a shared library for this platform?)");
    }
    MemorySegment getFunctionList = symbols.find("C_GetFunctionList").orElseThrow(() ->
        new Pkcs11Exception("module " + library + ": is not a PKCS#11 module (no C_GetFunctionList)"));
    MethodHandle handle = LINKER.downcallHandle(getFunctionList, FunctionDescriptor.of(JAVA_LONG, ADDRESS));
    MemorySegment functions;
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment pointer = arena.allocate(ADDRESS);
      check("C_GetFunctionList", call(() -> (long) handle.invokeExact(pointer)));
      functions = pointer.get(ADDRESS, 0).reinterpret(8 + FUNCTIONS * 8L);
    }
    if (functions.equals(MemorySegment.NULL) || (functions.get(JAVA_BYTE, 0) & 0xff) < 2) {
      throw new Pkcs11Exception("module " + library + ": its function list is not PKCS#11 2.x or later");
    }
    Cryptoki cryptoki = new Cryptoki(library, functions);
    MethodHandle initialize = function(functions, 0, "C_Initialize", ADDRESS);
    try (Arena arena = Arena.ofConfined()) {
      // CK_C_INITIALIZE_ARGS: four mutex callbacks (NULL: use the OS's), flags, pReserved.
      MemorySegment args = arena.allocate(48, 8);
      args.set(JAVA_LONG, 32, Ck.CKF_OS_LOCKING_OK);
      long rv = call(() -> (long) initialize.invokeExact(args));
      if (rv != ReturnValue.CKR_CRYPTOKI_ALREADY_INITIALIZED) {
        check("C_Initialize", rv);
      }
    }
    return cryptoki;
  }

  public Path library() {
    return library;
  }

  private static MethodHandle function(MemorySegment functions, int index, String name,
      java.lang.foreign.MemoryLayout... arguments) throws Pkcs11Exception {
    MemorySegment address = functions.get(ADDRESS, 8 + index * 8L);
    if (address.equals(MemorySegment.NULL)) {
      throw new Pkcs11Exception("the module's function list has no " + name);
    }
    return LINKER.downcallHandle(address, FunctionDescriptor.of(JAVA_LONG, arguments));
  }

  private static long call(Call call) {
    try {
      return call.invoke();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("PKCS#11 downcall failed", t);
    }
  }

  /** Throws unless {@code rv} is {@code CKR_OK}. */
  public static void check(String function, long rv) throws Pkcs11Exception {
    if (rv != ReturnValue.CKR_OK) {
      throw new Pkcs11Exception(ReturnValue.describe(function, rv), function, rv);
    }
  }

  public Info.Module info() throws Pkcs11Exception {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment info = arena.allocate(Info.MODULE_BYTES, 8);
      check("C_GetInfo", call(() -> (long) getInfo.invokeExact(info)));
      return Info.Module.read(info);
    }
  }

  /** The slots that hold a token (at most 1024). */
  public long[] slotsWithToken() throws Pkcs11Exception {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment count = arena.allocate(JAVA_LONG);
      check("C_GetSlotList", call(() -> (long) getSlotList.invokeExact((byte) 1, MemorySegment.NULL, count)));
      long n = count.get(JAVA_LONG, 0);
      if (n < 0 || n > 1024) {
        throw new Pkcs11Exception("the module reports " + n + " slots; at most 1024 are read");
      }
      MemorySegment slots = arena.allocate(JAVA_LONG, Math.max(1, n));
      check("C_GetSlotList", call(() -> (long) getSlotList.invokeExact((byte) 1, slots, count)));
      return Arrays.copyOf(slots.toArray(JAVA_LONG), (int) Math.min(n, count.get(JAVA_LONG, 0)));
    }
  }

  public Info.Slot slotInfo(long slot) throws Pkcs11Exception {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment info = arena.allocate(Info.SLOT_BYTES, 8);
      check("C_GetSlotInfo", call(() -> (long) getSlotInfo.invokeExact(slot, info)));
      return Info.Slot.read(slot, info);
    }
  }

  public Info.Token tokenInfo(long slot) throws Pkcs11Exception {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment info = arena.allocate(Info.TOKEN_BYTES, 8);
      check("C_GetTokenInfo", call(() -> (long) getTokenInfo.invokeExact(slot, info)));
      return Info.Token.read(info);
    }
  }

  /** A read-write serial session on {@code slot}. */
  public long openSession(long slot) throws Pkcs11Exception {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment session = arena.allocate(JAVA_LONG);
      long flags = Ck.CKF_SERIAL_SESSION | Ck.CKF_RW_SESSION;
      check("C_OpenSession", call(() -> (long) openSession.invokeExact(slot, flags, MemorySegment.NULL, MemorySegment.NULL, session)));
      return session.get(JAVA_LONG, 0);
    }
  }

  public void closeSession(long session) throws Pkcs11Exception {
    check("C_CloseSession", call(() -> (long) closeSession.invokeExact(session)));
  }

  /** {@code C_Login(CKU_USER)}; already logged in (another session of this process) is success. */
  public void login(long session, SecretBytes pin) throws Pkcs11Exception {
    byte[] bytes = pin.toByteArray();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment segment = arena.allocateFrom(JAVA_BYTE, bytes);
      long length = bytes.length;
      long rv = call(() -> (long) login.invokeExact(session, Ck.CKU_USER, segment, length));
      segment.fill((byte) 0);
      if (rv != ReturnValue.CKR_USER_ALREADY_LOGGED_IN) {
        check("C_Login", rv);
      }
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * One attribute's value; empty when the object has no such attribute. A sensitive attribute
   * throws ({@code CKR_ATTRIBUTE_SENSITIVE}).
   */
  public Optional<byte[]> attribute(long session, long object, long type) throws Pkcs11Exception {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment template = arena.allocate(Template.ATTRIBUTE_BYTES, 8);
      template.set(JAVA_LONG, 0, type);
      template.set(ADDRESS, 8, MemorySegment.NULL);
      template.set(JAVA_LONG, 16, 0L);
      long rv = call(() -> (long) getAttributeValue.invokeExact(session, object, template, 1L));
      if (rv == ReturnValue.CKR_ATTRIBUTE_TYPE_INVALID) {
        return Optional.empty();
      }
      check("C_GetAttributeValue", rv);
      long length = template.get(JAVA_LONG, 16);
      if (length == Ck.UNAVAILABLE) {
        return Optional.empty();
      }
      if (length < 0 || length > MAX_ATTRIBUTE) {
        throw new Pkcs11Exception("an attribute of " + length + " bytes is more than the " + MAX_ATTRIBUTE + " read here");
      }
      MemorySegment value = arena.allocate(Math.max(1, length));
      template.set(ADDRESS, 8, value);
      check("C_GetAttributeValue", call(() -> (long) getAttributeValue.invokeExact(session, object, template, 1L)));
      long written = template.get(JAVA_LONG, 16);
      if (written < 0 || written > length) {
        throw new Pkcs11Exception("the module wrote more of an attribute than it announced");
      }
      return Optional.of(value.asSlice(0, written).toArray(JAVA_BYTE));
    }
  }

  /** The handles of the objects matching {@code template}; more than {@code max} is an error. */
  public long[] findObjects(long session, Template template, int max) throws Pkcs11Exception {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment attributes = template.write(arena);
      long count = template.count();
      check("C_FindObjectsInit", call(() -> (long) findObjectsInit.invokeExact(session, attributes, count)));
      long[] all;
      try {
        all = collect(session, arena, max);
      } catch (Pkcs11Exception | RuntimeException e) {
        call(() -> (long) findObjectsFinal.invokeExact(session)); // the first failure is the one to report
        throw e;
      }
      check("C_FindObjectsFinal", call(() -> (long) findObjectsFinal.invokeExact(session)));
      return all;
    }
  }

  /** Whether any object matches {@code template}. */
  public boolean anyObject(long session, Template template) throws Pkcs11Exception {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment attributes = template.write(arena);
      long count = template.count();
      check("C_FindObjectsInit", call(() -> (long) findObjectsInit.invokeExact(session, attributes, count)));
      MemorySegment handle = arena.allocate(JAVA_LONG);
      MemorySegment found = arena.allocate(JAVA_LONG);
      long rv = call(() -> (long) findObjects.invokeExact(session, handle, 1L, found));
      long finalRv = call(() -> (long) findObjectsFinal.invokeExact(session));
      check("C_FindObjects", rv);
      check("C_FindObjectsFinal", finalRv);
      return found.get(JAVA_LONG, 0) > 0;
    }
  }

  private long[] collect(long session, Arena arena, int max) throws Pkcs11Exception {
    int batch = 64;
    MemorySegment handles = arena.allocate(JAVA_LONG, batch);
    MemorySegment found = arena.allocate(JAVA_LONG);
    long[] all = new long[0];
    while (true) {
      check("C_FindObjects", call(() -> (long) findObjects.invokeExact(session, handles, (long) batch, found)));
      long n = found.get(JAVA_LONG, 0);
      if (n <= 0) {
        return all;
      }
      if (n > batch || all.length + n > max) {
        throw new Pkcs11Exception("the token holds more than " + max + " matching objects");
      }
      long[] more = Arrays.copyOf(all, all.length + (int) n);
      MemorySegment.copy(handles, JAVA_LONG, 0, more, all.length, (int) n);
      all = more;
    }
  }

  /**
   * A single-part signature of {@code data} by {@code key} with a parameterless
   * {@code mechanism}, at most {@code maxLength} bytes.
   */
  public byte[] sign(long session, long mechanism, long key, byte[] data, int maxLength) throws Pkcs11Exception {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment mech = mechanism(arena, mechanism);
      check("C_SignInit", call(() -> (long) signInit.invokeExact(session, mech, key)));
      MemorySegment input = arena.allocateFrom(JAVA_BYTE, data);
      MemorySegment signature = arena.allocate(maxLength);
      MemorySegment length = arena.allocate(JAVA_LONG);
      length.set(JAVA_LONG, 0, maxLength);
      long dataLength = data.length;
      check("C_Sign", call(() -> (long) sign.invokeExact(session, input, dataLength, signature, length)));
      long written = length.get(JAVA_LONG, 0);
      if (written <= 0 || written > maxLength) {
        throw new Pkcs11Exception("the token returned a signature of " + written + " bytes");
      }
      return signature.asSlice(0, written).toArray(JAVA_BYTE);
    }
  }

  /** {@code C_GenerateKeyPair} with a parameterless mechanism: {@code {public, private}} handles. */
  public long[] generateKeyPair(long session, long mechanism, Template publicKey, Template privateKey) throws Pkcs11Exception {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment mech = mechanism(arena, mechanism);
      MemorySegment publicTemplate = publicKey.write(arena);
      MemorySegment privateTemplate = privateKey.write(arena);
      MemorySegment handles = arena.allocate(JAVA_LONG, 2);
      long publicCount = publicKey.count();
      long privateCount = privateKey.count();
      check("C_GenerateKeyPair", call(() -> (long) generateKeyPair.invokeExact(session, mech, publicTemplate, publicCount,
          privateTemplate, privateCount, handles, handles.asSlice(8))));
      return handles.toArray(JAVA_LONG);
    }
  }

  /** {@code CK_MECHANISM {mechanism, NULL, 0}}. */
  private static MemorySegment mechanism(Arena arena, long mechanism) {
    MemorySegment mech = arena.allocate(24, 8);
    mech.set(JAVA_LONG, 0, mechanism);
    mech.set(ADDRESS, 8, MemorySegment.NULL);
    mech.set(JAVA_LONG, 16, 0L);
    return mech;
  }

  @Override
  public String toString() {
    return "Cryptoki[" + library + "]";
  }
}
