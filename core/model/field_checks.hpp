#pragma once
/// Checks shared by the validate() functions of catalog items and sequences.

#include <cstddef>
#include <string>
#include <vector>

#include "core/model/practice.hpp"

namespace nurture {

/// Adds an error for `field` when `value` is not UTF-8, longer than `max` characters, or
/// blank while `required`.
void check_text(std::vector<FieldError>& errors, const std::string& field, const std::string& value,
                std::size_t max, bool required);

}  // namespace nurture
