/**
 * {@code castellan keys}: key custody commands; {@code keys kms-policy} prints the AWS KMS key
 * policy of seed 001 (docs/kms.md).
 */
package dev.castellan.cli.keys;
