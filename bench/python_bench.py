"""Python and Dask throughput on news-bench (run by bench/run.sh; see docs/python.md).

    PYTHONPATH=build/python /usr/bin/python3 bench/python_bench.py build/whosaid ../shared/data/news-bench/articles.jsonl

1. Per-article cost of a Python call against the CLI, both on one thread, in CPU
   time (user + system, so that other load on the machine matters less):
   `whosaid extract --jsonl --format jsonl` (read JSONL, extract, write JSONL) vs
   Extractor.extract() over the same texts, and extract() + to_dict() (what a
   result shard holds); extract_many(threads=1) is one call for the corpus, so
   its difference from extract() is the cost of a Python call per article.
2. Dask: the corpus split into 8 JSONL shards, `python3 -m whosaid.dask`'s runner
   (run_shards: extract + write result shards) on a LocalCluster of 1 and of 2
   single-threaded worker processes on 127.0.0.1, after a warm-up that loads the
   engine on every worker. Cluster start-up is not counted. Wall-time speed-up
   needs idle cores; the workers' CPU time per article (shard read + extraction +
   JSON + write) shows whether a second worker adds work per article.
"""

import json
import os
import resource
import subprocess
import sys
import tempfile
import time


def cpu_seconds():
    """CPU time of this process and its finished children: steadier than wall time on a busy machine."""
    own = time.process_time()
    ch = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own + ch.ru_utime + ch.ru_stime


def best_of(n, fn):
    times = []
    for _ in range(n):
        t0 = cpu_seconds()
        fn()
        times.append(cpu_seconds() - t0)
    return min(times)


def main():
    cli, corpus = sys.argv[1], sys.argv[2]
    runs = int(os.environ.get("BENCH_RUNS", "2"))
    import whosaid

    with open(corpus, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    n = len(texts)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"corpus: {n} articles, {mb:.2f} MB; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")

    t_cli = best_of(runs, lambda: subprocess.run([cli, "extract", "--jsonl", "--format", "jsonl", corpus],
                                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False))
    ex = whosaid.Extractor()
    t_py = best_of(runs, lambda: [ex.extract(t) for t in texts])
    t_dict = best_of(runs, lambda: [[q.to_dict() for q in ex.extract(t)] for t in texts])
    t_one = best_of(runs, lambda: ex.extract_many(texts, threads=1))
    t0 = time.perf_counter()
    ex.extract_many(texts, threads=0)
    t_many = time.perf_counter() - t0
    t_empty = best_of(3, lambda: [ex.extract("") for _ in range(100000)]) / 100000
    per = lambda t: 1e6 * t / n  # noqa: E731
    print("\n== Python call vs CLI, one thread, CPU time (best of %d)" % runs)
    print(f"  CLI extract --jsonl --format jsonl {per(t_cli):8.0f} us/article  {n / t_cli:7.0f} articles/s")
    print(f"  Extractor.extract()                {per(t_py):8.0f} us/article  {n / t_py:7.0f} articles/s"
          f"  ({per(t_py) - per(t_cli):+.0f} us/article vs CLI)")
    print(f"  extract() + Quote.to_dict()        {per(t_dict):8.0f} us/article  {n / t_dict:7.0f} articles/s"
          f"  ({per(t_dict) - per(t_cli):+.0f} us/article vs CLI)")
    print(f"  extract_many(threads=1), one call  {per(t_one):8.0f} us/article  {n / t_one:7.0f} articles/s"
          f"  (so one call per article costs {per(t_py) - per(t_one):+.0f} us)")
    print(f"  extract_many(threads=all cores), wall time   {n / t_many:7.0f} articles/s")
    print(f"  fixed cost of a call, extract(\"\")  {1e6 * t_empty:8.2f} us")

    try:
        import distributed
    except ImportError:
        print("\n== Dask: distributed is not installed (apt-get install python3-distributed); skipped")
        return
    import whosaid.dask as wd
    from whosaid.dask.shards import run_shards

    rates, cpu = {}, {}
    with tempfile.TemporaryDirectory(prefix="whosaid-bench-") as tmp:
        shards = os.path.join(tmp, "in")
        os.makedirs(shards)
        with open(corpus, encoding="utf-8") as f:
            lines = [line for line in f if line.strip()]
        for s in range(8):
            with open(os.path.join(shards, f"part-{s}.jsonl"), "w", encoding="utf-8") as out:
                out.writelines(lines[s::8])
        print("\n== Dask shard runner, 8 shards, LocalCluster on 127.0.0.1 (best of %d)" % runs)
        for workers in (1, 2):
            with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                          host="127.0.0.1", dashboard_address=None, silence_logs=40) as lc, \
                    distributed.Client(lc) as client:
                client.run(wd.engine)  # warm-up: import and load the engine on every worker
                best = None
                for r in range(runs):
                    out = os.path.join(tmp, f"out-{workers}-{r}")
                    s = run_shards([shards], out, client)
                    assert s["articles"] == n and not s["failed"], s
                    if best is None or s["seconds"] < best["seconds"]:
                        best = s
                rates[workers] = n / best["seconds"]
                cpu[workers] = 1e6 * best["cpu_seconds"] / n
                print(f"  {workers} worker(s): {rates[workers]:7.0f} articles/s  ({best['seconds']:.2f} s wall); "
                      f"worker CPU {cpu[workers]:.0f} us/article")
    print(f"  speed-up 2 vs 1 worker: {rates[2] / rates[1]:.2f}x (wall; load average now "
          f"{os.getloadavg()[0]:.2f}). Worker CPU per article 2 vs 1: {cpu[2] / cpu[1]:.2f}")


if __name__ == "__main__":
    main()
