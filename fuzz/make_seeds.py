#!/usr/bin/env python3
"""Writes the seed corpora in fuzz/corpus/<target>/ from the project fixtures.

Run from the repository root: python3 fuzz/make_seeds.py
Seeds are small real inputs (articles, JSONL lines, pages, WARC records, a tiny
tagger model); libFuzzer mutates them. Inputs that once crashed a target are
added by hand (named crash-<what>) and are not touched by this script.
"""
import glob
import gzip
import json
import os
import struct

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")


def put(target, name, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def read(path):
    with open(os.path.join(ROOT, path), "rb") as f:
        return f.read()


# ---- article text: segmentation and the whole pipeline
texts = {"parliament": read("examples/parliament.txt")}
for p in sorted(glob.glob(os.path.join(ROOT, "tests/fixtures/store/articles/**/*.txt"), recursive=True)):
    texts[os.path.splitext(os.path.basename(p))[0]] = open(p, "rb").read()
for fixture in ("tests/fixtures/store/feed.jsonl", "tests/fixtures/eval/small.jsonl"):
    for i, line in enumerate(read(fixture).splitlines()):
        try:
            texts["%s-%d" % (os.path.basename(fixture).split(".")[0], i)] = json.loads(line)["text"].encode()
        except (ValueError, KeyError):
            pass
texts["styles"] = (
    "\u201cCurly,\u201d she said. \"Straight,\" he said. ``Latex,'' they said.\n"
    "\u00abGuillemets\u00bb, said Ms Dupont. \u201eLow-high\u201c, said Herr Weber.\n"
    "\u2018Single,\u2019 said Dr Smith. Mr O'Neill didn't say it's Labour's.\n"
    "Prime Minister John Key said the decision would be made by Cabinet.\n"
    "\u201cQ1,\u201d he said, \u201cQ2.\u201d\n\u201cOpen paragraph\n\u201cContinued,\u201d she said.\n"
    "According to officials, the plan works. Key: SAS could join. \u2014 Commissioner Bush\n"
).encode()
texts["invalid-utf8"] = b"\"Caf\xe9 \xff\xfe,\" he said.\n\xc3(\xa0\xa1 said Mr \xf0\x9f\x98 Key."
for name, data in texts.items():
    # Seeds stay small so mutations stay fast; the article is cut on a line end.
    if len(data) > 8192:
        data = data[: data.rfind(b"\n", 0, 8192) + 1]
    put("segment", name, data)
    put("extract", name, data)

# ---- article JSONL
put("jsonl", "feed", read("tests/fixtures/store/feed.jsonl"))
put("jsonl", "mixed", '{"id": 7, "text": "\\"Yes,\\" he said.\\r"}\r\n\n  \n[1,2]\n{"text": 5}\n'
    '{"id": null, "url": "u", "outlet": "o", "date": "2014", "title": "t", "text": "\\u00e9"}\n')

# ---- gold JSONL, one line per seed
for fixture in ("tests/fixtures/eval/small.jsonl", "tests/fixtures/eval/bad_lines.jsonl"):
    for i, line in enumerate(read(fixture).splitlines()):
        if line.strip():
            put("gold", "%s-%d" % (os.path.basename(fixture).split(".")[0], i), line)

# ---- HTML
put("html", "page", read("tests/fixtures/store/page.html"))


def news_page(title, published, body):
    meta = '<meta property="article:published_time" content="%s">' % published if published else ""
    return ("<!doctype html><html><head><title>%s</title>%s</head><body><nav>Home | World</nav>"
            "<article><h1>%s</h1>%s</article><footer>Copyright</footer></body></html>" % (title, meta, title, body))


put("html", "small", news_page("Bridge approved", "Fri, 02 May 2014 09:30:00 GMT",
                               "<p>\u201cWe will build it,\u201d Mayor Len Brown said.</p><script>x()</script>"))
put("html", "latin1", b"<html><head><meta charset=iso-8859-1><link rel=canonical href='https://x.example/a'>"
    b"<meta property='og:site_name' content='X'></head><body><main><p>Caf\xe9 owners said so.</p>"
    b"<div class='share sidebar'>share</div></main></body></html>")

# ---- WARC


def warc_record(kind, uri, date, block, content_type="application/http; msgtype=response"):
    block = block.encode("latin-1") if isinstance(block, str) else block
    head = "WARC/1.0\r\nWARC-Type: %s\r\n" % kind
    if uri:
        head += "WARC-Target-URI: %s\r\n" % uri
    head += "WARC-Date: %s\r\nWARC-Record-ID: <urn:uuid:%s>\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n" % (
        date, "0" * 8, content_type, len(block))
    return head.encode() + block + b"\r\n\r\n"


def http_response(status, ctype, body, extra=""):
    body = body.encode("utf-8") if isinstance(body, str) else body
    return ("HTTP/1.1 %d OK\r\nContent-Type: %s\r\n%sContent-Length: %d\r\n\r\n" % (
        status, ctype, extra, len(body))).encode() + body


page = news_page("Bridge", "2014-05-02T08:00:00Z", "<p>\u201cWe will build it,\u201d Mayor Len Brown said.</p>")
gz = gzip.compress(news_page("Chunked", "2015-01-01", "<p>Chunked body.</p>").encode())
chunked = b"%x\r\n" % len(gz) + gz + b"\r\n0\r\n\r\n"
records = [
    warc_record("warcinfo", "", "2016-01-01T00:00:00Z", "software: test\r\n", "application/warc-fields"),
    warc_record("response", "https://a.example/bridge", "2016-01-01T00:00:00Z",
                http_response(200, "text/html; charset=utf-8", page)),
    warc_record("response", "https://a.example/logo.png", "2016-01-01T00:00:01Z",
                http_response(200, "image/png", b"\x89PNG....")),
    warc_record("response", "<https://b.example/tax>", "2016-02-03T04:05:06Z",
                http_response(200, "text/html; charset=ISO-8859-1",
                              news_page("Tax", "", "<p>Caf\u00e9 owners said so.</p>").encode("latin-1"))),
    warc_record("response", "https://c.example/chunked", "2016-01-01T00:00:04Z",
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
                b"Content-Encoding: gzip\r\n\r\n" + chunked),
]
put("warc", "plain.warc", b"".join(records))
put("warc", "members.warc.gz", b"".join(gzip.compress(r) for r in records))
put("warc", "one-member.warc.gz", gzip.compress(b"".join(records[:2])))

# ---- tagger model: a tiny well-formed payload in the fuzzer's "valid header" mode
# (first byte odd; then counts: features, weights, words as 10-bit little-endian).
nf, nw, nwords = 2, 3, 2
payload = struct.pack("<QQ", 5, 9)            # feature keys, ascending
payload += bytes([1, 2])                      # row sizes
payload += bytes([3, 1, 4])                   # tags (ascending per row)
payload += struct.pack("<hhh", 100, -50, 25)  # weights
payload += struct.pack("<QQ", 7, 11)          # word keys, ascending
payload += struct.pack("<QQ", 0x100, 0x200)   # word classes
put("tagger", "tiny-valid", bytes([1, nf, 0, nw, 0, nwords, 0]) + payload)
put("tagger", "bad-magic", b"NOTMODEL" + b"\0" * 40)
