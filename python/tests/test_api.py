"""whosaid.extract / Extractor: offsets, objects, errors, threads."""

import pickle
import threading
import time

import pytest

import whosaid
from conftest import SOURCE_DIR, fixture_texts, text_of_fragments

UNICODE_TEXT = (
    "🎉 Émile Zolà said: “日本語のニュース 😀 is fine,” he added on Tuesday.\n\n"
    "“Ça va très bien 👍🏽,” said Zoë Ñúñez, the Élysée spokeswoman. 北京 officials said the talks "
    "would continue.\n\n"
    "Prime Minister 김정은 Lee told reporters: “我们会继续努力 🇳🇿.” According to Ms Lee, the deal "
    "was “nearly done”.\n"
)


def check_offsets(text, quotes):
    assert quotes, "expected some quotes"
    for q in quotes:
        assert text_of_fragments(text, q.spans, q.text), q.text
        if len(q.spans) == 1 and q.kind == "direct":
            assert text[q.start:q.end] == q.text
        assert q.spans and q.spans[0][0] == q.start and q.spans[-1][1] == q.end
        for s, e in q.spans:
            assert 0 <= s < e <= len(text)
        if q.speaker is not None and q.speaker.mention is not None:
            assert text[q.speaker.start:q.speaker.end] == q.speaker.mention
        if q.cue is not None:
            assert text[q.cue.start:q.cue.end] == q.cue.text


def test_offsets_round_trip_with_emoji_accents_and_cjk():
    quotes = whosaid.extract(UNICODE_TEXT)
    check_offsets(UNICODE_TEXT, quotes)
    texts = [q.text for q in quotes]
    assert any("日本語" in t and "😀" in t for t in texts)
    assert any(t.startswith("Ça va très bien 👍🏽") for t in texts)
    assert any(q.speaker and q.speaker.name == "Zoë Ñúñez" for q in quotes)


@pytest.mark.parametrize("prefix", ["", "😀", "é" * 3, "日本" * 50, "\U0001F1F3\U0001F1FF" * 7, "a\u0301"])
def test_offsets_shift_by_code_points_not_bytes(prefix):
    base = 'The minister said: "We will not raise taxes this year," adding that the budget was sound.\n'
    text = prefix + " " + base if prefix else base
    quotes = whosaid.extract(text)
    check_offsets(text, quotes)
    plain = whosaid.extract(base)
    shift = len(text) - len(base)
    assert [(q.start - shift, q.end - shift) for q in quotes] == [(q.start, q.end) for q in plain]


def test_lone_surrogates_keep_offsets():
    text = "\ud800 The Minister said: \"We have \udfff no plans,\" officials said.\n"
    check_offsets(text, whosaid.extract(text))


def test_sample_article_objects():
    text = (SOURCE_DIR / "examples" / "parliament.txt").read_text(encoding="utf-8")
    quotes = whosaid.extract(text)
    check_offsets(text, quotes)
    names = {q.speaker.name for q in quotes if q.speaker}
    assert {"John Key", "Phil Goff", "Russel Norman"} <= names
    q = next(q for q in quotes if q.kind == "direct" and q.speaker and q.speaker.name == "Russel Norman")
    d = q.to_dict()
    assert set(d) == {"text", "start", "end", "spans", "kind", "speaker", "cue", "confidence"}
    assert set(d["speaker"]) == {"name", "mention", "start", "end", "role", "org", "type"}
    assert q.speaker.role == "Green Party co-leader"
    assert 0.0 <= q.confidence <= 1.0
    assert whosaid.Quote.from_dict(d) == q
    assert pickle.loads(pickle.dumps(quotes)) == quotes
    assert "Russel Norman" in repr(q)


def test_options():
    text = (SOURCE_DIR / "examples" / "parliament.txt").read_text(encoding="utf-8")
    kinds = {q.kind for q in whosaid.extract(text, indirect=False)}
    assert kinds and "indirect" not in kinds
    confident = whosaid.Extractor(min_confidence=0.9).extract(text)
    assert all(q.confidence >= 0.9 for q in confident)
    ex = whosaid.Extractor(indirect=False)
    assert ex.indirect is False
    assert pickle.loads(pickle.dumps(ex)).indirect is False


def test_empty_and_quote_free_text():
    assert whosaid.extract("") == []
    assert whosaid.extract("The weather was fine on Tuesday.") == []


