#pragma once
// A small practice for the template render and lint tests: the profile, three treatments in
// two categories, two content items and saved segments, built by hand so every expected text
// can be worked out from this file.

#include <string>
#include <utility>
#include <vector>

#include "core/model/workspace.hpp"
#include "core/sequence/sequence.hpp"

namespace nurture::test {

inline Workspace template_workspace() {
  Workspace ws;
  ws.practice.name = "Lumen Aesthetics & Laser";
  ws.practice.street = "1450 Bayshore Palms Avenue, Suite 210";
  ws.practice.city = "Tampa";
  ws.practice.state = "FL";
  ws.practice.zip = "33606";
  ws.practice.phone = "+18135550100";
  ws.practice.email = "hello@lumen.example.com";
  ws.practice.website = "https://lumen.example.com";
  ws.treatments = {{"botox", "Botox", "injectables", 90, 45000, {}, false},
                   {"filler", "Dermal fillers", "injectables", 270, 75000, {}, false},
                   {"hydrafacial", "HydraFacial", "skin", 30, 19900, {}, false}};
  ContentItem general;
  general.id = "first-visit";
  general.title = "What to expect at your first consultation";
  general.url = "https://lumen.example.com/learn/first-visit";
  ContentItem guide;
  guide.id = "botox-guide";
  guide.title = "A plain-English guide";
  guide.treatment = "botox";
  guide.url = "https://lumen.example.com/learn/botox-guide";
  ws.content = {general, guide};
  ws.segments = {
      {"happy-patients", "Happy patients", "ever(review where rating >= 4)", "", {}, false},
      {"not-reviewed", "Not reviewed yet", "ever(appointment_attended) and never(review)", "", {}, false}};
  return ws;
}

/// A message step with the given channel, purpose, subject and body.
inline Step message_step(std::string id, StepChannel channel, MessagePurpose purpose, std::string subject,
                         std::string body) {
  Step s;
  s.id = std::move(id);
  s.kind = StepKind::message;
  s.channel = channel;
  s.message.purpose = purpose;
  s.message.subject = std::move(subject);
  s.message.body = std::move(body);
  return s;
}

inline Sequence sequence_of(std::vector<Step> steps) {
  Sequence s;
  s.id = "test";
  s.name = "Test";
  s.steps = std::move(steps);
  return s;
}

}  // namespace nurture::test
