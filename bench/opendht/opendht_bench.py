#!/usr/bin/python3
"""Runs rdht's cluster-benchmark workload on OpenDHT (Debian's python3-opendht), for comparison.

For each network size N, all N nodes run in one process on 127.0.0.1, bootstrapped to the first
node, and the script measures:
  1. puts of distinct keys from random nodes, one at a time: latency p50/p95/p99 and successes;
  2. a get of each key from another node: latency and whether exactly the right value came back;
  3. min(16, N-1) listeners on key "pollution_level", then 50 puts 50 ms apart from random nodes
     (the warm-up, after its puts and gets, makes one such round on another key, unmeasured):
     put -> callback latency p50/p95/p99 and the fraction of expected deliveries that arrived;
  4. puts of distinct keys with 64 in flight for 10 s: successful puts per second of the phase;
  5. memory per node: (RSS with N nodes 2 s after bootstrap - RSS with no node) / N, in KiB
     (kib_per_node); what the second half of the nodes added, (RSS with N nodes - RSS with N/2) /
     (N - N/2) (kib_per_node_second_half: what one more node costs once the first half has paid the
     process's one-off costs); and the first figure after the warm-up (kib_per_node_after_warmup:
     it includes the warm-up's stored values, each held by up to 8 nodes, and malloc's per-thread
     arenas).
Latency runs from the call to OpenDHT's callback (on OpenDHT's thread), like rdht's benchmark.
OpenDHT's request rate limiter is switched off (DhtConfig.setRateLimit(-1, -1)).

Each size runs in a fresh child process so that its memory baseline is clean, within a time
limit (--time-limit, 600 s by default): past it no phase starts a new operation, the phases cut
short are listed in the result (cut_short), and a child still running 120 s later is killed. The
warm-up stops after 120 s in any case (warmed_up says how many of its puts and gets it made).
Prints one JSON object per size on stdout, progress on stderr; exits non-zero if a size fails.

Usage: bench/opendht/opendht_bench.py [--nodes 8,32,128] [--ops 200] [--warmup 1000]
                                      [--seconds 10] [--inflight 64] [--load-warmup 0]
                                      [--time-limit 600]
"""
import argparse
import ctypes
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time

OP_TIMEOUT_S = 10.0          # longest an operation may take before it counts as failed
LISTEN_SETTLE_S = 0.5        # time for listens to reach their storers before the first put
LISTEN_PUTS, LISTEN_GAP_S, LISTEN_KEY = 50, 0.05, "pollution_level"
WARMUP_LIMIT_S = 120         # the warm-up stops after this long
KILL_GRACE_S = 120           # a child still running this long after its time limit is killed


def log(msg):
    print(f"[opendht {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def rss_kib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS in /proc/self/status")


