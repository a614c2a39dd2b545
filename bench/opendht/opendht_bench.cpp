// Runs rdht's cluster-benchmark workload on OpenDHT through its C++ API, for comparison.
//
// The counterpart of opendht_bench.py, whose docstring describes the workload and each figure:
// the same flags, phases and JSON line per network size, without the Python bindings, whose
// callbacks take the GIL and build Python objects on OpenDHT's thread before the clock stops.
// Here a callback only reads the clock and signals; the main thread does the rest.
// Differences from the Python client, both immaterial to the figures:
//  - node choices come from std::mt19937_64 seeded with N, not from Python's generator seeded
//    with N (node IDs are random on both sides, so no run repeats another's placement anyway);
//  - an operation's clock starts at the call, once its key is hashed and its value built.
//
// Build with bench/opendht/build-cpp. Usage:
//   opendht_bench [--nodes 8,32,128] [--ops 200] [--warmup 1000] [--seconds 10] [--inflight 64]
//                 [--load-warmup 0] [--max-puts 200000] [--time-limit 600]
// Each size runs in a fresh process of this program (its memory baseline is then clean), which
// prints the size's JSON line on stdout; progress goes to stderr. Exits 1 if a size fails.

#include <opendht/dhtrunner.h>
#include <opendht/infohash.h>
#include <opendht/value.h>

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using std::chrono::nanoseconds;
using std::chrono::seconds;

constexpr auto OP_TIMEOUT = seconds(10);          // longest an operation may take before it counts as failed
constexpr auto LISTEN_SETTLE = milliseconds(500);  // time for listens to reach their storers before the first put
constexpr size_t LISTEN_PUTS = 50;
constexpr auto LISTEN_GAP = milliseconds(50);
constexpr auto WARMUP_LIMIT = seconds(120);  // the warm-up stops after this long
constexpr auto KILL_GRACE = seconds(120);    // a child still running this long after its time limit is killed

constexpr const char* USAGE =
    "usage: opendht_bench [--nodes 8,32,128] [--ops 200] [--warmup 1000] [--seconds 10]"
    " [--inflight 64] [--load-warmup 0] [--max-puts 200000] [--time-limit 600]\n";

struct Args {
    std::vector<int> sizes;
    long ops = 200, warmup = 1000, seconds = 10, inflight = 64, max_puts = 200000, time_limit = 600;
    long load_warmup = 0;  // seconds of the load phase's puts made just before it, not measured
    bool one_size = false;  // run sizes[0] in this process (the parent's child)
};

__attribute__((format(printf, 1, 2))) void progress(const char* format, ...) {
    char hms[16];
    const std::time_t now = std::time(nullptr);
    std::strftime(hms, sizeof hms, "%H:%M:%S", std::localtime(&now));
    std::va_list args;
    va_start(args, format);
    std::fprintf(stderr, "[opendht-cpp %s] ", hms);
    std::vfprintf(stderr, format, args);
    std::fputc('\n', stderr);
    va_end(args);
}

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

long rss_kib() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    throw std::runtime_error("no VmRSS in /proc/self/status");
}

// Nearest-rank percentile of latencies, in milliseconds; none if there are no latencies.
std::optional<double> percentile_ms(std::vector<nanoseconds> latencies, int p) {
    if (latencies.empty())
        return std::nullopt;
    std::sort(latencies.begin(), latencies.end());
    const size_t rank = std::clamp<size_t>((latencies.size() * p + 99) / 100, 1, latencies.size());
    return latencies[rank - 1].count() / 1e6;
}

