#!/bin/sh
# check_symbols.sh LIB EXPECTED -- the library exports exactly the functions in EXPECTED
# (nm -D --defined-only), each with the ELF symbol version EXPECTED gives (readelf).
set -eu
lib=$1
expected=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

grep -v '^#' "$expected" | awk 'NF == 2 { print $1 " " $2 }' | sort > "$tmp/want"
awk '{ print $1 }' "$tmp/want" > "$tmp/want-names"

# 1. nm: names of defined functions (text symbols), version suffixes stripped.
nm -D --defined-only "$lib" | awk '$2 == "T" { sub(/@.*/, "", $3); print $3 }' | sort \
   > "$tmp/nm-names"
# 2. readelf: NAME@@VERSION of every defined FUNC.
readelf --dyn-syms -W "$lib" | awk '$4 == "FUNC" && $7 != "UND" { print $8 }' \
   | sed 's/@@*/ /' | sort > "$tmp/have"

status=0
if ! diff -u "$tmp/want-names" "$tmp/nm-names" > "$tmp/d1"; then
   echo "FAIL symbols: nm -D --defined-only differs from the expected exports:"
   cat "$tmp/d1"
   status=1
fi
if ! diff -u "$tmp/want" "$tmp/have" > "$tmp/d2"; then
   echo "FAIL symbols: ELF symbol versions differ from expected:"
   cat "$tmp/d2"
   status=1
fi
if [ $status -eq 0 ]; then
   echo "ok symbols: $(wc -l < "$tmp/want") exported functions with the expected versions"
fi
exit $status
