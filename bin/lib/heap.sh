# shellcheck shell=bash
# Sourced by bin/lib/app.sh: the heap ceiling of a node that stores for others, from its
# max-storage-mb, so that raising that limit (flag, RDHT_MAX_STORAGE_MB or rdht.toml) raises the
# heap with it.
#
# A node's stored values take at most max-storage-mb of heap (StorageLimits charges each value
# what it costs in memory); the rest of a node (its keys' bookkeeping, at most 65,536 keys of about
# 350 bytes; the values waiting for listeners, at most 64 MiB; listens, routing, buffers, garbage
# between collections) fits in 128 MiB more. So the ceiling is max-storage-mb + 128 MiB,
# and never below jvm.options' 384 MiB. The node itself refuses to start when its heap is too
# small for its max-storage-mb (a setting this file did not read, or RDHT_JAVA_OPTS lowering
# -Xmx), naming both ways out.

RDHT_HEAP_ROOM_MIB=128
RDHT_HEAP_FLOOR_MIB=384

# Prints -Xmx for main class $1 with arguments $2... when the command runs a node that stores
# for others (`rdht node`, the `rdht` console) with a max-storage-mb above what the floor holds;
# prints nothing otherwise.
rdht_heap_option() {
  local table
  table="$(rdht_storing_table "$@")" || return 0
  shift
  local mb
  mb="$(rdht_max_storage_mb "$table" "$@")"
  [[ "$mb" =~ ^[0-9]+$ ]] && (( mb >= 1 && mb <= 1048576 )) || return 0
  if (( mb + RDHT_HEAP_ROOM_MIB > RDHT_HEAP_FLOOR_MIB )); then
    echo "-Xmx$(( mb + RDHT_HEAP_ROOM_MIB ))m"
  fi
  return 0
}

# Prints the configuration table of main class $1 with arguments $2... when it stores for
# others: node for `rdht node`, rdht for the console; fails for any other command.
rdht_storing_table() {
  [[ "$1" == io.rdht.node.Main ]] || return 1
  shift
  local arg
  for arg in "$@"; do
    case "$arg" in
      node) echo node; return 0 ;;
      get | put | config | selftest | demo) return 1 ;;
    esac
  done
  echo rdht
}

# Prints the max-storage-mb that configuration table $1 would run with, given arguments $2...:
# the flag, else RDHT_MAX_STORAGE_MB, else the configuration file (the one --config names, else
# the user's, else /etc/rdht/rdht.toml), as the node itself reads them; nothing when none sets it.
rdht_max_storage_mb() {
  local table="$1" config="" value="" previous=""
  shift
  local arg
  for arg in "$@"; do
    case "$previous" in
      --max-storage-mb) value="$arg" ;;
      --config) config="$arg" ;;
    esac
    case "$arg" in
      --max-storage-mb=*) value="${arg#*=}" ;;
      --config=*) config="${arg#*=}" ;;
    esac
    previous="$arg"
  done
  if [[ -z "$value" ]]; then
    value="${RDHT_MAX_STORAGE_MB:-}"
  fi
  if [[ -z "$value" ]]; then
    if [[ -z "$config" ]]; then
      local user="${XDG_CONFIG_HOME:-$HOME/.config}/rdht/rdht.toml"
      if [[ -f "$user" ]]; then
        config="$user"
      elif [[ -f /etc/rdht/rdht.toml ]]; then
        config=/etc/rdht/rdht.toml
      fi
    fi
    [[ -n "$config" && -r "$config" ]] && value="$(rdht_toml_integer "$config" "$table" max-storage-mb)"
  fi
  echo "${value//_/}"
}

# Prints the integer of key $3 in table $2 of TOML file $1, written `key = 123` (the key may be
# quoted, the number may have underscores, a comment may follow); nothing when the table has no
# such line. Other ways TOML allows to write it (a dotted key, an inline table) are not read here.
rdht_toml_integer() {
  local file="$1" table="$2" key="$3" line current=""
  local table_line='^[[:space:]]*\[[[:space:]]*"?([A-Za-z0-9_-]+)"?[[:space:]]*\]'
  local key_line="^[[:space:]]*[\"']?${key}[\"']?[[:space:]]*=[[:space:]]*([0-9_]+)[[:space:]]*(#.*)?$"
  while IFS= read -r line || [[ -n "$line" ]]; do
    if [[ "$line" =~ $table_line ]]; then
      current="${BASH_REMATCH[1]}"
    elif [[ "$current" == "$table" && "$line" =~ $key_line ]]; then
      echo "${BASH_REMATCH[1]}"
      return 0
    fi
  done <"$file"
  return 0
}
