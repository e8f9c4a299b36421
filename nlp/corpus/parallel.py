"""Run one function over many tasks in worker processes, with results as they complete.

A bounded number of tasks is in flight at a time (memory stays flat however many files there are). When a worker
process dies (a crash in a native library, the kernel's out-of-memory killer), the pool is replaced: the tasks
that were in flight are run again one by one, each alone in a fresh process, so that only the task that really
kills its process is reported (through ``on_crash``) and every other one completes.
"""
from __future__ import annotations

import os
from collections import deque
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Hashable, Iterable


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class Workers:
    """A lazily started process pool shared by the phases of one scan. ``workers`` <= 1 runs tasks inline."""

    def __init__(self, workers: int | None = None):
        self.size = max(1, workers or default_workers())
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> "Workers":
        return self

    def __exit__(self, kind, value, traceback) -> None:
        self.close(cancel=kind is not None)

    def close(self, cancel: bool = False) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=not cancel, cancel_futures=cancel)
            self._pool = None

    def _get_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.size)
        return self._pool

    def run(self, fn: Callable, tasks: Iterable[tuple[Hashable, tuple]], on_done: Callable[[Hashable, Any], None],
            on_crash: Callable[[Hashable], None]) -> None:
        """Call ``on_done(tag, fn(*args))`` for every ``(tag, args)``, in completion order."""
        queue = deque(tasks)
        if self.size <= 1 or len(queue) <= 1:
            for tag, args in queue:
                on_done(tag, fn(*args))
            return
        window = 2 * self.size
        while queue:
            pool = self._get_pool()
            running: dict = {}
            try:
                while queue or running:
                    while queue and len(running) < window:
                        tag, args = queue.popleft()
                        running[pool.submit(fn, *args)] = (tag, args)
                    done, _ = wait(running, return_when=FIRST_COMPLETED)
                    for future in done:
                        result = future.result()  # BrokenProcessPool when a worker died
                        tag, _args = running.pop(future)
                        on_done(tag, result)
            except BrokenProcessPool:
                self.close(cancel=True)
                suspects = list(running.values())
                for tag, args in suspects:
                    self._run_alone(fn, tag, args, on_done, on_crash)
            except BaseException:
                self.close(cancel=True)
                raise

    @staticmethod
    def _run_alone(fn, tag, args, on_done, on_crash) -> None:
        with ProcessPoolExecutor(max_workers=1) as alone:
            try:
                result = alone.submit(fn, *args).result()
            except BrokenProcessPool:
                on_crash(tag)
                return
        on_done(tag, result)
