"""The Dask path of a scan (nlp.corpus.parallel.DaskWorkers): same results as the process pool, crashes isolated,
clear errors without a scheduler or without dask.distributed installed.

A real (local) Dask cluster is started once for the module: a scheduler in this process and worker processes.
"""
from __future__ import annotations

import filecmp
import json
import os
import shutil
import sys
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed", reason="the cluster path needs the xxgk[cluster] extra")

import dask  # noqa: E402

from nlp.corpus import scan  # noqa: E402
from nlp.corpus.parallel import DaskWorkers  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
# one of each input format, and a report with a cross-year partner (the second phase runs on the cluster too)
FILES = ["000_dongying_gjj_2018.txt", "001_huaian_hongzequ_2023.pdf", "012_pingtan_2019.txt",
         "013_pingtan_2020.txt", "100_shanghai_szfbgt_2019.html", "300_shanghai_kewei_2024.md"]


@pytest.fixture(scope="module")
def client():
    # a task whose worker dies is given up at once (the default retries it on three more workers): tasks queued on
    # the same worker are given up with it, and DaskWorkers must run them again alone
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                           dashboard_address=None)
        with distributed.Client(cluster) as connected:
            yield connected
        cluster.close()


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("reports")
    for name in FILES:
        shutil.copy(CORPUS / name, folder / name)
    return folder


def test_a_scan_on_the_cluster_gives_what_the_process_pool_gives(client, reports, tmp_path):
    local = scan([reports], out=tmp_path / "pool", cache=False, workers=2)
    remote = scan([reports], out=tmp_path / "dask", cache=False, cluster=client)
    assert remote.stats["reports"] == local.stats["reports"] == len(FILES)
    assert remote.errors == local.errors == []
    summary = [json.loads((tmp_path / side / "summary.json").read_text("utf-8")) for side in ("pool", "dask")]
    assert summary[0] == summary[1]
    written = sorted(p.name for p in (tmp_path / "pool").iterdir() if p.suffix in (".json", ".md", ".html"))
    assert len(written) == 3 * len(FILES) + 1  # JSON, Markdown and HTML per report, and summary.json
    for name in written:
        assert filecmp.cmp(tmp_path / "pool" / name, tmp_path / "dask" / name, shallow=False), name


def _die_on_three(n: int) -> int:
    if n == 3:
        os._exit(3)  # what a segfault in a native library looks like from outside
    return n * n


def test_a_task_that_kills_its_worker_is_reported_and_the_others_complete(client):
    done, crashed = {}, []
    workers = DaskWorkers(client)
    workers.run(_die_on_three, [(n, (n,)) for n in range(8)], done.__setitem__, crashed.append)
    assert crashed == [3]
    assert done == {n: n * n for n in range(8) if n != 3}
    workers.close()  # a client passed in is the caller's: still usable
    assert client.submit(_die_on_three, 2).result() == 4


def test_no_scheduler_at_the_address_is_a_usage_error():
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        with pytest.raises(ValueError, match="cannot reach the Dask scheduler at 'tcp://127.0.0.1:9'"):
            DaskWorkers("tcp://127.0.0.1:9")


def test_without_distributed_the_message_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if it were not installed
    with pytest.raises(ImportError, match=r'pip install "xxgk\[cluster\]"'):
        DaskWorkers("local")


def test_cli_reports_an_unreachable_scheduler(tmp_path, reports):
    from typer.testing import CliRunner

    from nlp.cli import app

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = CliRunner().invoke(app, ["scan", str(reports), "--out", str(tmp_path / "out"), "--no-cache",
                                          "--cluster", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2, result.output
    assert "[E300] cannot reach the Dask scheduler" in result.output
