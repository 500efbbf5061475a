#!/usr/bin/env python3
"""Regenerates the example output in README.md from the binary, or checks it.

  scripts/update-readme.py [--binary build/whosaid]           # rewrite README.md
  scripts/update-readme.py --check [--binary build/whosaid]   # exit 1 and a diff when stale

Two kinds of example are generated (ctest runs --check as `readme_example`):
- a ``` block whose first line is `$ build/whosaid ARGS…`: the rest of the block
  is what `whosaid ARGS…` prints, run from the repository root;
- the ```json block under "### Output schema": the quote of
  examples/parliament.txt whose text starts with SCHEMA_QUOTE, as
  `whosaid extract --format json` prints it, laid out over a few lines.
"""

import argparse
import difflib
import json
import pathlib
import re
import shlex
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SCHEMA_INPUT = "examples/parliament.txt"
SCHEMA_QUOTE = "It's a tragedy"
COMMAND_BLOCK = re.compile(r"^```\n\$ build/whosaid (?P<args>[^\n]*)\n(?P<out>.*?)^```$", re.M | re.S)
SCHEMA_BLOCK = re.compile(r"(### Output schema\n.*?^```json\n)(?P<out>.*?)(^```$)", re.M | re.S)


def run(binary, args):
    out = subprocess.run([binary, *args], cwd=ROOT, capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def schema_example(binary):
    doc = json.loads(run(binary, ["extract", "--format", "json", SCHEMA_INPUT]))
    quotes = [q for q in doc["quotes"] if q["text"].startswith(SCHEMA_QUOTE)]
    if len(quotes) != 1:
        sys.exit(f"update-readme: {len(quotes)} quotes of {SCHEMA_INPUT} start with {SCHEMA_QUOTE!r}; "
                 "choose another SCHEMA_QUOTE")
    q = quotes[0]
    d = lambda v: json.dumps(v, ensure_ascii=False)  # noqa: E731
    if q["speaker"] is None:
        speaker = "null"
    else:
        s = q["speaker"]
        speaker = ("{" + ", ".join(f'"{k}": {d(s[k])}' for k in ("name", "mention", "start", "end")) + ",\n" +
                   " " * 13 + ", ".join(f'"{k}": {d(s[k])}' for k in ("role", "org", "type")) + "}")
    lines = [
        f'{{"text": {d(q["text"])},',
        f' "start": {q["start"]}, "end": {q["end"]}, "spans": {d(q["spans"])},',
        f' "kind": {d(q["kind"])},',
        f' "speaker": {speaker},',
        f' "cue": {d(q["cue"])},',
        f' "confidence": {q["confidence"]:.3f}}}',
    ]
    return "\n".join(lines) + "\n"


def regenerate(text, binary):
    def command(m):
        args = shlex.split(m.group("args"))
        return f"```\n$ build/whosaid {m.group('args')}\n{run(binary, args)}```"

    text = COMMAND_BLOCK.sub(command, text)
    if not SCHEMA_BLOCK.search(text):
        sys.exit("update-readme: no ```json block under '### Output schema' in README.md")
    return SCHEMA_BLOCK.sub(lambda m: m.group(1) + schema_example(binary) + m.group(3), text, count=1)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default=str(ROOT / "build" / "whosaid"))
    ap.add_argument("--check", action="store_true", help="compare only; exit 1 when README.md is stale")
    args = ap.parse_args()
    old = README.read_text(encoding="utf-8")
    new = regenerate(old, args.binary)
    if not args.check:
        if new != old:
            README.write_text(new, encoding="utf-8")
        print("README.md " + ("updated" if new != old else "unchanged"))
        return 0
    if new == old:
        print("README.md examples match what the binary prints")
        return 0
    sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), new.splitlines(True),
                                               "README.md", "README.md (as the binary prints it)"))
    print("\nREADME.md example output is stale. Regenerate it with:\n"
          f"  python3 scripts/update-readme.py --binary {args.binary}\n"
          "and review the diff (git diff README.md).")
    return 1


if __name__ == "__main__":
    sys.exit(main())
