#!/bin/sh
# Runs `make -C native-stubs OUT=<dir> <target>` for the Maven build, quietly: make's output is
# shown only when make fails. Usage: stub-make.sh <native-stubs dir> <out dir> <target>
set -u
src=$1 out=$2 target=$3
mkdir -p "$out"
log="$out/make-$target.log"
if make -C "$src" OUT="$out" "$target" >"$log" 2>&1; then
  exit 0
fi
cat "$log" >&2
echo "stub-make: 'make -C $src OUT=$out $target' failed (output above, also in $log)" >&2
exit 1
