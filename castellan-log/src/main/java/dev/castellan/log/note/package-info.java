/**
 * C2SP signed notes (https://c2sp.org/signed-note): text signed by one or more keys, with
 * Ed25519 signatures (type 0x01), verifier keys ({@code name+id+base64}) and signer keys
 * ({@code PRIVATE+KEY+name+id+base64}).
 */
package dev.castellan.log.note;
