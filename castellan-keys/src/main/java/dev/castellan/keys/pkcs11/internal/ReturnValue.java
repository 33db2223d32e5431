package dev.castellan.keys.pkcs11.internal;

import java.util.Locale;
import java.util.Map;

/** Names and meanings of the {@code CK_RV} codes a user may meet (PKCS#11 v2.40 section 3.6). */
public final class ReturnValue {
  public static final long CKR_OK = 0x0;
  public static final long CKR_ATTRIBUTE_SENSITIVE = 0x11;
  public static final long CKR_ATTRIBUTE_TYPE_INVALID = 0x12;
  public static final long CKR_MECHANISM_INVALID = 0x70;
  public static final long CKR_PIN_INCORRECT = 0xa0;
  public static final long CKR_PIN_LOCKED = 0xa4;
  public static final long CKR_USER_ALREADY_LOGGED_IN = 0x100;
  public static final long CKR_USER_PIN_NOT_INITIALIZED = 0x102;
  public static final long CKR_BUFFER_TOO_SMALL = 0x150;
  public static final long CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x191;

  private static final Map<Long, String[]> KNOWN = Map.ofEntries(
      entry(0x1, "CKR_CANCEL", "the operation was cancelled"),
      entry(0x2, "CKR_HOST_MEMORY", "the module ran out of memory"),
      entry(0x3, "CKR_SLOT_ID_INVALID", "no such slot"),
      entry(0x5, "CKR_GENERAL_ERROR", "the module failed"),
      entry(0x6, "CKR_FUNCTION_FAILED", "the function failed"),
      entry(0x7, "CKR_ARGUMENTS_BAD", "bad arguments"),
      entry(0x11, "CKR_ATTRIBUTE_SENSITIVE", "the attribute is sensitive and cannot be read"),
      entry(0x12, "CKR_ATTRIBUTE_TYPE_INVALID", "the object has no such attribute"),
      entry(0x13, "CKR_ATTRIBUTE_VALUE_INVALID", "an attribute value is invalid"),
      entry(0x21, "CKR_DATA_LEN_RANGE", "the data has a length the mechanism does not accept"),
      entry(0x30, "CKR_DEVICE_ERROR", "the token failed"),
      entry(0x31, "CKR_DEVICE_MEMORY", "the token is out of memory"),
      entry(0x32, "CKR_DEVICE_REMOVED", "the token was removed"),
      entry(0x54, "CKR_FUNCTION_NOT_SUPPORTED", "the module does not support this function"),
      entry(0x60, "CKR_KEY_HANDLE_INVALID", "the key is gone"),
      entry(0x63, "CKR_KEY_TYPE_INCONSISTENT", "the key does not fit the mechanism"),
      entry(0x68, "CKR_KEY_FUNCTION_NOT_PERMITTED", "the key's attributes do not permit this"),
      entry(0x70, "CKR_MECHANISM_INVALID", "the token does not support the mechanism"),
      entry(0x71, "CKR_MECHANISM_PARAM_INVALID", "the token refuses the mechanism's parameters"),
      entry(0x82, "CKR_OBJECT_HANDLE_INVALID", "the object is gone"),
      entry(0x90, "CKR_OPERATION_ACTIVE", "another operation is active in the session"),
      entry(0xa0, "CKR_PIN_INCORRECT", "the PIN is incorrect"),
      entry(0xa1, "CKR_PIN_INVALID", "the PIN has invalid characters"),
      entry(0xa2, "CKR_PIN_LEN_RANGE", "the PIN is too short or too long for the token"),
      entry(0xa4, "CKR_PIN_LOCKED", "the PIN is locked (too many wrong tries)"),
      entry(0xb1, "CKR_SESSION_COUNT", "the token has no session left"),
      entry(0xb3, "CKR_SESSION_HANDLE_INVALID", "the session is gone"),
      entry(0xb5, "CKR_SESSION_READ_ONLY", "the session is read-only"),
      entry(0xd0, "CKR_TEMPLATE_INCOMPLETE", "the template lacks an attribute the token needs"),
      entry(0xd1, "CKR_TEMPLATE_INCONSISTENT", "the template has attributes that conflict"),
      entry(0xe0, "CKR_TOKEN_NOT_PRESENT", "no token in the slot"),
      entry(0xe1, "CKR_TOKEN_NOT_RECOGNIZED", "the module does not recognize the token"),
      entry(0xe2, "CKR_TOKEN_WRITE_PROTECTED", "the token is write-protected"),
      entry(0x100, "CKR_USER_ALREADY_LOGGED_IN", "already logged in"),
      entry(0x101, "CKR_USER_NOT_LOGGED_IN", "the operation needs a login (a PIN)"),
      entry(0x102, "CKR_USER_PIN_NOT_INITIALIZED", "the token's user PIN is not initialized"),
      entry(0x150, "CKR_BUFFER_TOO_SMALL", "the output buffer is too small"),
      entry(0x190, "CKR_CRYPTOKI_NOT_INITIALIZED", "the module is not initialized"),
      entry(0x191, "CKR_CRYPTOKI_ALREADY_INITIALIZED", "the module is already initialized"));

  private ReturnValue() {}

  private static Map.Entry<Long, String[]> entry(long code, String name, String meaning) {
    return Map.entry(code, new String[] {name, meaning});
  }

  /** {@code CKR_PIN_INCORRECT}, or {@code CKR_0x...} for a code not listed here. */
  public static String name(long code) {
    String[] known = KNOWN.get(code);
    return known != null ? known[0] : String.format(Locale.ROOT, "CKR_0x%X", code);
  }

  /** {@code the PIN is incorrect (C_Login: CKR_PIN_INCORRECT)}. */
  public static String describe(String function, long code) {
    String[] known = KNOWN.get(code);
    String meaning = known != null ? known[1] : "the module returned an error";
    return meaning + " (" + function + ": " + name(code) + ")";
  }
}
