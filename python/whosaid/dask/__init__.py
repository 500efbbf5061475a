"""whosaid.dask: quote extraction over many shards with Dask.

    import whosaid.dask
    bag = whosaid.dask.extract_bag(["shards/"])       # JSONL / text / HTML / WARC(.gz) files
    results = bag.compute()                           # one dict per article, in input order

    # on a cluster: the same code with a distributed.Client("tcp://scheduler:8786") open
    # whole archives, shard by shard, restartable:
    #   python3 -m whosaid.dask --scheduler tcp://scheduler:8786 shards/ --out results/

Every input file is one partition. Each worker process loads the engine once
(engine() keeps one Extractor per process and options, shared by the worker's
threads) and runs it with the GIL released. A result record is the article's
metadata and text plus its quotes, str-index offsets (Quote.to_dict()):

    {"id": ..., "url": ..., "outlet": ..., "date": ..., "title": ..., "origin": "shard.jsonl:12",
     "text": ..., "quotes": [{"text", "start", "end", "spans", "kind", "speaker", "cue", "confidence"}]}

Fields the input did not have are left out. Such records are also the JSONL
article format of `whosaid ingest`, which loads result shards directly (it runs
the extraction again for the store and ignores "quotes"). Input paths must be
readable by the workers (a shared file system, or the same paths on every host).
See docs/python.md.
"""

from __future__ import annotations

import os
import threading
import warnings
from typing import Any, Iterable, Optional, Union

import whosaid
from whosaid import Extractor

__all__ = ["extract_bag", "extract_shard", "expand", "engine", "engine_loads", "result_record"]

_engines: dict[tuple[bool, float], Extractor] = {}
_engines_lock = threading.Lock()
_loads = 0

_RECORD_FIELDS = ("id", "url", "outlet", "date", "title", "origin")


def engine(indirect: bool = True, min_confidence: float = 0.0) -> Extractor:
    """This process's Extractor for these options, created on first use."""
    global _loads
    key = (bool(indirect), float(min_confidence))
    ex = _engines.get(key)
    if ex is None:
        with _engines_lock:
            ex = _engines.get(key)
            if ex is None:
                ex = Extractor(indirect=key[0], min_confidence=key[1])
                _engines[key] = ex
                _loads += 1
    return ex


def engine_loads() -> int:
    """How many Extractors this process has created (for tests: one per worker)."""
    return _loads


def result_record(record: dict, quotes: list, keep_text: bool = True) -> dict:
    """The output record for one article: its metadata, text and quotes as dicts."""
    out: dict[str, Any] = {k: record[k] for k in _RECORD_FIELDS if record.get(k) is not None}
    if keep_text:
        out["text"] = record["text"]
    out["quotes"] = [q.to_dict() for q in quotes]
    return out


def extract_shard(path: str, *, indirect: bool = True, min_confidence: float = 0.0, keep_text: bool = True,
                  rejected: Optional[list] = None) -> list[dict]:
    """Result records of every article in one file, in file order.

    Records the reader rejects (bad JSON, no text) and articles the engine refuses
    (over the size limit) are skipped; each is appended to `rejected` as
    "WHERE: reason" when a list is given, else reported as a warning.
    """
    problems: list[str] = []
    records = whosaid.read_records(path, on_reject=lambda where, why: problems.append(f"{where}: {why}"))
    ex = engine(indirect, min_confidence)
    out = []
    for rec in records:
        try:
            quotes = ex.extract(rec["text"])
        except whosaid.Error as e:
            problems.append(f"{rec.get('origin') or path}: {e}")
            continue
        out.append(result_record(rec, quotes, keep_text))
    if rejected is not None:
        rejected.extend(problems)
    else:
        for p in problems:
            warnings.warn(f"{p} (skipped)", whosaid.RejectedRecordWarning, stacklevel=2)
    return out


def _extract_partition(paths: Iterable[str], indirect: bool, min_confidence: float, keep_text: bool) -> list[dict]:
    out: list[dict] = []
    for p in paths:
        out.extend(extract_shard(p, indirect=indirect, min_confidence=min_confidence, keep_text=keep_text))
    return out


def _as_list(paths: Union[str, os.PathLike, Iterable[Union[str, os.PathLike]]]) -> list[str]:
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(p) for p in paths]


def expand(paths: Union[str, os.PathLike, Iterable[Union[str, os.PathLike]]]) -> list[str]:
    """Input files named by `paths` (folders expanded); raises IoError naming any missing path."""
    missing: list[str] = []
    files = whosaid.expand_inputs(_as_list(paths), on_reject=lambda where, why: missing.append(f"{where}: {why}"))
    if missing:
        raise whosaid.IoError("; ".join(missing))
    if not files:
        raise whosaid.BadInputError(f"no input files in {_as_list(paths)}")
    return files


def extract_bag(paths: Union[str, os.PathLike, Iterable[Union[str, os.PathLike]]], *, indirect: bool = True,
                min_confidence: float = 0.0, keep_text: bool = True):
    """A dask.bag of result records (see the module doc), one partition per input file.

    `paths` are files or folders (expanded recursively, sorted, hidden files
    skipped — as `whosaid ingest`); formats are detected per file: JSONL, text,
    HTML, WARC and WARC.gz. Nothing is read until the bag is computed, on whatever
    scheduler is active (a distributed.Client when one is open). The order of the
    records is the order of the files, then of the articles in each. A missing
    path raises IoError at once.
    """
    import dask.bag as db

    files = expand(paths)
    return db.from_sequence(files, npartitions=len(files)).map_partitions(
        _extract_partition, indirect=indirect, min_confidence=min_confidence, keep_text=keep_text)