// One JSON object on one line, its fields in the order they are added.
class JsonLine {
public:
    JsonLine& add(const char* name, long long value) { return raw(name, std::to_string(value)); }
    // Strings are our own identifiers, with nothing to escape.
    JsonLine& add(const char* name, const char* text) { return raw(name, quote(text)); }
    // A number with `decimals` decimals, rounded like Python's round(), or null; fixed decimals
    // (1.0000 where Python writes 1.0) read back as the same number.
    JsonLine& add(const char* name, std::optional<double> value, int decimals) {
        if (!value)
            return raw(name, "null");
        char text[64];
        std::snprintf(text, sizeof text, "%.*f", decimals, *value);
        return raw(name, text);
    }
    JsonLine& add(const char* name, const std::vector<std::string>& texts) {
        std::string list;
        for (const auto& text : texts)
            list += (list.empty() ? "" : ", ") + quote(text);
        return raw(name, "[" + list + "]");
    }
    // prefix_p50_ms, prefix_p95_ms and prefix_p99_ms, as the Python client's summary().
    JsonLine& add_latencies(const std::string& prefix, const std::vector<nanoseconds>& latencies) {
        for (int p : {50, 95, 99})
            add((prefix + "_p" + std::to_string(p) + "_ms").c_str(), percentile_ms(latencies, p), 3);
        return *this;
    }
    std::string str() const { return "{" + body_ + "}"; }

private:
    static std::string quote(const std::string& text) { return '"' + text + '"'; }
    JsonLine& raw(const char* name, const std::string& value) {
        body_ += (body_.empty() ? "" : ", ") + quote(name) + ": " + value;
        return *this;
    }
    std::string body_;
};

// The time left for one network size; remembers which phases it cut short.
class Budget {
public:
    explicit Budget(long limit_s) : deadline_(Clock::now() + seconds(limit_s)) {}
    // True if an operation of `phase` may still start; else notes the phase as cut short.
    bool allows(const std::string& phase) {
        if (Clock::now() < deadline_)
            return true;
        if (std::find(cut_short_.begin(), cut_short_.end(), phase) == cut_short_.end())
            cut_short_.push_back(phase);
        return false;
    }
    const std::vector<std::string>& cut_short() const { return cut_short_; }

private:
    Clock::time_point deadline_;
    std::vector<std::string> cut_short_;
};

// Random node choices, seeded with the network size.
class Random {
public:
    explicit Random(size_t n) : n_(n), engine_(n) {}
    size_t any() { return below(n_); }
    size_t other_than(size_t node) { return (node + 1 + below(n_ - 1)) % n_; }

private:
    size_t below(size_t bound) { return std::uniform_int_distribution<size_t>(0, bound - 1)(engine_); }
    size_t n_;
    std::mt19937_64 engine_;
};

// N DhtRunners on 127.0.0.1, bootstrapped to the first; shut down gracefully when destroyed.
class Network {
public:
    Network() = default;
    Network(const Network&) = delete;
    Network& operator=(const Network&) = delete;
    ~Network() { shut_down(); }

    // Starts one more node, with OpenDHT's request rate limiter off, as the Python client does.
    void add() {
        dht::DhtRunner::Config config;  // threaded, like the bindings' DhtConfig
        config.dht_config.node_config.max_req_per_sec = -1;       // no limit overall
        config.dht_config.node_config.max_peer_req_per_sec = -1;  // nor per peer
        auto node = std::make_unique<dht::DhtRunner>();
        // what the bindings' run(port=0, ipv4="127.0.0.1") calls: IPv4 on loopback only
        node->run("127.0.0.1", "", "0", config);
        if (!nodes_.empty())
            node->bootstrap("127.0.0.1", std::to_string(nodes_.front()->getBoundPort()));
        nodes_.push_back(std::move(node));
    }
    size_t size() const { return nodes_.size(); }
    dht::DhtRunner& operator[](size_t i) { return *nodes_[i]; }

private:
    // Asks every node to shut down, waits at most 5 s for each (as the Python client does), then
    // joins them: no callback runs after this.
    void shut_down() {
        std::vector<std::future<void>> stopped;
        for (auto& node : nodes_) {
            auto done = std::make_shared<std::promise<void>>();
            stopped.push_back(done->get_future());
            node->shutdown([done] { done->set_value(); });
        }
        for (auto& s : stopped)
            s.wait_for(seconds(5));
        for (auto& node : nodes_)
            node->join();
    }
    std::vector<std::unique_ptr<dht::DhtRunner>> nodes_;
};

