# shellcheck shell=bash
# Sourced by bin/rdht, bin/sensor and bin/monitor: runs a main class of rdht.jar, the one jar of
# the three commands, building it first if needed.
#
# On JDK 25 and newer a one-shot command starts from an AOT cache kept next to the jar (STACK.md:
# start-up roughly halved), recorded once by a training run (`rdht selftest`: two loopback nodes
# put and get a signed sensor reading) and again whenever the jar is newer than the cache.
#
# The JVM options come from bin/lib/jvm.options (and jvm-25.options on JDK 25+), java argument
# files the container image reuses: a small heap, the serial collector, unpooled Netty buffers
# (docs/FOOTPRINT.md). One-shot commands (`sensor` without --every, `rdht get|put|config|selftest`,
# --help, --version) also compile with C1 only, which halves their CPU time, and so does `sensor
# --every`, a device's one node that publishes now and then: 6-8 MiB less resident, its
# publications as quick. The console, `rdht node` and `monitor` keep C2, whose code does twice the
# work per CPU second of a busy node (a city's bootstrap, a storer of a followed key).
#
# The heap's ceiling is 384 MiB, or max-storage-mb + 128 MiB for a node that may store more for
# others (heap.sh): raising max-storage-mb, on the command line, in RDHT_MAX_STORAGE_MB or in
# rdht.toml, raises it.
#
# Environment: JAVA_HOME (a JDK 21 or newer, else the newest under /usr/lib/jvm), RDHT_AOT=off
# (neither record nor use the cache) or all (long-running commands too), RDHT_JAVA_OPTS (more JVM
# options, after the files': e.g. "-Xmx2g" sets the heap's ceiling), RDHT_JVM_OPTIONS=off (leave
# the files out: the JVM's own defaults), MALLOC_ARENA_MAX (glibc's malloc arenas; 2 unless set).

# shellcheck source=java.sh
source "${BASH_SOURCE[0]%/*}/java.sh"
# shellcheck source=heap.sh
source "${BASH_SOURCE[0]%/*}/heap.sh"

