"""``nlp.scan``: read a corpus into a ``Corpus``, incrementally, and write its outputs and store.

Phases (each skipped when its inputs have not changed since the last run with the same cache):

1. **read** — every file is hashed; a file whose key (``cache.py``) is cached is not read again; the others are read
   in worker processes, each result written to the cache at once (an interrupted scan resumes there).
2. **cross-report** — ``hooks.cross_report`` over every report (cross-year rules), cached by the set of reports.
3. **outputs** — per-report JSON/Markdown/HTML, with the cross-report findings merged and the reviewers' decisions
   (``review.csv``) attached; only the reports whose inputs changed are rendered again (``manifest-*.json`` in the
   cache records what each output was made from).
4. **store** — DuckDB, Parquet and Excel, rebuilt when anything in them would change; plus summary.json (index.md is the corpus report's twin, nlp.compare).

An unchanged corpus therefore costs a stat and a hash look-up per file and no report is loaded at all.
"""
from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..errors import TooSlow
from .cache import Cache, FileHasher, default_cache_dir, digest, engine_digest, entry_key
from .hooks import find_overrides
from .parallel import executor
from .scan import find_reports

FORMATS = ("json", "md", "html")
READ_TIMEOUT = 300.0  # seconds per file: the corpus's slowest report reads in under 2 s
STORE_FILES = ("xxgk.duckdb", "xxgk.xlsx", "parquet")


@dataclass
class Event:
    """Progress of a scan: ``start`` (total files), ``file`` (one file read or found in the cache), ``phase`` (a later
    phase begins: cross-report, outputs with the number of reports to render, store), ``output`` (one report's
    outputs written)."""

    kind: str
    total: int = 0
    path: str = ""
    ok: bool = True
    cached: bool = False
    error: dict | None = None
    phase: str = ""


@dataclass
class Source:
    """One file of the scan and where its cache entry lives."""

    id: str
    path: str
    sha256: str | None = None
    key: str | None = None
    cached: bool = False
    entry_path: Path | None = None  # the cache entry on disk, when the cache is on
    entry_text: str | None = None  # the entry itself, when the cache is off
    error: dict | None = None
    extra: list[dict] = field(default_factory=list)  # cross-report findings for this report
    reviews: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None

    def entry_ref(self) -> tuple[str, str]:
        """How a worker finds the entry: ("path", file) or ("text", JSON)."""
        if self.entry_text is not None:
            return "text", self.entry_text
        return "path", str(self.entry_path)

    def load(self, final: bool = True) -> tuple[dict, str | None, list]:
        return finalise(self.entry_ref(), self.id, self.path, self.extra if final else [],
                        self.reviews if final else {})


def load_entry(ref: tuple[str, str]) -> dict:
    kind, value = ref
    return json.loads(value if kind == "text" else Path(value).read_text("utf-8"))


def finalise(ref, report_id: str, path: str, extra: list[dict], reviews: dict) -> tuple[dict, str | None, list]:
    """The report dict as this scan presents it: its id and path, cross-report findings, reviewers' decisions."""
    from .hooks import apply_reviews, merge

    entry = load_entry(ref)
    report = entry["report"]
    report["id"] = report_id  # the same bytes under another name are the same cache entry
    report.setdefault("source", {})["path"] = path
    merge(report, extra)
    apply_reviews(report, reviews)
    return report, entry.get("text"), entry.get("paragraphs") or []


def render_task(ref, report_id: str, path: str, extra: list[dict], reviews: dict, out: str | None,
                formats: tuple[str, ...]) -> dict:
    """Worker: finalise one report and write its outputs. Returns what the manifest keeps about it."""
    from .work import render_outputs

    report, text, _ = finalise(ref, report_id, path, extra, reviews)
    fingerprints = [f.get("fingerprint") for f in report.get("findings") or [] if f.get("fingerprint")]
    applied = {fp: reviews[fp] for fp in fingerprints if fp in reviews}
    meta = report.get("meta") or {}
    row = {"id": report_id, "path": path, "agency": meta.get("agency"), "year": meta.get("year"),
           "template": meta.get("template"), **(report.get("stats") or {})}
    record = {"row": row, "fingerprints": fingerprints, "reviews": digest(applied), "files": []}
    try:
        record["files"] = render_outputs(report, text, out, formats) if out and formats else []
    except Exception as error:  # noqa: BLE001 - the report stays in the store; only its pages are missing
        record["error"] = {"code": "E999", "path": path, "reason": f"writing the outputs failed: "
                           f"{type(error).__name__}: {error}", "hint": "this is a bug in xxgk; please report it"}
    return record


def report_ids(files: list[Path]) -> list[str]:
    """File stems, made unique: a stem shared by several files gets a short hash of its path appended."""
    stems = [p.stem for p in files]
    seen: dict[str, int] = {}
    for stem in stems:
        seen[stem] = seen.get(stem, 0) + 1
    return [s if seen[s] == 1 else f"{s}-{hashlib.sha1(str(p).encode()).hexdigest()[:8]}" for s, p in zip(stems, files)]


