// whosaid/quote.h — what whosaid extracts: a Quote and the Speaker who said it.
//
//   for (const whosaid::Quote& q : doc.quotes) {
//     std::string_view words = doc.slice(q.span);          // from first to last span
//     if (q.speaker) std::cout << q.speaker->name << ": " << words << "\n";
//   }
//
// A Quote is one attribution: the content a source is reported to have said,
// written or thought. `spans` are its content fragments (more than one for a split
// quote: "Q1," he said, "Q2"); `span` runs from the first fragment's begin to the
// last fragment's end. Quotation marks are never part of a span.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "whosaid/span.h"

namespace whosaid {

enum class QuoteKind : uint8_t {
  kDirect,    // all content inside quotation marks
  kMixed,     // reported speech with quoted words in it
  kIndirect,  // reported speech, no quotation marks
};
const char* quote_kind_name(QuoteKind kind) noexcept;  // "direct", "mixed", "indirect"

// What a speaker is (docs/types.md): a person, an organisation, or a document
// or publication credited as a source ("the report", "a study"). Mentions of
// anything else (a place, a work, an event, an abstraction, a time) are typed
// kOther and never become speakers.
enum class EntityType : uint8_t { kPerson, kOrganisation, kDocument, kOther };
const char* entity_type_name(EntityType type) noexcept;  // "person", "organisation", "document", "other"

// Who said it. `name` is the resolved person or body ("John Key") even when the
// sentence says "he" or "Mr Key"; `mention` is the words in the quote's own
// sentence (or the nearest one naming the source) and is empty when the quote
// has no source in its sentence and the speaker was carried over from before.
// The role and party are the entity's, kept once per document rather than in
// every quote: Document::speaker_role() and speaker_org().
struct Speaker {
  std::string name;
  std::optional<Span> mention;
  int32_t entity = -1;  // index into Document::entities, -1 when unresolved
  EntityType type = EntityType::kPerson;  // of the entity; meaningless when entity is -1
};

struct Quote {
  Span span;                  // first fragment begin .. last fragment end
  SpanList spans;             // content fragments, ordered and disjoint
  QuoteKind kind = QuoteKind::kDirect;
  std::optional<Speaker> speaker;
  std::optional<Span> cue;    // "said", "according to", ":" ...
  // Calibrated probability in [0, 1] that the attribution is right (content and
  // speaker as a human annotator would mark them; docs/model.md). On PolNeAR
  // dev, 92.7% of quotes at 0.9 or more are right, 62% of those at 0.5–0.6.
  float confidence = 0.0f;
};

}  // namespace whosaid
