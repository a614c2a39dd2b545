#!/usr/bin/python3
"""Prints, per network size, one Markdown table comparing OpenDHT with rdht.

Reads OpenDHT's results (one JSON object a line, from opendht_bench.py) and rdht's `bin/bench`
outputs (the "## summary" Markdown tables, whose columns it finds by their header names; one output
per size or one for all). Columns: OpenDHT | rdht | ratio (rdht / OpenDHT; above 1 means rdht's
figure is larger). Memory: resident set growth against resident set growth, both per node (what N
nodes added to the process, / N) and per node of the second half (what nodes N/2+1..N added, /
their number: the one-off costs of the process left out); rdht's live heap per node, which OpenDHT
has no counterpart of, is shown beside them.

Usage: compare_table.py OPENDHT_JSON_LINES RDHT_BENCH_OUTPUT...
"""
import json
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
    return "n/a" if a is None or b is None or a == 0 else f"{b / a:.2f}×"


def share(part, whole):
    """part / whole, or None if either is missing or whole is 0."""
    return part / whole if part is not None and whole else None


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__.strip().splitlines()[-1])
    opendht = {}
    for line in open(sys.argv[1], encoding="utf-8"):
        if line.strip().startswith("{"):
            result = json.loads(line)
            opendht[result["nodes"]] = result
    rdht = {}
    for path in sys.argv[2:]:
        rdht.update(rdht_summary(path))
    for n in sorted(opendht.keys() | rdht.keys()):
        o, r = opendht.get(n, {}), rdht.get(n, {})
        rows = [
            # (label, OpenDHT value, rdht value, format)
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
            ("memory per node KiB, settled (RSS growth / N)", o.get("kib_per_node"),
             number(r.get("RSS KiB/node settled")), "int"),
            ("memory per node KiB, 2nd half (RSS)", o.get("kib_per_node_second_half"),
             number(r.get("RSS KiB/node 2nd half")), "int"),
            ("memory per node KiB, after warm-up (RSS)", o.get("kib_per_node_after_warmup"),
             number(r.get("RSS KiB/node warm")), "int"),
            ("rdht live heap per node KiB, settled", None, number(r.get("heap KiB/node settled")), "int"),
            ("rdht live heap per node KiB, 2nd half", None, number(r.get("heap KiB/node 2nd half")), "int"),
        ]
        print(f"\n### {n} nodes\n")
        if not o:
            print(f"(OpenDHT gave no result for {n} nodes: see its progress on stderr)\n")
        if not r:
            print(f"(rdht printed no summary row for {n} nodes)\n")
        if o.get("warmed_up", 0) < o.get("warmup", 0):
            print(f"(OpenDHT's warm-up stopped after 120 s, at {o['warmed_up']} of {o['warmup']}"
                  " puts and gets)\n")
        if o.get("cut_short"):
            listened = o["listen_expected"] // max(1, o["listeners"])
            print(f"(OpenDHT's time limit of {o['time_limit_s']} s cut short: {', '.join(o['cut_short'])};"
                  f" it measured {o['puts']} puts, {o['gets']} gets, {listened} successful listened puts)\n")
        print("| | OpenDHT | rdht | ratio (rdht/OpenDHT) |")
        print("|---|---:|---:|---:|")
        for label, a, b, unit in rows:
            print(f"| {label} | {fmt(a, unit)} | {fmt(b, unit)} | {ratio(a, b)} |")


if __name__ == "__main__":
    main()
