#!/usr/bin/python3
"""OpenDHT's side of bin/bench-churn: the scenario of rdht's ChurnBenchmark on OpenDHT.

N `dhtnode -s` processes on 127.0.0.1 (node 0 first, the others joining through it) and a reader
node in this process (python3-opendht, rate limiter off); V values put; then a share of the
processes, node 0 among them, killed with SIGKILL at once; gets, puts and new listens timed one at
a time before the crash, after it, and after the killed nodes are restarted on their ports. Each
round is a get of the values put, in turn; every 4th round also a put of a new key, every 8th a
new listen on a stored key; a round starts at most every 250 ms. Every phase is bounded in rounds
and in time (30 s; 60 s after the crash), the whole run by --max-seconds.

Prints one JSON object a line on stdout, with the fields of rdht's OpRecord (system, phase, kind,
seq, at, first_ms, done_ms, ok, storers, error) and two event lines (kill, restarted); progress on
stderr. The dhtnode processes are killed by their process ids when it ends, also on SIGINT or
SIGTERM, and each id is appended to WORK/pids as it starts.

Usage: churn_opendht.py --work DIR [--nodes 20] [--values 30] [--kill-share 40] [--gets 40]
                        [--max-seconds 240]
"""
import argparse
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from opendht_bench import cancel_listen  # noqa: E402  (the bindings' listen-cancel workaround)

OP_TIMEOUT_S = 15.0
ROUND_S = 0.25
PHASE_LIMIT_S = 30.0
CRASH_PHASE_LIMIT_S = 60.0
NODE_START_S = 20.0
WARMUP = 100                 # puts and gets before measuring, unrecorded, as rdht's side
SEED = 10
START = time.monotonic()