def test_errors_are_whosaid_errors(tmp_path):
    with pytest.raises(TypeError):
        whosaid.extract(b"bytes are not text")
    with pytest.raises(whosaid.BadInputError) as e:
        whosaid.Extractor(min_confidence=2.0)
    assert isinstance(e.value, whosaid.Error) and e.value.code == "bad-input"
    with pytest.raises(whosaid.IoError) as e:
        whosaid.read_records(str(tmp_path / "missing.jsonl"))
    assert isinstance(e.value, whosaid.Error) and isinstance(e.value, OSError)
    not_db = tmp_path / "notes.txt"
    not_db.write_text("hello, this is not a database\n" * 100)
    with pytest.raises(whosaid.StoreError) as e:
        whosaid.Store(not_db)
    assert "not a whosaid database" in str(e.value)
    assert not_db.read_text().startswith("hello")  # left untouched


def test_too_large_document_is_bad_input():
    big = "a" * (whosaid.MAX_DOCUMENT_BYTES + 1)
    with pytest.raises(whosaid.BadInputError) as e:
        whosaid.extract(big)
    assert "limit" in str(e.value)
    with pytest.raises(whosaid.BadInputError) as e:
        whosaid.extract_many(["ok", big], threads=2)
    assert "texts[1]" in str(e.value)
    del big


def corpus():
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in fixture_texts()]
    texts.append(UNICODE_TEXT)
    # variants, so the threads do not all chew on the same few articles
    return [t.replace("Key", f"Key{i}") for i in range(6) for t in texts]


def dicts(results):
    return [[q.to_dict() for q in quotes] for quotes in results]


def test_extract_many_matches_serial():
    texts = corpus()
    ex = whosaid.Extractor()
    serial = dicts(ex.extract(t) for t in texts)
    for threads in (1, 2, 4, 0):
        assert dicts(ex.extract_many(texts, threads=threads)) == serial
    assert dicts(whosaid.extract_many(iter(texts), threads=3)) == serial


def test_four_python_threads_share_one_extractor():
    texts = corpus()
    ex = whosaid.Extractor()
    expected = dicts(ex.extract(t) for t in texts)
    results = {}
    barrier = threading.Barrier(4)

    def work(k):
        barrier.wait()
        out = []
        for _ in range(3):
            order = texts[k:] + texts[:k]  # each thread in a different order
            got = dicts(ex.extract(t) for t in order)
            out.append(got[len(texts) - k:] + got[:len(texts) - k])
        results[k] = out

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 4
    for k in range(4):
        for got in results[k]:
            assert got == expected


def test_gil_is_released_during_extraction():
    # A Python thread keeps counting while another thread extracts. Holding the
    # GIL would leave it at most one switch interval (5 ms) of the extraction.
    ex = whosaid.Extractor()
    # Long enough that the extraction outlasts several switch intervals, however
    # fast the engine gets: double the text until it takes over 0.1 s.
    text = (SOURCE_DIR / "examples" / "parliament.txt").read_text(encoding="utf-8") * 200
    while True:
        t0 = time.perf_counter()
        ex.extract(text)
        if time.perf_counter() - t0 > 0.1 or len(text) > 200_000_000:
            break
        text = text * 2
    stop = threading.Event()
    ticks = [0]

    def count():
        while not stop.is_set():
            ticks[0] += 1

    t = threading.Thread(target=count)
    t.start()
    time.sleep(0.05)
    before = ticks[0]
    t0 = time.perf_counter()
    ex.extract(text)
    elapsed = time.perf_counter() - t0
    during = ticks[0] - before
    time.sleep(elapsed)  # the same time without extraction, for the counting rate
    idle = ticks[0] - before - during
    stop.set()
    t.join()
    assert elapsed > 0.05
    assert during > 0.15 * idle, (during, idle, elapsed)


def test_extract_many_refuses_one_text_and_bad_arguments():
    ex = whosaid.Extractor()
    # A str is iterable: its characters must not become articles.
    with pytest.raises(TypeError, match="not one text"):
        ex.extract_many('"Yes," he said.')
    with pytest.raises(TypeError, match="not one text"):
        ex.extract_many(b'"Yes," he said.')
    with pytest.raises(ValueError, match="threads"):
        ex.extract_many(["x"], threads=-1)
    with pytest.raises(ValueError, match="threads"):
        ex.extract_many(["x"], threads=100000)
    with pytest.raises(TypeError):
        whosaid.Extractor(min_confidence="0.5")
