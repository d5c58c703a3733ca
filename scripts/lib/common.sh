# Shared by scripts/setup, scripts/test, scripts/build and scripts/run:
# paths, caches and small helpers. Source it; it changes no state but the
# environment (and creates the cache folders).

UNKNOT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export UNKNOT_ROOT

# Debian packages the build and the tests need (scripts/setup installs the
# missing ones). Node.js is not among them: Debian 12's nodejs is 18, and
# Emscripten's loader and the web tooling need >= 20 (see require_node).
UNKNOT_APT_PACKAGES=(
  cmake ninja-build ccache g++ clang libclang-rt-14-dev clang-format
  libgtest-dev libgmock-dev libbenchmark-dev libsqlite3-dev
  nlohmann-json3-dev libboost-dev libssl-dev zlib1g-dev libsodium-dev
  emscripten chromium ca-certificates openssl
)
UNKNOT_NODE_MIN_MAJOR=20

if [[ -t 2 ]]; then
  log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
else
  log() { printf '==> %s\n' "$*" >&2; }
fi
warn() { printf 'warning: %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Runs a command as root: directly when we are root, else through sudo.
as_root() {
  if [[ ${EUID} -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root to run '$*': run as root or install sudo"
  fi
}

# Fails unless `node` is Node.js >= 20; sets UNKNOT_NODE to its path.
require_node() {
  local version major
  version="$(node --version 2>/dev/null || true)"
  major="${version#v}"
  major="${major%%.*}"
  if [[ ! ${major} =~ ^[0-9]+$ ]] || ((major < UNKNOT_NODE_MIN_MAJOR)); then
    die "Node.js >= ${UNKNOT_NODE_MIN_MAJOR} is needed, found: ${version:-no node on PATH}.
  Debian 12's own nodejs package is 18, which is too old (do not install it).
  Install Node.js ${UNKNOT_NODE_MIN_MAJOR} LTS, e.g. NodeSource's 'nodejs' ${UNKNOT_NODE_MIN_MAJOR}.x
  Debian package or nvm, so that 'node --version' prints v${UNKNOT_NODE_MIN_MAJOR} or newer, then re-run."
  fi
  UNKNOT_NODE="$(command -v node)"
  export UNKNOT_NODE
}

# Picks a cache folder: $1 when it can be created and written, else $2.
pick_cache_dir() {
  if mkdir -p "$1" 2>/dev/null && [[ -w $1 ]]; then
    printf '%s' "$1"
  else
    mkdir -p "$2"
    printf '%s' "$2"
  fi
}

# Build folders live in the clone and vanish with it; ccache and the
# download cache are what survive between CI runs on one machine.
: "${CCACHE_DIR:=$(pick_cache_dir /var/cache/unknot-ccache "${HOME:-/tmp}/.cache/unknot-ccache")}"
: "${CCACHE_MAXSIZE:=2G}"
# Relative paths in the cache keys, so a clone in another folder (CI) hits
# the entries this one made.
: "${CCACHE_BASEDIR:=${UNKNOT_ROOT}}"
: "${CCACHE_NOHASHDIR:=1}"
export CCACHE_DIR CCACHE_MAXSIZE CCACHE_BASEDIR CCACHE_NOHASHDIR
: "${UNKNOT_DOWNLOAD_CACHE:=$(pick_cache_dir /var/cache/unknot-downloads "${HOME:-/tmp}/.cache/unknot")}"
export UNKNOT_DOWNLOAD_CACHE

# Debian's emscripten needs Debian's acorn for optimised links.
case ":${NODE_PATH:-}:" in
  *:/usr/share/nodejs:*) ;;
  *) export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:${NODE_PATH}}" ;;
esac

UNKNOT_JOBS="${UNKNOT_JOBS:-2}"
export CMAKE_BUILD_PARALLEL_LEVEL="${UNKNOT_JOBS}"
export DEBIAN_FRONTEND=noninteractive
