#pragma once
/// The demo practice's sequences: playbooks (read by the front end from assets/playbooks) put
/// into the demo workspace, those that fit it activated a few days back, so that the app's
/// trigger catch-up enrols the demo's recent inquiries and bookings and Today has touches from
/// the first minute — as a practice a few days into using Nurture would see it.

#include <string>
#include <vector>

#include "core/model/workspace.hpp"

namespace nurture {

/// The playbook files the demo uses, in the order they are added.
inline constexpr const char* k_demo_playbooks[] = {"welcome-inquiry.json", "consultation-reminders.json",
                                                   "drip-injectables.json", "birthday.json"};

/// How far back the demo's sequences were activated (their triggers look back to then).
inline constexpr UnixMillis k_demo_activated_ago = 3LL * 86'400'000;

/// Adds `playbooks` to `ws` stamped at `now` by `device`: each that can be activated there
/// (activation_problems empty) as active since now − k_demo_activated_ago, the others as drafts.
/// Ids and names already taken are skipped. Returns how many were activated.
std::size_t add_demo_sequences(Workspace& ws, std::vector<Sequence> playbooks, UnixMillis now,
                               std::uint64_t device);

}  // namespace nurture