std::shared_ptr<dht::Value> value_of(const std::string& data) {
    return std::make_shared<dht::Value>(reinterpret_cast<const uint8_t*>(data.data()), data.size());
}

std::string_view data_of(const dht::Value& value) {
    return {reinterpret_cast<const char*>(value.data.data()), value.data.size()};
}

// One put or get: how long until its done callback, whether it succeeded, what a get found.
// Shared with OpenDHT's callbacks, which may still come after the main thread gave up on it.
struct Op {
    Clock::time_point start;
    nanoseconds took{};
    bool ok = false;
    std::vector<std::shared_ptr<dht::Value>> values;
    std::promise<void> done;
    std::future<void> finished = done.get_future();

    // True if the operation finished within OP_TIMEOUT and succeeded.
    bool wait() { return finished.wait_for(OP_TIMEOUT) == std::future_status::ready && ok; }
    bool holds_exactly(std::string_view data) const {
        return values.size() == 1 && data_of(*values.front()) == data;
    }
};

dht::DoneCallback on_done(std::shared_ptr<Op> op) {
    return [op](bool ok, const std::vector<std::shared_ptr<dht::Node>>&) {
        op->took = Clock::now() - op->start;
        op->ok = ok;
        op->done.set_value();
    };
}

std::shared_ptr<Op> start_put(dht::DhtRunner& node, const std::string& key, const std::string& data) {
    auto op = std::make_shared<Op>();
    const auto hash = dht::InfoHash::get(key);
    auto value = value_of(data);
    op->start = Clock::now();
    node.put(hash, std::move(value), on_done(op));
    return op;
}

std::shared_ptr<Op> start_get(dht::DhtRunner& node, const std::string& key) {
    auto op = std::make_shared<Op>();
    const auto hash = dht::InfoHash::get(key);
    dht::GetCallback on_values = [op](const std::vector<std::shared_ptr<dht::Value>>& values) {
        op->values.insert(op->values.end(), values.begin(), values.end());
        return true;
    };
    op->start = Clock::now();
    node.get(hash, std::move(on_values), on_done(op));
    return op;
}

std::string listen_data(const std::string& key, size_t put) { return key + "-" + std::to_string(put); }

// When each listener of a round first saw each of the round's puts, written by OpenDHT's threads.
struct Deliveries {
    Deliveries(const std::string& key, size_t listeners) : arrivals(listeners * LISTEN_PUTS) {
        for (size_t i = 0; i < LISTEN_PUTS; i++)
            put_of.emplace(listen_data(key, i), i);
    }
    std::map<std::string, size_t, std::less<>> put_of;  // a put's data -> its index; read-only once listening
    // [listener * LISTEN_PUTS + put]: the steady clock's count at the first arrival, 0 (as vector
    // value-initialises it) while none came; the steady clock never reads 0 after boot.
    std::vector<std::atomic<Clock::rep>> arrivals;
    std::atomic<size_t> count{0};  // arrivals noted
};

dht::ValueCallback on_delivery(std::shared_ptr<Deliveries> deliveries, size_t listener) {
    return [deliveries, listener](const std::vector<std::shared_ptr<dht::Value>>& values, bool expired) {
        const Clock::rep now = Clock::now().time_since_epoch().count();
        if (expired)
            return true;
        for (const auto& value : values) {
            const auto put = deliveries->put_of.find(data_of(*value));
            Clock::rep none = 0;
            if (put != deliveries->put_of.end()
                && deliveries->arrivals[listener * LISTEN_PUTS + put->second].compare_exchange_strong(none, now))
                deliveries->count++;
        }
        return true;
    };
}

