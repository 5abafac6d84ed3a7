#pragma once
/// The app's own widgets on top of ImGui: buttons in three weights, cards, text in the type
/// scale, labelled text fields with inline errors, and a visible keyboard focus ring.

#include <map>
#include <string>

#include "web/ui/ui_context.hpp"

namespace nurture::ui {

enum class ButtonKind {
  primary,    ///< accent fill: the one thing to do next
  secondary,  ///< neutral with a border
  quiet,      ///< text only, accent colour: links and small actions
  subtle,     ///< text only, muted: a toggle that is off (the builder's "not")
  danger,     ///< destructive confirmation
};

/// A button; `mark` (optional) is its test id. Disabled buttons return false and show as such.
bool button(Ui& ui, const char* label, ButtonKind kind, const char* mark = nullptr, bool enabled = true);

/// A rounded card with padding, `width` wide (design pixels × scale already applied). Content
/// is laid out inside; the card's height follows its content in the same frame.
class Card {
 public:
  Card(Ui& ui, float width, const ImVec4* fill = nullptr, const ImVec4* border = nullptr);
  ~Card();
  Card(const Card&) = delete;
  Card& operator=(const Card&) = delete;
  /// Inner width available to content.
  [[nodiscard]] float inner_width() const { return m_width - 2.0F * m_pad; }

 private:
  Ui& m_ui;
  ImVec2 m_start;
  float m_width;
  float m_pad;
  ImU32 m_fill;
  ImU32 m_border;
};

void title_text(Ui& ui, const char* text);
void heading(Ui& ui, const char* text);
/// Wrapped body text; `muted` for secondary copy.
void paragraph(Ui& ui, const char* text, bool muted = false);
/// Small secondary text, wrapped.
void caption(Ui& ui, const char* text, const ImVec4* color = nullptr);
/// Small secondary text on one line (table headers, hints beside other items).
void small_text(Ui& ui, const char* text, const ImVec4* color = nullptr);
/// The small label above an input, pulled close to it (text_field, choice fields).
void field_label(Ui& ui, const char* text);
/// Strong inline label.
void label(Ui& ui, const char* text);
/// Vertical space in design pixels.
void gap(Ui& ui, float design_px);

/// A label above a single-line text field, the field `width` wide, and `error` under it when
/// non-empty. `mark` is the test id. Returns true when the value changed; `left` (optional) is
/// set when the user left the field after editing it (the moment to show its errors).
bool text_field(Ui& ui, const char* label_text, const char* mark, std::string& value,
                const std::string& error, float width, const char* hint = "", bool enabled = true,
                bool* left = nullptr, bool secret = false);

/// The message for form field `key` in `errors` (field name -> message), or an empty string:
/// what text_field shows under a field.
const std::string& error_for(const std::map<std::string, std::string>& errors, const char* key);

/// A small rounded label (e.g. "Coming next") on the current line, vertically centred on it.
void chip(Ui& ui, const char* text);

/// A soft accent circle holding an icon, `size` design pixels across, at the cursor.
void icon_badge(Ui& ui, Icon icon, float size);

/// Draws the keyboard focus ring (U10) around the focused item when keyboard navigation is
/// visible, for every widget, standard or hand-drawn: a thick accent ring with a thin ring of
/// the background colour inside it, so it stands out on any surface. Called once per frame by
/// the app after all windows are drawn (ImGui's own thin highlight is switched off).
void draw_focus_ring(const Palette& pal, float scale);

/// True when Enter or Space would activate the item just drawn: it has the keyboard focus and
/// the focus ring shows (the keyboard was used last, not the mouse), and nothing is held.
bool keyboard_activates_last_item();

/// Keeps Tab and SetKeyboardFocusHere working when the keyboard focus was on something that is
/// gone (a closed lead, a child window left with Escape) (U10). Called once per frame by the app,
/// after every window is drawn.
void keep_keyboard_focus_reachable();

/// "10:42" for Unix ms `t` in local time (`offset_minutes` from UTC).
std::string format_clock(std::int64_t t, int offset_minutes);

}  // namespace nurture::ui
