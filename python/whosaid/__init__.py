"""whosaid: quotations and their speakers in news text.

    import whosaid
    for q in whosaid.extract(text):
        print(q.speaker.name if q.speaker else "?", q.kind, q.text)
        s, e = q.spans[0]                           # offsets are str indices
        assert text[s:e] in q.text

    ex = whosaid.Extractor(indirect=False)          # reusable, thread-safe
    per_article = ex.extract_many(texts, threads=4)

    with whosaid.Store("news.db") as store:         # the quote database
        store.ingest({"id": i, "text": t} for i, t in enumerate(texts))
        store.search("Iraq", speaker="John Key").to_pandas()

Quote fields: text, start, end, spans, kind ("direct" | "mixed" | "indirect"),
speaker (Speaker: name, mention, start, end, role, org, or None), cue (Cue:
text, start, end, or None) and confidence; q.to_dict() is the JSON schema of
`whosaid extract --format json` with str-index offsets instead of UTF-8 bytes.

Errors are whosaid.Error subclasses (BadInputError, IoError, StoreError,
ModelError, InternalError). Scaling out with Dask: whosaid.dask. See
docs/python.md.
"""

from __future__ import annotations

import os
import threading
from typing import Any, Iterable, Mapping, Optional, Union

from . import _whosaid
from ._report import RejectedRecordWarning
from ._whosaid import (
    MAX_DOCUMENT_BYTES,
    Cue,
    Extractor,
    Quote,
    Speaker,
    __version__,
    expand_inputs,
    read_records,
)
from .errors import BadInputError, Error, InternalError, IoError, ModelError, StoreError

__all__ = [
    "extract", "extract_many", "Extractor", "Quote", "Speaker", "Cue",
    "Store", "Results", "read_records", "expand_inputs", "MAX_DOCUMENT_BYTES",
    "Error", "BadInputError", "IoError", "ModelError", "StoreError", "InternalError",
    "RejectedRecordWarning", "__version__",
]

_extractors: dict[tuple[bool, float], Extractor] = {}
_extractors_lock = threading.Lock()


def _shared_extractor(indirect: bool, min_confidence: float) -> Extractor:
    key = (bool(indirect), float(min_confidence))
    ex = _extractors.get(key)
    if ex is None:
        with _extractors_lock:
            ex = _extractors.setdefault(key, Extractor(indirect=key[0], min_confidence=key[1]))
    return ex


def extract(text: str, *, indirect: bool = True, min_confidence: float = 0.0) -> list[Quote]:
    """The quotes in one article, in text order (a shared Extractor is used).

    Offsets are str indices; `q.text` is the fragments joined by " … " (README:
    Output schema), `text[q.start:q.end]` for one fragment. `indirect=False` keeps only
    quotations in quotation marks; `min_confidence` drops uncertain attributions.
    """
    return _shared_extractor(indirect, min_confidence).extract(text)


def extract_many(texts: Iterable[str], *, threads: int = 0, indirect: bool = True,
                 min_confidence: float = 0.0) -> list[list[Quote]]:
    """The quotes of many articles (one list per text, input order), on `threads` threads (0: all cores)."""
    return _shared_extractor(indirect, min_confidence).extract_many(texts, threads=threads)


class Results(list):
    """A list of dicts (one per row) that also converts to a pandas DataFrame."""

    def to_pandas(self):
        """The rows as a pandas.DataFrame (needs pandas: apt-get install python3-pandas)."""
        try:
            import pandas
        except ImportError as e:  # pragma: no cover - depends on the machine
            raise ImportError("to_pandas() needs pandas (Debian: apt-get install python3-pandas)") from e
        return pandas.json_normalize(list(self))  # nested objects flattened: "speaker.name"


_SEARCH_FILTERS = {"speaker", "role", "outlet", "from", "from_", "since", "to", "until", "kind", "limit"}


