#include "core/storage/save_scheduler.hpp"

#include <catch_amalgamated.hpp>

namespace save_scheduler_test {

using namespace nurture;

TEST_CASE("nothing to save right after load", "[save]") {
  SaveScheduler s;
  s.mark_saved(5);
  s.note_revision(5, 1000);
  CHECK_FALSE(s.should_start(5000));
  CHECK(s.state() == SaveState::saved);
}

TEST_CASE("a change is saved after the debounce", "[save]") {
  SaveScheduler s;
  s.note_revision(1, 1000);
  CHECK(s.state() == SaveState::pending);
  CHECK(s.has_unsaved_changes());
  CHECK_FALSE(s.should_start(1200));
  CHECK(s.should_start(1400));
  s.started(1);
  CHECK(s.state() == SaveState::saving);
  CHECK_FALSE(s.should_start(1500));  // one save at a time
  s.succeeded(1600);
  CHECK(s.state() == SaveState::saved);
  CHECK(s.last_success_at() == 1600);
}

TEST_CASE("continuous typing still saves within the maximum delay", "[save]") {
  SaveScheduler s;
  std::int64_t t = 0;
  std::uint64_t rev = 0;
  bool started = false;
  for (; t < 5000 && !started; t += 100) {
    s.note_revision(++rev, t);
    started = s.should_start(t);
  }
  CHECK(started);
  CHECK(t <= 2100);
}

TEST_CASE("changes made during a save are saved next", "[save]") {
  SaveScheduler s;
  s.note_revision(1, 0);
  s.started(1);
  s.note_revision(2, 100);
  s.succeeded(200);
  CHECK(s.has_unsaved_changes());
  CHECK(s.saved_revision() == 1);
  CHECK(s.should_start(600));
}

TEST_CASE("failures retry with growing backoff and recover", "[save]") {
  SaveScheduler s;
  s.note_revision(1, 0);
  s.started(1);
  s.failed(500, "QuotaExceededError");
  CHECK(s.state() == SaveState::failed);
  CHECK(s.last_error() == "QuotaExceededError");
  CHECK_FALSE(s.should_start(1000));
  CHECK(s.should_start(1500));
  s.started(1);
  s.failed(1500, "again");
  CHECK_FALSE(s.should_start(3000));
  CHECK(s.should_start(3500));
  s.started(1);
  s.succeeded(3600);
  CHECK(s.state() == SaveState::saved);
  CHECK(s.last_error().empty());
}

TEST_CASE("a flush skips the debounce and the retry delay", "[save]") {
  SaveScheduler s;
  s.note_revision(1, 0);
  s.request_flush();
  CHECK(s.should_start(1));
  s.started(1);
  s.failed(10, "x");
  s.request_flush();
  CHECK(s.should_start(11));
}

}  // namespace save_scheduler_test
