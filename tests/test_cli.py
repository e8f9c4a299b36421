"""The xxgk command in-process (typer's CliRunner): outputs, exit codes, messages, reviews and fingerprints."""
import json
import shutil

import pytest
from typer.testing import CliRunner

from nlp.cli import app

from .conftest import CORPUS

runner = CliRunner()
SEED = CORPUS / "000_dongying_gjj_2018.txt"


def _check(*args):
    return runner.invoke(app, ["check", *map(str, args)])


def test_check_writes_three_reports(tmp_path):
    result = _check(SEED, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    for suffix in ("json", "md", "html"):
        assert (tmp_path / f"000_dongying_gjj_2018.{suffix}").stat().st_size > 1000
    assert "0 fail" in result.output and "2 uncertain" in result.output


def test_check_one_format(tmp_path):
    result = _check(SEED, "--out", tmp_path, "--format", "json", "--quiet")
    assert result.exit_code == 0 and result.output == ""
    assert [p.suffix for p in tmp_path.iterdir()] == [".json"]


def test_missing_file_is_a_usage_error(tmp_path):
    result = _check(tmp_path / "nope.txt", "--out", tmp_path)
    assert result.exit_code == 2 and "nope.txt" in result.output


def test_bad_file_names_the_file_and_the_reason(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"\x00\x01 not a pdf at all")
    for path, words in ((empty, "empty"), (junk, "not a PDF")):
        result = _check(path, "--out", tmp_path / "out")
        assert result.exit_code == 1
        assert path.name in result.output and words in result.output
    assert not (tmp_path / "out").exists()  # nothing written half-way


def test_scan_goes_on_after_a_bad_file(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    result = runner.invoke(app, ["scan", str(folder), "--out", str(tmp_path / "out"), "--workers", "1"])
    assert result.exit_code == 1
    assert "broken.pdf" in result.output
    assert (tmp_path / "out" / "000_dongying_gjj_2018.json").exists()


def test_review_decision_survives_a_rerun(tmp_path):
    _check(SEED, "--out", tmp_path, "-f", "json", "-q")
    data = json.loads((tmp_path / "000_dongying_gjj_2018.json").read_text("utf-8"))
    target = next(f for f in data["findings"] if f["rule"] == "NN-3")
    result = runner.invoke(app, ["review", target["fingerprint"], "-d", "dismissed", "-c", "含转办电话，口径不同",
                                 "--out", str(tmp_path)])
    assert result.exit_code == 0
    _check(SEED, "--out", tmp_path, "-f", "json", "-q")
    again = json.loads((tmp_path / "000_dongying_gjj_2018.json").read_text("utf-8"))
    reviewed = [f for f in again["findings"] if f.get("review")]
    assert [f["fingerprint"] for f in reviewed] == [target["fingerprint"]]
    assert reviewed[0]["review"]["decision"] == "dismissed"
    bad = runner.invoke(app, ["review", target["fingerprint"], "-d", "maybe", "--out", str(tmp_path)])
    assert bad.exit_code == 2


def test_changing_a_value_changes_only_its_findings(tmp_path):
    """兼职人员数 2 → 3 in a copy of the seed: P9 changes (and now fails); no other fingerprint moves."""
    _check(SEED, "--out", tmp_path / "a", "-f", "json", "-q")
    text = SEED.read_text("utf-8").replace("2. 兼职人员数\t人\t2", "2. 兼职人员数\t人\t3")
    assert text != SEED.read_text("utf-8")
    changed = tmp_path / "000_dongying_gjj_2018.txt"
    changed.write_text(text, "utf-8")
    _check(changed, "--out", tmp_path / "b", "-f", "json", "-q")
    before = json.loads((tmp_path / "a" / "000_dongying_gjj_2018.json").read_text("utf-8"))["findings"]
    after = json.loads((tmp_path / "b" / "000_dongying_gjj_2018.json").read_text("utf-8"))["findings"]
    moved = {f["rule"] for f in before if f["fingerprint"] not in {g["fingerprint"] for g in after}}
    assert moved == {"P9"}
    assert next(f for f in after if f["rule"] == "P9")["status"] == "fail"


def test_help_teaches():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for words in ("xxgk check corpus/", "xxgk scan", "Exit codes", "uncertain"):
        assert words in result.output


@pytest.mark.parametrize("command", ["check", "scan", "compare", "review", "rules"])
def test_every_command_shows_a_whole_example(command):
    """The example under each command's --help is printed on one line, ready to copy (not re-wrapped)."""
    result = runner.invoke(app, [command, "--help"], terminal_width=80)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip() in ("Example:", "Examples:"))
    assert lines[at + 1].strip().startswith(f"xxgk {command} ")