class Store(_whosaid.Store):
    """The quote store: articles, quotes, speakers and statements in one SQLite file.

        store = whosaid.Store("news.db")            # created or migrated as needed
        store.ingest(records)                       # dicts with "text" (+ id, url, outlet, date, title)
        hits = store.search("Iraq", speaker="Key", **{"from": "2014-05"}, kind="direct")
        hits.to_pandas()
        store.speakers(top=20); store.speaker("John Key")

    Identity, speaker resolution and statements follow include/whosaid/store.h and
    docs/store.md; `whosaid ingest/search/speakers/speaker` read the same file. One
    Store object is one database connection: calls on it are serialised (it is safe
    to share between threads, but use one Store per thread for parallel reads). The
    GIL is released during database work and extraction. Use `read_only=True` to
    query a file without ever writing it.
    """

    def __init__(self, path: Union[str, os.PathLike], *, read_only: bool = False, create: bool = True) -> None:
        super().__init__(os.fspath(path), read_only=read_only, create=create)

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"whosaid.Store({self.path!r}{', closed' if self.closed else ''})"

    def ingest(self, records: Iterable[Union[Mapping[str, Any], str]], *, threads: int = 0,
               batch: int = 256, indirect: bool = True, min_confidence: float = 0.0) -> dict:
        """Extracts and stores articles; returns counts.

        `records` yields dicts with "text" and optionally "id", "url", "outlet",
        "date" and "title" (the JSONL article format of `whosaid ingest`; extra keys
        such as "quotes" are ignored), or plain str texts. An article already stored
        with the same identity and text is skipped without extraction. Each `batch`
        is one transaction, extracted on `threads` threads (0: all cores).

        Returns {"read", "added", "replaced", "unchanged", "rejected", "quotes",
        "errors"}; "errors" lists "records[I]: reason" for each rejected record.
        """
        if isinstance(records, (str, bytes, os.PathLike, Mapping)):
            raise TypeError("ingest() takes an iterable of records; for one article use ingest([record]), "
                            "for files use ingest_files(path, ...)")
        return super().ingest(records, threads=threads, batch=batch, indirect=indirect,
                              min_confidence=min_confidence)

    def ingest_files(self, *paths: Union[str, os.PathLike], threads: int = 0, indirect: bool = True,
                     min_confidence: float = 0.0) -> dict:
        """Reads files or folders (JSONL, text, HTML, WARC/WARC.gz, as `whosaid ingest`) and stores them."""
        files = expand_inputs([os.fspath(p) for p in paths])

        def records():
            for f in files:
                yield from read_records(f)

        return self.ingest(records(), threads=threads, indirect=indirect, min_confidence=min_confidence)

    def search(self, query: str = "", **filters: Any) -> Results:
        """Stored quotes matching `query` (empty: all, newest first) and filters.

        `query` is what a person types (words with any punctuation, "phrases",
        prefix*, AND/OR/NOT between words) and never a syntax error; copies of
        one statement appear once (`other_articles` counts the rest).

        Filters: speaker (name, alias, surname or "#id"), role (substring of the role
        or party), outlet (exact, any case), from / from_ / since and to / until
        (dates "2014", "2014-05" or "2014-05-02", inclusive), kind ("direct",
        "mixed", "indirect") and limit (default 20; 0: no limit). Each row is the
        dict of `whosaid search --format json` (README "Output schema"): id, text,
        start, end, spans (UTF-8 byte offsets into the stored article text), kind,
        speaker (dict or None), cue (dict or None), confidence, speaker_id,
        statement_id, other_articles, score (bm25, lower is better; None without
        a query) and article (id, source_id, url, outlet, date, title).
        """
        unknown = set(filters) - _SEARCH_FILTERS
        if unknown:
            raise TypeError(f"search() got unknown filter(s) {sorted(unknown)}; known: {sorted(_SEARCH_FILTERS)}")

        def one(*names: str) -> str:
            given = [filters[n] for n in names if filters.get(n) is not None]
            if len(given) > 1:
                raise TypeError(f"search(): give only one of {', '.join(names)}")
            return str(given[0]) if given else ""

        kind = filters.get("kind")
        limit = filters.get("limit", 20)
        return Results(self._search(query or "", one("speaker"), one("role"), one("outlet"),
                                    one("from", "from_", "since"), one("to", "until"),
                                    None if kind is None else str(kind), 0 if limit is None else int(limit)))

    def speakers(self, top: int = 0) -> Results:
        """Speakers, most quoted first: dicts with id, name, quotes, articles, first_seen, last_seen, role, org."""
        return Results(self._speakers(top))

    def speaker(self, name: str) -> Results:
        """Profiles of the speakers matching `name` ("#12", a full name, an alias or a surname).

        Each profile is the speakers() row plus aliases, roles (over time), per_month
        and outlets. Empty when nobody matches; several when a surname is ambiguous.
        """
        return Results(self._speaker(name))

    def conflicts(self, limit: int = 0) -> Results:
        """Statements attributed to different speakers (likely misattributions)."""
        return Results(self._conflicts(limit))
