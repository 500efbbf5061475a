"""One schema for a quote everywhere (issue 15, point 12): the same article through
`whosaid extract` (json, jsonl), the store (`ingest` + `search` json/jsonl/csv,
`export`), the HTTP API (/api/search, /api/articles/{id}, POST /api/extract) and
Python (whosaid.extract, whosaid.Store.search) gives the same quote objects: the
same fields, `speaker` the same object, null for what is not known, confidence
with three decimals, a split quote's fragments joined by " … " and a mixed
quote's quotation marks balanced."""

import csv
import io
import json
import re
import subprocess
import urllib.request

import pytest

import whosaid

# ASCII (byte offsets = str indices) with a split quote, a mixed quote, a
# speaker carried over from the quote before and an organisation.
ARTICLE = (
    "\"We have waited long enough,\" Mayor Jane Holt said on Tuesday, \"and the harbour cannot "
    "wait another decade.\"\n\n"
    "Ms Holt said the council was \"fully committed to the project\".\n\n"
    "\"It will be finished by 2030.\"\n\n"
    "Opposition councillor Tom Reyes warned the cost would rise.\n\n"
    "The Harbour Trust said in a statement that it welcomed the decision.\n"
)

QUOTE_FIELDS = ["text", "start", "end", "spans", "kind", "speaker", "cue", "confidence"]
SPEAKER_FIELDS = ["name", "mention", "start", "end", "role", "org", "type"]
CUE_FIELDS = ["text", "start", "end"]
HIT_FIELDS = QUOTE_FIELDS + ["id", "speaker_id", "statement_id", "other_articles", "score", "article"]
CONFIDENCE = re.compile(rb'"confidence":\s*(\d+\.\d+)')


def quote_part(q):
    """The quote fields of an object (a hit carries more), spans as lists."""
    out = {k: q[k] for k in QUOTE_FIELDS}
    out["spans"] = [list(s) for s in q["spans"]]
    return out


def by_offsets(quotes):
    return {(q["start"], q["end"]): q for q in quotes}


