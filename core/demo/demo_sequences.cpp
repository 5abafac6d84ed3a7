#include "core/demo/demo_sequences.hpp"

#include <algorithm>

#include "core/sequence/activation.hpp"

namespace nurture {

std::size_t add_demo_sequences(Workspace& ws, std::vector<Sequence> playbooks, UnixMillis now,
                               std::uint64_t device) {
  std::size_t activated = 0;
  for (Sequence& s : playbooks) {
    const bool taken = std::any_of(ws.sequences.begin(), ws.sequences.end(), [&](const Sequence& o) {
      return o.id == s.id || same_segment_name(o.name, s.name);
    });
    if (taken) continue;
    s.stamp = Stamp{now, 0, device};
    s.deleted = false;
    if (activation_problems(ws, s).empty()) {
      s.status = SequenceStatus::active;
      s.activated_at = now - k_demo_activated_ago;
      ++activated;
    } else {
      s.status = SequenceStatus::draft;
      s.activated_at = 0;
    }
    ws.sequences.push_back(std::move(s));
  }
  return activated;
}

}  // namespace nurture
