#!/usr/bin/env bash
# Runs the C baseline (vddkbench) and the JMH suite (src/jmh/java) against one VDDK distribution
# and prints one table: C figure, Java figure, ratio, Java allocation per operation, target.
#
#   native-stubs/bench/compare.sh [smoke|quick|full] [LIBDIR]
#
#   smoke  seconds-long run of every kind of case (CI: proves the harness still works)
#   quick  the cases of docs/performance.md, about two minutes (default)
#   full   every combination (sizes x ops x patterns x buffers x threads x depths): long
#   LIBDIR the VDDK distribution (the folder holding lib64/); default: the stub in target/vddk-stub.
#          Real VDDK needs its lib64 on LD_LIBRARY_PATH (its bundled libssl etc.).
#
# Disk files (1 GiB each, 16 MiB in smoke mode, filled through the library so the page cache is
# warm) are made in target/bench and deleted afterwards. The table is also written to
# target/bench/table.md. Set VDDK4J_BENCH_NO_BUILD=1 to skip the builds.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
mode=${1:-quick}
case "$mode" in smoke|quick|full) ;; *) echo "usage: $0 [smoke|quick|full] [LIBDIR]" >&2; exit 2 ;; esac
stub="$root/target/vddk-stub"
if [[ -n "${2:-}" ]]; then
  libdir=$(cd "$2" 2>/dev/null && pwd) || { echo "no such libDir: $2" >&2; exit 2; }
fi
work="$root/target/bench"

cd "$root"
if [[ "${VDDK4J_BENCH_NO_BUILD:-}" != 1 ]]; then
  make -s -C native-stubs OUT="$stub" bench >/dev/null
  # package: the library jar is multi-release (the FFM data path is in META-INF/versions/22)
  mvn -B -q -Dstyle.color=never -Pbench -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
    package >/dev/null
fi
bench="$stub/bench/vddkbench"
libdir=${libdir:-$stub}   # the stub, built above

rm -rf "$work"
mkdir -p "$work"
trap 'rm -rf "$work"/*.vmdk' EXIT
sectors=$([[ $mode == smoke ]] && echo 32768 || echo 2097152)
for d in d0 d1; do
  "$bench" "$libdir" create "$work/$d.vmdk" "$sectors" >/dev/null
  "$bench" "$libdir" fill "$work/$d.vmdk" >/dev/null
done
props=(-Dvddk4j.bench.libDir="$libdir" -Dvddk4j.bench.disk0="$work/d0.vmdk" -Dvddk4j.bench.disk1="$work/d1.vmdk")
if "$bench" "$libdir" has VixDiskLib_QueryAllocatedBlocks; then
  # monolithicSparse disks: 16 GiB with 1 MiB allocated every 16 MiB (1 GiB), against 1 GiB all
  # allocated read straight (1/64 of both in smoke mode)
  "$bench" "$libdir" create "$work/sparse.vmdk" $((sectors * 16)) sparse >/dev/null
  "$bench" "$libdir" fill "$work/sparse.vmdk" 32768 >/dev/null
  "$bench" "$libdir" create "$work/straight.vmdk" "$sectors" sparse >/dev/null
  "$bench" "$libdir" fill "$work/straight.vmdk" >/dev/null
  props+=(-Dvddk4j.bench.sparse="$work/sparse.vmdk" -Dvddk4j.bench.straight="$work/straight.vmdk")
else
  echo "# the library lacks QueryAllocatedBlocks: sparse backup skipped" >&2
fi

echo "# vddk4j benchmark ($mode), libDir $libdir, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(java -version 2>&1 | head -1)"
# a second JVM, JDK 22 or later, runs every Java case again (its own columns): VDDK4J_BENCH_JAVA2,
# else Temurin 25 where this machine has it; VDDK4J_BENCH_JAVA2=none skips it
java2=${VDDK4J_BENCH_JAVA2:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
if [[ "$java2" != none && -x "$java2" ]]; then
  props+=(-Dvddk4j.bench.jvm2="$java2")
elif [[ "$java2" != none ]]; then
  echo "# no second JVM at $java2 (set VDDK4J_BENCH_JAVA2): Java 22+ columns skipped" >&2
fi
java -cp "$(cat target/jmh-classpath.txt):target/test-classes:target/vddk4j.jar:target/vddk4j-testkit.jar" "${props[@]}" \
  io.github.vddk4j.bench.Compare "$mode" "$bench" | tee "$work/table.md"