struct ListenRound {
    long expected = 0;                 // successful puts x listeners
    std::vector<nanoseconds> latencies;  // from a put's call to a listener's callback, one per delivery
};

// Subscribes `listeners` nodes spread over the network to `key`, makes LISTEN_PUTS puts to it from
// random nodes LISTEN_GAP apart (none once the budget refuses `phase`), waits for the deliveries
// (at most OP_TIMEOUT), then cancels the listens.
ListenRound listen_round(Network& net, Random& rnd, const std::string& key, size_t listeners, Budget& budget,
                         const char* phase) {
    const size_t n = net.size();
    const auto hash = dht::InfoHash::get(key);
    auto deliveries = std::make_shared<Deliveries>(key, listeners);
    std::vector<std::shared_future<size_t>> tokens;
    for (size_t l = 0; l < listeners; l++)
        tokens.push_back(net[l * n / listeners].listen(hash, on_delivery(deliveries, l)).share());
    std::this_thread::sleep_for(LISTEN_SETTLE);

    std::vector<Clock::time_point> started;  // each put's call
    long puts_ok = 0;
    for (size_t i = 0; i < LISTEN_PUTS && budget.allows(phase); i++) {
        auto op = start_put(net[rnd.any()], key, listen_data(key, i));
        started.push_back(op->start);
        puts_ok += op->wait();
        std::this_thread::sleep_for(LISTEN_GAP);
    }
    ListenRound round;
    round.expected = puts_ok * static_cast<long>(listeners);
    const auto deadline = Clock::now() + OP_TIMEOUT;
    while (deliveries->count < static_cast<size_t>(round.expected) && Clock::now() < deadline)
        std::this_thread::sleep_for(milliseconds(10));
    for (size_t l = 0; l < listeners; l++)
        net[l * n / listeners].cancelListen(hash, tokens[l]);

    for (size_t l = 0; l < listeners; l++)
        for (size_t i = 0; i < started.size(); i++)
            if (const Clock::rep at = deliveries->arrivals[l * LISTEN_PUTS + i])
                round.latencies.push_back(Clock::time_point(Clock::duration(at)) - started[i]);
    return round;
}

// Unmeasured puts and gets, so that routing tables fill, then a round of puts to listeners of
// another key, as rdht's warm-up does; returns how many puts and gets it made.
long warm_up(Network& net, Random& rnd, long count, Budget& budget) {
    const auto start = Clock::now();
    long made = 0, failed = 0;
    for (; made < count; made++) {
        if (Clock::now() - start > WARMUP_LIMIT || !budget.allows("warm-up"))
            break;
        const std::string key = "warmup-" + std::to_string(made);
        const size_t putter = rnd.any();
        failed += !start_put(net[putter], key, key)->wait();
        failed += !start_get(net[rnd.other_than(putter)], key)->wait();
    }
    if (count > 0)
        listen_round(net, rnd, "warmup_listen", std::min<size_t>(16, net.size() - 1), budget, "warm-up");
    progress("warm-up: %ld puts and gets and a round of puts to listeners in %.1f s, %ld failed", made,
             seconds_since(start), failed);
    return made;
}

struct Puts {
    std::vector<size_t> putters;  // the node that made each put
    std::vector<nanoseconds> latencies;  // of the successful ones
};

Puts put_one_at_a_time(Network& net, Random& rnd, long ops, Budget& budget) {
    Puts puts;
    for (long i = 0; i < ops && budget.allows("puts"); i++) {
        const std::string key = "key-" + std::to_string(i);
        const size_t putter = rnd.any();
        auto op = start_put(net[putter], key, key);
        if (op->wait())
            puts.latencies.push_back(op->took);
        puts.putters.push_back(putter);
    }
    progress("puts: %zu/%zu ok", puts.latencies.size(), puts.putters.size());
    return puts;
}

