#!/usr/bin/env bash
# Extracts every Diameter message of the reference captures into one file of raw octets each:
#   diameter/src/test/resources/captures/<capture>/<frame>-<n>-<cmd><R|A>.bin
# where <n> numbers the messages of one frame (a TCP/SCTP payload may carry several) and <cmd> is
# the command code, R for requests and A for answers.
#
# Run from the repository root, with tshark (>= 3.6) and jq installed:
#   diameter/src/test/scripts/extract-captures.sh [CAPTURE_DIR]
# CAPTURE_DIR defaults to ../shared/reference/captures; OUT=dir overrides the output folder. The
# output is committed; rerun only when the captures change.
#
# tshark reassembles TCP segments and SCTP chunks, so a message split over several packets comes out
# whole from the frame that completes it, and a frame carrying several messages yields one file each;
# packets tunnelled in GTP-U (the lab mirrors traffic there) are skipped with !gtp, and identical
# messages in one capture are kept once.
set -euo pipefail

src=${1:-../shared/reference/captures}
out=${OUT:-diameter/src/test/resources/captures}
command -v tshark >/dev/null || { echo "tshark is needed" >&2; exit 1; }
command -v jq >/dev/null || { echo "jq is needed" >&2; exit 1; }

for capture in "$src"/*.pcap "$src"/*.pcapng; do
  [ -e "$capture" ] || continue
  name=$(basename "$capture"); name=${name%.*}
  dir="$out/$name"
  rm -rf "$dir"; mkdir -p "$dir"
  declare -A seen=()
  # One JSON line per frame: frame number, then the hex of each Diameter PDU (diameter_raw is an
  # array of [hex, offset, length, ...] per PDU, or a list of such arrays when a frame holds several).
  # --no-duplicate-keys: several PDUs of one frame become an array instead of repeated JSON keys.
  tshark -r "$capture" -Y 'diameter && !gtp' -T json -x --no-duplicate-keys 2>/dev/null \
    | jq -r '.[] | ._source.layers as $l
        | ($l.frame["frame.number"]) as $frame
        | ($l.diameter_raw // empty) as $raw
        | (if ($raw[0] | type) == "array" then $raw else [$raw] end)
        | to_entries[] | "\($frame) \(.key) \(.value[0])"' \
    | while read -r frame index hex; do
        if [ -n "${seen[$hex]:-}" ]; then continue; fi
        seen[$hex]=1
        flags=$((16#${hex:8:2}))
        code=$((16#${hex:10:6}))
        kind=A; [ $((flags & 0x80)) -ne 0 ] && kind=R
        printf '%s' "$hex" | xxd -r -p > "$dir/$(printf '%05d' "$frame")-$index-$code$kind.bin"
      done
  unset seen
  echo "$name: $(ls "$dir" | wc -l) messages"
done
