"""Shared driver of the Tandem bench Python baselines (stdlib only).

Usage of every script: python3 SCRIPT.py APPROACH SIZE [RUNS [BUDGET_SECONDS]]
Runs APPROACH RUNS times on SIZE (stopping early, after at least one run, once the runs have taken
BUDGET_SECONDS) and prints one JSON line:
  {"approach": ..., "size": ..., "times": [seconds, ...], "answer": ..., "peak_rss_kb": ..., "cpu_s": ...}
(cpu_s: CPU seconds used by the process and its reaped children over all timed runs)
Each time covers the seed's whole `with` block (pool created, used and shut down), as the Java side
times pool creation, work and close.
"""
import json
import resource
import sys
import time


def peak_rss_kb():
    """VmHWM of this process (pool workers not included). Not ru_maxrss: Linux carries that over from
    the parent across fork+exec, so under a JVM it would report the JVM's footprint."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def cpu_seconds():
    """User + system CPU of this process and of its children that have been waited for (pool workers
    are, when their pool shuts down), so a run's CPU includes its worker processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main(approaches):
    if len(sys.argv) < 3 or sys.argv[1] not in approaches:
        sys.exit("usage: %s APPROACH SIZE [RUNS]; approaches: %s" % (sys.argv[0], ", ".join(sorted(approaches))))
    approach, size = sys.argv[1], int(sys.argv[2])
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    budget = float(sys.argv[4]) if len(sys.argv) > 4 else float("inf")
    fn = approaches[approach]
    times, answers = [], []
    cpu0 = cpu_seconds()
    for _ in range(max(1, runs)):
        t0 = time.perf_counter()
        answers.append(fn(size))
        times.append(time.perf_counter() - t0)
        if sum(times) >= budget:
            break
    cpu = cpu_seconds() - cpu0
    answer = answers[0] if all(a == answers[0] for a in answers) else "inconsistent: %r" % answers
    print(json.dumps({
        "approach": approach,
        "size": size,
        "times": times,
        "answer": answer,
        "peak_rss_kb": peak_rss_kb(),
        "cpu_s": cpu,
    }), flush=True)