struct Gets {
    long made = 0, right = 0;
    std::vector<nanoseconds> latencies;  // of the successful ones
};

// A get of each put's key from another node than its putter, checked for exactly the right value.
Gets get_each(Network& net, Random& rnd, const std::vector<size_t>& putters, Budget& budget) {
    Gets gets;
    for (size_t i = 0; i < putters.size() && budget.allows("gets"); i++) {
        gets.made++;
        const std::string key = "key-" + std::to_string(i);
        auto op = start_get(net[rnd.other_than(putters[i])], key);
        if (op->wait()) {
            gets.latencies.push_back(op->took);
            gets.right += op->holds_exactly(key);
        }
    }
    progress("gets: %ld/%ld right", gets.right, gets.made);
    return gets;
}

// At most `limit` operations in flight; counts the successful ones.
class Window {
public:
    explicit Window(long limit) : limit_(limit), free_(limit) {}
    // Takes a slot, waiting at most `timeout` for one; false if none came free.
    bool enter(Clock::duration timeout) {
        std::unique_lock<std::mutex> lock(mutex_);
        if (!changed_.wait_for(lock, timeout, [this] { return free_ > 0; }))
            return false;
        free_--;
        return true;
    }
    void leave(bool ok) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            free_++;
            ok_ += ok;
        }
        changed_.notify_one();
    }
    // Waits until no operation is in flight or the deadline passes; returns the successes by then.
    long drain(Clock::time_point deadline) {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait_until(lock, deadline, [this] { return free_ == limit_; });
        return ok_;
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    const long limit_;
    long free_, ok_ = 0;
};

struct Load {
    long puts = 0, ok = 0;
    double seconds = 0;  // from the first put to the last one's end (or OP_TIMEOUT after the loop)
};

// Puts of distinct keys named `prefix`0, ... from random nodes with `inflight` in flight for
// `duration` (at most `max_puts` of them), as long as the budget allows `phase`.
Load load(Network& net, Random& rnd, const Args& args, long duration, const std::string& prefix, Budget& budget,
          const char* phase) {
    auto window = std::make_shared<Window>(args.inflight);
    const dht::DoneCallback done = [window](bool ok, const std::vector<std::shared_ptr<dht::Node>>&) {
        window->leave(ok);
    };
    Load load;
    const auto start = Clock::now(), end = start + seconds(duration);
    while (Clock::now() < end && load.puts < args.max_puts && budget.allows(phase)
           && window->enter(OP_TIMEOUT)) {
        const std::string key = prefix + std::to_string(load.puts++);
        net[rnd.any()].put(dht::InfoHash::get(key), value_of(key), done);
    }
    load.ok = window->drain(Clock::now() + OP_TIMEOUT);
    load.seconds = seconds_since(start);
    progress("%s: %ld/%ld puts ok in %.1f s", phase, load.ok, load.puts, load.seconds);
    return load;
}

