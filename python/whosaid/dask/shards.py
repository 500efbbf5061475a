"""One JSONL result shard per input shard, restartable (behind `python3 -m whosaid.dask`).

    from distributed import Client
    from whosaid.dask.shards import run_shards
    with Client("tcp://scheduler:8786") as client:
        summary = run_shards(["archive/"], "results/", client)

Each input file becomes OUT/<name>.jsonl, where <name> is the file's path below
the folder given (a file given by itself: its base name), "/" written as "__",
with ".jsonl" added unless it ends so already. A task writes to a hidden
temporary file in OUT and renames it into place only when the shard is complete,
so OUT never holds a partial shard: a rerun skips the shards that exist and redoes
the rest, and a shard whose worker was killed is redone (Dask reschedules it at
once; a rerun would too). Hidden temporary files left by killed workers are
removed at the start of a run; do not run two runs on one OUT at the same time.
"""

from __future__ import annotations

import json
import os
import re
import time
import uuid
from typing import Any, Callable, Optional

import whosaid

from . import expand, extract_shard

_TEMP = re.compile(r"^\..+\.tmp-[0-9a-f]{32}$")


def plan_shards(inputs: list[str], out_dir: str) -> list[tuple[str, str]]:
    """(input file, output path) for every input file; raises BadInputError on name clashes."""
    plan: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    for arg in inputs:
        files = expand(arg)
        for f in files:
            rel = os.path.relpath(f, arg) if os.path.isdir(arg) else os.path.basename(f)
            name = rel.replace(os.sep, "__")
            if not name.endswith(".jsonl"):
                name += ".jsonl"
            if name in seen:
                raise whosaid.BadInputError(
                    f"{f} and {seen[name]} would both write {name}; give their folders separately or rename one")
            seen[name] = f
            plan.append((f, os.path.join(out_dir, name)))
    return plan


def process_shard(in_path: str, out_path: str, indirect: bool = True, min_confidence: float = 0.0) -> dict:
    """Extracts one input file into `out_path` atomically; returns its counts."""
    t0 = time.monotonic()
    cpu0 = time.process_time()
    rejected: list[str] = []
    results = extract_shard(in_path, indirect=indirect, min_confidence=min_confidence, rejected=rejected)
    out_dir, name = os.path.split(out_path)
    tmp = os.path.join(out_dir, f".{name}.tmp-{uuid.uuid4().hex}")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            for rec in results:
                f.write(json.dumps(rec, ensure_ascii=False))
                f.write("\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, out_path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:  # the rename itself survives a power cut only once the folder is synced
        fd = os.open(out_dir or ".", os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass
    return {"input": in_path, "output": out_path, "articles": len(results),
            "quotes": sum(len(r["quotes"]) for r in results), "rejected": rejected,
            "seconds": time.monotonic() - t0, "cpu_seconds": time.process_time() - cpu0}


def run_shards(inputs: list[str], out_dir: str, client: Any, *, indirect: bool = True,
               min_confidence: float = 0.0, log: Optional[Callable[[str], None]] = None) -> dict:
    """Runs every unfinished shard on `client` (a distributed.Client); returns a summary.

    Summary: shards, skipped (already done), done, failed (list of "INPUT: error"),
    articles, quotes, rejected (list of "WHERE: reason"), seconds (wall) and
    cpu_seconds (the workers' CPU time spent on the shards, summed).
    """
    from distributed import as_completed

    log = log or (lambda msg: None)
    os.makedirs(out_dir, exist_ok=True)
    for name in os.listdir(out_dir):
        if _TEMP.match(name):
            os.unlink(os.path.join(out_dir, name))
    plan = plan_shards(inputs, out_dir)
    todo = [(i, o) for i, o in plan if not os.path.exists(o)]
    summary: dict[str, Any] = {"shards": len(plan), "skipped": len(plan) - len(todo), "done": 0, "failed": [],
                               "articles": 0, "quotes": 0, "rejected": [], "seconds": 0.0,
                               "cpu_seconds": 0.0}
    if summary["skipped"]:
        log(f"{summary['skipped']} of {len(plan)} shard(s) already done in {out_dir}; skipping them")
    t0 = time.monotonic()
    futures = client.map(process_shard, [i for i, _ in todo], [o for _, o in todo],
                         indirect=indirect, min_confidence=min_confidence, pure=False, retries=1)
    inputs_of = {f.key: i for f, (i, _) in zip(futures, todo)}
    for fut in as_completed(futures):
        try:
            r = fut.result()
        except Exception as e:  # noqa: BLE001 - reported per shard, the others go on
            summary["failed"].append(f"{inputs_of[fut.key]}: {type(e).__name__}: {e}")
            log(f"FAILED {inputs_of[fut.key]}: {e}")
            continue
        summary["done"] += 1
        summary["articles"] += r["articles"]
        summary["quotes"] += r["quotes"]
        summary["rejected"].extend(r["rejected"])
        summary["cpu_seconds"] += r["cpu_seconds"]
        for p in r["rejected"]:
            log(f"{p} (skipped)")
        log(f"[{summary['done'] + len(summary['failed'])}/{len(todo)}] {r['output']}: "
            f"{r['articles']} articles, {r['quotes']} quotes, {r['seconds']:.1f} s")
    summary["seconds"] = time.monotonic() - t0
    return summary
