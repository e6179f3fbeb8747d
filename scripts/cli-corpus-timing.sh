#!/usr/bin/env bash
# One `plan parse DIR -o OUT` against one `plan parse FILE -o OUT` process per file.
set -u
P=${1:-target/release/plan}
C=${2:-../shared/corpus}
out=$(mktemp -d)
best() { local b=999; for i in 1 2 3 4 5; do local s=$(date +%s.%N); "$@" >/dev/null 2>&1; local e=$(date +%s.%N); b=$(echo "$e - $s" | bc | awk -v b=$b '{print ($1<b)?$1:b}'); done; echo $b; }
one() { rm -rf "$out/a"; "$P" parse "$C" -o "$out/a"; }
many() { rm -rf "$out/b"; mkdir -p "$out/b"; for f in "$C"/*/*.md; do "$P" parse "$f" -o "$out/b/$(basename "$f" .md).json"; done; }
single_thread() { rm -rf "$out/c"; RAYON_NUM_THREADS=1 "$P" parse "$C" -o "$out/c"; }
echo "one invocation (rayon, 2 threads): $(best one) s"
echo "one invocation, RAYON_NUM_THREADS=1: $(best single_thread) s"
echo "one process per file:              $(best many) s"
rm -rf "$out"
