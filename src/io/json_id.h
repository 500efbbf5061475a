// The "id" of an article record in JSON Lines, read by JsonlReader (io/jsonl.h)
// for both `whosaid extract --jsonl` and `whosaid ingest`.
//
//   std::string id, error;
//   if (!article_id(j["id"], id, error)) reject(error);   // {"id": [1]}, {"id": 1.5}
//
// A string is taken as it is; an integer (up to 64 bits) as its digits. Any
// other value is refused: an object, array or boolean is no id, and a
// fraction or an integer too long for 64 bits has been read as a double and
// has lost digits (123456789012345678901234567890 → 1.2345678901234568e+29),
// so two articles could share one id. Quote such ids as strings.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace whosaid {

// Sets `id` ("" for null) and returns true, or returns false with `error` set.
inline bool article_id(const nlohmann::json& value, std::string& id, std::string& error) {
  id.clear();
  if (value.is_null()) return true;
  if (value.is_string()) {
    id = value.get<std::string>();
    return true;
  }
  if (value.is_number_integer()) {
    id = value.dump();
    return true;
  }
  error = value.is_number() ? "\"id\" " + value.dump() +
                                  " is not an integer of at most 64 bits (its digits would be lost): quote it as a string"
                            : "\"id\" must be a string or an integer, got " + std::string(value.type_name());
  return false;
}

}  // namespace whosaid
