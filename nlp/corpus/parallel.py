"""Run one function over many tasks in worker processes, with results as they complete.

Two executors with one interface (``run(fn, tasks, on_done, on_crash)``, a context manager):

* ``Workers``: a process pool on this machine (the default);
* ``DaskWorkers``: the workers of a Dask cluster (``dask.distributed``), for corpora too large for one machine.

A bounded number of tasks is in flight at a time (memory stays flat however many files there are). When a worker
process dies (a crash in a native library, the kernel's out-of-memory killer), the pool is replaced: the tasks
that were in flight are run again one by one, each alone in a fresh process, so that only the task that really
kills its process is reported (through ``on_crash``) and every other one completes. On Dask the scheduler does
most of this itself (a task whose workers keep dying is given up as ``KilledWorker``); each task given up is then
run again alone, so that a task that was only queued beside the culprit completes and only the culprit is reported.
"""
from __future__ import annotations

import os
from collections import deque
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Hashable, Iterable


def executor(workers: int | None = None, cluster=None):
    """``DaskWorkers(cluster)`` when a cluster is given, else ``Workers(workers)``."""
    return Workers(workers) if cluster is None else DaskWorkers(cluster)


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


class DaskWorkers:
    """Tasks on a Dask cluster: ``cluster`` is a scheduler address ("tcp://10.0.0.5:8786"), a
    ``distributed.Client``, or "local" (a cluster of worker processes on this machine, mostly for trying it out).

    The workers must import the same xxgk and see the input files and the output folder at the same paths (a
    shared file system). Needs ``pip install "xxgk[cluster]"``.
    """

    def __init__(self, cluster):
        try:
            from distributed import Client, LocalCluster
        except ImportError as error:
            raise ImportError("[xxgk] a Dask cluster needs dask.distributed: pip install \"xxgk[cluster]\"") from error
        self._own: list = []  # what this object started, and so closes
        if isinstance(cluster, Client):
            self.client = cluster
        else:
            if cluster == "local":
                cluster = LocalCluster(n_workers=default_workers(), threads_per_worker=1, processes=True,
                                       dashboard_address=None)
                self._own.append(cluster)
            try:
                self.client = Client(cluster)
            except (OSError, TimeoutError) as error:  # no scheduler at that address
                self.close()
                raise ValueError(f"cannot reach the Dask scheduler at {cluster!r}: {error}") from error
            self._own.insert(0, self.client)
        self.size = max(1, sum(self.client.nthreads().values()))

    def __enter__(self) -> "DaskWorkers":
        return self

    def __exit__(self, kind, value, traceback) -> None:
        self.close()

    def close(self, cancel: bool = False) -> None:
        for thing in self._own:
            thing.close()
        self._own = []

    def run(self, fn: Callable, tasks: Iterable[tuple[Hashable, tuple]], on_done: Callable[[Hashable, Any], None],
            on_crash: Callable[[Hashable], None]) -> None:
        """Call ``on_done(tag, fn(*args))`` for every ``(tag, args)``, in completion order."""
        from distributed import as_completed
        from distributed.scheduler import KilledWorker

        queue = deque(tasks)
        running: dict = {}  # future key -> (tag, args) of the tasks in flight
        window = 2 * self.size

        def submit():
            tag, args = queue.popleft()
            future = self.client.submit(fn, *args, pure=False)  # pure=False: never merged with an equal task
            running[future.key] = (tag, args)
            return future

        suspects = []  # tasks given up because their worker died: the culprit, or a task queued beside it
        pending = as_completed([submit() for _ in range(min(window, len(queue)))])
        for future in pending:
            tag, args = running.pop(future.key)
            try:
                result = future.result()
            except KilledWorker:
                suspects.append((tag, args))
            else:
                on_done(tag, result)
            finally:
                future.release()
            if queue:
                pending.add(submit())
        for tag, args in suspects:  # alone now: only the culprit dies again
            future = self.client.submit(fn, *args, pure=False)
            try:
                result = future.result()
            except KilledWorker:
                on_crash(tag)
            else:
                on_done(tag, result)
            finally:
                future.release()