// Runs the workload on n nodes; returns its JSON line, once the nodes are shut down.
std::string run_size(size_t n, const Args& args) {
    Random rnd(n);
    Budget budget(args.time_limit);
    const long baseline = rss_kib();
    Network net;
    const auto start = Clock::now();
    long half = 0;
    for (size_t i = 0; i < n; i++) {
        net.add();
        if (i + 1 == n / 2)
            half = rss_kib();
    }
    std::this_thread::sleep_for(seconds(2));
    const long all = rss_kib();
    const double settled = double(all - baseline) / n, second_half = double(all - half) / (n - n / 2);
    progress("%zu nodes started and bootstrapped in %.1f s; %.0f KiB per node, %.0f KiB per node of the second half",
             n, seconds_since(start), settled, second_half);

    const long warmed = warm_up(net, rnd, args.warmup, budget);
    const double after_warmup = double(rss_kib() - baseline) / n;
    const Puts puts = put_one_at_a_time(net, rnd, args.ops, budget);
    const Gets gets = get_each(net, rnd, puts.putters, budget);
    const size_t listeners = std::min<size_t>(16, n - 1);
    const ListenRound listen = listen_round(net, rnd, "pollution_level", listeners, budget, "listen");
    const long delivered = static_cast<long>(listen.latencies.size());
    progress("listen: %ld/%ld delivered to %zu listeners", delivered, listen.expected, listeners);
    if (args.load_warmup > 0)
        load(net, rnd, args, args.load_warmup, "load-warmup-", budget, "load warm-up");
    const Load loaded = load(net, rnd, args, args.seconds, "load-", budget, "load");

    JsonLine json;
    json.add("system", "opendht").add("nodes", n)
        .add("puts", puts.putters.size()).add("puts_ok", puts.latencies.size()).add_latencies("put", puts.latencies)
        .add("warmup", args.warmup).add("warmed_up", warmed).add("load_warmup_s", args.load_warmup)
        .add("gets", gets.made).add("gets_right", gets.right).add_latencies("get", gets.latencies)
        .add("listeners", listeners).add("listen_expected", listen.expected).add("listen_delivered", delivered)
        .add("delivered_fraction",
             listen.expected ? std::optional<double>(double(delivered) / listen.expected) : std::nullopt, 4)
        .add_latencies("listen", listen.latencies)
        .add("load_puts", loaded.puts).add("load_puts_ok", loaded.ok)
        .add("puts_per_s", loaded.seconds > 0 ? loaded.ok / loaded.seconds : 0.0, 1)
        .add("kib_per_node", settled, 1).add("kib_per_node_second_half", second_half, 1)
        .add("kib_per_node_after_warmup", after_warmup, 1).add("baseline_rss_kib", baseline)
        .add("time_limit_s", args.time_limit).add("cut_short", budget.cut_short());
    return json.str();
}

