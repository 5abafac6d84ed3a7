#include "web/ui/icons.hpp"

#include <algorithm>
#include <cmath>

namespace nurture::ui {

namespace {

ImVec2 at(ImVec2 c, float s, float x, float y) { return ImVec2(c.x + x * s, c.y + y * s); }

}  // namespace

// Every icon is drawn in a unit box from -0.5 to 0.5 around the centre with one stroke width,
// so the set looks like one family at any scale.
void draw_icon(ImDrawList* dl, Icon icon, ImVec2 c, float size, ImU32 color) {
  const float s = size;
  const float w = std::max(1.0F, size * 0.09F);
  switch (icon) {
    case Icon::today: {  // a calendar page with a marked day
      dl->AddRect(at(c, s, -0.42F, -0.34F), at(c, s, 0.42F, 0.44F), color, s * 0.1F, 0, w);
      dl->AddLine(at(c, s, -0.42F, -0.1F), at(c, s, 0.42F, -0.1F), color, w);
      dl->AddLine(at(c, s, -0.2F, -0.48F), at(c, s, -0.2F, -0.26F), color, w);
      dl->AddLine(at(c, s, 0.2F, -0.48F), at(c, s, 0.2F, -0.26F), color, w);
      dl->AddRectFilled(at(c, s, 0.04F, 0.06F), at(c, s, 0.24F, 0.26F), color, s * 0.04F);
      break;
    }
    case Icon::leads: {  // a person
      dl->AddCircle(at(c, s, 0, -0.2F), s * 0.2F, color, 20, w);
      dl->PathArcTo(at(c, s, 0, 0.48F), s * 0.4F, 3.14159F * 1.05F, 3.14159F * 1.95F, 20);
      dl->PathStroke(color, 0, w);
      break;
    }
    case Icon::segments: {  // a filter
      dl->AddLine(at(c, s, -0.44F, -0.3F), at(c, s, 0.44F, -0.3F), color, w);
      dl->AddLine(at(c, s, -0.28F, 0.0F), at(c, s, 0.28F, 0.0F), color, w);
      dl->AddLine(at(c, s, -0.12F, 0.3F), at(c, s, 0.12F, 0.3F), color, w);
      break;
    }
    case Icon::sequences: {  // three steps joined by a line
      dl->AddLine(at(c, s, -0.3F, 0), at(c, s, 0.3F, 0), color, w);
      dl->AddCircleFilled(at(c, s, -0.34F, 0), s * 0.12F, color, 16);
      dl->AddCircleFilled(at(c, s, 0.0F, 0), s * 0.12F, color, 16);
      dl->AddCircle(at(c, s, 0.34F, 0), s * 0.12F, color, 16, w);
      break;
    }
    case Icon::funnel: {
      dl->PathLineTo(at(c, s, -0.44F, -0.38F));
      dl->PathLineTo(at(c, s, 0.44F, -0.38F));
      dl->PathLineTo(at(c, s, 0.1F, 0.05F));
      dl->PathLineTo(at(c, s, 0.1F, 0.42F));
      dl->PathLineTo(at(c, s, -0.1F, 0.32F));
      dl->PathLineTo(at(c, s, -0.1F, 0.05F));
      dl->PathStroke(color, ImDrawFlags_Closed, w);
      break;
    }
    case Icon::content: {  // an open book
      dl->PathLineTo(at(c, s, 0, -0.26F));
      dl->PathLineTo(at(c, s, -0.44F, -0.36F));
      dl->PathLineTo(at(c, s, -0.44F, 0.32F));
      dl->PathLineTo(at(c, s, 0, 0.42F));
      dl->PathLineTo(at(c, s, 0.44F, 0.32F));
      dl->PathLineTo(at(c, s, 0.44F, -0.36F));
      dl->PathStroke(color, ImDrawFlags_Closed, w);
      dl->AddLine(at(c, s, 0, -0.26F), at(c, s, 0, 0.42F), color, w);
      break;
    }
    case Icon::import_export: {  // arrows in and out
      dl->AddLine(at(c, s, -0.2F, -0.42F), at(c, s, -0.2F, 0.38F), color, w);
      dl->AddLine(at(c, s, -0.2F, 0.42F), at(c, s, -0.4F, 0.2F), color, w);
      dl->AddLine(at(c, s, -0.2F, 0.42F), at(c, s, 0.0F, 0.2F), color, w);
      dl->AddLine(at(c, s, 0.2F, 0.42F), at(c, s, 0.2F, -0.38F), color, w);
      dl->AddLine(at(c, s, 0.2F, -0.42F), at(c, s, 0.0F, -0.2F), color, w);
      dl->AddLine(at(c, s, 0.2F, -0.42F), at(c, s, 0.4F, -0.2F), color, w);
      break;
    }
    case Icon::settings: {  // a gear: a ring with eight teeth
      for (int i = 0; i < 8; ++i) {
        const float a = static_cast<float>(i) * 3.14159F / 4.0F;
        const ImVec2 d(std::cos(a), std::sin(a));
        dl->AddLine(ImVec2(c.x + d.x * s * 0.28F, c.y + d.y * s * 0.28F),
                    ImVec2(c.x + d.x * s * 0.45F, c.y + d.y * s * 0.45F), color, w * 1.5F);
      }
      dl->AddCircle(c, s * 0.3F, color, 24, w);
      dl->AddCircle(c, s * 0.1F, color, 12, w);
      break;
    }
    case Icon::lock: {
      dl->AddRect(at(c, s, -0.34F, -0.05F), at(c, s, 0.34F, 0.44F), color, s * 0.08F, 0, w);
      dl->PathArcTo(at(c, s, 0, -0.05F), s * 0.22F, 3.14159F, 2.0F * 3.14159F, 12);
      dl->PathStroke(color, 0, w);
      break;
    }
    case Icon::check: {
      dl->PathLineTo(at(c, s, -0.32F, 0.02F));
      dl->PathLineTo(at(c, s, -0.08F, 0.26F));
      dl->PathLineTo(at(c, s, 0.34F, -0.22F));
      dl->PathStroke(color, 0, w * 1.4F);
      break;
    }
    case Icon::info:
    case Icon::warning: {
      dl->AddCircle(c, s * 0.44F, color, 24, w);
      const float top = icon == Icon::info ? -0.02F : -0.24F;
      const float bottom = icon == Icon::info ? 0.24F : 0.06F;
      dl->AddLine(at(c, s, 0, top), at(c, s, 0, bottom), color, w * 1.2F);
      dl->AddCircleFilled(at(c, s, 0, icon == Icon::info ? -0.2F : 0.2F), w * 0.8F, color, 8);
      break;
    }
    case Icon::mail: {  // an envelope
      dl->AddRect(at(c, s, -0.44F, -0.3F), at(c, s, 0.44F, 0.3F), color, s * 0.06F, 0, w);
      dl->PathLineTo(at(c, s, -0.42F, -0.26F));
      dl->PathLineTo(at(c, s, 0, 0.06F));
      dl->PathLineTo(at(c, s, 0.42F, -0.26F));
      dl->PathStroke(color, 0, w);
      break;
    }
    case Icon::message: {  // a speech bubble
      dl->AddRect(at(c, s, -0.42F, -0.34F), at(c, s, 0.42F, 0.2F), color, s * 0.12F, 0, w);
      dl->PathLineTo(at(c, s, -0.2F, 0.2F));
      dl->PathLineTo(at(c, s, -0.28F, 0.42F));
      dl->PathLineTo(at(c, s, 0.02F, 0.2F));
      dl->PathStroke(color, 0, w);
      break;
    }
    case Icon::star: {
      for (int i = 0; i < 10; ++i) {
        const float a = -3.14159F * 0.5F + static_cast<float>(i) * 3.14159F / 5.0F;
        const float r = (i % 2 == 0) ? 0.46F : 0.2F;
        dl->PathLineTo(at(c, s, std::cos(a) * r, std::sin(a) * r + 0.04F));
      }
      dl->PathStroke(color, ImDrawFlags_Closed, w);
      break;
    }
    case Icon::eye: {
      dl->PathArcTo(at(c, s, 0, 0.36F), s * 0.56F, 3.14159F * 1.2F, 3.14159F * 1.8F, 16);
      dl->PathStroke(color, 0, w);
      dl->PathArcTo(at(c, s, 0, -0.36F), s * 0.56F, 3.14159F * 0.2F, 3.14159F * 0.8F, 16);
      dl->PathStroke(color, 0, w);
      dl->AddCircle(c, s * 0.12F, color, 12, w);
      break;
    }
    case Icon::cross:
      dl->AddLine(at(c, s, -0.3F, -0.3F), at(c, s, 0.3F, 0.3F), color, w * 1.2F);
      dl->AddLine(at(c, s, 0.3F, -0.3F), at(c, s, -0.3F, 0.3F), color, w * 1.2F);
      break;
    case Icon::forecast: {  // three rising bars under a dashed line into the future
      dl->AddLine(at(c, s, -0.44F, 0.42F), at(c, s, 0.44F, 0.42F), color, w);
      dl->AddRectFilled(at(c, s, -0.36F, 0.12F), at(c, s, -0.18F, 0.42F), color, s * 0.03F);
      dl->AddRectFilled(at(c, s, -0.09F, -0.06F), at(c, s, 0.09F, 0.42F), color, s * 0.03F);
      dl->AddRect(at(c, s, 0.18F, -0.26F), at(c, s, 0.36F, 0.42F), color, s * 0.03F, 0, w);
      dl->AddLine(at(c, s, -0.4F, -0.12F), at(c, s, -0.22F, -0.24F), color, w);
      dl->AddLine(at(c, s, -0.1F, -0.32F), at(c, s, 0.06F, -0.42F), color, w);
      break;
    }
    case Icon::plus:
      dl->AddLine(at(c, s, 0, -0.36F), at(c, s, 0, 0.36F), color, w * 1.2F);
      dl->AddLine(at(c, s, -0.36F, 0), at(c, s, 0.36F, 0), color, w * 1.2F);
      break;
  }
}

}  // namespace nurture::ui
