#!/usr/bin/python3
"""Prints bin/bench-churn's tables from the JSON lines of both systems (rdht's ChurnBenchmark and
churn_opendht.py): per phase and system, how many gets, puts and new listens succeeded and their
times (p50 / p95 / p99, nearest rank, in ms); then the first gets after the kill one by one, and
how many of the gets after the kill failed or were slower than the before-crash p99.

Phases, by when an operation started: before the crash; the first 10 s after the kill; after
settling (10 s after the kill until the restart); after the killed nodes were restarted.

Usage: churn_table.py JSONL...
"""
import json
import sys

SYSTEMS = [("opendht", "OpenDHT"), ("rdht", "rdht")]
PHASES = [("before", "before crash"), ("first10", "first 10 s after crash"),
          ("settled", "after settling (10 s on)"), ("restart", "after restart")]
FIRST_GETS = 12


def percentile(values, p):
    s = sorted(values)
    if not s:
        return None
    rank = max(1, min(len(s), -(-len(s) * p // 100)))
    return s[int(rank) - 1]


def fmt(ms):
    if ms is None:
        return "-"
    return f"{ms:,.0f}" if ms >= 100 else f"{ms:.1f}" if ms >= 10 else f"{ms:.2f}"


def spread(values):
    """'p50 / p95 / p99' of the values, or '-'."""
    if not values:
        return "-"
    return " / ".join(fmt(percentile(values, p)) for p in (50, 95, 99))


def load(paths):
    ops, events = {s: [] for s, _ in SYSTEMS}, {s: {} for s, _ in SYSTEMS}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line.startswith("{"):
                    continue
                r = json.loads(line)
                if "event" in r:
                    events[r["system"]][r["event"]] = r["at"]
                else:
                    ops[r["system"]].append(r)
    return ops, events


def phase_of(op, events):
    if op["phase"] != "crash":
        return op["phase"]
    return "first10" if op["at"] - events["kill"] < 10 else "settled"


def cells(ops, kind):
    """The table cells of one kind of operation in one phase of one system."""
    mine = [o for o in ops if o["kind"] == kind]
    ok = [o for o in mine if o["ok"]]
    noted = sum(1 for o in ok if o["error"])
    row = {"ok": (f"{len(ok)}/{len(mine)}" + (f" ({noted} ✱)" if noted else "")) if mine else "-",
           "first": spread([o["first_ms"] for o in ok if o["first_ms"] is not None]),
           "done": spread([o["done_ms"] for o in ok if o["done_ms"] is not None])}
    storers = sorted(o["storers"] for o in ok)
    row["storers"] = f"{storers[len(storers) // 2]} (min {storers[0]})" if storers else "-"
    return row


def slow_gets(gets, before_p99):
    """The gets (1-based numbers) that failed or completed later than the before-crash p99."""
    return [i + 1 for i, o in enumerate(gets)
            if not o["ok"] or o["done_ms"] is None or o["done_ms"] > before_p99]


def main(paths):
    ops, events = load(paths)
    present = [(s, name) for s, name in SYSTEMS if ops[s]]
    if not present:
        sys.exit("churn_table: no operations in " + ", ".join(paths))
    by_phase = {s: {p: [o for o in ops[s] if phase_of(o, events[s]) == p] for p, _ in PHASES} for s, _ in present}
    print("| phase | system | gets ok | get: first value ms | get: complete ms | puts ok | put: complete ms"
          " | put: storers | new listens ok | listen: first event ms |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for p, label in PHASES:
        for s, name in present:
            get, put, listen = (cells(by_phase[s][p], kind) for kind in ("get", "put", "listen"))
            print(f"| {label} | {name} | {get['ok']} | {get['first']} | {get['done']} | {put['ok']} | {put['done']}"
                  f" | {put['storers']} | {listen['ok']} | {listen['first']} |")
    print()
    print("Times are p50 / p95 / p99 of the operations that succeeded; storers: median (least) of the nodes"
          " the put reports (rdht: PutResult.storers; OpenDHT: the nodes its done callback lists). A get succeeds"
          " when exactly the value put comes back; ✱: of those, how many the node then reported as failed"
          " (rdht: an error; OpenDHT: done with ok false) or that did not complete within 15 s.")
    print()

    print(f"The first {FIRST_GETS} gets after the kill (s after it: first value / complete ms, ✗ failed):")
    print()
    print("| # | " + " | ".join(name for _, name in present) + " |")
    print("|---:|" + "---|" * len(present))
    crash_gets = {s: [o for o in ops[s] if o["phase"] == "crash" and o["kind"] == "get"] for s, _ in present}
    for i in range(FIRST_GETS):
        row = []
        for s, _ in present:
            if i < len(crash_gets[s]):
                o = crash_gets[s][i]
                row.append(f"{o['at'] - events[s]['kill']:.1f} s: {fmt(o['first_ms'])} / {fmt(o['done_ms'])}"
                           + ("" if o["ok"] else " ✗"))
            else:
                row.append("")
        print(f"| {i + 1} | " + " | ".join(row) + " |")
    print()
    for s, name in present:
        before = [o["done_ms"] for o in by_phase[s]["before"] if o["kind"] == "get" and o["ok"]]
        gets = crash_gets[s]
        if not before or not gets:
            continue
        p99 = percentile(before, 99)
        slow = slow_gets(gets, p99)
        last = (f"; the last of them get {slow[-1]}, {gets[slow[-1] - 1]['at'] - events[s]['kill']:.1f} s after the kill"
                if slow else "")
        print(f"- {name}: {len(slow)} of the {len(gets)} gets after the kill failed or completed later than the"
              f" before-crash p99 ({fmt(p99)} ms){last}")

if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
