/*
 * Baseline for the oracle load benchmark: single-core BIP-340 signing rate of libsecp256k1
 * (Debian libsecp256k1-dev), signing SHA-256-sized messages with aux_rand, as the oracle does
 * for every response. Prints one line: "<signatures> <seconds> <signatures per second>".
 *
 *   gcc -O2 -o bip340_sign_rate bip340_sign_rate.c -lsecp256k1 && ./bip340_sign_rate 5
 */
#include <secp256k1.h>
#include <secp256k1_extrakeys.h>
#include <secp256k1_schnorrsig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  double seconds = argc > 1 ? atof(argv[1]) : 5.0;
  secp256k1_context *ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
  unsigned char seckey[32], msg[32], aux[32], sig[64];
  for (int i = 0; i < 32; i++) {
    seckey[i] = (unsigned char)(i + 1);
    msg[i] = (unsigned char)(0xa5 ^ i);
    aux[i] = (unsigned char)(0x5a ^ i);
  }
  secp256k1_keypair keypair;
  if (!secp256k1_keypair_create(ctx, &keypair, seckey)) {
    fprintf(stderr, "keypair_create failed\n");
    return 1;
  }
  long count = 0;
  double start = now(), end = start + seconds, t = start;
  while (t < end) {
    for (int i = 0; i < 1000; i++) {
      msg[0] = (unsigned char)count;
      aux[0] = (unsigned char)(count >> 8);
      if (!secp256k1_schnorrsig_sign32(ctx, sig, msg, &keypair, aux)) {
        fprintf(stderr, "sign failed\n");
        return 1;
      }
      count++;
    }
    t = now();
  }
  printf("%ld %.3f %.0f\n", count, t - start, count / (t - start));
  secp256k1_context_destroy(ctx);
  return 0;
}
