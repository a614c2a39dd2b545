#!/usr/bin/python3
"""Prints, per network size, one Markdown table comparing OpenDHT with rdht.

Reads OpenDHT's results (one JSON object a line, from opendht_bench.py) and rdht's `bin/bench`
output (its "## summary" Markdown table, whose columns it finds by their header names). Columns:
OpenDHT | rdht | ratio (rdht / OpenDHT; above 1 means rdht's figure is larger).

Usage: compare_table.py OPENDHT_JSON_LINES RDHT_BENCH_OUTPUT
"""
import json
import sys


def rdht_summary(path):
    """rdht's summary rows as {nodes: {column name: cell}}."""
    lines = open(path, encoding="utf-8").read().splitlines()
    try:
        start = lines.index("## summary")
    except ValueError:
        sys.exit(f"compare_table: no '## summary' section in {path}")
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


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[-1])
    opendht = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip().startswith("{")]
    rdht = rdht_summary(sys.argv[2])
    for o in opendht:
        n = o["nodes"]
        r = rdht.get(n, {})
        rows = [
            # (label, OpenDHT value, rdht value, format)
            ("puts ok", o["puts_ok"] / o["puts"], number(r.get("puts ok")), "%"),
            ("put p50 ms", o["put_p50_ms"], number(r.get("put p50 ms")), ""),
            ("put p99 ms", o["put_p99_ms"], number(r.get("put p99 ms")), ""),
            ("gets right", o["gets_right"] / o["puts"], number(r.get("gets right")), "%"),
            ("get p50 ms", o["get_p50_ms"], number(r.get("get p50 ms")), ""),
            ("get p99 ms", o["get_p99_ms"], number(r.get("get p99 ms")), ""),
            ("listen p50 ms", o["listen_p50_ms"], number(r.get("listen p50 ms")), ""),
            ("listen p99 ms", o["listen_p99_ms"], number(r.get("listen p99 ms")), ""),
            ("delivered", o["delivered_fraction"], number(r.get("delivered")), "%"),
            ("puts/s, 64 in flight", o["puts_per_s"], number(r.get("puts/s in flight")), "int"),
            ("memory per node KiB, settled", o["kib_per_node"], None, "int"),
            ("memory per node KiB, after warm-up", o.get("kib_per_node_after_warmup"), None, "int"),
        ]
        print(f"\n### {n} nodes\n")
        if not r:
            print(f"(rdht printed no summary row for {n} nodes)\n")
        print("| | OpenDHT | rdht | ratio (rdht/OpenDHT) |")
        print("|---|---:|---:|---:|")
        for label, a, b, unit in rows:
            print(f"| {label} | {fmt(a, unit)} | {fmt(b, unit)} | {ratio(a, b)} |")


if __name__ == "__main__":
    main()
