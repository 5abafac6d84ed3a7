// TEST-ONLY entry points for the browser tests (tests/e2e/*.mjs): they drive edits and storage
// actions through the same paths the UI uses (Session::execute and the ui::Platform methods),
// so fault-injection tests do not depend on typing speed, and they can provoke a real abort.
#include <algorithm>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "web/platform/web_host.hpp"
#include "web/ui/test_seed.hpp"

namespace nurture::web {

std::string WebHost::test_command(const std::string& text) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return R"({"ok":false,"message":"not a JSON object"})";
  nlohmann::json out{{"ok", true}};
  const auto refuse_unless_writer = [&]() {
    if (m_storage.can_edit()) return false;
    out = {{"ok", false}, {"message", "read-only: this tab is not the writer"}};
    return true;
  };
  if (const auto it = j.find("set_practice_name"); it != j.end() && it->is_string()) {
    if (!refuse_unless_writer()) {
      auto profile = m_session.workspace().practice;
      profile.name = it->get<std::string>();
      const auto result = m_session.execute(SetPracticeProfile{profile, now_ms()});
      out = {{"ok", result.ok}, {"message", result.message}};
    }
  } else if (const auto n = j.find("seed_leads"); n != j.end() && n->is_number_unsigned()) {
    if (!refuse_unless_writer()) out["ok"] = ui::seed_leads(m_session, *this, n->get<std::size_t>());
  } else if (j.contains("undo")) {
    if (!refuse_unless_writer()) out["ok"] = m_session.undo();
  } else if (const auto r = j.find("restore_backup"); r != j.end() && r->is_string()) {
    m_app->request_restore(r->get<std::string>());  // as the Restore button: sliced, with its dialog
  } else if (const auto b = j.find("io_budget"); b != j.end()) {
    // {"io_budget": {"bytes": N, "paused": bool}}: one slice of N bytes a frame (or none);
    // anything else restores the normal time-boxed budget.
    ui::FrameBudget budget;
    if (b->is_object()) {
      budget.chunk_bytes = std::max<std::size_t>(1, b->value("bytes", std::size_t{4096}));
      budget.frame_ms = 0;
      budget.paused = b->value("paused", false);
    }
    m_app->set_io_budget(budget);
  } else if (j.contains("dismiss_welcome")) {
    m_app->dismiss_welcome();
  } else if (j.contains("lock_now")) {
    lock_now();
  } else if (j.contains("lock_cancel")) {
    // As the lock card's Cancel: only while the running change can still be stopped.
    out["ok"] = m_storage.lock_task().busy && m_storage.lock_task().cancellable;
    lock_cancel();
  } else if (const auto idle = j.find("idle_ms"); idle != j.end() && idle->is_number_integer()) {
    // The idle lock without waiting minutes: as if the last input came `idle_ms` earlier.
    m_last_input_at -= idle->get<std::int64_t>();
  } else if (j.contains("take_over")) {
    take_over();
  } else if (j.contains("save_now")) {
    save_now();
  } else if (const auto d = j.find("download"); d != j.end() && d->is_object()) {
    download(d->value("name", std::string("test.json")), d->value("mime", std::string("application/json")),
             d->value("text", std::string()));
  } else if (j.contains("request_persistence")) {
    request_persistence();
  } else if (j.contains("abort_in_next_save")) {
    m_storage.abort_in_next_save();
  } else if (const auto sb = j.find("save_budget"); sb != j.end()) {
    // {"save_budget": N}: encode N bytes of a save's image a frame, so a save spans many frames;
    // 0 (or anything but a number) restores the default.
    m_storage.set_save_budget(sb->is_number_unsigned() ? sb->get<std::size_t>() : 0);
  } else if (j.contains("abort")) {
    std::abort();  // what a failed assertion or an out-of-memory does: the error overlay must show
  } else {
    out = {{"ok", false}, {"message", "unknown test command"}};
  }
  out["revision"] = m_session.revision();
  request_redraw();
  return out.dump();
}

}  // namespace nurture::web