def _unique(files: Iterable[Path]) -> list[Path]:
    out, seen = [], set()
    for path in files:
        real = path.resolve()
        if real not in seen:
            seen.add(real)
            out.append(path)
    return out


def scan(paths, out: str | Path | None = None, workers: int | None = None, cache: bool | str | Path = True,
         formats: Iterable[str] = FORMATS, store: bool = True,
         progress: Callable[[Event], None] | None = None, cluster=None, timeout: float | None = READ_TIMEOUT):
    """Read every report under ``paths`` (files and folders, recursively) into a ``Corpus``.

    ``out``: folder for per-report outputs (``formats``), the store (``store=True``: xxgk.duckdb, parquet/,
    xxgk.xlsx) and summary.json; None writes nothing. ``cache``: True (``<out>/.cache``, or the user
    cache folder when ``out`` is None), a folder, or False to read everything again and write no cache.
    ``workers``: processes (default: all cores). ``progress``: called with an ``Event`` per file and phase.
    ``timeout``: seconds after which reading one file is given up (error E107, not cached; None: no limit).
    ``cluster``: run the reading and writing on a Dask cluster instead (a scheduler address, a
    ``distributed.Client``, or "local"; see ``nlp.corpus.parallel.DaskWorkers``); the results are the same.
    Raises FileNotFoundError for a path that does not exist and ValueError for a malformed review.csv.
    """
    from ..review import FILENAME, load_reviews

    started = time.perf_counter()
    emit = progress or (lambda event: None)
    formats = tuple(formats)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format(s) {', '.join(unknown)} (choose from {', '.join(FORMATS)})")
    paths_list = [paths] if isinstance(paths, (str, Path)) else list(paths)
    files = _unique(find_reports(paths_list))
    out = Path(out) if out is not None else None
    reviews = load_reviews(out / FILENAME) if out is not None else {}
    store_obj = None
    if cache:
        folder = Path(cache) if not isinstance(cache, bool) else (out / ".cache" if out is not None else
                                                                  default_cache_dir())
        store_obj = Cache(folder)
    engine = engine_digest()
    hasher = FileHasher(store_obj)
    sources = [Source(id=i, path=str(p)) for i, p in zip(report_ids(files), files)]
    emit(Event("start", total=len(sources)))

    # ---------------------------------------------------------------- 1. read (or find in the cache)
    todo = []
    waiting: dict[str, list[int]] = {}  # key -> the files with those bytes; the first one is read for all
    for index, src in enumerate(sources):
        try:
            src.sha256 = hasher.sha256(Path(src.path))
        except OSError as error:
            src.error = {"code": "E104", "path": src.path, "reason": f"the file cannot be read: {error.strerror}",
                         "hint": "check that it exists and is readable"}
            emit(Event("file", path=src.path, ok=False, error=src.error))
            continue
        src.key = entry_key(src.sha256, engine)
        hit = store_obj.lookup(src.key) if store_obj else None
        if hit is None:
            if src.key not in waiting:
                todo.append((index, (src.path, timeout)))
            waiting.setdefault(src.key, []).append(index)
            continue
        kind, src.entry_path = hit
        src.cached = True
        if kind == "error":
            src.error = _error_for(load_entry(("path", str(src.entry_path))), src.path)
        emit(Event("file", path=src.path, ok=src.ok, cached=True, error=src.error))
    hasher.save()

    def read_done(index: int, result: tuple[bool, str]) -> None:
        ok, text = result
        key = sources[index].key
        cacheable = ok or json.loads(text)["error"]["code"] != TooSlow.code  # out of time: try again next run
        entry_path = store_obj.put(key, text, error=not ok) if store_obj is not None and cacheable else None
        for position, same in enumerate(waiting[key]):
            src = sources[same]
            src.cached = position > 0  # the same bytes under another name: read once
            if ok:
                src.entry_path, src.entry_text = entry_path, (None if entry_path else text)
            else:
                src.error = _error_for(json.loads(text), src.path)
            emit(Event("file", path=src.path, ok=src.ok, cached=src.cached, error=src.error))

    def read_crash(index: int) -> None:
        for same in waiting[sources[index].key]:
            src = sources[same]
            src.error = {"code": "E999", "path": src.path, "reason": "the worker process died while reading this "
                         "file (a crash or out of memory)", "hint": "this is a bug in xxgk; please report it with "
                         "the file"}
            emit(Event("file", path=src.path, ok=False, error=src.error))

    from .work import read_entry

    with executor(workers, cluster) as pool:
        pool.run(read_entry, todo, read_done, read_crash)
        good = [s for s in sources if s.ok]
        errors = [s.error for s in sources if not s.ok]

        # ------------------------------------------------------------ 2. cross-report findings
        folders = [*([out] if out is not None else []), *(Path(p) for p in paths_list if Path(p).is_dir())]
        overrides = find_overrides(folders)
        extra, problem = _cross_report(good, engine, store_obj, emit, overrides)
        if problem:
            errors.append(problem)
        for src in good:
            src.extra = extra.get(src.id, [])
            src.reviews = reviews

        # ------------------------------------------------------------ 3. per-report outputs
        manifest_name = _manifest_name(out, store_obj)
        old = (store_obj.read_json(manifest_name, {}) if store_obj else {}) or {}
        old_reports = old.get("reports", {}) if old.get("engine") == engine else {}
        records: dict[str, dict] = {}
        render = []
        for src in good if out is not None else ():
            base = digest([src.key, src.id, src.path, list(formats), src.extra])
            record = old_reports.get(src.id)
            if record and record.get("base") == base and _up_to_date(record, reviews, out):
                records[src.id] = record
            else:
                records[src.id] = {"base": base}
                render.append((src.id, (src.entry_ref(), src.id, src.path, src.extra, reviews, str(out), formats)))
        if render:
            emit(Event("phase", phase="outputs", total=len(render)))
        by_id = {s.id: s for s in good}

        def render_done(report_id: str, result: dict) -> None:
            records[report_id].update(result)
            problem = result.pop("error", None)
            if problem:  # listed, and tried again next run
                errors.append(problem)
                records[report_id]["base"] = None
            emit(Event("output", path=by_id[report_id].path, ok=problem is None, error=problem))

        def render_crash(report_id: str) -> None:
            src = by_id[report_id]
            src.error = {"code": "E999", "path": src.path, "reason": "the worker process died while writing the "
                         "outputs", "hint": "this is a bug in xxgk; please report it with the file"}
            errors.append(src.error)
            records.pop(report_id, None)
            emit(Event("output", path=src.path, ok=False, error=src.error))

        pool.run(render_task, render, render_done, render_crash)
    good = [s for s in good if s.ok]

    # ---------------------------------------------------------------- 4. store, summary
    from .corpus import Corpus

    corpus = Corpus(sources=good, errors=errors, rows=[records[s.id]["row"] for s in good] if out else None)
    if out is not None:
        store_key = digest([engine, [(s.id, records[s.id]["base"], records[s.id]["reviews"]) for s in good], errors])
        if store:
            stale = old.get("store") != store_key or not all((out / name).exists() for name in STORE_FILES)
            if stale or store_obj is None:
                emit(Event("phase", phase="store"))
                corpus.write_store(out)
            corpus.store_path = (out / "xxgk.duckdb").absolute()
        summary = {"schema": "xxgk.scan/1", "reports": corpus.rows, "errors": errors}
        _write_if_changed(out / "summary.json", json.dumps(summary, ensure_ascii=False, indent=2, default=str))
        if store_obj is not None:
            store_obj.write_json(manifest_name, {"engine": engine, "reports": records,
                                                 "store": store_key if store else old.get("store")})
    corpus.stats = {"files": len(sources), "reports": len(good), "failed": len(errors),
                    "cached": sum(1 for s in sources if s.cached), "read": len(todo), "rendered": len(render),
                    "seconds": round(time.perf_counter() - started, 3)}
    return corpus


