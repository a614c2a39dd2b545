# shellcheck shell=bash
# Sourced by bin/rdht, bin/sensor and bin/monitor: runs a main class of rdht.jar, the one jar of
# the three commands, building it first if needed.
#
# On JDK 25 and newer it starts from an AOT cache kept next to the jar (STACK.md: start-up
# roughly halved), recorded once by a training run (`rdht selftest`: two loopback nodes put and
# get) and again whenever the jar is newer than the cache.
#
# Environment: JAVA_HOME (a JDK 21 or newer, else the newest under /usr/lib/jvm), RDHT_AOT=off
# (neither record nor use the cache), RDHT_JAVA_OPTS (more JVM options).

# shellcheck source=java.sh
source "$(dirname "${BASH_SOURCE[0]}")/java.sh"

# Runs main class $1 of rdht.jar with the remaining arguments; does not return.
rdht_run_app() {
  local main="$1"
  shift
  rdht_find_java
  local jar="$RDHT_ROOT/apps/node/target/rdht.jar"
  local aot="$RDHT_ROOT/apps/node/target/rdht.aot"
  rdht_build_if_needed "$jar"

  local version
  version="$(rdht_java_version "$JAVA")"
  # Serial GC starts fastest and suits these small heaps; the cache is recorded and used with the
  # same options, or the JVM would refuse it.
  local opts=(-XX:+UseSerialGC --enable-native-access=ALL-UNNAMED)
  if (( version >= 24 )); then
    # protobuf (inside Tink) still uses sun.misc.Unsafe; JDK 24+ would warn on every start
    opts+=(--sun-misc-unsafe-memory-access=allow)
  fi
  if [[ -n "${RDHT_JAVA_OPTS:-}" ]]; then
    local extra
    read -r -a extra <<<"$RDHT_JAVA_OPTS"
    opts+=("${extra[@]}")
  fi
  if [[ "${RDHT_AOT:-on}" != off ]] && (( version >= 25 )); then
    if [[ ! -f "$aot" || "$jar" -nt "$aot" ]] && [[ -w "$(dirname "$aot")" ]]; then
      echo "rdht: recording a start-up cache for this JDK (once, a few seconds)..." >&2
      local tmp="$aot.$$.tmp"
      if "$JAVA" "${opts[@]}" -XX:AOTCacheOutput="$tmp" -Xlog:aot*=off -Xlog:cds*=off \
          -cp "$jar" io.rdht.node.Main selftest >/dev/null 2>&1 && [[ -f "$tmp" ]]; then
        mv -f "$tmp" "$aot"
      else
        rm -f "$tmp" "$tmp.config"
        echo "rdht: could not record the start-up cache; starting without it" >&2
      fi
    fi
    if [[ -f "$aot" && ! "$jar" -nt "$aot" ]]; then
      opts+=(-XX:AOTCache="$aot" -Xlog:aot*=off -Xlog:cds*=off)
    fi
  fi
  exec "$JAVA" "${opts[@]}" -cp "$jar" "$main" "$@"
}
