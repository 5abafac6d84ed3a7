#pragma once
/// TEST-ONLY: plausible leads with a few events, added through Session::execute, for the UI
/// smoke test and the browser tests' screenshots until the demo practice generator lands.

#include <cstddef>

#include "core/session.hpp"
#include "web/ui/platform_api.hpp"

namespace nurture::ui {

/// Adds `count` leads (deterministic names, contacts, sources, interests, tags and consent;
/// ids from the platform's randomness) and, for the first 2,000 of them, a few events.
/// Returns false when a command failed.
bool seed_leads(Session& session, Platform& platform, std::size_t count);

}  // namespace nurture::ui
