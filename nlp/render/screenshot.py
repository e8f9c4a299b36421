"""PNG screenshots of the HTML reports in headless Chromium (``xxgk check/scan --screenshots``).

No browser driver is needed: ``chromium --headless --screenshot=FILE --window-size=W,H URL`` loads the page, lets its
scripts and images settle (``--virtual-time-budget``) and writes the visible window as a PNG. Chromium is started
the way it works on a machine with a closed network and no display, as root: no sandbox, no GPU, no QUIC, no
first-run, no background networking, component updates or sync, and a new empty profile each time.

    >>> from nlp.render.screenshot import screenshot_pages
    >>> screenshot_pages(["reports_out/000_dongying_gjj_2018.html"], "reports_out/screenshots")

The browser is ``$XXGK_CHROMIUM`` when set, else ``chromium`` (or ``chromium-browser``) on the PATH, else
``/usr/bin/chromium`` (Debian: ``apt-get install chromium chromium-driver``). Without one, ``BrowserMissing`` is
raised with a message naming what was looked for.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterable

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync")
WIDTH, HEIGHT = 1280, 2000
TIMEOUT = 60.0  # seconds for one page
ENV = "XXGK_CHROMIUM"
CANDIDATES = ("chromium", "chromium-browser", "/usr/bin/chromium")


class BrowserMissing(RuntimeError):
    """No Chromium binary to take the screenshots with."""


def find_chromium() -> str | None:
    """The Chromium binary to use, or None (see the module docstring for the order)."""
    if os.environ.get(ENV):
        path = os.environ[ENV]
        return path if os.path.isfile(path) and os.access(path, os.X_OK) else None
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def missing_message() -> str:
    where = f"${ENV}={os.environ[ENV]}" if os.environ.get(ENV) else f"{', '.join(CANDIDATES)} (or ${ENV})"
    return (f"no Chromium browser found (looked for {where}); install the Debian packages chromium and "
            "chromium-driver")


def browser_args(binary: str, profile: str) -> list[str]:
    """The command line that starts ``binary`` headless with ``profile`` as its (empty) user-data-dir."""
    return [binary, *FLAGS, f"--user-data-dir={profile}"]


def screenshot(html: str | Path, png: str | Path, width: int = WIDTH, height: int = HEIGHT,
               binary: str | None = None, timeout: float = TIMEOUT) -> Path:
    """Open ``html`` in headless Chromium and save the window (``width`` × ``height`` CSS pixels) as ``png``."""
    binary = binary or find_chromium()
    if binary is None:
        raise BrowserMissing(missing_message())
    html, png = Path(html).resolve(), Path(png).resolve()
    png.parent.mkdir(parents=True, exist_ok=True)
    tmp = png.with_name(f".{png.name}.tmp.png")
    with tempfile.TemporaryDirectory(prefix="xxgk-chromium-", ignore_cleanup_errors=True) as profile:
        args = [*browser_args(binary, profile), "--hide-scrollbars", f"--window-size={width},{height}",
                "--virtual-time-budget=3000", f"--screenshot={tmp}", html.as_uri()]
        # its own session: on a timeout the whole process group (the launcher script, the browser and its
        # helpers) is killed, and nothing is left behind
        with subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              start_new_session=True) as process:
            try:
                _, stderr = process.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                _kill(process)
                process.communicate()
                tmp.unlink(missing_ok=True)
                raise RuntimeError(f"Chromium took more than {timeout:.0f} s on {html}") from None
    if process.returncode != 0 or not tmp.exists() or tmp.stat().st_size == 0:
        tmp.unlink(missing_ok=True)
        lines = [line for line in stderr.decode("utf-8", "replace").splitlines()
                 if line.strip() and "dbus" not in line]  # no D-Bus in a container: noise on every start
        tail = "\n".join(lines[-3:])
        raise RuntimeError(f"Chromium could not take a screenshot of {html} (exit code {process.returncode}): {tail}")
    os.replace(tmp, png)
    return png


def _kill(process: subprocess.Popen) -> None:
    """SIGKILL the process group of ``process`` (called before it is reaped, so its id cannot have been reused)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def screenshot_pages(pages: Iterable[str | Path], folder: str | Path, workers: int = 2, fresh_only: bool = True,
                     binary: str | None = None) -> tuple[list[Path], list[str]]:
    """Screenshot every existing page into ``folder/<page stem>.png``, ``workers`` browsers at a time.

    With ``fresh_only`` a PNG newer than its page is kept (an unchanged re-scan takes no screenshots). Returns
    (the PNG files, one message per page that failed). Raises ``BrowserMissing`` when there is no Chromium.
    """
    binary = binary or find_chromium()
    if binary is None:
        raise BrowserMissing(missing_message())
    folder = Path(folder)
    jobs = []
    for page in dict.fromkeys(Path(p) for p in pages):
        if page.exists():
            jobs.append((page, folder / f"{page.stem}.png"))
    done, problems = [], []

    def one(job):
        page, png = job
        if fresh_only and png.exists() and png.stat().st_mtime >= page.stat().st_mtime:
            return png, None
        try:
            return screenshot(page, png, binary=binary), None
        except RuntimeError as error:
            return None, str(error)

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for png, problem in pool.map(one, jobs):
            if png is not None:
                done.append(png)
            if problem:
                problems.append(problem)
    return done, problems
