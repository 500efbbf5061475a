#include "entities/expletive.h"

#include <string_view>

#include "tagger/tag_set.h"

namespace whosaid {
namespace {

bool be_form(std::string_view w) {
  return w == "is" || w == "was" || w == "be" || w == "been" || w == "being" || w == "'s" || w == "are" ||
         w == "were";
}

// What may stand between "it" and a form of "be": "has", "will", "could", "not".
bool auxiliary(std::string_view w) {
  return w == "has" || w == "had" || w == "have" || w == "will" || w == "would" || w == "could" || w == "may" ||
         w == "might" || w == "can" || w == "should" || w == "must" || w == "not" || w == "n't";
}

// Participles the tagger may read as past tense or adjectives ("thought", "known").
bool participle(const Token& t, std::string_view w) {
  return pos::is_past_participle(t.tag) || w.ends_with("ed") || w == "thought" || w == "known" ||
         w == "understood" || w == "said" || w == "told" || w == "shown" || w == "seen" || w == "forecast";
}

}  // namespace

bool expletive_source(const Document& doc, const FoldedWords& folded, const Mention& m, const Quote& q) {
  if (!q.cue || m.end_token != m.first_token + 1 || folded[m.first_token] != "it") return false;
  const uint32_t n = static_cast<uint32_t>(doc.tokens.size());
  bool be = false;
  uint32_t t = m.end_token;
  // "it" (auxiliaries, "not", adverbs, a form of "be") then the cue's last word.
  for (; t < n && doc.tokens[t].span.end < q.cue->end; ++t) {
    const Token& tok = doc.tokens[t];
    const std::string_view w = folded[t];
    if (tok.span.begin >= q.cue->begin) break;  // the cue's own words: "has been reported"
    if (be_form(w)) {
      be = true;
    } else if (!auxiliary(w) && !pos::is_adverb(tok.tag)) {
      return false;
    }
  }
  // The cue may itself hold the auxiliaries ("has been reported").
  for (; t < n && doc.tokens[t].span.end < q.cue->end; ++t)
    if (be_form(folded[t])) be = true;
  if (!be || t >= n || doc.tokens[t].span.end != q.cue->end || !participle(doc.tokens[t], folded[t])) return false;
  // "it is said to be struggling" (raising: "it" is the firm), "it was
  // criticised by users" (an agent), "it is branded as": a referring "it".
  if (t + 1 < n) {
    const std::string_view next = folded[t + 1];
    if (next == "to" || next == "by" || next == "as") return false;
    // "It is called "podcasting"", "it is being branded as …": a name given to a thing.
    if (doc.tokens[t + 1].kind == TokenKind::kQuote) return false;
  }
  return true;
}

}  // namespace whosaid
