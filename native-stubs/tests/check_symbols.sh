#!/bin/sh
# check_symbols.sh LIB MAJOR FUNCTIONS_TSV STUB_HEADER [PENDING]
# The library exports exactly (nm -D --defined-only) the VixDiskLib functions of
# api/functions.tsv introduced up to VDDK MAJOR.x, each with the ELF version the tsv gives
# (readelf), plus the control API: every VixDiskLibStub_* function declared in
# include/vixDiskLibStub.h, with version VIXDISKLIBSTUB_1.0.
# PENDING (optional) names functions other branches are still implementing: while one is
# missing it is reported, not failed. With an empty or absent PENDING file the check
# demands all of them.
set -eu
lib=$1
major=$2
tsv=$3
stubHeader=$4
pending=${5:-/dev/null}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

awk -F'\t' -v major="$major" '$1 ~ /^VixDiskLib_/ {
      v = $2; sub(/^VIXDISKLIB_/, "", v); split(v, mm, ".")
      if (mm[1] + 0 <= major + 0) print $1 " " $2 }' "$tsv" > "$tmp/want-all"
grep -o 'VixDiskLibStub_[A-Za-z0-9_]*(' "$stubHeader" | tr -d '(' | sort -u \
   | awk '{ print $1 " VIXDISKLIBSTUB_1.0" }' >> "$tmp/want-all"
sort -o "$tmp/want-all" "$tmp/want-all"
grep -v '^#' "$pending" | awk 'NF { print $1 }' | sort -u > "$tmp/pending"

# 1. nm: names of defined functions (text symbols), version suffixes stripped.
nm -D --defined-only "$lib" | awk '$2 == "T" { sub(/@.*/, "", $3); print $3 }' | sort \
   > "$tmp/nm-names"
# 2. readelf: NAME VERSION of every defined FUNC.
readelf --dyn-syms -W "$lib" | awk '$4 == "FUNC" && $7 != "UND" { print $8 }' \
   | sed 's/@@*/ /' | sort > "$tmp/have"

# Pending functions that are not exported yet are left out of what is wanted.
awk 'FILENAME == ARGV[1] { want[$1] = 1; next } $1 in want' "$tmp/want-all" "$tmp/pending" \
   | awk 'FILENAME == ARGV[1] { have[$1] = 1; next } !($1 in have)' "$tmp/nm-names" - \
   > "$tmp/missing-pending"
awk 'FILENAME == ARGV[1] { skip[$1] = 1; next } !($1 in skip)' "$tmp/missing-pending" "$tmp/want-all" \
   > "$tmp/want"
awk '{ print $1 }' "$tmp/want" > "$tmp/want-names"

status=0
if ! diff -u "$tmp/want-names" "$tmp/nm-names" > "$tmp/d1"; then
   echo "FAIL symbols: nm -D --defined-only differs from the expected exports (- expected, + exported):"
   grep '^[-+][A-Za-z]' "$tmp/d1"
   status=1
fi
if ! diff -u "$tmp/want" "$tmp/have" > "$tmp/d2"; then
   echo "FAIL symbols: ELF symbol versions differ from expected (- expected, + exported):"
   grep '^[-+][A-Za-z]' "$tmp/d2"
   status=1
fi
if [ $status -eq 0 ]; then
   n=$(wc -l < "$tmp/want")
   p=$(grep -c . "$tmp/missing-pending" || true)
   if [ "$p" -gt 0 ]; then
      echo "ok symbols: $n exported functions with the expected versions (VDDK $major);" \
           "$p pending in other branches: $(tr '\n' ' ' < "$tmp/missing-pending")"
   else
      echo "ok symbols: $n exported functions with the expected versions (VDDK $major), none pending"
   fi
fi
exit $status
