#include "web/ui/demo_job.hpp"

#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/commands/command.hpp"
#include "core/demo/demo_practice.hpp"
#include "core/demo/demo_sequences.hpp"
#include "core/io/sequence_json.hpp"
#include "web/ui/welcome.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

constexpr const char* k_demo_dialog = "demo_progress";
// Leads simulated per step: about 25 events each, a few milliseconds in wasm, so the frame
// budget stops close to its 12 ms.
constexpr std::size_t k_leads_per_step = 25;

}  // namespace

DemoJob::DemoJob() = default;
DemoJob::~DemoJob() = default;

void DemoJob::start(Ui& ui) {
  if (running() || !ui.editable()) return;
  m_now = ui.platform.now_ms();
  // With the sequences' history (docs/demo.md), so the dashboard's per-step figures have data.
  m_builder =
      std::make_unique<DemoBuilder>(DemoOptions{k_demo_seed, 2000, m_now, ui.session.clock().device(), true});
  m_revision = ui.session.revision();
  m_state = State::building;
  m_progress = 0.0;
  m_frames = 0;
  m_message.clear();
  m_open_dialog = true;
  ui.announce("Preparing the demo practice…");
}

void DemoJob::stop(State state, std::string message) {
  m_builder.reset();
  m_state = state;
  m_message = std::move(message);
}

void DemoJob::cancel(Ui& ui) {
  if (!running()) return;
  stop(State::cancelled, "Demo not loaded; nothing was changed.");
  ui.notice = m_message;
  ui.announce(m_message);
}

void DemoJob::finish(Ui& ui) {
  Workspace demo = m_builder->finish();
  m_builder.reset();
  // The demo's sequences come from the bundled playbooks; one that cannot be read is left out
  // (the demo still loads), which the playbook test in the native suite would have caught.
  std::vector<Sequence> playbooks;
  for (const char* file : k_demo_playbooks) {
    auto seq = sequence_from_json_text(ui.platform.read_asset(std::string("playbooks/") + file));
    if (seq) playbooks.push_back(std::move(seq).value());
  }
  add_demo_sequences(demo, std::move(playbooks), m_now, ui.session.clock().device());
  const CommandResult r = ui.mutable_session.execute(ReplaceWorkspace{std::move(demo)});
  m_progress = 1.0;
  if (!r.ok) {
    stop(State::failed, r.message);
  } else {
    stop(State::done, "Demo practice loaded. Undo with Ctrl+Z");
    ui.notice = m_message;
  }
  ui.announce(m_message);
}

void DemoJob::update(Ui& ui) {
  if (m_state == State::building && m_builder) {
    // The demo replaces the workspace the user confirmed replacing: if it changed meanwhile
    // (an undo, another tab's takeover, a restored backup), that is no longer what they chose.
    if (ui.session.revision() != m_revision || !ui.editable()) {
      stop(State::failed, "The workspace changed while the demo was being prepared, so it was not loaded.");
      ui.announce(m_message);
    } else {
      DemoBuilder& builder = *m_builder;
      const bool finished =
          m_budget.run(ui, [&builder](std::size_t) { return builder.step(k_leads_per_step); });
      if (!m_budget.paused) ++m_frames;
      m_progress = builder.progress();
      if (finished) finish(ui);
    }
  }
}

void DemoJob::draw(Ui& ui) {
  const ProgressDialog dialog{k_demo_dialog,
                              "Preparing the demo practice",
                              "Inventing 2,000 leads and a year of their emails, visits and reviews. Your "
                              "workspace changes only when this is done; Cancel leaves it as it is.",
                              m_progress,
                              "demo.progress",
                              "demo.cancel"};
  if (progress_dialog(ui, dialog, std::exchange(m_open_dialog, false), m_state == State::building))
    cancel(ui);
}

void describe(nlohmann::json& out, const DemoJob& job) {
  static constexpr const char* k_states[] = {"idle", "building", "done", "cancelled", "failed"};
  out["step"] = k_states[static_cast<int>(job.state())];
  out["progress"] = job.progress();
  out["frames"] = job.frames();
  out["message"] = job.message();
}

}  // namespace nurture::ui
