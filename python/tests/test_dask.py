"""whosaid.dask on a real distributed.LocalCluster (2 worker processes, loopback only)."""

import gzip
import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

import whosaid

dask = pytest.importorskip("dask", reason="Dask is not installed (apt-get install python3-dask)")
distributed = pytest.importorskip("distributed", reason="distributed is not installed (python3-distributed)")
import whosaid.dask as wd  # noqa: E402
from whosaid.dask.shards import plan_shards, run_shards  # noqa: E402

from conftest import SOURCE_DIR, read_jsonl_records, text_of_fragments  # noqa: E402
from test_api import UNICODE_TEXT  # noqa: E402

N_SHARDS = 8
PER_SHARD = 150


def article_texts():
    base = [(SOURCE_DIR / "examples" / "parliament.txt").read_text(encoding="utf-8"), UNICODE_TEXT]
    base += [r["text"] for r in read_jsonl_records(SOURCE_DIR / "tests" / "fixtures" / "store" / "feed.jsonl")]
    return base


def write_shards(folder, n_shards=N_SHARDS, per_shard=PER_SHARD):
    """n_shards JSONL files of distinct articles; returns their paths and the ids in order."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = article_texts()
    ids = []
    for s in range(n_shards):
        with open(folder / f"part-{s:02d}.jsonl", "w", encoding="utf-8") as f:
            for k in range(per_shard):
                i = s * per_shard + k
                text = texts[i % len(texts)].replace("Key", f"Key{i}").replace("Goff", f"Goff{i % 7}")
                rec = {"id": f"a{i}", "outlet": "Test Times", "date": f"2014-05-{1 + i % 28:02d}", "text": text}
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
                ids.append(f"a{i}")
    return sorted(str(p) for p in folder.glob("*.jsonl")), ids


def write_warc(path):
    page = (SOURCE_DIR / "tests" / "fixtures" / "store" / "page.html").read_bytes()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + \
        str(len(page)).encode() + b"\r\n\r\n" + page
    rec = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://daily.example.net/spy-bill\r\n"
           b"WARC-Date: 2014-08-19T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
           b"Content-Type: application/http; msgtype=response\r\nContent-Length: " + str(len(http)).encode() +
           b"\r\n\r\n" + http + b"\r\n\r\n")
    with open(path, "wb") as f:
        f.write(gzip.compress(rec))


def single_process(files):
    return [r for p in files for r in wd.extract_shard(p)]


def test_extract_bag_reads_jsonl_text_and_warc_synchronously(tmp_path):
    files, _ = write_shards(tmp_path / "in", n_shards=2, per_shard=3)
    (tmp_path / "in" / "story.txt").write_text(UNICODE_TEXT, encoding="utf-8")
    write_warc(tmp_path / "in" / "crawl.warc.gz")
    bag = wd.extract_bag(tmp_path / "in")
    assert bag.npartitions == 4
    results = bag.compute(scheduler="sync")
    assert len(results) == 2 * 3 + 1 + 1
    warc = [r for r in results if r.get("url") == "https://daily.example.net/politics/minister-defends-spy-bill"
            or r.get("url") == "https://daily.example.net/spy-bill"]
    assert len(warc) == 1 and any(q["speaker"] and q["speaker"]["name"] == "John Key" for q in warc[0]["quotes"])
    for r in results:
        for q in r["quotes"]:
            assert text_of_fragments(r["text"], q["spans"], q["text"]), q["text"]
    story = next(r for r in results if r["origin"].endswith("story.txt"))
    assert story["quotes"] == [q.to_dict() for q in whosaid.extract(UNICODE_TEXT)]
    with pytest.raises(whosaid.IoError):
        wd.extract_bag([tmp_path / "in", tmp_path / "missing-folder"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(whosaid.BadInputError):
        wd.extract_bag(tmp_path / "empty")


@pytest.fixture(scope="module")
def cluster():
    with dask.config.set({"distributed.worker.daemon": False, "distributed.scheduler.allowed-failures": 5}):
        lc = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                      dashboard_address=None, silence_logs=40)
        client = distributed.Client(lc)
        try:
            yield lc, client
        finally:
            client.close()
            lc.close()


def test_cluster_is_on_loopback(cluster):
    lc, client = cluster
    assert lc.scheduler_address.startswith("tcp://127.0.0.1:")
    assert all(addr.startswith("tcp://127.0.0.1:") for addr in client.scheduler_info()["workers"])


def test_bag_on_two_workers_equals_single_process(cluster, tmp_path):
    lc, client = cluster
    files, ids = write_shards(tmp_path / "in")
    assert len(files) >= 4
    results = wd.extract_bag(files).compute()  # the open Client is the scheduler
    assert [r["id"] for r in results] == ids
    assert results == single_process(files)
    loads = client.run(wd.engine_loads)
    assert len(loads) == 2 and all(n <= 1 for n in loads.values()), loads  # engine loaded once per worker


def kill_a_busy_worker(client, timeout=30):
    """SIGKILLs the first worker seen running a task; returns its address."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        busy = [w for w, tasks in client.processing().items() if tasks]
        if busy:
            pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
            os.kill(pid, signal.SIGKILL)
            return busy[0]
        time.sleep(0.02)
    raise AssertionError("no worker started a task")


