#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the measured part of docs/PERFORMANCE.md from a run of tests/bench/run.sh.

usage: report.py RESULTS WORKDIR PERFORMANCE_MD
RESULTS holds "key value" lines; WORKDIR the benchmarks' text output. Only the part between
<!-- results:begin --> and <!-- results:end --> is replaced; the rest of the file is prose.
"""
import datetime
import os
import sys

BEGIN = "<!-- results:begin -->"
END = "<!-- results:end -->"


def load(path):
    values = {}
    with open(path) as f:
        for line in f:
            parts = line.split(None, 1)
            if len(parts) == 2:
                values[parts[0]] = parts[1].strip()
    return values


def number(values, key):
    try:
        return float(values[key])
    except (KeyError, ValueError):
        return None


def fmt(value, digits=2, suffix=""):
    return "—" if value is None else f"{value:.{digits}f}{suffix}"


def text_block(workdir, name):
    path = os.path.join(workdir, name)
    if not os.path.exists(path):
        return "(not run)\n"
    with open(path) as f:
        lines = [line.rstrip() for line in f if not line.startswith("RESULT") and "XDG_RUNTIME_DIR" not in line]
    return "```\n" + "\n".join(lines).strip() + "\n```\n"


def check(ok):
    return "met" if ok else "**not met**"


def main():
    results, workdir, target = sys.argv[1:4]
    v = load(results)
    out = []
    out.append(f"Measured {datetime.date.today().isoformat()} by `tests/bench/run.sh` on "
               f"{v.get('machine_cpu', '?').replace('_', ' ')}, {v.get('machine_cores', '?')} cores, "
               f"{v.get('machine_memory_gb', '?')} GiB. Times are wall-clock seconds of one run; the "
               f"baseline ran in the same session.\n")

    sizes = [n for n in ("100000", "1000000") if f"bytes_{n}" in v]
    out.append("### Import, per format\n")
    out.append("| spans | format | file MB | import s | MB/s | spans/s | peak RSS MB | reopen ms | reopen / import |")
    out.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n in sizes:
        for fmt_name in ("otlp-json", "otlp-proto", "jaeger-json", "zipkin-json"):
            prefix = f"import_{n}_{fmt_name}."
            seconds = number(v, prefix + "import_s")
            size = number(v, f"bytes_{n}_{fmt_name}")
            reopen = number(v, prefix + "reopen_s")
            rss = number(v, prefix + "rss_mb")
            out.append(f"| {int(n):,} | {fmt_name} | {fmt(size and size / 1e6, 0)} | {fmt(seconds)} | "
                       f"{fmt(size and seconds and size / 1e6 / seconds, 0)} | "
                       f"{fmt(seconds and int(n) / seconds, 0)} | {fmt(rss, 0)} | "
                       f"{fmt(reopen and reopen * 1000, 1)} | {fmt(reopen and seconds and reopen / seconds * 100, 2, ' %')} |")
    out.append("")
    out.append("Baseline, same run: Python's `json.load` of the same OTLP JSON file.\n")
    out.append("| spans | json.load s | its peak RSS MB | Spanscope import s | ratio |")
    out.append("| ---: | ---: | ---: | ---: | ---: |")
    for n in sizes:
        base = number(v, f"baseline_{n}.wall_s")
        ours = number(v, f"import_{n}_otlp-json.import_s")
        out.append(f"| {int(n):,} | {fmt(base)} | {fmt(number(v, f'baseline_{n}.rss_mb'), 0)} | {fmt(ours)} | "
                   f"{fmt(base and ours and ours / base, 3)} |")
    out.append("")

    out.append("### Command line\n")
    out.append("Whole runs of `spanscope` on the OTLP JSON file, next to bench_import's in-process import of "
               "it (best of five runs each):\n")
    out.append("| spans | in-process import s | `info --no-cache` s | CLI − in-process s | its peak RSS MB | "
               "`info`, cached s | `critical-path`, cached s |")
    out.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n in sizes:
        ours = number(v, f"cli_{n}_in_process.import_s")
        cli = number(v, f"cli_{n}_info_no_cache.best_s")
        difference = cli - ours if cli is not None and ours is not None else None
        out.append(f"| {int(n):,} | {fmt(ours, 3)} | {fmt(cli, 3)} | {fmt(difference, 3)} | "
                   f"{fmt(number(v, f'cli_{n}_info_no_cache.rss_mb'), 0)} | "
                   f"{fmt(number(v, f'cli_{n}_info_cached.best_s'), 3)} | "
                   f"{fmt(number(v, f'cli_{n}_critical_path_cached.best_s'), 3)} |")
    out.append("")

    out.append("### Targets\n")
    out.append("| target | measured | |")
    out.append("| --- | --- | --- |")
    i100 = number(v, "import_100000_otlp-json.import_s")
    r100 = number(v, "import_100000_otlp-json.rss_mb")
    out.append(f"| 100k spans: import under 0.4 s | {fmt(i100)} s | {check(i100 is not None and i100 < 0.4)} |")
    out.append(f"| 100k spans: peak RSS under 140 MB | {fmt(r100, 0)} MB | {check(r100 is not None and r100 < 140)} |")
    i1m = number(v, "import_1000000_otlp-json.import_s")
    r1m = number(v, "import_1000000_otlp-json.rss_mb")
    if i1m is not None:
        out.append(f"| 1M spans: import and layout in about 5 s | {fmt(i1m)} s import | {check(i1m < 5.5)} |")
        out.append(f"| 1M spans: peak RSS under 550 MB | {fmt(r1m, 0)} MB | {check(r1m is not None and r1m < 550)} |")
    for n in sizes:
        reopen = number(v, f"import_{n}_otlp-json.reopen_s")
        seconds = number(v, f"import_{n}_otlp-json.import_s")
        share = reopen / seconds * 100 if reopen and seconds else None
        out.append(f"| reopen {int(n):,} spans under 2 % of the import | {fmt(share, 2, ' %')} | "
                   f"{check(share is not None and share < 2)} |")
    small = number(v, "paint_instructions_1000")
    large = number(v, "paint_instructions_1000000") or number(v, "paint_instructions_100000")
    ratio = large / small if small and large else None
    out.append(f"| paint cost independent of size (ratio under 2) | {fmt(ratio, 3)} | "
               f"{check(ratio is not None and ratio < 2)} |")
    out.append("")

    out.append("### Waterfall\n")
    out.append("| spans | instructions per frame (callgrind) | ms per frame | instructions per 40 px pan frame | "
               "ms per pan frame | expand all ms | collapse all ms |")
    out.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n in ("1000", "100000", "1000000"):
        ins = number(v, f"paint_instructions_{n}")
        if ins is None and number(v, f"paint_ms_{n}") is None:
            continue
        pan = number(v, f"paint_pan_instructions_{n}")
        out.append(f"| {int(n):,} | {fmt(ins and ins / 1e6, 1, ' M')} | {fmt(number(v, f'paint_ms_{n}'))} | "
                   f"{fmt(pan and pan / 1e6, 1, ' M')} | {fmt(number(v, f'pan_ms_{n}'))} | "
                   f"{fmt(number(v, f'expand_all_ms_{n}'), 1)} | {fmt(number(v, f'collapse_all_ms_{n}'), 1)} |")
    out.append("")

    out.append("Find (Ctrl+F, \"cart\") in the opened trace, after the OTLP JSON import:\n")
    out.append("| spans | services and operations ms | with attribute keys and values ms |")
    out.append("| ---: | ---: | ---: |")
    for n in sizes:
        prefix = f"import_{n}_otlp-json."
        out.append(f"| {int(n):,} | {fmt(number(v, prefix + 'find_names_ms'), 1)} | "
                   f"{fmt(number(v, prefix + 'find_attributes_ms'), 1)} |")
    out.append("")

    out.append("### Import stages (100k spans, OTLP JSON)\n")
    out.append(text_block(workdir, "stages.txt"))
    out.append("### Store alone (no parsing)\n")
    out.append(text_block(workdir, "store.txt"))
    out.append("### Layout\n")
    out.append(text_block(workdir, "layout.txt"))

    with open(target) as f:
        document = f.read()
    if BEGIN not in document or END not in document:
        sys.exit(f"{target}: the results markers are missing")
    head, rest = document.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    with open(target, "w") as f:
        f.write(head + BEGIN + "\n" + "\n".join(out) + "\n" + END + tail)


if __name__ == "__main__":
    main()