def percentile_ms(nanos, p):
    """Nearest-rank percentile of latencies in nanoseconds, in milliseconds (None if empty)."""
    if not nanos:
        return None
    s = sorted(nanos)
    rank = max(1, min(len(s), -(-len(s) * p // 100)))
    return round(s[int(rank) - 1] / 1e6, 3)


def summary(prefix, nanos):
    return {f"{prefix}_p{p}_ms": percentile_ms(nanos, p) for p in (50, 95, 99)}


class Op:
    """One asynchronous OpenDHT operation: its latency in ns and its outcome, once done."""

    def __init__(self):
        self.done = threading.Event()
        self.ok = False
        self.values = []
        self.start = time.perf_counter_ns()
        self.nanos = None

    def on_value(self, value):
        self.values.append(bytes(value.data))
        return True

    def on_done(self, ok, _nodes):
        self.nanos = time.perf_counter_ns() - self.start
        self.ok = bool(ok)
        self.done.set()


def put(opendht, node, key, data):
    op = Op()
    node.put(opendht.InfoHash.get(key), opendht.Value(data), op.on_done)
    return op


def get(opendht, node, key):
    op = Op()
    node.get(opendht.InfoHash.get(key), op.on_value, op.on_done)
    return op


def cancel_listen(node, token):
    """Cancels a listen, working around a bug of the bindings: ListenToken keeps its callback in a
    dict shared by every token, so each cancelListen drops a reference to the callback of the
    latest listen, not its own, which crashes the process once that callback is freed. One extra
    reference before each cancel balances it; the cancelled callbacks then leak (a few bytes)."""
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(token._cb["cb"]))
    node.cancelListen(token)


class Budget:
    """The time left for one network size; remembers which phases it cut short."""

    def __init__(self, seconds):
        self.deadline = time.monotonic() + seconds
        self.cut_short = []

    def allows(self, phase):
        """True if an operation of phase may still start; else notes the phase as cut short."""
        if time.monotonic() < self.deadline:
            return True
        if phase not in self.cut_short:
            self.cut_short.append(phase)
        return False


def wait(op):
    """Waits for op; True if it finished in time and succeeded."""
    return op.done.wait(OP_TIMEOUT_S) and op.ok


def listen_round(opendht, nodes, rnd, key, listeners, budget, phase):
    """Subscribes `listeners` nodes spread over `nodes` to `key`, makes LISTEN_PUTS puts to it from
    random nodes LISTEN_GAP_S apart (none once the budget refuses `phase`), waits for the deliveries
    (at most OP_TIMEOUT_S), cancels the listens; returns (deliveries expected, each delivery's latency in ns from the put's call)."""
    n = len(nodes)
    started, seen, listen_nanos, lock = {}, set(), [], threading.Lock()
    tokens = []
    h = opendht.InfoHash.get(key)

    def listener(index):
        def on_value(value, expired):
            now = time.perf_counter_ns()
            data = bytes(value.data)
            with lock:
                if not expired and data in started and (index, data) not in seen:
                    seen.add((index, data))
                    listen_nanos.append(now - started[data])
            return True
        return on_value

    for l in range(listeners):
        node = nodes[l * n // listeners]
        tokens.append((node, node.listen(h, listener(l))))
    time.sleep(LISTEN_SETTLE_S)
    listen_ok = 0
    for i in range(LISTEN_PUTS):
        if not budget.allows(phase):
            break
        data = f"{key}-{i}".encode()
        with lock:
            started[data] = time.perf_counter_ns()
        listen_ok += wait(put(opendht, nodes[rnd.randrange(n)], key, data))
        time.sleep(LISTEN_GAP_S)
    expected = listen_ok * listeners
    deadline = time.monotonic() + OP_TIMEOUT_S
    while len(listen_nanos) < expected and time.monotonic() < deadline:
        time.sleep(0.01)
    for node, token in tokens:
        cancel_listen(node, token)
    with lock:
        return expected, list(listen_nanos)


def run_size(n, args):
    import opendht
    rnd = random.Random(n)
    budget = Budget(args.time_limit)
    baseline = rss_kib()
    config = opendht.DhtConfig()
    config.setRateLimit(-1, -1)  # no limit on requests per second, overall or per peer
    nodes = []
    try:
        t0 = time.monotonic()
        for i in range(n):
            node = opendht.DhtRunner()
            node.run(port=0, ipv4="127.0.0.1", config=config)
            if i > 0:
                node.bootstrap("127.0.0.1", str(nodes[0].getBound().getPort()))
            nodes.append(node)
            if i + 1 == n // 2:
                half = rss_kib()
        time.sleep(2.0)
        rss_all = rss_kib()
        settled = (rss_all - baseline) / n
        second_half = (rss_all - half) / (n - n // 2)
        log(f"{n} nodes started and bootstrapped in {time.monotonic() - t0:.1f} s;"
            f" {settled:.0f} KiB per node, {second_half:.0f} KiB per node of the second half")

        def other(i):
            return (i + 1 + rnd.randrange(n - 1)) % n

        # warm-up: puts and gets, unmeasured, so that routing tables fill
        t0 = time.monotonic()
        warm_failed = warmed = 0
        for i in range(args.warmup):
            if time.monotonic() - t0 > WARMUP_LIMIT_S or not budget.allows("warm-up"):
                break
            key = f"warmup-{i}"
            p = rnd.randrange(n)
            warm_failed += not wait(put(opendht, nodes[p], key, key.encode()))
            warm_failed += not wait(get(opendht, nodes[other(p)], key))
            warmed += 1
        if args.warmup > 0:  # and one round of puts to listeners of another key, as rdht's warm-up does
            listen_round(opendht, nodes, rnd, "warmup_listen", min(16, n - 1), budget, "warm-up")
        log(f"warm-up: {warmed} puts and gets and a round of puts to listeners in {time.monotonic() - t0:.1f} s,"
            f" {warm_failed} failed")
        warm = (rss_kib() - baseline) / n

        # 1. puts one at a time
        put_nanos, putters = [], []
        for i in range(args.ops):
            if not budget.allows("puts"):
                break
            key = f"key-{i}"
            p = rnd.randrange(n)
            op = put(opendht, nodes[p], key, key.encode())
            if wait(op):
                put_nanos.append(op.nanos)
            putters.append(p)
        log(f"puts: {len(put_nanos)}/{len(putters)} ok")

        # 2. a get of each from another node, checked for exactly the right value
        get_nanos, right, gets = [], 0, 0
        for i, p in enumerate(putters):
            if not budget.allows("gets"):
                break
            gets += 1
            key = f"key-{i}"
            op = get(opendht, nodes[other(p)], key)
            if wait(op):
                get_nanos.append(op.nanos)
                right += op.values == [key.encode()]
        log(f"gets: {right}/{gets} right")

        # 3. listeners, then puts to their key
        listeners = min(16, n - 1)
        expected, listen_nanos = listen_round(opendht, nodes, rnd, LISTEN_KEY, listeners, budget, "listen")
        delivered = len(listen_nanos)
        log(f"listen: {delivered}/{expected} delivered to {listeners} listeners")

        # 4. puts with `inflight` in flight for `seconds`, after `load_warmup` seconds of them unmeasured
        if args.load_warmup > 0:
            load_phase(opendht, nodes, rnd, args, args.load_warmup, "load-warmup-", budget, "load warm-up")
        load_ok, load_puts, load_seconds = load_phase(
            opendht, nodes, rnd, args, args.seconds, "load-", budget, "load")

        return {
            "system": "opendht", "nodes": n,
            "puts": len(putters), "puts_ok": len(put_nanos), **summary("put", put_nanos),
            "warmup": args.warmup, "warmed_up": warmed,
            "gets": gets, "gets_right": right, **summary("get", get_nanos),
            "listeners": listeners, "listen_expected": expected, "listen_delivered": delivered,
            "delivered_fraction": round(delivered / expected, 4) if expected else None,
            **summary("listen", listen_nanos),
            "load_warmup_s": args.load_warmup, "load_puts": load_puts, "load_puts_ok": load_ok,
            "puts_per_s": round(load_ok / load_seconds, 1) if load_seconds > 0 else 0.0,
            "kib_per_node": round(settled, 1), "kib_per_node_second_half": round(second_half, 1),
            "kib_per_node_after_warmup": round(warm, 1), "baseline_rss_kib": baseline,
            "time_limit_s": args.time_limit, "cut_short": budget.cut_short,
        }
    finally:
        stopped = []
        for node in nodes:
            ev = threading.Event()
            node.shutdown(ev.set)
            stopped.append(ev)
        for ev in stopped:
            ev.wait(5)
        for node in nodes:
            node.join()


def load_phase(opendht, nodes, rnd, args, seconds, prefix, budget, phase):
    """Puts of keys named `prefix`0, ... from random nodes with `inflight` in flight for `seconds`;
    returns the puts that succeeded, the puts made and the seconds they took."""
    slots = threading.Semaphore(args.inflight)
    ops = []
    t0 = time.perf_counter()
    end = t0 + seconds
    while time.perf_counter() < end and len(ops) < args.max_puts and budget.allows(phase):
        if not slots.acquire(timeout=OP_TIMEOUT_S):
            break
        op = Op()
        original = op.on_done

        def on_done(ok, nodes_, original=original):
            original(ok, nodes_)
            slots.release()
        key = f"{prefix}{len(ops)}"
        nodes[rnd.randrange(len(nodes))].put(opendht.InfoHash.get(key), opendht.Value(key.encode()), on_done)
        ops.append(op)
    drain_deadline = time.monotonic() + OP_TIMEOUT_S
    for op in ops:
        op.done.wait(max(0.0, drain_deadline - time.monotonic()))
    took = time.perf_counter() - t0
    ok = sum(op.ok for op in ops)
    log(f"{phase}: {ok}/{len(ops)} puts ok in {took:.1f} s")
    return ok, len(ops), took


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", default="32", help="network sizes, comma-separated (default 32)")
    ap.add_argument("--ops", type=int, default=200, help="puts then gets one at a time (default 200)")
    ap.add_argument("--warmup", type=int, default=1000, help="unmeasured puts and gets first (default 1000)")
    ap.add_argument("--seconds", type=int, default=10, help="duration of the load phase (default 10)")
    ap.add_argument("--inflight", type=int, default=64, help="puts in flight in the load phase (default 64)")
    ap.add_argument("--load-warmup", type=int, default=0,
                    help="seconds of load-phase puts just before it, not measured (default 0)")
    ap.add_argument("--max-puts", type=int, default=200_000, help="most puts of the load phase")
    ap.add_argument("--time-limit", type=int, default=600,
                    help="seconds a size may take before its phases stop starting operations (default 600)")
    ap.add_argument("--one-size", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    try:
        sizes = [int(s) for s in args.nodes.split(",") if s.strip()]
    except ValueError:
        ap.error(f"--nodes wants sizes like 8,32,128, not {args.nodes!r}")
    if not sizes or any(s < 2 or s > 1000 for s in sizes):
        ap.error("each size must be between 2 and 1000")
    if not (1 <= args.ops <= 100_000 and 0 <= args.warmup <= 100_000 and 1 <= args.seconds <= 600
            and 0 <= args.load_warmup <= 600
            and 1 <= args.inflight <= 10_000 and 10 <= args.time_limit <= 7200):
        ap.error("an option is out of range")

    if args.one_size:
        print(json.dumps(run_size(sizes[0], args)), flush=True)
        return 0

    try:
        import opendht  # noqa: F401  (checked here so that the error is clear)
    except ImportError:
        print("opendht_bench: cannot import opendht; install it with"
              " `apt-get install -y python3-opendht` (as root) and run with /usr/bin/python3", file=sys.stderr)
        return 2
    # stopped by SIGTERM, subprocess.run below kills the running child before this process exits
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    failed = 0
    passthrough = [f"--ops={args.ops}", f"--warmup={args.warmup}", f"--seconds={args.seconds}",
                   f"--inflight={args.inflight}", f"--load-warmup={args.load_warmup}", f"--max-puts={args.max_puts}",
                   f"--time-limit={args.time_limit}"]
    kill_after = args.time_limit + KILL_GRACE_S
    for n in sizes:
        log(f"--- {n} nodes ---")
        cmd = [sys.executable, os.path.abspath(__file__), "--one-size", f"--nodes={n}", *passthrough]
        try:
            child = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, timeout=kill_after)
        except subprocess.TimeoutExpired:
            log(f"{n} nodes: killed after {kill_after} s")
            failed += 1
            continue
        lines = child.stdout.strip().splitlines()
        if child.returncode != 0 or not lines:
            log(f"{n} nodes: failed (exit status {child.returncode})")
            failed += 1
            continue
        print(lines[-1], flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
