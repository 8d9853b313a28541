"""Renders on a Dask cluster: a two-worker LocalCluster on loopback stands in for the hosts."""

from __future__ import annotations

import builtins
import os
import signal
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli.app import main
from pipeline.engine.cluster import scheduler_address
from pipeline.errors import UsageError
from tests.conftest import SEED_CONTENT, project_overriding, seed_data

distributed = pytest.importorskip("distributed", reason="the dask extra is installed by make setup")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        worker_dashboard_address=None,
    ) as local:
        yield local


@pytest.fixture
def engine(cluster) -> str:
    return cluster.scheduler_address.replace("tcp://", "dask://")


def build(*arguments: str):
    return CliRunner().invoke(main, ["build", *arguments], catch_exceptions=False)


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.*"))}


def test_executor_addresses_are_checked():
    assert scheduler_address("local") is None and scheduler_address(None) is None
    assert scheduler_address("dask://10.0.0.5:8786") == "tcp://10.0.0.5:8786"
    with pytest.raises(UsageError, match="--executor must be 'local' or 'dask://HOST:PORT'"):
        scheduler_address("dask://nohost")


def test_cluster_build_is_byte_identical_to_the_local_one(engine, tmp_path):
    local = build(str(SEED_CONTENT), "--locale", "en,ru", "--out", str(tmp_path / "local"))
    remote = build(
        str(SEED_CONTENT),
        "--locale",
        "en,ru",
        "--executor",
        engine,
        "--out",
        str(tmp_path / "dask"),
    )
    assert local.exit_code == 0 and remote.exit_code == 0, remote.output
    assert files(tmp_path / "local") == files(tmp_path / "dask")
    assert len(files(tmp_path / "dask")) == 6
    assert "(rendered by tcp://127.0.0.1:" in remote.output  # the report says which worker


def test_with_a_shared_root_workers_prepare_too_and_the_bytes_are_the_same(engine, tmp_path):
    local = build(str(SEED_CONTENT), "--locale", "ky", "--out", str(tmp_path / "local"))
    shared = build(
        str(SEED_CONTENT),
        "--locale",
        "ky",
        "--executor",
        engine,
        "--shared-root",
        "--out",
        str(tmp_path / "shared"),
    )
    assert local.exit_code == 0 and shared.exit_code == 0, shared.output
    assert files(tmp_path / "local") == files(tmp_path / "shared")
    refused = build(str(SEED_CONTENT), "--shared-root", "--out", str(tmp_path / "x"))
    assert refused.exit_code == 2 and "--shared-root is for --executor dask://" in refused.output


def test_a_render_failure_reads_the_same_as_locally(engine, tmp_path, write_content, monkeypatch):
    data = seed_data()
    data["turns"][0]["question"] += " 한국"  # no Hangul in the English fonts: the PDF must stop
    path = write_content(data)
    local = build(str(path), "-f", "pdf", "--out", str(tmp_path / "a"))
    remote = build(str(path), "-f", "pdf", "--executor", engine, "--out", str(tmp_path / "b"))
    assert local.exit_code == remote.exit_code == 1
    message = "cannot draw 2 character(s): 한 (U+D55C), 국 (U+AD6D)"
    assert message in local.output and message in remote.output


def test_a_worker_killed_mid_run_still_completes_the_build(
    cluster, engine, tmp_path, write_content
):
    notes = 10
    for number in range(notes):
        data = seed_data()
        data["slug"] = f"note-{number}"
        write_content(data)
    client = distributed.Client(cluster.scheduler_address)
    pids = list(client.run(os.getpid).values())
    client.close()

    killed_at: list[float] = []

    def kill_one_worker_once_busy() -> None:
        time.sleep(1.0)
        os.kill(pids[0], signal.SIGKILL)
        killed_at.append(time.perf_counter())

    started = time.perf_counter()
    killer = threading.Thread(target=kill_one_worker_once_busy)
    killer.start()
    result = build(
        str(tmp_path / "content"), "-f", "pdf", "--executor", engine, "--out", str(tmp_path / "out")
    )
    finished = time.perf_counter()
    killer.join()
    assert killed_at and started < killed_at[0] < finished, "the worker was not killed mid-run"
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "out" / "en").glob("*.pdf"))) == notes
    cluster.scale(2)  # let the nanny's replacement join before the next test


def test_a_forbidden_resource_is_refused_on_the_worker_too(engine, tmp_path, write_content):
    from pipeline.engine import plan as pipeline_build
    from pipeline.engine.executor import Executor, Task

    project = project_overriding(
        tmp_path,
        "note.html",
        lambda text: text.replace("<main>", '<main><img src="file:///etc/passwd" alt="">', 1),
    )
    [job] = pipeline_build.plan([write_content()], ["pdf"], project=project).jobs
    with Executor(2, ["pdf"], scheduler=scheduler_address(engine)) as executor:
        [result] = list(executor.run([Task(job, "pdf")]))
    assert result.data is None and "refused to load 'file:///etc/passwd'" in result.error


def test_missing_dask_gives_the_install_command(monkeypatch, tmp_path):
    real_import = builtins.__import__

    def no_distributed(name, *arguments, **keywords):
        if name == "distributed" or name.startswith("distributed."):
            raise ImportError("No module named 'distributed'")
        return real_import(name, *arguments, **keywords)

    monkeypatch.setattr(builtins, "__import__", no_distributed)
    result = build(str(SEED_CONTENT), "--executor", "dask://127.0.0.1:8786", "--out", str(tmp_path))
    assert result.exit_code == 2
    assert "needs Dask distributed, which is not installed: pip install '.[dask]'" in result.output
    assert not any(tmp_path.iterdir())


def test_a_pack_built_on_the_cluster_is_byte_identical_to_a_local_one(engine, tmp_path):
    def pack(root: Path, *extra: str):
        return CliRunner().invoke(
            main,
            [
                "pack",
                str(SEED_CONTENT),
                "--date",
                "2026-11-27",
                "--locale",
                "en,ky",
                "--out",
                str(root),
                "--json",
                *extra,
            ],
            catch_exceptions=False,
        )

    local, remote = pack(tmp_path / "local"), pack(tmp_path / "dask", "--executor", engine)
    assert local.exit_code == 0 and remote.exit_code == 0, remote.output
    assert files(tmp_path / "local" / "2026-11-27") == files(tmp_path / "dask" / "2026-11-27")
    import json

    report = json.loads(remote.output)
    assert sorted(report["rendered_by"]) == sorted(report["built"])  # who rendered what
    assert all(worker.startswith("tcp://127.0.0.1:") for worker in report["rendered_by"].values())
    manifest = json.loads((tmp_path / "dask" / "2026-11-27" / "manifest.json").read_text())
    assert set(manifest["tools"]) >= {"weasyprint", "python-docx", "fonts"}


def test_a_worker_with_other_fonts_fails_its_renders():
    from pipeline.engine.cluster import render_stack
    from pipeline.engine.executor import Executor

    executor = Executor.__new__(Executor)  # only the comparison, without a cluster
    executor._expected_stack = {"worker": "this machine", **render_stack()}
    other = {
        **executor._expected_stack,
        "worker": "tcp://10.0.0.7:40000",
        "fonts": "0123456789abcdef",
    }
    message = executor._mismatch(other)
    assert message.startswith(
        "worker tcp://10.0.0.7:40000 differs from this machine in fonts (0123456789abcdef there,"
    )
    assert "give every worker the same packages" in message
    assert executor._mismatch({**executor._expected_stack, "worker": "tcp://10.0.0.8:1"}) is None
