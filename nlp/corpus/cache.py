"""The content-hash cache of a corpus scan: one JSON entry per file, keyed by what the result depends on.

    key = sha256(sha256 of the file's bytes, engine digest)
    engine digest = sha256(xxgk version, every file of the ``nlp`` package: code, rules, templates, lexicons)

so a changed file is read again alone, and a changed rule, template, lexicon or line of code invalidates every entry
(the version alone would not: it stays the same between releases). An entry is the report's JSON dict (the
``xxgk.report/1`` contract, never a pickle), its normalised text and its paragraphs; or the coded error that
stopped the file. Entries are written atomically, one per file as soon as it is read, so an interrupted scan
resumes where it stopped.

Layout under the cache folder (``<out>/.cache/`` by default)::

    entries/<k[:2]>/<key>.json       a report that was read
    entries/<k[:2]>/<key>.err.json   a file that could not be read
    files.json                       path → (size, mtime_ns, sha256): unchanged files are not hashed again
    crossyear/<digest>.json          the cross-report results for one exact set of reports
    manifest.json                    what the last run wrote into the output folder (see ``run.py``)
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from functools import lru_cache
from pathlib import Path

from .. import __version__

CACHE_FORMAT = "xxgk.cache/1"
PACKAGE_ROOT = Path(__file__).resolve().parent.parent


def tree_digest(root: Path) -> str:
    """SHA-256 over the relative paths and bytes of every file under ``root`` (bytecode and hidden files aside)."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if (not path.is_file() or "__pycache__" in rel.parts or path.suffix in (".pyc", ".pyo")
                or any(part.startswith(".") for part in rel.parts)):
            continue
        digest.update(rel.as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@lru_cache(maxsize=None)
def _engine_digest(root: Path) -> str:
    return hashlib.sha256(f"{CACHE_FORMAT}|xxgk {__version__}|{tree_digest(root)}".encode()).hexdigest()


def engine_digest() -> str:
    """What every result depends on besides the file: the version and the package's code and data files."""
    return _engine_digest(PACKAGE_ROOT)


def entry_key(file_sha256: str, engine: str) -> str:
    return hashlib.sha256(f"{file_sha256}|{engine}".encode()).hexdigest()


def digest(obj) -> str:
    """SHA-256 of a JSON-able object in canonical form."""
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def write_text_atomic(path: Path, text: str) -> None:
    """Write beside ``path`` and rename: a reader (or an interrupted run) never sees half a file."""
    from ..render import write_atomic

    write_atomic(path, text)


def default_cache_dir() -> Path:
    """The cache of ``nlp.scan(..., out=None)``: $XXGK_CACHE_DIR, else $XDG_CACHE_HOME/xxgk or ~/.cache/xxgk."""
    if os.environ.get("XXGK_CACHE_DIR"):
        return Path(os.environ["XXGK_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "xxgk"


class Cache:
    """Entries by key, plus the small bookkeeping files of a scan. Every write is atomic."""

    def __init__(self, folder: Path):
        self.folder = Path(folder).absolute()  # entries stay reachable if the working folder changes

    # ------------------------------------------------------------------ entries

    def _entry(self, key: str, error: bool = False) -> Path:
        return self.folder / "entries" / key[:2] / (f"{key}.err.json" if error else f"{key}.json")

    def lookup(self, key: str) -> tuple[str, Path] | None:
        """("ok" | "error", path of the entry) when the key is cached, else None. Costs two stat calls."""
        for kind, path in (("ok", self._entry(key)), ("error", self._entry(key, error=True))):
            if path.exists():
                return kind, path
        return None

    def put(self, key: str, entry_json: str, error: bool = False) -> Path:
        path = self._entry(key, error)
        write_text_atomic(path, entry_json)
        return path

    # ------------------------------------------------------------------ small JSON files

    def read_json(self, name: str, default=None):
        try:
            return json.loads((self.folder / name).read_text("utf-8"))
        except (OSError, ValueError):
            return default

    def write_json(self, name: str, data) -> None:
        write_text_atomic(self.folder / name, json.dumps(data, ensure_ascii=False, separators=(",", ":")))


class FileHasher:
    """SHA-256 of files, remembered by (size, mtime_ns) so that a re-scan does not read unchanged files again."""

    def __init__(self, cache: Cache | None):
        self.cache = cache
        self.known: dict[str, list] = (cache.read_json("files.json", {}) if cache else {}) or {}
        self.changed = False

    # A file modified less than this before it was hashed may change again within the same mtime tick ("racily
    # clean", as git calls it): its remembered hash is not trusted and it is hashed again next time.
    RACY_NS = 2_000_000_000

    def sha256(self, path: Path) -> str:
        stat = path.stat()
        name = str(path.resolve())
        seen = self.known.get(name)
        if (seen and len(seen) == 4 and seen[0] == stat.st_size and seen[1] == stat.st_mtime_ns
                and seen[1] < seen[3] - self.RACY_NS):
            return seen[2]
        hashed_at = time.time_ns()
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        value = digest.hexdigest()
        self.known[name] = [stat.st_size, stat.st_mtime_ns, value, hashed_at]
        self.changed = True
        return value

    def save(self) -> None:
        if self.cache and self.changed:
            self.cache.write_json("files.json", self.known)
            self.changed = False
