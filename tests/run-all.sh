#!/usr/bin/env bash
# Builds and runs every test: format check, native unit/UI/CLI tests, the same under ASan and
# UBSan, the unit tests as wasm under node, and the browser end-to-end tests in headless
# Chromium. Called by `./emsdk-setup.sh --test` (the README's test command, and CI's).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
start=$(date +%s)

step "Format (clang-format, whole files)"
mapfile -t sources < <(git ls-files -co --exclude-standard -- 'core/*.[ch]pp' 'web/*.[ch]pp' 'cli/*.[ch]pp' \
  'tests/*.[ch]pp' 'bench/*.[ch]pp')
clang-format --dry-run -Werror "${sources[@]}"
echo "${#sources[@]} files formatted"

step "Native: core, UI smoke and CLI tests (dev)"
cmake --workflow --preset dev

step "clang-tidy on the pure code (core/, cli/; .clang-tidy lists the checks)"
git ls-files -- 'core/*.cpp' 'cli/*.cpp' | xargs -P 2 -n 4 clang-tidy -p build/dev --quiet 2>/dev/null
echo "clang-tidy: clean"

step "Native under AddressSanitizer and UBSan (asan)"
cmake --workflow --preset asan

step "WebAssembly: the same unit tests under node, and the release app (web-release)"
cmake --workflow --preset web-release

step "Browser end-to-end tests (headless Chromium)"
(cd tests/e2e && node --test --test-concurrency=1 ./*.test.mjs)

step "All tests passed in $(($(date +%s) - start)) s; screenshots in build/e2e-screenshots/"
