#pragma once
/// What the benchmarks read from the platform they run on: CPU time and peak memory. One
/// implementation per platform (bench_platform_native.cpp, web/platform/bench_platform_wasm.cpp), chosen by
/// bench/CMakeLists.txt, so the benchmark sources need no preprocessor branches.

namespace nurture::bench {

/// "native" or "wasm".
const char* platform_name();

/// CPU time of this process in ms. The benchmark machine is shared, so wall time includes
/// waiting for a core; CPU time is what the work costs. Under node it is node's
/// process.cpuUsage(), which also counts the garbage collector's threads.
double cpu_ms();

/// The process's peak resident set in MB (under node: node's own memory and the JS side too).
double peak_rss_mb();

/// wasm: the size of the linear memory in MB, which only grows, so it is the peak of the heap.
/// Native: 0.
double wasm_heap_mb();

/// The program's own peak memory in MB: the wasm heap in wasm, the peak resident set natively.
double peak_memory_mb();

}  // namespace nurture::bench
