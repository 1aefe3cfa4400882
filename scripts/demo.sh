#!/usr/bin/env bash
# Seek demo: index the sample notes into a throwaway index, show its status, and run three searches
# that show different strengths (meaning, exact terms, filters).
#
# Usage: scripts/demo.sh SEEK_BINARY      (`make demo` passes the release binary)
#
# The index lives in a temporary directory removed on exit, so the demo never touches ./.seek.
# samples/notes contains broken-on-purpose.pdf: the index step records it as failed and goes on.

set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 SEEK_BINARY" >&2
  exit 2
fi
seek="$1"
if [[ ! -x "$seek" ]]; then
  echo "demo: not an executable: $seek (run \`make build\` first)" >&2
  exit 2
fi

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
notes="$repo_root/samples/notes"
index_dir="$(mktemp -d "${TMPDIR:-/tmp}/seek-demo.XXXXXX")"
trap 'rm -rf "$index_dir"' EXIT

# Bold headers on a terminal only, so a captured log stays plain text.
if [[ -t 1 ]]; then bold=$'\033[1m' plain=$'\033[0m'; else bold='' plain=''; fi

step() {
  printf '\n%s==> %s%s\n' "$bold" "$1" "$plain"
  printf '    $ seek %s\n\n' "$2"
}

started=$SECONDS

step "Index the sample folder ($(find "$notes" -type f | wc -l | tr -d ' ') files; one is broken on purpose)" \
  "index samples/notes"
"$seek" index --index "$index_dir" "$notes"

step "What the index holds" "status"
"$seek" status --index "$index_dir"

step "Search by meaning: a plain question, answered by the sourdough note" \
  "search \"how long should bread dough rise\" -k 3"
"$seek" search "how long should bread dough rise" -k 3 --index "$index_dir"

step "Search for an exact rare term (keyword mode)" \
  "search pgloader --mode keyword -k 3"
"$seek" search "pgloader" --mode keyword -k 3 --index "$index_dir"

step "Search with a filter: only PDF files" \
  "search \"getting my deposit back when I move out\" --type pdf -k 3"
"$seek" search "getting my deposit back when I move out" --type pdf -k 3 --index "$index_dir"

printf '\n%s==> Demo finished in %d s%s (the temporary index is removed)\n' "$bold" "$((SECONDS - started))" "$plain"