def test_bag_survives_a_killed_worker(cluster, tmp_path):
    lc, client = cluster
    files, ids = write_shards(tmp_path / "in")
    future = client.compute(wd.extract_bag(files))
    kill_a_busy_worker(client)
    assert not future.done(), "the kill came after the run had finished"
    results = future.result(timeout=120)
    assert [r["id"] for r in results] == ids  # every article once, in order
    assert results == single_process(files)


def test_shard_runner_survives_a_killed_worker_and_reruns(cluster, tmp_path):
    lc, client = cluster
    files, ids = write_shards(tmp_path / "in")
    out = tmp_path / "out"
    summary = {}
    runner = threading.Thread(target=lambda: summary.update(run_shards([str(tmp_path / "in")], str(out), client)))
    runner.start()
    kill_a_busy_worker(client)  # SIGKILL: no clean-up, maybe a temporary file left behind
    done_before = len(list(out.glob("*.jsonl")))
    runner.join(timeout=120)
    assert not runner.is_alive()
    assert done_before < N_SHARDS, "the kill came after the run had finished"
    assert summary["failed"] == [], summary["failed"]
    assert summary["done"] == N_SHARDS
    written = sorted(out.glob("*.jsonl"))
    assert [p.name for p in written] == [os.path.basename(f) for f in files]
    records = [json.loads(line) for p in written for line in p.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ids  # every article once, in order
    assert records == single_process(files)
    # A rerun skips every finished shard and removes temporary files a killed worker left.
    (out / ".part-03.jsonl.tmp-0123456789abcdef0123456789abcdef").write_text("partial")
    again = run_shards([str(tmp_path / "in")], str(out), client)
    assert again["skipped"] == N_SHARDS and again["done"] == 0
    assert sorted(p.name for p in out.iterdir()) == [p.name for p in written]


def test_command_line_on_a_running_scheduler_then_ingest(cluster, tmp_path, cli):
    lc, client = cluster
    files, ids = write_shards(tmp_path / "in", n_shards=4, per_shard=5)
    out = tmp_path / "out"
    env = dict(os.environ)
    cmd = [sys.executable, "-m", "whosaid.dask", "--scheduler", lc.scheduler_address, str(tmp_path / "in"),
           "--out", str(out)]
    r = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "4 shard(s) written" in r.stderr
    os.unlink(out / "part-02.jsonl")  # lost shard: a rerun redoes just that one
    r = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "1 shard(s) written, 3 skipped" in r.stderr
    db = tmp_path / "news.db"
    r = subprocess.run([cli, "ingest", "--db", str(db), "-q", str(out)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    with whosaid.Store(db, read_only=True) as store:
        assert store.stats()["articles"] == len(ids)
        assert store.search("", limit=0)


def test_plan_rejects_clashing_names(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.jsonl").write_text('{"text": "a"}\n')
    (tmp_path / "b" / "x.jsonl").write_text('{"text": "b"}\n')
    with pytest.raises(whosaid.BadInputError):
        plan_shards([str(tmp_path / "a" / "x.jsonl"), str(tmp_path / "b" / "x.jsonl")], str(tmp_path / "out"))
    (tmp_path / "a" / "sub").mkdir()
    (tmp_path / "a" / "sub" / "y.warc.gz").write_bytes(b"")
    names = [os.path.basename(o) for _, o in plan_shards([str(tmp_path / "a")], str(tmp_path / "out"))]
    assert names == ["sub__y.warc.gz.jsonl", "x.jsonl"]
