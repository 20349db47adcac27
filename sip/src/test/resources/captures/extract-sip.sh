#!/usr/bin/env bash
# Extracts every SIP message of a capture into <out-dir>/<capture-name>/<frame>.sip (raw octets, as sent).
#
# Usage:   extract-sip.sh <capture.pcap[ng]>... [-o <out-dir>]
# Example: sip/src/test/resources/captures/extract-sip.sh \
#              /path/to/open5gs_ipsec_reg.pcapng /path/to/open5gs_nonipsec_reg.pcapng \
#              -o sip/src/test/resources/captures
# Needs:   tshark (Wireshark 4.x), perl, sha256sum.
#
# The lab captures hold each message up to three times (on S1-U/SGi inside GTP-U, and decapsulated), so
# messages are de-duplicated by content: the first plain (non-GTP) frame carrying the octets names the file,
# else the first GTP frame. Only SIP over UDP is extracted (the captures have no SIP over TCP); for GTP frames
# the innermost UDP payload is taken.
set -euo pipefail

out="."
captures=()
while [ $# -gt 0 ]; do
  case "$1" in
    -o) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) captures+=("$1"); shift ;;
  esac
done
[ ${#captures[@]} -gt 0 ] || { echo "usage: $0 <capture>... [-o <out-dir>]" >&2; exit 2; }
command -v tshark >/dev/null || { echo "tshark is not installed" >&2; exit 2; }

for cap in "${captures[@]}"; do
  name=$(basename "$cap"); name="${name%.*}"
  dir="$out/$name"
  mkdir -p "$dir"
  rm -f "$dir"/*.sip
  declare -A seen=()
  count=0
  # Plain frames first (sort key 0), then GTP ones (1), each in frame order.
  while IFS=$'\t' read -r key frame hex; do
    [ -n "$hex" ] || continue
    sum=$(printf '%s' "$hex" | sha256sum | cut -c1-64)
    [ -z "${seen[$sum]:-}" ] || continue
    seen[$sum]=1
    printf '%s' "$hex" | perl -ne 'print pack("H*", $_)' > "$dir/$frame.sip"
    count=$((count + 1))
  done < <(tshark -r "$cap" -Y 'sip && udp' -T fields -E occurrence=l -e frame.number -e gtp.teid -e udp.payload \
             | awk -F'\t' '{ print ($2 == "" ? 0 : 1) "\t" $1 "\t" $3 }' | sort -t$'\t' -k1,1n -k2,2n)
  unset seen
  echo "$name: $count SIP messages -> $dir"
done
