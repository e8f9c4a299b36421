"""The notebooks in notebooks/ run from top to bottom on the sample corpus, and are stored without outputs.

Each notebook is executed with nbclient in a ``python3`` kernel started from this interpreter (the virtual
environment's, which has ipykernel), from the repository root, as in CI on a fresh clone. The corpus tour writes
its outputs to a temporary folder (``XXGK_OUT``), never to the working tree's reports_out/.
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest

from .conftest import ROOT

NOTEBOOKS = ROOT / "notebooks"
NAMES = ("01_quickstart.ipynb", "02_corpus_tour.ipynb")


def _this_interpreter_manager():
    """A kernel manager for ``python3`` that runs this interpreter (ipykernel's own spec, built from sys.executable),
    when the ``python3`` kernelspec found on this machine is missing or runs another Python; else None."""
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager, NoSuchKernel
    from jupyter_client.manager import AsyncKernelManager

    try:
        argv0 = KernelSpecManager().get_kernel_spec("python3").argv[0]
        # jupyter_client itself replaces a bare "python"/"python3"/"python3.X" by sys.executable
        if argv0 in ("python", f"python{sys.version_info[0]}", "python%d.%d" % sys.version_info[:2]) or \
                Path(argv0).absolute() == Path(sys.executable).absolute():
            return None
    except NoSuchKernel:
        pass
    from ipykernel.kernelspec import RESOURCES, get_kernel_dict

    class ThisInterpreter(KernelSpecManager):
        def get_kernel_spec(self, kernel_name):
            return KernelSpec(resource_dir=RESOURCES, **get_kernel_dict())

    return AsyncKernelManager(kernel_name="python3", kernel_spec_manager=ThisInterpreter())


def run_notebook(name: str):
    from nbclient import NotebookClient

    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = NotebookClient(nb, kernel_name="python3", timeout=300, resources={"metadata": {"path": str(ROOT)}},
                            km=_this_interpreter_manager())
    client.execute()  # raises CellExecutionError, naming the cell, when a cell fails
    return nb


def outputs(nb) -> list[dict]:
    return [out for cell in nb.cells if cell.cell_type == "code" for out in cell.get("outputs", [])]


def text_of(nb) -> str:
    """Everything the notebook printed or displayed as text or HTML."""
    parts = []
    for out in outputs(nb):
        if out.output_type == "stream":
            parts.append(out.text)
        elif out.output_type in ("execute_result", "display_data"):
            data = out.get("data", {})
            parts.append(data.get("text/plain", "") + data.get("text/html", ""))
        elif out.output_type == "error":
            parts.append("\n".join(out.traceback))
    return "\n".join(parts)


def assert_clean(nb) -> None:
    errors = [out for out in outputs(nb) if out.output_type == "error"]
    assert errors == [], errors
    stderr = "".join(out.text for out in outputs(nb) if out.output_type == "stream" and out.name == "stderr")
    assert "Traceback" not in stderr, stderr
    assert "missing from font" not in text_of(nb)  # no tofu boxes in the charts


def test_quickstart_runs():
    nb = run_notebook("01_quickstart.ipynb")
    assert_clean(nb)
    text = text_of(nb)
    assert "东营市住房公积金管理中心" in text and "pre2019" in text
    assert "p.active.total" in text and "244" in text  # the facts table
    assert "2 failing or uncertain findings" in text  # the seed report: 0 fail, 2 uncertain
    assert "NT-1 [uncertain" in text and "cell  p.resp.interpret_docs" in text and "【" in text  # with evidence
    try:
        import nlp.text.pipeline  # noqa: F401
    except ImportError:
        assert "displaCy view skipped" in text
    else:
        assert 'class="entities"' in text and "CLAIM" in text  # the displaCy view


def test_corpus_tour_runs(tmp_path, monkeypatch):
    monkeypatch.setenv("XXGK_OUT", str(tmp_path))  # the kernel inherits the environment
    nb = run_notebook("02_corpus_tour.ipynb")
    assert_clean(nb)
    text = text_of(nb)
    assert (tmp_path / "xxgk.duckdb").exists() and (tmp_path / "000_dongying_gjj_2018.html").exists()
    assert "CJK font:" in text
    images = [out for out in outputs(nb) if "image/png" in out.get("data", {})]
    assert len(images) >= 2  # the two charts
    assert "平潭综合实验区" in text or "平潭县" in text  # the panel
    for table in ("claims", "entities", "facts", "findings", "keywords", "paragraphs", "reports"):
        assert table in text  # the store's tables, listed by DuckDB
    assert "收到申请数" in text  # the DuckDB query on facts
    try:
        from nlp.compare import find_reuse  # noqa: F401
    except ImportError:
        assert "text reuse skipped" in text
    else:
        assert "reuse_share" in text


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.name)
def test_notebooks_are_stored_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.nbformat == 4
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code
    assert [c for c in code if c.get("outputs") or c.get("execution_count") is not None] == [], \
        f"{path.name} is stored with outputs: clear them (jupyter nbconvert --clear-output --inplace {path.name})"


def test_both_notebooks_are_there():
    assert {p.name for p in NOTEBOOKS.glob("*.ipynb")} >= set(NAMES)
