#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The wall time of a whole spanscope run, as a shell user waits for it (process start, workspace,
import or reuse, output, closing, exit).

usage: cli_wall.py RUNS COMMAND...
Prints RESULT lines for run.sh: the best and the median of RUNS runs in seconds, and the peak RSS
of the largest run in MB. Output of the command is discarded; a failing run stops with its status.
"""
import resource
import statistics
import subprocess
import sys
import time


def main():
    runs = int(sys.argv[1])
    command = sys.argv[2:]
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        seconds.append(time.perf_counter() - start)
        if done.returncode != 0:
            sys.stderr.write(done.stderr.decode(errors="replace"))
            sys.exit(done.returncode)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"RESULT best_s {min(seconds):.3f}")
    print(f"RESULT median_s {statistics.median(seconds):.3f}")
    print(f"RESULT rss_mb {peak_kb // 1024}")


if __name__ == "__main__":
    main()
