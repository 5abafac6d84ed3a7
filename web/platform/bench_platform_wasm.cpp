// bench_platform.hpp for wasm under node: node's process accounting and the linear memory.

#include <emscripten/em_asm.h>
#include <emscripten/heap.h>

#include "bench/bench_platform.hpp"

namespace nurture::bench {

const char* platform_name() { return "wasm"; }

double cpu_ms() {
  return EM_ASM_DOUBLE({
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  });
}

double peak_rss_mb() {
  return EM_ASM_DOUBLE({ return process.resourceUsage().maxRSS / 1024; });
}

double wasm_heap_mb() { return static_cast<double>(emscripten_get_heap_size()) / 1048576.0; }

double peak_memory_mb() { return wasm_heap_mb(); }

}  // namespace nurture::bench
