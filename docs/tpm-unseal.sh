#!/bin/sh
# Unseals a Castellan CTPM blob (format version 1) with tpm2-tools alone, for an initramfs
# without a JVM; the same steps as TpmSealer.unseal (docs/tpm-sealing.md). Writes the key to
# standard output, e.g.:  tpm-unseal.sh /boot/castellan/root.ctpm | cryptsetup open DEV root --key-file=-
# The TPM: $TPM2TOOLS_TCTI (default device:/dev/tpmrm0). Needs tpm2-tools, od, dd, mktemp.
set -eu
blob=$1
export TPM2TOOLS_TCTI="${TPM2TOOLS_TCTI:-device:/dev/tpmrm0}"
work=$(mktemp -d)
trap 'tpm2_flushcontext "$work/session.ctx" >/dev/null 2>&1; tpm2_flushcontext -t >/dev/null 2>&1; rm -rf "$work"' EXIT
byte() { od -An -tu1 -j "$1" -N1 "$blob" | tr -d ' '; }

# magic "CTPM", version 1, primary template 1, PCR bank SHA-256.
[ "$(od -An -tx1 -N8 "$blob" | tr -d ' \n')" = 4354504d0101000b ] || { echo "$blob: not a CTPM version 1 blob" >&2; exit 1; }
pcrs="" n=0
for i in 0 1 2; do
  b=$(byte $((8 + i)))
  for bit in 0 1 2 3 4 5 6 7; do
    if [ $(((b >> bit) & 1)) -eq 1 ]; then pcrs="$pcrs${pcrs:+,}$((i * 8 + bit))"; n=$((n + 1)); fi
  done
done
pub=$((11 + 32 * n))
publen=$(($(byte $pub) * 256 + $(byte $((pub + 1))) + 2))
priv=$((pub + publen))
privlen=$(($(byte $priv) * 256 + $(byte $((priv + 1))) + 2))
dd if="$blob" of="$work/sealed.pub" bs=1 skip=$pub count=$publen 2>/dev/null
dd if="$blob" of="$work/sealed.priv" bs=1 skip=$priv count=$privlen 2>/dev/null

# Without a resource manager (swtpm, /dev/tpm0) transient objects stay loaded: flush them.
t() { "$@"; tpm2_flushcontext -t; }
t tpm2_createprimary -Q -C o -g sha256 -G ecc256:aes128cfb \
  -a 'restricted|decrypt|fixedtpm|fixedparent|sensitivedataorigin|userwithauth|noda' -c "$work/primary.ctx"
t tpm2_load -Q -C "$work/primary.ctx" -u "$work/sealed.pub" -r "$work/sealed.priv" -c "$work/sealed.ctx"
t tpm2_startauthsession -Q --policy-session -S "$work/session.ctx"
t tpm2_policypcr -Q -S "$work/session.ctx" -l "sha256:$pcrs"
t tpm2_unseal -p "session:$work/session.ctx" -c "$work/sealed.ctx"
