# shellcheck shell=bash
# Sourced by rdht's scripts: finds a JDK 21 or newer, and builds the project when it is out of date.
#
#   source "$(dirname "${BASH_SOURCE[0]}")/lib/java.sh"
#   rdht_find_java                      # sets and exports JAVA and JAVA_HOME, or exits 1
#   rdht_build_if_needed path/to/a.jar  # runs ./mvnw package if the jar is missing or stale

RDHT_ROOT="$(cd "${BASH_SOURCE[0]%/*}/../.." && pwd)"
RDHT_MIN_JAVA=21

# Prints the feature version (17, 21, 25...) of the java command $1, or 0 if it does not run.
# Reads the JDK's release file when there is one (running java -version costs ~50 ms a call).
rdht_java_version() {
  local java="$1" version="" line
  # bash builtins where they do the job: every command runs this for each JDK it looks at, and a
  # process costs milliseconds; only a java that is itself a link (/usr/bin/java) needs readlink
  [[ -L "$java" ]] && java="$(readlink -f "$java" 2>/dev/null || echo "$java")"
  local release="${java%/bin/java}/release"
  if [[ "$java" == */bin/java && -f "$release" ]]; then
    while IFS= read -r line; do
      if [[ "$line" =~ ^JAVA_VERSION=\"([0-9][0-9.]*) ]]; then
        version="${BASH_REMATCH[1]}"
        break
      fi
    done <"$release"
  fi
  if [[ -z "$version" ]]; then
    # the line reads e.g. 'openjdk version "25.0.1" 2025-10-21', or '"1.8.0_202"' before Java 9;
    # JAVA_TOOL_OPTIONS may print a line before it
    version="$("$1" -version 2>&1 | sed -n 's/.* version "\([0-9][0-9.]*\).*/\1/p' | head -n 1)"
  fi
  version="${version#1.}"
  version="${version%%.*}"
  echo "${version:-0}"
}

# Sets JAVA to a java of version 21 or newer: $JAVA_HOME's, else the newest under /usr/lib/jvm,
# else the one on the PATH; exports it and the matching JAVA_HOME (for ./mvnw). Exits 1 if none.
rdht_find_java() {
  local candidate version best="" best_version=0 resolved
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] \
      && (( $(rdht_java_version "$JAVA_HOME/bin/java") >= RDHT_MIN_JAVA )); then
    JAVA="$JAVA_HOME/bin/java"
  else
    for candidate in /usr/lib/jvm/*/bin/java; do
      [[ -x "$candidate" ]] || continue
      version="$(rdht_java_version "$candidate")"
      if (( version >= RDHT_MIN_JAVA && version > best_version )); then
        best="$candidate"
        best_version="$version"
      fi
    done
    if [[ -n "$best" ]]; then
      JAVA="$best"
      JAVA_HOME="${best%/bin/java}"
    elif command -v java >/dev/null && (( $(rdht_java_version java) >= RDHT_MIN_JAVA )); then
      JAVA="$(command -v java)"
      resolved="$(readlink -f "$JAVA")"
      JAVA_HOME="${resolved%/bin/java}"
    else
      echo "rdht needs a JDK $RDHT_MIN_JAVA or newer (none found in JAVA_HOME, /usr/lib/jvm or PATH)" >&2
      exit 1
    fi
  fi
  export JAVA JAVA_HOME
}

# Builds and installs every module (tests skipped) when the jar $1 is missing or older than a
# pom.xml or a file under some src/main. Call rdht_find_java first. Launchers started together
# (bin/rdht demo and a bin/sensor, say) take turns: one builds, the others then find the jar fresh.
rdht_jar_is_stale() {
  [[ ! -f "$1" ]] || [[ -n "$(find "$RDHT_ROOT" \( -name .git -o -name target \) -prune \
      -o -type f \( -name pom.xml -o -path '*/src/main/*' \) -newer "$1" -print -quit)" ]]
}

rdht_build_if_needed() {
  local jar="$1"
  rdht_jar_is_stale "$jar" || return 0
  local lock="${TMPDIR:-/tmp}/rdht-build-$(id -u).lock"
  (
    flock 9
    if rdht_jar_is_stale "$jar"; then
      echo "rdht: building (./mvnw package, tests skipped)..." >&2
      (cd "$RDHT_ROOT" && ./mvnw -B -q -DskipTests package) || {
        echo "rdht: the build failed" >&2
        exit 1
      }
      # the jar plugin leaves an up-to-date jar alone, which would look stale to the next check
      touch "$jar"
    fi
  ) 9>"$lock" || exit 1
}
