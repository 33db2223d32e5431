/**
 * The hash of a system image (docs/image-hash.md): {@link
 * dev.castellan.attestation.image.NarWriter} serialises a path (a directory tree or a single
 * file) as a Nix archive (NAR, {@code nix-archive-1}) and {@link
 * dev.castellan.attestation.image.ImageHash} is the SHA-256 of that serialisation, so that it
 * equals what {@code nix hash path} and {@code nix-hash --type sha256} print for the same path.
 * {@link dev.castellan.attestation.image.NixBase32} is Nix's own base-32 text form.
 *
 * <p>May depend on: castellan-core (bytes, hashes) and the JDK only; nothing else of the
 * attestation module, so that a client which only recomputes an image hash needs no verifier.
 */
package dev.castellan.attestation.image;