@pytest.fixture(scope="module")
def paths(cli, tmp_path_factory):
    """Every path's quote objects for ARTICLE, by name."""
    tmp = tmp_path_factory.mktemp("schema")
    article = tmp / "harbour.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    db = tmp / "schema.db"
    run = lambda *args: subprocess.run([cli, *map(str, args)], capture_output=True, check=True).stdout  # noqa: E731

    raw = {}
    out = {}
    raw["extract json"] = run("extract", "--format", "json", article)
    out["extract json"] = json.loads(raw["extract json"])["quotes"]
    raw["extract jsonl"] = run("extract", "--format", "jsonl", article)
    out["extract jsonl"] = json.loads(raw["extract jsonl"].splitlines()[0])["quotes"]
    run("ingest", "--db", db, "--quiet", article)
    raw["search json"] = run("search", "--db", db, "--limit", "0", "--format", "json")
    out["search json"] = json.loads(raw["search json"])
    raw["search jsonl"] = run("search", "--db", db, "--limit", "0", "--format", "jsonl")
    out["search jsonl"] = [json.loads(line) for line in raw["search jsonl"].splitlines()]
    raw["export"] = run("export", "--db", db)
    out["export"] = [json.loads(line) for line in raw["export"].splitlines()]
    out["search csv"] = list(csv.DictReader(io.StringIO(
        run("search", "--db", db, "--limit", "0", "--format", "csv").decode("utf-8"))))

    out["python extract"] = [q.to_dict() for q in whosaid.extract(ARTICLE)]
    with whosaid.Store(db, read_only=True) as store:
        out["python store"] = list(store.search(limit=0))

    server = subprocess.Popen([cli, "serve", "--db", str(db), "--port", "0", "--quiet"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        url = re.search(rb"http://[0-9.:]+/", server.stdout.readline()).group(0).decode()
        get = lambda path, data=None, ctype=None: urllib.request.urlopen(  # noqa: E731
            urllib.request.Request(url + path, data=data, headers={"Content-Type": ctype} if ctype else {}),
            timeout=30).read()
        raw["api search"] = get("api/search?limit=100")
        out["api search"] = json.loads(raw["api search"])["results"]
        raw["api search jsonl"] = get("api/search?limit=100&format=jsonl")
        out["api search jsonl"] = [json.loads(line) for line in raw["api search jsonl"].splitlines()]
        article_id = out["api search"][0]["article"]["id"]
        raw["api article"] = get(f"api/articles/{article_id}")
        out["api article"] = json.loads(raw["api article"])["quotes"]
        raw["api extract"] = get("api/extract", json.dumps({"text": ARTICLE}).encode(), "application/json")
        out["api extract"] = json.loads(raw["api extract"])["quotes"]
    finally:
        server.terminate()
        server.wait(timeout=30)
    return out, raw


def test_the_article_has_the_cases_the_schema_is_about(paths):
    quotes = paths[0]["extract json"]
    assert any(len(q["spans"]) == 2 for q in quotes), "a split quote"
    assert any(q["kind"] == "mixed" for q in quotes), "a mixed quote"
    assert any(q["speaker"] and q["speaker"]["mention"] is None for q in quotes), "a carried-over speaker"
    assert any(q["speaker"] and q["speaker"]["type"] == "organisation" for q in quotes), "an organisation"


@pytest.mark.parametrize("path", ["extract jsonl", "search json", "search jsonl", "export", "python extract",
                                  "python store", "api search", "api search jsonl", "api article", "api extract"])
def test_every_path_writes_the_quotes_extract_prints(paths, path):
    want = by_offsets(paths[0]["extract json"])
    got = by_offsets(paths[0][path])
    assert sorted(got) == sorted(want), f"{path}: other quotes than `whosaid extract`"
    for key, q in got.items():
        assert list(q)[:len(QUOTE_FIELDS)] == QUOTE_FIELDS or set(QUOTE_FIELDS) <= set(q), f"{path}: {sorted(q)}"
        if q["speaker"] is not None:
            assert list(q["speaker"]) == SPEAKER_FIELDS or set(q["speaker"]) == set(SPEAKER_FIELDS), path
        if q["cue"] is not None:
            assert set(q["cue"]) == set(CUE_FIELDS), path
        assert q["speaker"] == want[key]["speaker"], f"{path}: speaker of {q['text']!r}"
        assert quote_part(q) == quote_part(want[key]), f"{path}: {q['text']!r}"


@pytest.mark.parametrize("path", ["search json", "search jsonl", "export", "python store", "api search",
                                  "api search jsonl"])
def test_stored_quotes_have_one_field_set(paths, path):
    for q in paths[0][path]:
        assert set(q) == set(HIT_FIELDS), f"{path}: {sorted(set(q) ^ set(HIT_FIELDS))}"
        assert set(q["article"]) == {"id", "source_id", "url", "outlet", "date", "title"}
        assert q["article"]["url"] is None and q["article"]["outlet"] is None  # unknown: null, not ""


def test_text_rules(paths):
    quotes = paths[0]["extract json"]
    split = next(q for q in quotes if len(q["spans"]) == 2)
    assert split["text"] == " \u2026 ".join(ARTICLE[s:e] for s, e in split["spans"])
    mixed = next(q for q in quotes if q["kind"] == "mixed")
    assert mixed["text"].count('"') % 2 == 0 and mixed["text"].endswith('"'), mixed["text"]
    assert ARTICLE[mixed["start"]:mixed["end"]] + '"' == mixed["text"]


def test_missing_values_are_null_not_empty(paths):
    for path, quotes in paths[0].items():
        if path == "search csv":
            continue
        for q in quotes:
            for obj in (q, q["speaker"] or {}, q["cue"] or {}, q.get("article") or {}):
                assert all(v != "" for v in obj.values()), f"{path}: {obj}"


def test_confidence_has_three_decimals_in_the_json_text(paths):
    for path, text in paths[1].items():
        if path.startswith("api"):
            continue  # the API's JSON is written by nlohmann::json: 0.75, the same number
        found = CONFIDENCE.findall(text)
        assert found and all(len(c.split(b".")[1]) == 3 for c in found), path


def test_csv_columns_are_the_json_fields(paths):
    rows = {(int(r["start"]), int(r["end"])): r for r in paths[0]["search csv"]}
    for key, q in by_offsets(paths[0]["search json"]).items():
        row = rows[key]
        sp = q["speaker"] or {}
        assert row["text"] == q["text"] and row["speaker"] == (sp.get("name") or "")
        assert row["role"] == (sp.get("role") or "") and row["mention"] == (sp.get("mention") or "")
        assert row["cue"] == ((q["cue"] or {}).get("text") or "") and float(row["confidence"]) == q["confidence"]
