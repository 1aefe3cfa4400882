#!/usr/bin/env python3
"""Rename photos by the date they were taken.

Walks a folder, reads the EXIF DateTimeOriginal tag of every JPEG/HEIC/PNG file, and renames it to
``YYYY-MM-DD_HHMMSS[_N].ext`` so the files sort chronologically in any file browser. Files without
EXIF data fall back to the file's modification time. Duplicates in the same second get a counter.

Usage:
    python3 rename_photos.py ~/Pictures/2024-japan --dry-run
    python3 rename_photos.py ~/Pictures/2024-japan

Needs Pillow (and pillow-heif for iPhone HEIC files).
"""

import argparse
import datetime as dt
import logging
import sys
from pathlib import Path

from PIL import Image
from PIL.ExifTags import TAGS

try:
    import pillow_heif

    pillow_heif.register_heif_opener()
except ImportError:  # HEIC support is optional
    pillow_heif = None

PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".heic", ".tif", ".tiff"}
EXIF_DATE_FORMAT = "%Y:%m:%d %H:%M:%S"
NAME_FORMAT = "%Y-%m-%d_%H%M%S"

log = logging.getLogger("rename_photos")


def taken_at(path: Path) -> dt.datetime:
    """When the photo was taken: EXIF DateTimeOriginal, else the file's modification time."""
    try:
        with Image.open(path) as image:
            exif = image.getexif()
            # DateTimeOriginal lives in the Exif sub-IFD (0x8769); DateTime in the main IFD.
            values = {TAGS.get(tag, tag): value for tag, value in exif.get_ifd(0x8769).items()}
            values.update({TAGS.get(tag, tag): value for tag, value in exif.items()})
            raw = values.get("DateTimeOriginal") or values.get("DateTime")
            if raw:
                return dt.datetime.strptime(str(raw).strip("\x00 "), EXIF_DATE_FORMAT)
    except (OSError, ValueError) as error:
        log.warning("no usable EXIF date in %s (%s)", path.name, error)
    return dt.datetime.fromtimestamp(path.stat().st_mtime)


def target_name(path: Path, when: dt.datetime, taken: set[str]) -> str:
    """A free name for `path` in its folder, adding _2, _3... for photos taken in the same second."""
    stem = when.strftime(NAME_FORMAT)
    suffix = path.suffix.lower().replace(".jpeg", ".jpg")
    candidate, counter = f"{stem}{suffix}", 1
    while candidate in taken or (path.with_name(candidate).exists() and path.name != candidate):
        counter += 1
        candidate = f"{stem}_{counter}{suffix}"
    taken.add(candidate)
    return candidate


def rename_folder(folder: Path, dry_run: bool) -> int:
    """Renames every photo in `folder` (not recursive); returns how many were renamed."""
    photos = sorted(p for p in folder.iterdir() if p.suffix.lower() in PHOTO_SUFFIXES)
    taken: set[str] = set()
    renamed = 0
    for photo in photos:
        new_name = target_name(photo, taken_at(photo), taken)
        if new_name == photo.name:
            continue
        print(f"{photo.name} -> {new_name}")
        if not dry_run:
            photo.rename(photo.with_name(new_name))
        renamed += 1
    return renamed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--dry-run", action="store_true", help="print the new names, change nothing")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    if not args.folder.is_dir():
        print(f"not a folder: {args.folder}", file=sys.stderr)
        return 2
    count = rename_folder(args.folder, args.dry_run)
    print(f"{'would rename' if args.dry_run else 'renamed'} {count} photos")
    return 0


if __name__ == "__main__":
    sys.exit(main())
