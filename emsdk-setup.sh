#!/usr/bin/env bash
# Nurture's one setup script. On Debian bookworm it installs every pinned dependency from
# Debian's archive and npm (idempotent: a second run with everything present takes seconds),
# then, when asked, builds and serves the app or builds and runs every test.
#
#   ./emsdk-setup.sh            set up only
#   ./emsdk-setup.sh --serve    set up, build the release app, serve it at http://127.0.0.1:8080
#   ./emsdk-setup.sh --test     set up, then build and run every test (what CI runs)
#   ./emsdk-setup.sh --bench    also install the benchmarks' peers (the sqlite3 command, sql.js, DuckDB)
#
# Third-party sources (Dear ImGui, Catch2) are fetched from Debian source packages into
# third_party/, which git ignores. Nothing fetched here is ever committed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here"

mode=setup
port=8080
bench=0
while [ $# -gt 0 ]; do
  case "$1" in
    --serve) mode=serve ;;
    --test) mode=test ;;
    --bench) bench=1 ;;
    --port) port=${2:?--port needs a number}; shift ;;
    -h | --help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "emsdk-setup.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
fail() { printf '\nemsdk-setup.sh: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
# 0. Only Debian bookworm (or newer) is supported by this script.
# ---------------------------------------------------------------------------------------------
if ! grep -qE '^ID=debian' /etc/os-release 2>/dev/null; then
  cat >&2 <<'EOF'
emsdk-setup.sh sets up Debian (bookworm) machines only.

On another system, install the same tools yourself:
  - the official emsdk (https://emscripten.org/docs/getting_started/downloads.html):
      git clone https://github.com/emscripten-core/emsdk && cd emsdk
      ./emsdk install 3.1.6 && ./emsdk activate 3.1.6 && source ./emsdk_env.sh
  - CMake >= 3.25, Ninja, a C++20 compiler, Node.js >= 18, Chromium
  - nlohmann_json 3.11.2 headers on the include path
  - Dear ImGui 1.90.1 unpacked into third_party/imgui-1.90.1 and Catch2 3.7.1 into
    third_party/catch2-3.7.1 (the upstream release tarballs have the same layout)
Then run the CMake workflow presets listed in README.md.
EOF
  exit 1
fi

SUDO=
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || fail "not root and no sudo: run as root or install sudo"
  SUDO=sudo
fi

# ---------------------------------------------------------------------------------------------
# 1. Debian packages, pinned. Chromium is the exception: bookworm ships it through the security
#    archive, which keeps only the newest build, so we require a minimum major version instead.
# ---------------------------------------------------------------------------------------------
pinned=(
  "emscripten=3.1.6~dfsg-5"
  "nlohmann-json3-dev=3.11.2-2"
  "ninja-build=1.11.1-2~deb12u1"
  "fonts-inter=4.0~beta7+ds-1"
  "python3-fonttools=4.38.0-1+deb12u1"
  "libclang-rt-14-dev=1:14.0.6-12"
  "clang-14=1:14.0.6-12"
  "clang-format-14=1:14.0.6-12"
)
unpinned=(cmake g++ chromium nodejs npm dpkg-dev xz-utils ca-certificates)
chromium_min_major=120

missing=()
for spec in "${pinned[@]}"; do
  name=${spec%%=*} want=${spec#*=}
  have=$(dpkg-query -W -f='${Status} ${Version}' "$name" 2>/dev/null || true)
  [ "$have" = "install ok installed $want" ] || missing+=("$spec")
done
for name in "${unpinned[@]}"; do
  case "$name" in
    nodejs | npm) command -v "${name/nodejs/node}" >/dev/null && continue ;;
  esac
  dpkg-query -W -f='${Status}' "$name" 2>/dev/null | grep -q 'install ok installed' || missing+=("$name")
done

if [ ${#missing[@]} -gt 0 ]; then
  step "Installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -q || fail "apt-get update failed: is Debian's archive reachable?"
  # Debian's archive keeps only the current point release of a package. When a pinned version
  # has been superseded (a security update), install the current one and say so loudly rather
  # than leave the machine without the tool; the pin is then updated in this file.
  install=()
  for spec in "${missing[@]}"; do
    name=${spec%%=*}
    if [ "$name" != "$spec" ] && ! apt-cache madison "$name" | awk '{print $3}' | grep -qxF "${spec#*=}"; then
      echo "emsdk-setup.sh: WARNING: $spec is no longer in the archive; installing the current $name" >&2
      install+=("$name")
    else
      install+=("$spec")
    fi
  done
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends \
    "${install[@]}" || fail "apt-get install failed for: ${install[*]}"
else
  step "Debian packages: all present"
fi

em++ --version 2>/dev/null | head -1 | grep -q ' 3\.1\.6 ' ||
  fail "Emscripten 3.1.6 is needed (found: $(em++ --version 2>/dev/null | head -1))"
major=$(chromium --version 2>/dev/null | sed -nE 's/^Chromium ([0-9]+).*/\1/p')
[ -n "$major" ] && [ "$major" -ge "$chromium_min_major" ] ||
  fail "Chromium $chromium_min_major or newer is needed (found: '${major:-none}')"
node_major=$(node --version | sed -nE 's/^v([0-9]+).*/\1/p')
[ "$node_major" -ge 18 ] || fail "Node.js 18 or newer is needed (found $(node --version))"

# ---------------------------------------------------------------------------------------------
# 2. Third-party sources from Debian source packages, verified by SHA-256, into third_party/.
#    A private sources list keeps the system's apt configuration untouched.
# ---------------------------------------------------------------------------------------------
fetch_source() { # name version suite orig-file sha256 dest-dir
  local name=$1 version=$2 suite=$3 orig=$4 sha=$5 dest=$6
  if [ -f "third_party/$dest/.nurture-stamp" ] &&
    [ "$(cat "third_party/$dest/.nurture-stamp")" = "$sha" ]; then
    return 0
  fi
  step "Fetching $name $version (Debian source package, $suite)"
  local work
  work=$(mktemp -d)
  mkdir -p "$work/lists/partial"
  cat >"$work/src.sources" <<EOF
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: $suite
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  local opts=(-o "Dir::Etc::SourceList=$work/src.sources" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$work/lists" -o Dir::Cache=$work/cache -o APT::Sandbox::User=root -q)
  apt-get "${opts[@]}" update >/dev/null || fail "could not read the $suite source index"
  (cd "$work" && apt-get "${opts[@]}" source --download-only "$name=$version" >/dev/null) ||
    fail "could not download the $name $version source package"
  echo "$sha  $work/$orig" | sha256sum -c --quiet - || fail "$orig does not match its pinned SHA-256"
  rm -rf "third_party/$dest"
  mkdir -p "third_party/$dest"
  tar -xf "$work/$orig" -C "third_party/$dest" --strip-components=1 ||
    fail "could not unpack $orig"
  echo "$sha" >"third_party/$dest/.nurture-stamp"
  rm -rf "$work"
}

fetch_source imgui 1.90.1+ds-1 trixie imgui_1.90.1+ds.orig.tar.xz \
  ecce377df0f90b292f15dcbd83d438bddc162b2388c881132bde18c787572a1c imgui-1.90.1
grep -q '#define IMGUI_VERSION *"1.90.1"' third_party/imgui-1.90.1/imgui.h ||
  fail "third_party/imgui-1.90.1 is not Dear ImGui 1.90.1"

fetch_source catch2 3.7.1-0.4~bpo12+1 bookworm-backports catch2_3.7.1.orig.tar.gz \
  c991b247a1a0d7bb9c39aa35faf0fe9e19764213f28ffba3109388e62ee0269c catch2-3.7.1
grep -q 'CATCH_VERSION_MINOR 7' third_party/catch2-3.7.1/extras/catch_amalgamated.hpp ||
  fail "third_party/catch2-3.7.1 is not Catch2 3.7.1"
step "Third-party sources: Dear ImGui 1.90.1, Catch2 3.7.1"

# ---------------------------------------------------------------------------------------------
# 3. npm test dependencies, pinned by tests/e2e/package-lock.json.
# ---------------------------------------------------------------------------------------------
lock_sum=$(sha256sum tests/e2e/package-lock.json | cut -d' ' -f1)
if [ "$(cat tests/e2e/node_modules/.nurture-stamp 2>/dev/null)" != "$lock_sum" ]; then
  step "Installing npm test dependencies (tests/e2e)"
  (cd tests/e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error) ||
    fail "npm ci failed in tests/e2e"
  echo "$lock_sum" >tests/e2e/node_modules/.nurture-stamp
else
  step "npm test dependencies: present"
fi

# ---------------------------------------------------------------------------------------------
# 4. Only with --bench: the benchmarks' peers (bench/README.md), never on the test path. The
#    native sqlite3 command from Debian's archive, pinned, and sql.js and DuckDB (wasm and native,
#    both from npm) pinned by bench/package.json and its lock file.
# ---------------------------------------------------------------------------------------------
if [ "$bench" = 1 ]; then
  sqlite_pin="3.40.1-2+deb12u2"
  if [ "$(dpkg-query -W -f='${Status} ${Version}' sqlite3 2>/dev/null || true)" != "install ok installed $sqlite_pin" ]; then
    step "Installing the sqlite3 command (benchmark peer)"
    $SUDO apt-get update -q || fail "apt-get update failed: is Debian's archive reachable?"
    spec="sqlite3=$sqlite_pin"
    if ! apt-cache madison sqlite3 | awk '{print $3}' | grep -qxF "$sqlite_pin"; then
      echo "emsdk-setup.sh: WARNING: $spec is no longer in the archive; installing the current sqlite3" >&2
      spec=sqlite3
    fi
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "$spec" ||
      fail "apt-get install failed for: $spec"
  fi
  if [ ! -d bench/node_modules/sql.js ] || [ ! -d bench/node_modules/@duckdb/duckdb-wasm ] ||
    [ ! -d bench/node_modules/@duckdb/node-api ]; then
    step "Installing sql.js and DuckDB (benchmark peers)"
    (cd bench && npm ci --no-audit --no-fund --loglevel=error) || fail "npm ci failed in bench"
  fi
fi

case "$mode" in
  setup)
    step "Setup complete. Next: ./emsdk-setup.sh --serve  or  ./emsdk-setup.sh --test"
    ;;
  serve)
    step "Building the app (web-release)"
    cmake --workflow --preset web-release-app
    step "Serving Nurture at http://127.0.0.1:$port (Ctrl+C stops)"
    exec node shell/serve.mjs --root build/web-release/web --port "$port"
    ;;
  test)
    exec bash tests/run-all.sh
    ;;
esac