def log(msg):
    print(f"[opendht {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def seconds():
    return round(time.monotonic() - START, 3)


def free_udp_port():
    """A UDP port free on every address now (dhtnode binds 0.0.0.0 and ::)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("0.0.0.0", 0))
        return s.getsockname()[1]


def udp_port_bound(port):
    """True if some socket is bound to UDP port `port` (IPv4), from /proc/net/udp."""
    with open("/proc/net/udp") as f:
        next(f)
        return any(int(line.split()[1].split(":")[1], 16) == port for line in f)


class DhtNodes:
    """The dhtnode processes: started, killed with SIGKILL and restarted on their ports by process id."""

    def __init__(self, work):
        self.work = work
        self.procs = []
        self.ports = []

    def _launch(self, port, bootstrap):
        args = ["dhtnode", "-s", "-p", str(port)] + (["-b", bootstrap] if bootstrap else [])
        out = open(os.path.join(self.work, f"dhtnode-{port}.log"), "ab")
        proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
        out.close()
        with open(os.path.join(self.work, "pids"), "a") as f:
            f.write(f"{proc.pid}\n")
        return proc

    def _await_bound(self, indexes):
        deadline = time.monotonic() + NODE_START_S
        for i in indexes:
            while not udp_port_bound(self.ports[i]):
                if self.procs[i].poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"dhtnode on port {self.ports[i]} did not start"
                                       f" (see {self.work}/dhtnode-{self.ports[i]}.log)")
                time.sleep(0.02)

    def start(self, n):
        for i in range(n):
            port = free_udp_port()
            self.ports.append(port)
            self.procs.append(self._launch(port, None if i == 0 else self.address(0)))
            if i == 0:
                self._await_bound([0])
        self._await_bound(range(n))

    def address(self, i):
        return f"127.0.0.1:{self.ports[i]}"

    def kill(self, indexes):
        for i in indexes:
            self.procs[i].send_signal(signal.SIGKILL)
        for i in indexes:
            self.procs[i].wait(10)

    def restart(self, indexes, bootstrap):
        for i in indexes:
            self.procs[i] = self._launch(self.ports[i], bootstrap)
        self._await_bound(indexes)

    def close(self):
        for p in self.procs:
            if p.poll() is None:
                p.send_signal(signal.SIGKILL)
        for p in self.procs:
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                log(f"dhtnode {p.pid} did not end after SIGKILL")


class Op:
    """One operation's timing: first value or event, completion, outcome."""

    def __init__(self):
        self.start = time.perf_counter_ns()
        self.first = None
        self.first_event = threading.Event()
        self.done = threading.Event()
        self.ok = False
        self.values = []
        self.storers = 0
        self.end = None

    def ms(self, t):
        return None if t is None else round((t - self.start) / 1e6, 3)

    def on_value(self, value, *_expired):
        if self.first is None:
            self.first = time.perf_counter_ns()
        self.values.append(bytes(value.data).decode("utf-8", "replace"))
        self.first_event.set()
        return True

    def on_done(self, ok, nodes):
        self.end = time.perf_counter_ns()
        self.ok = bool(ok)
        self.storers = len(nodes) if nodes is not None else 0
        self.done.set()


class Reader:
    """The reader: an OpenDHT node in this process that joins the network and times operations."""

    def __init__(self, opendht, bootstrap):
        self.dht = opendht
        config = opendht.DhtConfig()
        config.setRateLimit(-1, -1)
        self.node = opendht.DhtRunner()
        self.node.run(port=0, ipv4="127.0.0.1", config=config)
        host, port = bootstrap.split(":")
        self.node.bootstrap(host, port)

    def get(self, key, expected):
        op = Op()
        self.node.get(self.dht.InfoHash.get(key), op.on_value, op.on_done)
        if not op.done.wait(OP_TIMEOUT_S):
            return op.ms(op.first), None, op.values == [expected], 0, "timeout"
        # as for rdht: ok if exactly the value put came, even if the search then reported a failure
        right = op.values == [expected]
        note = "" if op.ok else "search failed"
        return op.ms(op.first), op.ms(op.end), right, 0, note if right else f"{note} found {op.values}".strip()

    def put(self, key, text):
        op = Op()
        self.node.put(self.dht.InfoHash.get(key), self.dht.Value(text.encode()), op.on_done)
        if not op.done.wait(OP_TIMEOUT_S):
            return None, None, False, 0, "timeout"
        return None, op.ms(op.end), op.ok, op.storers, "" if op.ok else "put failed"

    def listen(self, key, expected):
        op = Op()
        token = self.node.listen(self.dht.InfoHash.get(key), op.on_value)
        seen = op.first_event.wait(OP_TIMEOUT_S)
        cancel_listen(self.node, token)
        right = seen and op.values[:1] == [expected]
        return op.ms(op.first), None, right, 0, "" if right else ("timeout" if not seen else f"first {op.values[:1]}")

    def close(self):
        ev = threading.Event()
        self.node.shutdown(ev.set)
        ev.wait(5)
        self.node.join()


def emit(phase, kind, seq, at, result):
    first, done, ok, storers, error = result
    print(json.dumps({"system": "opendht", "phase": phase, "kind": kind, "seq": seq, "at": at,
                      "first_ms": first, "done_ms": done, "ok": ok, "storers": storers, "error": error}),
          flush=True)


def measure(phase, kind, seq, operation):
    at = seconds()
    emit(phase, kind, seq, at, operation())


def rounds(reader, phase, count, values, deadline, limit=PHASE_LIMIT_S):
    phase_end = min(deadline, time.monotonic() + limit)
    puts = listens = done = 0
    for i in range(count):
        if time.monotonic() >= phase_end:
            break
        done += 1
        start = time.monotonic()
        v = i % values
        measure(phase, "get", i, lambda: reader.get(f"churn-{v}", f"value-{v}"))
        if i % 4 == 3:
            key = f"{phase}-put-{puts}"
            measure(phase, "put", puts, lambda: reader.put(key, key))
            puts += 1
        if i % 8 == 7:
            w = (i // 8) % values
            measure(phase, "listen", listens, lambda: reader.listen(f"churn-{w}", f"value-{w}"))
            listens += 1
        pause = start + ROUND_S - time.monotonic()
        if pause > 0:
            time.sleep(pause)
    log(f"{phase}: {done} of {count} rounds" + (", cut short by the time limit" if done < count else ""))


def event(name):
    print(json.dumps({"system": "opendht", "event": name, "at": seconds()}), flush=True)


def run(args, nodes):
    import opendht
    deadline = START + args.max_seconds
    log(f"starting {args.nodes} dhtnode processes")
    nodes.start(args.nodes)
    log(f"started; the reader joins through node 0 at {nodes.address(0)}")
    reader = Reader(opendht, nodes.address(0))
    try:
        for i in range(WARMUP):
            reader.put(f"warmup-{i}", f"warmup-{i}")
            reader.get(f"warmup-{i}", f"warmup-{i}")
        for i in range(args.values):
            measure("before", "put", i, lambda: reader.put(f"churn-{i}", f"value-{i}"))
        rounds(reader, "before", args.gets, args.values, deadline)

        count = min(max(1, round(args.nodes * args.kill_share / 100)), args.nodes - 1)
        killed = [0] + random.Random(SEED).sample(range(1, args.nodes), count - 1)
        log(f"killing {len(killed)} of {args.nodes} nodes with SIGKILL: {killed}")
        event("kill")
        nodes.kill(killed)
        rounds(reader, "crash", 2 * args.gets, args.values, deadline, CRASH_PHASE_LIMIT_S)

        if time.monotonic() >= deadline:
            log(f"no time left for the restart (--max-seconds {args.max_seconds})")
            return
        survivor = min(set(range(args.nodes)) - set(killed))
        log(f"restarting the killed nodes on their ports, joining through node {survivor}")
        nodes.restart(killed, nodes.address(survivor))
        event("restarted")
        rounds(reader, "restart", args.gets, args.values, deadline)
    finally:
        reader.close()
    log("done")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", required=True, help="directory for the dhtnode logs and process ids")
    ap.add_argument("--nodes", type=int, default=20)
    ap.add_argument("--values", type=int, default=30)
    ap.add_argument("--kill-share", type=int, default=40, help="percent of the nodes killed")
    ap.add_argument("--gets", type=int, default=40)
    ap.add_argument("--max-seconds", type=int, default=240)
    args = ap.parse_args()
    if not (2 <= args.nodes <= 64 and 1 <= args.values <= 1000 and 1 <= args.kill_share <= 90
            and 1 <= args.gets <= 10_000 and 10 <= args.max_seconds <= 3600):
        ap.error("an option is out of range (see bin/bench-churn --help)")
    try:
        import opendht  # noqa: F401  (checked here so that the error is clear)
    except ImportError:
        print("churn_opendht: cannot import opendht; install python3-opendht and run with /usr/bin/python3",
              file=sys.stderr)
        return 2
    nodes = DhtNodes(args.work)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGINT, lambda *_: sys.exit(130))
    try:
        run(args, nodes)
    except RuntimeError as e:
        log(str(e))
        return 1
    finally:
        nodes.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
