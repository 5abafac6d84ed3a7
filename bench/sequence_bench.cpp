// Due touches at one tick (the target: 100,000 enrolments, under 5 ms in wasm and at
// least 3× faster than the equivalent SQL on sql.js): the full schedule() (cold), the
// ScheduleCache's warm tick a minute after a tick (median of N consecutive minutes), and a tick
// at 21:00 in New York, where texts' quiet hours begin there and the consult sequence's window
// closes in Chicago (many leads wake at once). Natively and in wasm under node; the SQL peer is
// bench/sequence_sqljs.mjs. Data: bench/sequence_data.hpp (seed 20261127).
//
//   sequence_bench [LEADS] [--runs N] [--json]   measure (default 100,000 leads, N = 21)
//   sequence_bench export DIR [LEADS]            write the SQL peer's rows and our due keys
//   sequence_bench smoke                         2,000 leads, ticks checked against schedule()
//   sequence_bench simulate [LEADS] [--runs N]   the 90-day simulation (default M = 20,000 leads),
//                                                with one full schedule() of the same data as peer
//
// Every warm tick checked here equals schedule() at the same instant (the run fails otherwise).

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "bench/bench_platform.hpp"
#include "bench/sequence_data.hpp"
#include "core/demo/demo_practice.hpp"
#include "core/demo/demo_sequences.hpp"
#include "core/io/sequence_json.hpp"
#include "core/sequence/enrollment_planner.hpp"
#include "core/sequence/recipient_clock.hpp"
#include "core/sequence/schedule_cache.hpp"
#include "core/sequence/scheduler.hpp"
#include "core/sequence/simulator.hpp"

using namespace nurture;
using namespace nurture::bench;

namespace {

constexpr UnixMillis k_minute = 60'000;
constexpr UnixMillis k_now = k_sequence_bench_now;
// 21:00 in New York: quiet hours for texts begin there.
constexpr UnixMillis k_mass = k_now + 30 * k_minute;

bool json_output = false;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}
double best(const std::vector<double>& v) { return v.empty() ? 0 : *std::min_element(v.begin(), v.end()); }

