#include "whosaid/document.h"

namespace whosaid {

void Document::reset(std::string text, std::string id) {
  text_ = std::move(text);
  id_ = std::move(id);
  paragraphs.clear();
  sentences.clear();
  tokens.clear();
  quoted.clear();
  cues.clear();
  mentions.clear();
  entities.clear();
  quotes.clear();
  diagnostics.clear();
  authors.clear();
}

const char* quote_kind_name(QuoteKind kind) noexcept {
  switch (kind) {
    case QuoteKind::kDirect: return "direct";
    case QuoteKind::kMixed: return "mixed";
    case QuoteKind::kIndirect: return "indirect";
  }
  return "direct";
}

const char* entity_type_name(EntityType type) noexcept {
  switch (type) {
    case EntityType::kPerson: return "person";
    case EntityType::kOrganisation: return "organisation";
    case EntityType::kDocument: return "document";
    case EntityType::kOther: return "other";
  }
  return "other";
}

}  // namespace whosaid
