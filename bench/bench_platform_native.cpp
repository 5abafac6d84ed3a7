// bench_platform.hpp for native builds: getrusage and the process CPU clock.

#include <ctime>
#include <sys/resource.h>

#include "bench_platform.hpp"

namespace nurture::bench {

const char* platform_name() { return "native"; }

double cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1000.0 + static_cast<double>(t.tv_nsec) / 1e6;
}

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

double wasm_heap_mb() { return 0; }

double peak_memory_mb() { return peak_rss_mb(); }

}  // namespace nurture::bench
