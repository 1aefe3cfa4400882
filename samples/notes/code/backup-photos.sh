#!/usr/bin/env bash
# backup-photos.sh — mirror the photo library to the NAS, then keep a weekly snapshot offsite.
#
# Runs nightly from cron at 02:30 on the laptop:
#   30 2 * * * $HOME/bin/backup-photos.sh >> $HOME/Library/Logs/backup-photos.log 2>&1
#
# Strategy (3-2-1): the laptop copy, the NAS mirror (RAID 1, two disks), and an encrypted
# offsite copy made with restic every Sunday. Deleting a photo on the laptop does NOT delete it
# from the NAS (no --delete), so a mistake can be undone; prune the NAS by hand twice a year.

set -euo pipefail

SOURCE="$HOME/Pictures/Library/"
NAS_HOST="nas.home.arpa"
NAS_TARGET="backup@${NAS_HOST}:/volume1/photos/"
RESTIC_REPOSITORY_FILE="$HOME/.config/restic/repository"
RESTIC_PASSWORD_FILE="$HOME/.config/restic/password"
LOCK_FILE="/tmp/backup-photos.lock"

log() { printf '%s %s\n' "$(date '+%Y-%m-%d %H:%M:%S')" "$*"; }

exec 9>"$LOCK_FILE"
if ! flock -n 9; then
  log "another backup is still running, skipping"
  exit 0
fi

if ! ping -c 1 -W 2 "$NAS_HOST" >/dev/null 2>&1; then
  log "NAS not reachable (away from home?), skipping"
  exit 0
fi

log "rsync to NAS starting"
rsync --archive --human-readable --partial --info=stats1 \
  --exclude '.DS_Store' --exclude '*.tmp' \
  "$SOURCE" "$NAS_TARGET"
log "rsync finished"

# Weekly offsite snapshot on Sundays (day 7).
if [[ "$(date +%u)" == "7" ]]; then
  export RESTIC_REPOSITORY_FILE RESTIC_PASSWORD_FILE
  log "restic snapshot starting"
  restic backup --tag photos --exclude-caches "$SOURCE"
  # Keep 7 daily, 8 weekly, 24 monthly snapshots; prune the rest.
  restic forget --keep-daily 7 --keep-weekly 8 --keep-monthly 24 --prune
  restic check --read-data-subset=2%
  log "restic snapshot finished"
fi

log "done"
