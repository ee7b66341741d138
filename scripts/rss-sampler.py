#!/usr/bin/env python3
"""Samples a process's resident memory every millisecond until it exits or STOP_FILE exists,
then prints the largest value seen, in kB. The kernel's VmHWM is not enough here: it misses
peaks whose memory malloc hands back with madvise (glibc's threads' arenas do), so a large
answer built and freed within one request can leave VmHWM unchanged.

    scripts/rss-sampler.py PID STOP_FILE
"""
import os
import sys
import time

pid, stop = sys.argv[1], sys.argv[2]
page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
peak = 0
n = 0
while not os.path.exists(stop):
    try:
        with open(f"/proc/{pid}/statm") as f:
            rss = int(f.read().split()[1]) * page_kb
    except (OSError, ValueError, IndexError):
        break
    peak = max(peak, rss)
    n += 1
    time.sleep(0.001)
print(peak, file=sys.stdout)
if os.environ.get("RSS_SAMPLER_DEBUG"): print("samples", n, file=sys.stderr)
