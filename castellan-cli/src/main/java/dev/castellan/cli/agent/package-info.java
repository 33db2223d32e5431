/**
 * {@code castellan agent}, {@code castellan payload} and {@code castellan verify-vm}
 * (docs/agent.md): the attestation agent of an SEV-SNP or TDX VM, the example payload service
 * whose key is in the agent's service tree, and the client that verifies them together.
 * Exit codes: 0 verified (or stopped cleanly), 1 not verified or an error, 2 a usage error.
 */
package dev.castellan.cli.agent;
