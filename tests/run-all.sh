#!/usr/bin/env bash
# Builds and runs every test: format check, native unit/UI/CLI tests under ASan and UBSan, a
# short run of every fuzzer, clang-tidy, the unit tests as wasm under node, and the browser
# end-to-end tests in headless Chromium. Called by `./emsdk-setup.sh --test` (the README's test
# command, and CI's).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

start=$(date +%s)
# Each step header carries the time spent so far, so a slow step shows in CI's log.
step() { printf '\n\033[1m== [%4d s] %s\033[0m\n' "$(($(date +%s) - start))" "$*"; }

step "Format (clang-format, whole files)"
mapfile -t sources < <(git ls-files -co --exclude-standard -- 'core/*.[ch]pp' 'web/*.[ch]pp' 'cli/*.[ch]pp' \
  'tests/*.[ch]pp' 'bench/*.[ch]pp')
clang-format --dry-run -Werror "${sources[@]}"
echo "${#sources[@]} files formatted"

# The native tests run once, under the sanitizers: a plain build of the same tests would add
# minutes and catch nothing the sanitized one misses (the dev preset is for working locally).
step "Native: core, UI smoke, CLI tests and the benchmark smoke under AddressSanitizer and UBSan (asan)"
cmake --workflow --preset asan

# The fuzz targets were built by the asan step (clang builds them with the native tests, so no
# second build of the core); each fuzzes for NURTURE_FUZZ_SECONDS, two at a time (docs/testing.md).
step "Fuzzing: workspace JSON, CSV import, segment parser, template renderer (libFuzzer, ASan and UBSan)"
cmake --workflow --preset asan-fuzz

step "clang-tidy on the pure code (core/, cli/; .clang-tidy lists the checks)"
# The asan build compiles in unity batches, so its compile_commands.json names the batches, not
# the sources: the `tidy` preset configures the same flags file by file (seconds, no build).
cmake --preset tidy >/dev/null
git ls-files -- 'core/*.cpp' 'cli/*.cpp' | xargs -P 2 -n 4 clang-tidy -p build/tidy --quiet 2>/dev/null
echo "clang-tidy: clean"

step "WebAssembly: the same unit tests under node, and the release app (web-release)"
cmake --workflow --preset web-release

step "Browser end-to-end tests (headless Chromium)"
# Two files at a time (each its own Chromium): most of a browser test is waiting for frames. The
# storage tests assert timings (a lock lost after ~3 s, "not saved" within 10 s), so they run
# alone afterwards.
(cd tests/e2e && node --test --test-concurrency=2 $(ls ./*.test.mjs | grep -v persistence) &&
  node --test --test-concurrency=1 ./persistence.test.mjs)

step "All tests passed in $(($(date +%s) - start)) s; screenshots in build/e2e-screenshots/"
