"""whosaid.Store: ingest, search, speakers, pandas, errors, sharing between threads."""

import json
import subprocess
import threading

import pytest

import whosaid
from conftest import SOURCE_DIR

FEED = SOURCE_DIR / "tests" / "fixtures" / "store" / "feed.jsonl"


def feed_records():
    rejected = []
    records = whosaid.read_records(str(FEED), on_reject=lambda where, why: rejected.append((where, why)))
    return records, rejected


def test_read_records_reports_bad_lines():
    records, rejected = feed_records()
    assert [r["id"] for r in records] == ["nz-001", "nz-002", "nz-004", "nz-006"]
    assert {w.rsplit(":", 1)[1] for w, _ in rejected} == {"3", "5"}
    assert records[0]["outlet"] == "Example News" and records[0]["origin"].endswith("feed.jsonl:1")
    with pytest.warns(whosaid.RejectedRecordWarning):
        whosaid.read_records(str(FEED))


def test_ingest_search_speakers(tmp_path):
    records, _ = feed_records()
    with whosaid.Store(tmp_path / "news.db") as store:
        s = store.ingest(records + ["\"Trains will run on time,\" Transport Minister Simon Bridges said.",
                                    {"id": "no-text"}, 42])
        assert (s["read"], s["added"], s["rejected"]) == (7, 5, 2)
        assert s["quotes"] > 0 and len(s["errors"]) == 2 and s["errors"][0].startswith("records[5]:")
        again = store.ingest(records)
        assert (again["added"], again["unchanged"]) == (0, 4)  # idempotent, no re-extraction

        hits = store.search("SIS legislation")
        assert hits and all("SIS" in h["text"] for h in hits)
        assert {"text", "start", "end", "spans", "speaker", "speaker_id", "score", "article"} <= set(hits[0])
        assert [h["id"] for h in store.search("SIS", **{"from": "2016"})] == \
               [h["id"] for h in store.search("SIS", from_="2016")]
        assert all(h["article"]["date"].startswith("2016") for h in store.search("SIS", since="2016"))
        assert all(h["kind"] == "direct" for h in store.search(kind="direct", limit=0))
        assert len(store.search(limit=2)) == 2
        with pytest.raises(TypeError):
            store.search("SIS", colour="red")

        speakers = store.speakers()
        names = [sp["name"] for sp in speakers]
        assert "Amy Adams" in names
        profile = store.speaker("Amy Adams")
        assert len(profile) == 1 and profile[0]["name"] == "Amy Adams" and profile[0]["aliases"]
        assert store.speaker("Nobody Atall") == []
        assert store.stats()["articles"] == 5
        assert store.integrity_check() == "ok"

        df = store.search(limit=0).to_pandas()
        assert len(df) == store.stats()["quotes"] and {"speaker.name", "article.date"} <= set(df.columns)
        assert list(store.speakers().to_pandas()["name"]) == names
    assert store.closed
    with pytest.raises(whosaid.Error):
        store.speakers()


def test_ingest_files_and_cli_see_the_same_store(tmp_path, cli):
    with whosaid.Store(tmp_path / "a.db") as store:
        with pytest.warns(whosaid.RejectedRecordWarning):
            s = store.ingest_files(FEED, SOURCE_DIR / "tests" / "fixtures" / "store" / "articles")
        assert s["added"] == 6
        with pytest.raises(TypeError):
            store.ingest(str(FEED))
        mine = store.speakers()
        hits = store.search("SIS", limit=0)
    out = subprocess.run([cli, "speakers", "--db", str(tmp_path / "a.db"), "--top", "0", "--format", "json"],
                         capture_output=True, text=True, check=True)
    assert [(sp["id"], sp["name"], sp["quotes"]) for sp in json.loads(out.stdout)] == \
           [(sp["id"], sp["name"], sp["quotes"]) for sp in mine]
    out = subprocess.run([cli, "search", "SIS", "--db", str(tmp_path / "a.db"), "-n", "0", "--format", "json"],
                         capture_output=True, text=True, check=True)
    cli_hits = json.loads(out.stdout)
    cli_hits = cli_hits if isinstance(cli_hits, list) else [json.loads(x) for x in out.stdout.splitlines()]
    assert [h["id"] for h in cli_hits] == [h["id"] for h in hits]
    # A store written by the CLI reads the same from Python.
    subprocess.run([cli, "ingest", "--db", str(tmp_path / "b.db"), "-q", str(FEED)], capture_output=True)
    with whosaid.Store(tmp_path / "b.db", read_only=True) as b:
        assert [h["text"] for h in b.search("SIS", limit=0)] == [h["text"] for h in hits]


def test_store_errors(tmp_path):
    with pytest.raises(whosaid.IoError):
        whosaid.Store(tmp_path / "no" / "such" / "folder" / "x.db")
    with pytest.raises(whosaid.Error):
        whosaid.Store(tmp_path / "absent.db", read_only=True)
    with whosaid.Store(tmp_path / "x.db") as store:
        store.ingest(feed_records()[0])
        assert store.search('"unbalanced SIS') is not None  # what people type never fails
        with pytest.raises(whosaid.BadInputError):
            store.search("SIS", from_="2014-13")
        with pytest.raises(whosaid.BadInputError):
            store.search("SIS", kind="sideways")
    with whosaid.Store(tmp_path / "x.db", read_only=True) as ro:
        assert ro.search("SIS")
        with pytest.raises(whosaid.Error):  # writing through a read-only Store
            ro.ingest(["\"We are read-only,\" the clerk said."])


def test_one_store_shared_by_threads(tmp_path):
    with whosaid.Store(tmp_path / "t.db") as store:
        store.ingest(feed_records()[0])
        expected = store.search("SIS", limit=0)
        errors = []

        def work():
            try:
                for _ in range(20):
                    assert store.search("SIS", limit=0) == expected
                    store.speakers()
            except Exception as e:  # noqa: BLE001
                errors.append(e)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []


def test_lone_surrogates_are_stored_as_replacement_characters(tmp_path, cli):
    # A lone surrogate used to be stored as invalid UTF-8, and `whosaid export`
    # then died with SIGABRT (nlohmann type_error.316).
    text = "Headline \udc80\n\n\u201cThe harbour \ud800 bridge will be finished next year,\u201d Mayor Len Brown said."
    db = tmp_path / "s.db"
    with whosaid.Store(db) as store:
        s = store.ingest([{"id": "sur-1", "text": text, "outlet": "Out\udfff"}])
        assert s["added"] == 1
        hits = store.search("harbour")
        assert hits and "\ufffd" in hits[0]["text"]
        assert hits[0]["article"]["title"] == "Headline \ufffd"
    out = subprocess.run([cli, "export", "--db", str(db)], capture_output=True, check=True)
    assert "\ufffd".encode() in out.stdout
    out.stdout.decode("utf-8")  # strict: valid UTF-8 throughout