# Runs main class $1 of rdht.jar with the remaining arguments; does not return.
rdht_run_app() {
  local main="$1"
  shift
  rdht_find_java
  local jar="$RDHT_ROOT/apps/node/target/rdht.jar"
  local aot
  rdht_build_if_needed "$jar"

  local version
  version="$(rdht_java_version "$JAVA")"
  # the cache is recorded and used with the same options, or the JVM would refuse it
  local opts
  mapfile -t opts < <(rdht_jvm_options "$version" "$main" "$@")
  # glibc gives each thread that allocates an arena of its own (64 MiB reserved, some resident)
  export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
  # The cache maps every class the training run loaded (~35 MiB resident): worth it where start-up
  # is the point, not in a node that runs for days (18 MiB more resident, docs/FOOTPRINT.md). Every
  # command records the one-shot commands' cache when it is missing or stale, so that the first
  # one-shot command after a build does not wait for it.
  local cached=0 recorded=()
  case "${RDHT_AOT:-one-shot}" in
    off) ;;
    all) cached=1 recorded=("${opts[@]}") ;;
    *)
      rdht_is_one_shot "$main" "$@" && cached=1
      mapfile -t recorded < <(rdht_jvm_options "$version" io.rdht.node.Main selftest) ;;
  esac
  if ((${#recorded[@]})) && (( version >= 25 )); then
    aot="$(rdht_aot_path "${recorded[@]}")"
    if [[ ! -f "$aot" || "$jar" -nt "$aot" ]] && mkdir -p "$(dirname "$aot")" 2>/dev/null \
        && [[ -w "$(dirname "$aot")" ]]; then
      echo "rdht: recording a start-up cache for this JDK (once, a few seconds)..." >&2
      local tmp="$aot.$$.tmp"
      if "$JAVA" "${recorded[@]}" -XX:AOTCacheOutput="$tmp" -Xlog:aot*=off -Xlog:cds*=off \
          -cp "$jar" io.rdht.node.Main selftest >/dev/null 2>&1 && [[ -f "$tmp" ]]; then
        mv -f "$tmp" "$aot"
        # the caches of an older jar would never be used again (they are recorded anew)
        local old
        for old in "${aot%/*}"/rdht-*.aot; do
          if [[ "$old" != "$aot" && "$jar" -nt "$old" ]]; then
            rm -f "$old"
          fi
        done
      else
        rm -f "$tmp" "$tmp.config"
        echo "rdht: could not record the start-up cache; starting without it" >&2
      fi
    fi
    if ((cached)) && [[ -f "$aot" && ! "$jar" -nt "$aot" ]]; then
      opts+=(-XX:AOTCache="$aot" -Xlog:aot*=off -Xlog:cds*=off)
    fi
  fi
  exec "$JAVA" "${opts[@]}" -cp "$jar" "$main" "$@"
}

# Prints the JVM options for main class $2 (arguments $3...) on a JDK of version $1, one a line:
# the option files' (unless RDHT_JVM_OPTIONS=off), C1 only for a one-shot command or a sensor, a
# heap ceiling that holds a raised max-storage-mb (heap.sh), then RDHT_JAVA_OPTS's, so that these
# win.
rdht_jvm_options() {
  local version="$1" main="$2"
  shift 2
  local lib="${BASH_SOURCE[0]%/*}"
  if [[ "${RDHT_JVM_OPTIONS:-on}" == off ]]; then
    printf '%s\n' -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED
    (( version >= 24 )) && echo --sun-misc-unsafe-memory-access=allow
  else
    rdht_option_file "$lib/jvm.options"
    (( version >= 25 )) && rdht_option_file "$lib/jvm-25.options"
    rdht_compiles_with_c1_only "$main" "$@" && echo -XX:TieredStopAtLevel=1
    rdht_heap_option "$main" "$@"
  fi
  if [[ -n "${RDHT_JAVA_OPTS:-}" ]]; then
    local extra
    read -r -a extra <<<"$RDHT_JAVA_OPTS"
    printf '%s\n' "${extra[@]}"
  fi
  return 0
}

# Prints the options of java argument file $1, one a line, without comments and blank lines.
rdht_option_file() {
  local line
  while IFS= read -r line || [[ -n "$line" ]]; do
    line="${line%%#*}"
    line="${line#"${line%%[![:space:]]*}"}"
    line="${line%"${line##*[![:space:]]}"}"
    [[ -n "$line" ]] && printf '%s\n' "$line"
  done <"$1"
  return 0
}

# Succeeds when main class $1 with arguments $2... compiles with C1 only: a one-shot command or a
# sensor (the head of this file says why).
rdht_compiles_with_c1_only() {
  [[ "$1" == io.rdht.sensor.Sensor ]] || rdht_is_one_shot "$@"
}

# Succeeds when main class $1 with arguments $2... ends by itself within seconds: a sensor
# without --every, rdht's get, put, config and selftest, and any --help or --version.
rdht_is_one_shot() {
  local main="$1" arg
  shift
  for arg in "$@"; do
    case "$arg" in -h | --help | -V | --version) return 0 ;; esac
  done
  case "$main" in
    io.rdht.sensor.Sensor)
      for arg in "$@"; do
        [[ "$arg" == --every || "$arg" == --every=* ]] && return 1
      done
      return 0 ;;
    io.rdht.node.Main)
      # the subcommand may follow options with values (rdht -p 4242 get KEY); a wrong guess costs
      # only speed
      for arg in "$@"; do
        case "$arg" in
          get | put | config | selftest) return 0 ;;
          node | demo) return 1 ;;
        esac
      done
      return 1 ;;
  esac
  return 1
}

# Prints where the start-up cache for options $@ lives: next to the jar when that is writable,
# else under the user's cache directory; its name carries a checksum of the options, since a cache
# recorded with other options (another collector, another header size) would be refused.
rdht_aot_path() {
  local sum dir="$RDHT_ROOT/apps/node/target"
  read -r sum _ < <(printf '%s\n' "$@" | cksum)
  if [[ ! -w "$dir" ]]; then
    dir="${XDG_CACHE_HOME:-$HOME/.cache}/rdht"
  fi
  echo "$dir/rdht-$sum.aot"
}
