#!/usr/bin/python3
"""Prints, per network size, one Markdown table comparing OpenDHT with rdht over one or more rounds.

Each ROUND is a directory holding OpenDHT's results (opendht.jsonl: one JSON object a line, from
opendht_bench.py) and rdht's `bin/bench` outputs (rdht-*.md: the "## summary" Markdown tables,
whose columns it finds by their header names; one output per size or one for all). Columns:
OpenDHT | rdht | ratio (rdht / OpenDHT; above 1 means rdht's figure is larger), each with one
value per round, then the median of the rounds' ratios: runs minutes apart on a shared machine
differ, and the median keeps one noisy minute from deciding a figure. Memory: resident set growth
against resident set growth, both per node (what N nodes added to the process, / N) and per node
of the second half (what nodes N/2+1..N added, / their number: the one-off costs of the process
left out); rdht's live heap per node, which OpenDHT has no counterpart of, is shown beside them.

Usage: compare_table.py ROUND_DIRECTORY...
"""
import glob
import json
import os
import statistics
import sys


def rdht_summary(path):
    """rdht's summary rows as {nodes: {column name: cell}}; none if its run did not finish."""
    lines = open(path, encoding="utf-8").read().splitlines()
    if "## summary" not in lines:
        return {}
    start = lines.index("## summary")
    table = [l for l in lines[start + 1:] if l.startswith("|")]
    if len(table) < 2:
        sys.exit(f"compare_table: no summary table in {path}")

    def cells(row):
        return [c.strip() for c in row.strip().strip("|").split("|")]
    header = cells(table[0])
    rows = {}
    for row in table[2:]:
        r = dict(zip(header, cells(row)))
        rows[int(r["nodes"])] = r
    return rows


def number(cell):
    """A float from a cell such as '0.683', '2781' or '800/800' (a fraction); None if '-'/absent."""
    if cell is None or cell in ("-", "n/a", ""):
        return None
    if "/" in cell:
        ok, total = cell.split("/")
        return int(ok) / int(total) if int(total) else None
    return float(cell.replace(",", ""))


def fmt(x, unit=""):
    if x is None:
        return "n/a"
    if unit == "%":
        return f"{100 * x:.1f}%"
    if unit == "int":
        return f"{x:,.0f}"
    return f"{x:.3f}"


def ratio(a, b):
    """b / a, or None where either is missing or a is 0."""
    return None if a is None or b is None or a == 0 else b / a


def fmt_ratio(x):
    return "n/a" if x is None else f"{x:.2f}×"


def share(part, whole):
    """part / whole, or None if either is missing or whole is 0."""
    return part / whole if part is not None and whole else None


def load_round(directory):
    """One round's results: ({nodes: OpenDHT's result}, {nodes: rdht's summary row})."""
    opendht = {}
    path = os.path.join(directory, "opendht.jsonl")
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            if line.strip().startswith("{"):
                result = json.loads(line)
                opendht[result["nodes"]] = result
    rdht = {}
    for path in sorted(glob.glob(os.path.join(directory, "rdht-*.md"))):
        rdht.update(rdht_summary(path))
    return opendht, rdht


def figures(o, r):
    """(label, OpenDHT's value, rdht's value, format) for each compared figure."""
    return [
        ("puts ok", share(o.get("puts_ok"), o.get("puts")), number(r.get("puts ok")), "%"),
        ("put p50 ms", o.get("put_p50_ms"), number(r.get("put p50 ms")), ""),
        ("put p99 ms", o.get("put_p99_ms"), number(r.get("put p99 ms")), ""),
        ("gets right", share(o.get("gets_right"), o.get("gets")), number(r.get("gets right")), "%"),
        ("get p50 ms", o.get("get_p50_ms"), number(r.get("get p50 ms")), ""),
        ("get p99 ms", o.get("get_p99_ms"), number(r.get("get p99 ms")), ""),
        ("listen p50 ms", o.get("listen_p50_ms"), number(r.get("listen p50 ms")), ""),
        ("listen p99 ms", o.get("listen_p99_ms"), number(r.get("listen p99 ms")), ""),
        ("delivered", o.get("delivered_fraction"), number(r.get("delivered")), "%"),
        ("puts/s, 64 in flight", o.get("puts_per_s"), number(r.get("puts/s in flight")), "int"),
        ("memory per node KiB, 2nd half (OpenDHT: RSS; rdht: live heap + RSS outside the heap)",
         o.get("kib_per_node_second_half"), number(r.get("node KiB 2nd half")), "int"),
        ("RSS growth per node KiB, settled (rdht: outside the heap)", o.get("kib_per_node"),
         number(r.get("RSS KiB/node settled")), "int"),
        ("RSS growth per node KiB, 2nd half (rdht: outside the heap)", o.get("kib_per_node_second_half"),
         number(r.get("RSS KiB/node 2nd half")), "int"),
        ("RSS growth per node KiB, after warm-up (rdht: outside the heap)", o.get("kib_per_node_after_warmup"),
         number(r.get("RSS KiB/node warm")), "int"),
        ("rdht live heap per node KiB, settled", None, number(r.get("heap KiB/node settled")), "int"),
        ("rdht live heap per node KiB, 2nd half", None, number(r.get("heap KiB/node 2nd half")), "int"),
    ]


def notes(n, o, r):
    """What the reader must know of one round's results for n nodes, as lines."""
    said = []
    if not o:
        said.append(f"OpenDHT gave no result for {n} nodes: see its progress on stderr")
    if not r:
        said.append(f"rdht printed no summary row for {n} nodes")
    if o.get("warmed_up", 0) < o.get("warmup", 0):
        said.append(f"OpenDHT's warm-up stopped after 120 s, at {o['warmed_up']} of {o['warmup']} puts and gets")
    if o.get("cut_short"):
        listened = o["listen_expected"] // max(1, o["listeners"])
        said.append(f"OpenDHT's time limit of {o['time_limit_s']} s cut short: {', '.join(o['cut_short'])};"
                    f" it measured {o['puts']} puts, {o['gets']} gets, {listened} successful listened puts")
    return said


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__.strip().splitlines()[-1])
    rounds = [load_round(d) for d in sys.argv[1:]]
    sizes = set()
    for opendht, rdht in rounds:
        sizes |= opendht.keys() | rdht.keys()
    for n in sorted(sizes):
        print(f"\n### {n} nodes\n")
        per_round = []
        for k, (opendht, rdht) in enumerate(rounds, 1):
            o, r = opendht.get(n, {}), rdht.get(n, {})
            for note in notes(n, o, r):
                print(f"({note}" + (f", round {k})" if len(rounds) > 1 else ")") + "\n")
            per_round.append(figures(o, r))
        if len(rounds) == 1:
            print("| | OpenDHT | rdht | ratio (rdht/OpenDHT) |")
            print("|---|---:|---:|---:|")
        else:
            print("| | OpenDHT, each round | rdht, each round | ratio (rdht/OpenDHT), each round | median ratio |")
            print("|---|---:|---:|---:|---:|")
        for i, (label, _, _, unit) in enumerate(per_round[0]):
            a = [figs[i][1] for figs in per_round]
            b = [figs[i][2] for figs in per_round]
            ratios = [ratio(x, y) for x, y in zip(a, b)]
            cells = [" / ".join(fmt(x, unit) for x in a), " / ".join(fmt(y, unit) for y in b),
                     " / ".join(fmt_ratio(x) for x in ratios)]
            if len(rounds) > 1:
                known = [x for x in ratios if x is not None]
                cells.append(fmt_ratio(statistics.median(known)) if known else "n/a")
            print(f"| {label} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
