"""python3 -m whosaid.dask [--scheduler ADDRESS | --workers N] INPUT... --out DIR

Extracts quotes from every input shard (JSONL / text / HTML / WARC / WARC.gz file,
folders expanded) into one JSONL result shard per input in DIR, on an existing
Dask cluster (--scheduler tcp://host:8786) or on a local one started for the run
(--workers N processes on 127.0.0.1). Rerunning skips finished shards. The result
shards load into a store with `whosaid ingest DIR`. See docs/python.md.

Exit status: 0 all shards done, 1 some shards failed, 2 bad command line,
3 done but some records were rejected (listed on stderr).
"""

from __future__ import annotations

import argparse
import os
import sys

import whosaid

from .shards import run_shards


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python3 -m whosaid.dask", description=__doc__.split("\n\n")[1],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="input files or folders")
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the result shards (created)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--scheduler", metavar="ADDRESS", help="address of a running Dask scheduler (tcp://host:8786)")
    where.add_argument("--workers", type=int, default=0, metavar="N",
                       help="without --scheduler: local worker processes (default: one per core)")
    p.add_argument("--no-indirect", action="store_true", help="only quotations in quotation marks")
    p.add_argument("--min-confidence", type=float, default=0.0, metavar="X", help="drop quotes below X")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    args = p.parse_args(argv)

    from distributed import Client, LocalCluster

    def log(msg: str) -> None:
        if not args.quiet:
            print(msg, file=sys.stderr, flush=True)

    cluster = None
    try:
        if args.scheduler:
            client = Client(args.scheduler)
        else:
            n = args.workers or os.cpu_count() or 1
            cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1",
                                   dashboard_address=None)
            client = Client(cluster)
        with client:
            log(f"whosaid.dask: scheduler {client.scheduler.address}, "
                f"{len(client.scheduler_info()['workers'])} worker(s)")
            s = run_shards(args.inputs, args.out, client, indirect=not args.no_indirect,
                           min_confidence=args.min_confidence, log=log)
    except whosaid.Error as e:
        print(f"whosaid.dask: {e}", file=sys.stderr)
        return 2
    finally:
        if cluster is not None:
            cluster.close()
    rate = s["articles"] / s["seconds"] if s["seconds"] > 0 else 0.0
    print(f"whosaid.dask: {s['done']} shard(s) written, {s['skipped']} skipped, {len(s['failed'])} failed; "
          f"{s['articles']} articles, {s['quotes']} quotes in {s['seconds']:.1f} s ({rate:.0f} articles/s)",
          file=sys.stderr)
    for f in s["failed"]:
        print(f"whosaid.dask: FAILED {f}", file=sys.stderr)
    if s["failed"]:
        return 1
    return 3 if s["rejected"] else 0


if __name__ == "__main__":
    sys.exit(main())
