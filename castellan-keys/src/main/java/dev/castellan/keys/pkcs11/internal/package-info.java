/**
 * The PKCS#11 C API (v2.40, with the CKM_EDDSA and CKK_EC_EDWARDS of v3.0) bound with the
 * Foreign Function and Memory API: the function list, CK_ATTRIBUTE templates, the info
 * structures, a session pool, and the conversion of token output to the forms Castellan
 * signs with. Depends on the JDK and {@code dev.castellan.keys.pkcs11}'s exceptions only.
 * Not public API.
 *
 * <p>Layouts are those of LP64 Linux (CK_ULONG is 64 bits, structures naturally aligned, as
 * the PKCS#11 headers lay them out outside Windows); {@link Cryptoki#load} refuses another
 * data model rather than misread a structure.
 */
package dev.castellan.keys.pkcs11.internal;
