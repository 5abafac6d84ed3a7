#include "web/ui/catalog_editing.hpp"

#include "web/ui/widgets.hpp"

namespace nurture::ui {

std::string slug_for(std::string_view name) {
  std::string out;
  for (const char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out.push_back(c);
    } else if (c >= 'A' && c <= 'Z') {
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if (u < 0x80 && !out.empty() && out.back() != '-') {
      out.push_back('-');
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (out.size() > 48) out.resize(48);
  return out.empty() ? std::string("item") : out;
}

std::string web_address_problem(std::string_view url) {
  if (url.empty()) return {};
  std::string_view rest;
  if (url.substr(0, 8) == "https://") {
    rest = url.substr(8);
  } else if (url.substr(0, 7) == "http://") {
    rest = url.substr(7);
  } else {
    return "must start with https:// or http://";
  }
  for (const char c : url) {
    if (c == ' ' || c == '\t' || c == '\n') return "must not contain spaces";
  }
  const std::string_view host = rest.substr(0, rest.find_first_of("/?#"));
  const std::string_view name = host.substr(0, host.find(':'));  // without a port
  const auto dot = name.find('.');
  const bool dotted = dot != std::string_view::npos && dot > 0 && name.back() != '.';
  if (name != "localhost" && !dotted) return "needs a site name, such as https://yourpractice.com/botox";
  return {};
}

bool begin_catalog_table(Ui& ui, const char* id, int columns, float width) {
  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(ui.px(8), ui.px(6)));
  // The table keeps to the card's inner width, so its row stripes end where the text does.
  const bool open = ImGui::BeginTable(id, columns,
                                      ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                          ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_NoSavedSettings,
                                      ImVec2(width, 0));
  if (!open) ImGui::PopStyleVar();
  return open;
}

void end_catalog_table() {
  ImGui::EndTable();
  ImGui::PopStyleVar();
}

void catalog_header_cell(Ui& ui, const char* text) {
  ImGui::TableNextColumn();
  small_text(ui, text);
}

bool choice_field(Ui& ui, const char* label_text, const char* mark, int& value,
                  const std::function<const char*(int)>& label_of, int count, float width, bool enabled) {
  ImGui::BeginGroup();
  field_label(ui, label_text);
  ImGui::PushID(mark);
  ImGui::SetNextItemWidth(width);
  if (!enabled) ImGui::BeginDisabled();
  bool changed = false;
  if (ImGui::BeginCombo("##choice", value >= 0 && value < count ? label_of(value) : "")) {
    for (int i = 0; i < count; ++i) {
      if (ImGui::Selectable(label_of(i), i == value)) {
        changed = i != value;
        value = i;
      }
      if (i == value) ImGui::SetItemDefaultFocus();
    }
    ImGui::EndCombo();
  }
  if (!enabled) ImGui::EndDisabled();
  ImGui::PopID();
  ui.marks.mark(mark);
  ImGui::EndGroup();
  return changed;
}

RowAction row_actions(Ui& ui, const std::string& mark_base, const std::string& id, bool editable) {
  RowAction action = RowAction::none;
  if (button(ui, "Edit", ButtonKind::quiet, (mark_base + ".edit." + id).c_str(), editable))
    action = RowAction::edit;
  ImGui::SameLine(0, ui.px(4));
  if (button(ui, "Delete", ButtonKind::quiet, (mark_base + ".delete." + id).c_str(), editable))
    action = RowAction::remove;
  return action;
}

std::string CatalogFeedback::error(const char* field, const char* noun) const {
  const auto it = errors.find(field);
  return it == errors.end() ? std::string() : std::string(noun) + " " + it->second;
}

bool CatalogFeedback::take(Ui& ui, const CommandResult& r, const std::map<std::string, std::string>& rename) {
  for (const FieldError& e : r.field_errors) {
    const auto it = rename.find(e.field);
    errors[it == rename.end() ? e.field : it->second] = e.message;
  }
  ok = r.ok;
  message = r.ok ? r.message + "." : (r.field_errors.empty() ? r.message : "Check the highlighted fields.");
  ui.announce(message);
  return r.ok;
}

void CatalogFeedback::draw(Ui& ui, const char* mark) const {
  if (message.empty()) return;
  caption(ui, message.c_str(), ok ? &ui.pal.success : &ui.pal.danger);
  ui.marks.mark(mark);
}

bool delete_catalog_item(Ui& ui, CatalogKind kind, const std::string& id, const std::string& name,
                         CatalogFeedback& feedback) {
  const CommandResult r = ui.mutable_session.execute(DeleteCatalogItem{kind, id, ui.platform.now_ms()});
  feedback.errors.clear();
  feedback.ok = r.ok;
  feedback.message = r.ok ? "“" + name + "” deleted. Undo with Ctrl+Z." : r.message;
  if (r.ok) ui.notice = feedback.message;
  ui.announce(feedback.message);
  return r.ok;
}

}  // namespace nurture::ui