// Runs one size in a fresh process of this program, which prints the size's JSON line itself;
// kills it if it still runs KILL_GRACE after its time limit. True if it succeeded.
bool run_child(int n, const Args& args) {
    std::vector<std::string> words = {
        "opendht_bench", "--one-size", "--nodes=" + std::to_string(n), "--ops=" + std::to_string(args.ops),
        "--warmup=" + std::to_string(args.warmup), "--seconds=" + std::to_string(args.seconds),
        "--inflight=" + std::to_string(args.inflight), "--load-warmup=" + std::to_string(args.load_warmup),
        "--max-puts=" + std::to_string(args.max_puts),
        "--time-limit=" + std::to_string(args.time_limit)};
    std::vector<char*> argv;
    for (auto& word : words)
        argv.push_back(word.data());
    argv.push_back(nullptr);

    const pid_t parent = getpid();
    std::fflush(nullptr);
    const pid_t child = fork();
    if (child < 0)
        throw std::system_error(errno, std::generic_category(), "fork");
    if (child == 0) {
        // the child dies with this process, e.g. when `timeout` stops it
        if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
            _exit(127);
        execv("/proc/self/exe", argv.data());
        _exit(127);
    }
    const auto deadline = Clock::now() + seconds(args.time_limit) + KILL_GRACE;
    int status = 0;
    pid_t reaped;
    while ((reaped = waitpid(child, &status, WNOHANG)) == 0) {
        if (Clock::now() > deadline) {
            kill(child, SIGKILL);
            waitpid(child, &status, 0);
            progress("%d nodes: killed after %ld s", n, args.time_limit + long(KILL_GRACE.count()));
            return false;
        }
        std::this_thread::sleep_for(milliseconds(100));
    }
    if (reaped == child && WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return true;
    if (reaped == child && WIFSIGNALED(status))
        progress("%d nodes: failed (killed by signal %d)", n, WTERMSIG(status));
    else
        progress("%d nodes: failed (exit status %d)", n, reaped == child ? WEXITSTATUS(status) : -1);
    return false;
}

[[noreturn]] void usage_error(const std::string& message) {
    std::fprintf(stderr, "opendht_bench: %s\n%s", message.c_str(), USAGE);
    std::exit(2);
}

// The whole of `text` as a number; none if it is empty, has other characters or is out of range.
std::optional<long> whole_number(const std::string& text) {
    size_t used = 0;
    long value = 0;
    try {
        value = std::stol(text, &used);
    } catch (const std::logic_error&) {  // std::invalid_argument or std::out_of_range
        return std::nullopt;
    }
    if (used != text.size())
        return std::nullopt;
    return value;
}

long number(const std::string& flag, const std::string& text) {
    const auto value = whole_number(text);
    if (!value)
        usage_error(flag + " wants a number, not '" + text + "'");
    return *value;
}

std::vector<int> sizes_of(const std::string& text) {
    std::vector<int> sizes;
    std::istringstream in(text);
    for (std::string part; std::getline(in, part, ',');) {
        if (part.find_first_not_of(' ') == std::string::npos)
            continue;
        const auto size = whole_number(part);
        if (!size || *size != static_cast<int>(*size))
            usage_error("--nodes wants sizes like 8,32,128, not '" + text + "'");
        sizes.push_back(static_cast<int>(*size));
    }
    return sizes;
}

// Flags as the Python client's: --name value or --name=value.
Args parse(int argc, char** argv) {
    Args args;
    std::string nodes = "32";
    const std::map<std::string, long*> numbers = {
        {"--ops", &args.ops}, {"--warmup", &args.warmup}, {"--seconds", &args.seconds},
        {"--inflight", &args.inflight}, {"--load-warmup", &args.load_warmup}, {"--max-puts", &args.max_puts},
        {"--time-limit", &args.time_limit}};
    for (int i = 1; i < argc; i++) {
        std::string flag = argv[i];
        if (flag == "-h" || flag == "--help") {
            std::fputs(USAGE, stdout);
            std::exit(0);
        }
        if (flag == "--one-size") {
            args.one_size = true;
            continue;
        }
        std::optional<std::string> value;
        if (const size_t eq = flag.find('='); eq != std::string::npos) {
            value = flag.substr(eq + 1);
            flag.resize(eq);
        }
        const auto target = numbers.find(flag);
        if (flag != "--nodes" && target == numbers.end())
            usage_error("unknown argument " + flag);
        if (!value && i + 1 == argc)
            usage_error(flag + " needs a value");
        if (!value)
            value = argv[++i];
        if (flag == "--nodes")
            nodes = *value;
        else
            *target->second = number(flag, *value);
    }
    args.sizes = sizes_of(nodes);
    if (args.sizes.empty()
        || std::any_of(args.sizes.begin(), args.sizes.end(), [](int n) { return n < 2 || n > 1000; }))
        usage_error("each size must be between 2 and 1000");
    if (!(1 <= args.ops && args.ops <= 100000 && 0 <= args.warmup && args.warmup <= 100000 && 1 <= args.seconds
          && args.seconds <= 600 && 0 <= args.load_warmup && args.load_warmup <= 600
          && 1 <= args.inflight && args.inflight <= 10000 && 10 <= args.time_limit
          && args.time_limit <= 7200))
        usage_error("an option is out of range");
    return args;
}

}  // namespace

int main(int argc, char** argv) {
    const Args args = parse(argc, argv);
    if (args.one_size) {
        try {
            const std::string line = run_size(args.sizes.front(), args);
            std::printf("%s\n", line.c_str());
            return std::fflush(stdout) == 0 ? 0 : 1;
        } catch (const std::exception& e) {
            progress("%d nodes: %s", args.sizes.front(), e.what());
            return 1;
        }
    }
    int failed = 0;
    for (int n : args.sizes) {
        progress("--- %d nodes ---", n);
        failed += !run_child(n, args);
    }
    return failed ? 1 : 0;
}
