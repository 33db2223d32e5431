package dev.castellan.keys.pkcs11.internal;

/** The PKCS#11 constants used here (values from the standard's pkcs11t.h). */
public final class Ck {
  private Ck() {}

  // Object classes (CKO_).
  public static final long CKO_DATA = 0x0;
  public static final long CKO_CERTIFICATE = 0x1;
  public static final long CKO_PUBLIC_KEY = 0x2;
  public static final long CKO_PRIVATE_KEY = 0x3;
  public static final long CKO_SECRET_KEY = 0x4;

  // Key types (CKK_).
  public static final long CKK_RSA = 0x0;
  public static final long CKK_EC = 0x3;
  public static final long CKK_AES = 0x1f;
  public static final long CKK_EC_EDWARDS = 0x40;

  // Attributes (CKA_).
  public static final long CKA_CLASS = 0x0;
  public static final long CKA_TOKEN = 0x1;
  public static final long CKA_PRIVATE = 0x2;
  public static final long CKA_LABEL = 0x3;
  public static final long CKA_VALUE = 0x11;
  public static final long CKA_KEY_TYPE = 0x100;
  public static final long CKA_ID = 0x102;
  public static final long CKA_SENSITIVE = 0x103;
  public static final long CKA_DECRYPT = 0x105;
  public static final long CKA_SIGN = 0x108;
  public static final long CKA_VERIFY = 0x10a;
  public static final long CKA_DERIVE = 0x10c;
  public static final long CKA_EXTRACTABLE = 0x162;
  public static final long CKA_LOCAL = 0x163;
  public static final long CKA_NEVER_EXTRACTABLE = 0x164;
  public static final long CKA_ALWAYS_SENSITIVE = 0x165;
  public static final long CKA_EC_PARAMS = 0x180;
  public static final long CKA_EC_POINT = 0x181;

  // Mechanisms (CKM_).
  public static final long CKM_EC_KEY_PAIR_GEN = 0x1040;
  public static final long CKM_ECDSA = 0x1041;
  public static final long CKM_EC_EDWARDS_KEY_PAIR_GEN = 0x1055;
  public static final long CKM_EDDSA = 0x1057;

  // Flags.
  public static final long CKF_RW_SESSION = 0x2;
  public static final long CKF_SERIAL_SESSION = 0x4;
  public static final long CKF_OS_LOCKING_OK = 0x2;
  public static final long CKF_LOGIN_REQUIRED = 0x4;
  public static final long CKF_USER_PIN_INITIALIZED = 0x8;
  public static final long CKF_TOKEN_INITIALIZED = 0x400;
  public static final long CKU_USER = 1;

  /** {@code CK_UNAVAILABLE_INFORMATION}: {@code ~0UL}. */
  public static final long UNAVAILABLE = -1L;
}