int run(std::size_t leads, int runs, bool smoke) {
  double t0 = cpu_ms();
  const SequenceBenchData data = make_sequence_bench_data(leads);
  const Workspace& ws = data.ws;
  std::printf("sequence_bench (%s): %zu leads, %zu enrolments, %zu touch records, built in %.0f ms\n",
              platform_name(), leads, ws.enrollments.size(), ws.touches.size(), cpu_ms() - t0);
  int status = 0;

  // Cold: the whole schedule.
  std::vector<double> cold;
  Schedule at_now;
  const int cold_runs = smoke ? 1 : std::max(1, std::min(runs, leads >= 50'000 ? 7 : runs));
  for (int i = 0; i < cold_runs; ++i) {
    t0 = cpu_ms();
    at_now = schedule(ws, k_now);
    cold.push_back(cpu_ms() - t0);
  }

  // Warm: a first tick at now (the cache's build), then one tick a minute.
  ScheduleCache cache;
  t0 = cpu_ms();
  const std::size_t first_due = cache.tick(ws, 1, k_now).due.size();
  const double build = cpu_ms() - t0;
  if (cache.schedule() != at_now) {
    std::printf("  MISMATCH: the cache's first tick differs from schedule()\n");
    status = 1;
  }
  std::vector<double> warm;
  std::size_t recomputed = 0;
  std::size_t next_due = 0;
  for (int i = 1; i <= runs; ++i) {
    const UnixMillis now = k_now + i * k_minute;
    t0 = cpu_ms();
    const Schedule& s = cache.tick(ws, 1, now);
    warm.push_back(cpu_ms() - t0);
    recomputed += cache.stats().recomputed;
    if (i == 1) next_due = s.due.size();
    // Checked (untimed) on the first, a middle and the last minute; every minute in the smoke run.
    if (smoke || i == 1 || i == runs || i == runs / 2) {
      if (s != schedule(ws, now)) {
        std::printf("  MISMATCH: the warm tick at +%d min differs from schedule()\n", i);
        status = 1;
      }
    }
  }

  // Many leads at once: from 20:59 to 21:00 in New York.
  std::vector<double> mass;
  std::size_t mass_recomputed = 0;
  std::size_t mass_changed = 0;
  for (int i = 0; i < (smoke ? 1 : 3); ++i) {
    ScheduleCache c;
    c.tick(ws, 1, k_mass - k_minute);
    t0 = cpu_ms();
    const Schedule& s = c.tick(ws, 1, k_mass);
    mass.push_back(cpu_ms() - t0);
    mass_recomputed = c.stats().recomputed;
    mass_changed = c.stats().changed;
    if (i == 0 && s != schedule(ws, k_mass)) {
      std::printf("  MISMATCH: the tick at 21:00 New York differs from schedule()\n");
      status = 1;
    }
  }

  std::printf(
      "  cold schedule(): best %.1f ms, median %.1f ms of %d | due %zu, held %zu, upcoming %zu, exits %zu\n",
      best(cold), median(cold), cold_runs, at_now.due.size(), at_now.held.size(), at_now.upcoming.size(),
      at_now.exits.size());
  std::printf("  cache build (first tick): %.1f ms | due %zu\n", build, first_due);
  std::printf(
      "  warm tick a minute later: best %.3f ms, median %.3f ms of %d | %.1f leads recomputed per tick | due "
      "%zu\n",
      best(warm), median(warm), runs, static_cast<double>(recomputed) / std::max(runs, 1), next_due);
  std::printf("  tick at 21:00 New York: best %.2f ms, median %.2f ms | %zu leads recomputed, %zu changed\n",
              best(mass), median(mass), mass_recomputed, mass_changed);
  if (json_output) {
    std::printf(
        "{\"platform\":\"%s\",\"leads\":%zu,\"due_now\":%zu,\"due_next\":%zu,\"cold_best\":%.3f,\"cold_"
        "median\":%.3f,"
        "\"build\":%.3f,\"warm_best\":%.4f,\"warm_median\":%.4f,\"mass_best\":%.3f,\"mass_median\":%.3f}\n",
        platform_name(), leads, at_now.due.size(), next_due, best(cold), median(cold), build, best(warm),
        median(warm), best(mass), median(mass));
  }
  return status;
}

// The demo practice at `leads` leads (M = 20,000: about 500,000 events over the year before
// k_sequence_bench_now) with the demo's four sequences, and the enrolments the app's first tick
// records (the triggers' catch-up): the workload a practice of that size would simulate.
Workspace simulation_workspace(std::size_t leads) {
  Workspace ws = make_demo_practice(DemoOptions{k_sequence_bench_seed, leads, k_sequence_bench_now, 1});
  std::vector<Sequence> playbooks;
  for (const char* file : k_demo_playbooks) {
    std::ifstream in(std::string(NURTURE_PLAYBOOK_DIR) + "/" + file);
    std::stringstream text;
    text << in.rdbuf();
    auto seq = sequence_from_json_text(text.str());
    if (!seq) {
      std::printf("  cannot read the playbook %s: %s\n", file, seq.error().message.c_str());
      std::exit(1);
    }
    playbooks.push_back(std::move(seq).value());
  }
  add_demo_sequences(ws, std::move(playbooks), k_sequence_bench_now, 1);
  for (const PlannedEnrollment& p : plan_enrollments(ws, k_sequence_bench_now)) {
    Enrollment e;
    e.key = enrollment_key(p.sequence, p.lead, p.at);
    e.sequence = p.sequence;
    e.lead = p.lead;
    e.enrolled_at = p.at;
    e.reason = p.reason;
    ws.enrollments.push_back(std::move(e));
  }
  std::sort(ws.enrollments.begin(), ws.enrollments.end(),
            [](const Enrollment& a, const Enrollment& b) { return a.key < b.key; });
  return ws;
}

// The 90-day simulation (the target: under 1 s at M), best and median CPU time of `runs`,
// with a full schedule() of the same workspace at the same instant measured alongside as the peer
// (a simulation is worth that many ticks of the whole workspace). Each run's result must equal the
// first (the simulation is deterministic).
int simulate_workload(const char* name, const Workspace& ws, int runs);

// Two workloads at `leads`: the demo practice (above), and the tick benchmark's data, where every
// lead is already in a sequence of emails and texts days apart (the heavy case).
int run_simulation(std::size_t leads, int runs) {
  double t0 = cpu_ms();
  const Workspace demo = simulation_workspace(leads);
  std::printf(
      "sequence_bench simulate (%s): the demo practice at %zu leads, %zu events, %zu sequences, %zu "
      "enrolments, built in %.0f ms\n",
      platform_name(), leads, demo.events.size(), demo.sequences.size(), demo.enrollments.size(),
      cpu_ms() - t0);
  int status = simulate_workload("demo", demo, runs);
  t0 = cpu_ms();
  const SequenceBenchData heavy = make_sequence_bench_data(leads);
  std::printf(
      "sequence_bench simulate (%s): every lead enrolled, %zu leads, %zu enrolments, %zu touch records, "
      "built in %.0f ms\n",
      platform_name(), leads, heavy.ws.enrollments.size(), heavy.ws.touches.size(), cpu_ms() - t0);
  status |= simulate_workload("enrolled", heavy.ws, runs);
  return status;
}

int simulate_workload(const char* name, const Workspace& ws, int runs) {
  double t0 = 0;
  std::vector<double> sim_ms;
  std::vector<double> peer_ms;
  Simulation first;
  int status = 0;
  for (int i = 0; i < runs; ++i) {
    t0 = cpu_ms();
    const Simulation sim = simulate(ws, SimulationOptions{k_now, 90, {}, {}});
    sim_ms.push_back(cpu_ms() - t0);
    t0 = cpu_ms();
    const Schedule peer = schedule(ws, k_now);
    peer_ms.push_back(cpu_ms() - t0);
    if (i == 0) {
      first = sim;
      std::printf(
          "  %zu touches, %zu new enrolments, %zu exits, %zu stuck, %.1f bookings projected, %llu "
          "per-lead schedules | peer: %zu due now\n",
          sim.touches.size(), sim.enrolled.size(), sim.exits.size(), sim.stuck.size(), sim.projected_bookings,
          static_cast<unsigned long long>(sim.instants), peer.due.size());
      if (sim.touches.empty()) {
        std::printf("  FAILED: the simulation sent nothing\n");
        status = 1;
      }
    } else if (!(sim == first)) {
      std::printf("  MISMATCH: run %d differs from the first\n", i + 1);
      status = 1;
    }
  }
  std::printf(
      "  [%s] 90-day simulation: best %.0f ms, median %.0f ms of %d | one full schedule(): best %.1f ms, "
      "median %.1f ms | ratio (median) %.1f\n",
      name, best(sim_ms), median(sim_ms), runs, best(peer_ms), median(peer_ms),
      median(sim_ms) / median(peer_ms));
  if (json_output) {
    std::printf(
        "{\"platform\":\"%s\",\"workload\":\"%s\",\"touches\":%zu,\"sim_best\":%.1f,\"sim_median\":%.1f,"
        "\"peer_best\":%.2f,\"peer_median\":%.2f}\n",
        platform_name(), name, first.touches.size(), best(sim_ms), median(sim_ms), best(peer_ms),
        median(peer_ms));
  }
  return status;
}

// Rows for the SQL peer (bench/sequence_sqljs.mjs), tab-separated:
//   seq_leads.tsv        id, has_email, has_phone, email_mkt, sms_mkt, sms_trt, dnc_email, dnc_sms, state,
//                        utc_offset (minutes at the bench instant)
//   seq_enrollments.tsv  enrolment key, lead, sequence, pending step id, channel (0 email, 1 text),
//                        purpose (0 reminder, 1 promotion), planned_at
//   seq_touches.tsv      lead, at, channel: the records the caps count (sent)
//   seq_windows.tsv      sequence, start minute, end minute, weekday mask (bit 0 = Monday)
//   seq_quiet.tsv        state, weekday (0 = Monday), start minute, end minute, max per 24 h: the
//                        states with rules stricter than the federal 08:00–21:00
//   seq_due_<ms>.txt     our due keys at that instant, sorted
//   seq_params.json      instants, caps
int export_rows(const std::string& dir, std::size_t leads) {
  const SequenceBenchData data = make_sequence_bench_data(leads);
  const Workspace& ws = data.ws;
  const std::string base = dir + "/seq_";
  std::ofstream out(base + "leads.tsv");
  for (std::uint32_t r = 0; r < ws.leads.rows(); ++r) {
    const Lead l = ws.leads.get(r);
    const auto granted = [&](Channel c, Purpose p) {
      return std::any_of(l.consent.begin(), l.consent.end(), [&](const ConsentRecord& x) {
        return x.channel == c && x.purpose == p && x.granted;
      });
    };
    const auto dnc = [&](Channel c) {
      return std::any_of(l.do_not_contact.begin(), l.do_not_contact.end(),
                         [&](const DoNotContact& x) { return x.channel == c; });
    };
    out << l.id.value << '\t' << !l.email.empty() << '\t' << !l.phone.empty() << '\t'
        << granted(Channel::email, Purpose::marketing) << '\t' << granted(Channel::sms, Purpose::marketing)
        << '\t' << granted(Channel::sms, Purpose::treatment) << '\t' << dnc(Channel::email) << '\t'
        << dnc(Channel::sms) << '\t' << l.state << '\t' << data.utc_offset_minutes[l.id.value - 1] << '\n';
  }
  std::ofstream enrollments(base + "enrollments.tsv");
  for (const PendingTouch& p : data.pending) {
    const Sequence* s = nullptr;
    for (const Sequence& q : ws.sequences) {
      if (q.id == p.sequence) s = &q;
    }
    const Step& st = s->steps[p.step_index];
    enrollments << p.enrollment << '\t' << p.lead.value << '\t' << p.sequence << '\t' << p.step << '\t'
                << (st.channel == StepChannel::text ? 1 : 0) << '\t'
                << (st.message.purpose == MessagePurpose::reminder ? 0 : 1) << '\t' << p.planned_at << '\n';
  }
  std::ofstream touches(base + "touches.tsv");
  for (const TouchRecord& r : ws.touches) {
    if (r.outcome != TouchOutcome::sent) continue;
    const auto e = std::lower_bound(ws.enrollments.begin(), ws.enrollments.end(), r.key,
                                    [](const Enrollment& x, const std::string& k) { return x.key < k; });
    // The enrolment is the record key's prefix: the last one at or before it.
    const Enrollment& en = *(e == ws.enrollments.begin() ? e : e - 1);
    const std::string step = r.key.substr(en.key.size() + 1);
    int channel = 0;
    for (const Sequence& q : ws.sequences) {
      if (q.id != en.sequence) continue;
      for (const Step& st : q.steps) {
        if (st.id == step) channel = st.channel == StepChannel::text ? 1 : 0;
      }
    }
    touches << en.lead.value << '\t' << r.at << '\t' << channel << '\n';
  }
  std::ofstream windows(base + "windows.tsv");
  for (const Sequence& s : ws.sequences) {
    int mask = 0;
    for (int d = 0; d < 7; ++d) mask |= s.window.days[static_cast<std::size_t>(d)] ? 1 << d : 0;
    windows << s.id << '\t' << s.window.start_minute << '\t' << s.window.end_minute << '\t' << mask << '\n';
  }
  std::ofstream quiet(base + "quiet.tsv");
  for (const auto state : states_with_stricter_quiet_hours()) {
    for (int d = 0; d < 7; ++d) {
      const QuietHours q = quiet_hours(state, d);
      quiet << state << '\t' << d << '\t' << q.start_minute << '\t' << q.end_minute << '\t' << q.max_per_24h
            << '\n';
    }
  }
  const UnixMillis instants[] = {k_now, k_now + k_minute, k_mass};
  std::ofstream params(base + "params.json");
  const FrequencyCaps caps;
  params << "{\"leads\":" << leads << ",\"instants\":[" << instants[0] << ',' << instants[1] << ','
         << instants[2] << "],\"cap_email\":" << int{caps.per_channel[0]}
         << ",\"cap_text\":" << int{caps.per_channel[1]} << ",\"cap_overall\":" << int{caps.overall}
         << ",\"cap_days\":" << caps.days << "}\n";
  for (const UnixMillis t : instants) {
    std::vector<std::string> keys;
    for (const DueTouch& d : schedule(ws, t).due) keys.push_back(d.key);
    std::sort(keys.begin(), keys.end());
    std::ofstream due(base + "due_" + std::to_string(t) + ".txt");
    for (const auto& k : keys) due << k << '\n';
  }
  std::printf("exported %zu leads to %s\n", leads, base.c_str());
  return 0;
}

// The command line, parsed once: a mode word first (export DIR, smoke, simulate; none for the
// schedule bench), then a lead count, --runs N and --json in any order.
struct Args {
  std::string mode;
  std::string dir;  // export
  std::optional<std::size_t> leads;
  std::optional<int> runs;
};

Args parse_args(int argc, char** argv) {
  Args a;
  int i = 1;
  if (i < argc && (std::strcmp(argv[i], "export") == 0 || std::strcmp(argv[i], "smoke") == 0 ||
                   std::strcmp(argv[i], "simulate") == 0)) {
    a.mode = argv[i++];
    if (a.mode == "export" && i < argc) a.dir = argv[i++];
  }
  for (; i < argc; ++i) {
    if (std::strcmp(argv[i], "--json") == 0) {
      json_output = true;
    } else if (std::strcmp(argv[i], "--runs") == 0 && i + 1 < argc) {
      a.runs = std::max(1, std::atoi(argv[++i]));
    } else {
      a.leads = static_cast<std::size_t>(std::max(1L, std::atol(argv[i])));
    }
  }
  return a;
}

}  // namespace

int main(int argc, char** argv) {
  const Args a = parse_args(argc, argv);
  if (a.mode == "export" && !a.dir.empty()) return export_rows(a.dir, a.leads.value_or(100'000));
  if (a.mode == "smoke") return run(2'000, 5, true);
  if (a.mode == "simulate") return run_simulation(a.leads.value_or(20'000), a.runs.value_or(5));
  return run(a.leads.value_or(100'000), a.runs.value_or(21), false);
}
