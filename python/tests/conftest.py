"""Shared fixtures of the Python tests (run by ctest through `make test`).

ctest sets PYTHONPATH to <build>/python and WHOSAID_BINARY to the CLI; run by
hand with:  PYTHONPATH=build/python /usr/bin/python3 -m pytest python/tests
Shared data: $WHOSAID_DATA, else ../shared/data beside the checkout.
"""

import os
import pathlib
import sys

import pytest

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]

# Without PYTHONPATH, fall back to the build dirs (and pass the path on to Dask workers).
if "PYTHONPATH" not in os.environ:
    for build in ("build", "build-py"):
        cand = SOURCE_DIR / build / "python"
        if (cand / "whosaid").is_dir():
            sys.path.insert(0, str(cand))
            os.environ["PYTHONPATH"] = str(cand)
            break


def data_dir() -> pathlib.Path:
    return pathlib.Path(os.environ.get("WHOSAID_DATA") or SOURCE_DIR.parent / "shared" / "data")


@pytest.fixture(scope="session")
def source_dir() -> pathlib.Path:
    return SOURCE_DIR


@pytest.fixture(scope="session")
def cli() -> str:
    path = os.environ.get("WHOSAID_BINARY") or str(SOURCE_DIR / "build" / "whosaid")
    if not os.access(path, os.X_OK):
        pytest.skip(f"the whosaid CLI is not built at {path} (set WHOSAID_BINARY)")
    return path


@pytest.fixture(scope="session")
def shared_data() -> pathlib.Path:
    return data_dir()


def fixture_texts() -> list[pathlib.Path]:
    """Plain-text articles shipped with the repo."""
    files = sorted((SOURCE_DIR / "examples").glob("*.txt"))
    files += sorted(p for p in (SOURCE_DIR / "tests" / "fixtures").rglob("*.txt") if not p.name.startswith("."))
    return files


def fixture_jsonl() -> list[pathlib.Path]:
    """JSONL article files shipped with the repo (records with "text")."""
    return sorted(p for p in (SOURCE_DIR / "tests" / "fixtures").rglob("*.jsonl") if p.name != "bad_lines.jsonl")


def byte_to_cp_table(text: str) -> list[int]:
    """table[b] = str index of UTF-8 byte offset b (for b at code point starts and the end)."""
    table = [0] * (len(text.encode("utf-8", "surrogatepass")) + 1)
    b = 0
    for i, ch in enumerate(text):
        n = len(ch.encode("utf-8", "surrogatepass"))
        for k in range(n):
            table[b + k] = i
        b += n
    table[b] = len(text)
    return table


def cli_quote_to_codepoints(q: dict, table: list[int]) -> dict:
    """A quote from `whosaid extract --format json` with its byte offsets as str indices."""
    out = dict(q)
    out["start"], out["end"] = table[q["start"]], table[q["end"]]
    out["spans"] = [[table[s], table[e]] for s, e in q["spans"]]
    if q["speaker"] is not None:
        sp = dict(q["speaker"])
        if sp["start"] is not None:
            sp["start"], sp["end"] = table[sp["start"]], table[sp["end"]]
        out["speaker"] = sp
    if q["cue"] is not None:
        cue = dict(q["cue"])
        cue["start"], cue["end"] = table[cue["start"]], table[cue["end"]]
        out["cue"] = cue
    return out


QUOTATION_MARKS = "\"'`\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e"


def text_of_fragments(text: str, spans, quote_text: str) -> bool:
    """True when `quote_text` is the fragments text[s:e] joined by " … ", each with at most
    the quotation marks that balance it added around it (README "Output schema")."""
    import re

    marks = "[" + re.escape(QUOTATION_MARKS) + "]*"
    pattern = re.escape(" \u2026 ").join(marks + re.escape(text[s:e]) + marks for s, e in spans)
    return re.fullmatch(pattern, quote_text) is not None


def read_jsonl_records(path) -> list[dict]:
    """The records of a JSONL file that the CLI accepts (valid JSON objects with a non-blank "text")."""
    import json

    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            if isinstance(rec, dict) and isinstance(rec.get("text"), str) and rec["text"].strip():
                out.append(rec)
    return out