def _manifest_name(out: Path | None, cache: Cache | None) -> str:
    """``manifest.json`` when the cache lives in the output folder (it moves with it); else one per output folder."""
    if out is None or cache is None or cache.folder.resolve() == (out / ".cache").resolve():
        return "manifest.json"
    return f"manifest-{hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:12]}.json"


def _write_if_changed(path: Path, text: str) -> None:
    from ..render import write_atomic

    try:
        if path.read_text("utf-8") == text:
            return
    except OSError:
        pass
    write_atomic(path, text)


def _error_for(entry: dict, path: str) -> dict:
    error = dict(entry.get("error") or {})
    if error.get("path") in (None, "", entry.get("path")):
        error["path"] = path
    return error


def _up_to_date(record: dict, reviews: dict, out: Path) -> bool:
    if "row" not in record:
        return False
    applied = {fp: reviews[fp] for fp in record.get("fingerprints", []) if fp in reviews}
    if digest(applied) != record.get("reviews"):
        return False
    return all((out / name).exists() for name in record.get("files", []))


def _cross_report(good: list[Source], engine: str, cache: Cache | None, emit,
                  overrides: Path | None = None) -> tuple[dict, dict | None]:
    from . import hooks

    if not hooks.active() or not good:
        return {}, None
    override_hash = hashlib.sha256(overrides.read_bytes()).hexdigest() if overrides else None
    key = digest([engine, override_hash, [(s.id, s.path, s.key) for s in good]])
    name = f"crossyear/{key}.json"
    cached = cache.read_json(name) if cache else None
    if cached is not None:
        return cached, None
    emit(Event("phase", phase="cross-report", total=len(good)))
    try:
        reports = [s.load(final=False)[0] for s in good]
        extra = hooks.cross_report(reports, overrides)
    except Exception as error:  # noqa: BLE001 - the reports stand without the cross-report findings
        return {}, {"code": "E999", "path": "", "reason": f"cross-report rules failed: {type(error).__name__}: "
                    f"{error}", "hint": "this is a bug in xxgk; the reports were written without cross-year findings"}
    if cache is not None:
        cache.write_json(name, extra)
    return extra, None
