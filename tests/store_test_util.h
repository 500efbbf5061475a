// Helpers of the store's unit tests (store_*_test.cc): documents built by hand,
// so that the tests do not depend on how well the extractor finds quotes.
#pragma once

#include <optional>
#include <source_location>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "store_fixtures.h"
#include "whosaid/error.h"
#include "whosaid/store.h"

namespace whosaid::testing {

struct Q {
  std::string text;
  std::string speaker;  // empty: no speaker
  std::string role, org;
  QuoteKind kind = QuoteKind::kDirect;
  MentionKind entity_kind = MentionKind::kName;
  bool resolved = true;  // has an entity
  Gender gender = Gender::kUnknown;
};

// “TEXT,” SPEAKER said.  — one paragraph per quote, after an optional lead.
inline Document make_doc(const std::vector<Q>& qs, const std::string& lead = "") {
  std::string text = lead.empty() ? "" : lead + "\n\n";
  struct Pos {
    Span quote, mention;
  };
  std::vector<Pos> pos;
  for (const Q& q : qs) {
    Pos p;
    text += "\u201C";
    p.quote.begin = static_cast<uint32_t>(text.size());
    text += q.text;
    p.quote.end = static_cast<uint32_t>(text.size());
    text += ",\u201D ";
    p.mention.begin = static_cast<uint32_t>(text.size());
    text += q.speaker.empty() ? "it was" : q.speaker;
    p.mention.end = static_cast<uint32_t>(text.size());
    text += " said.\n\n";
    pos.push_back(p);
  }
  Document doc(text);
  for (size_t i = 0; i < qs.size(); ++i) {
    const Q& q = qs[i];
    Quote quote;
    quote.span = pos[i].quote;
    quote.spans = {pos[i].quote};
    quote.kind = q.kind;
    quote.confidence = 0.8f;
    quote.cue = Span{pos[i].mention.end + 1, pos[i].mention.end + 5};
    if (!q.speaker.empty()) {
      Speaker sp;
      sp.name = q.speaker;
      sp.mention = pos[i].mention;
      if (q.resolved) {
        Entity e;
        e.name = q.speaker;
        e.role = q.role;
        e.org = q.org;
        e.kind = q.entity_kind;
        e.gender = q.gender;
        sp.entity = static_cast<int32_t>(doc.entities.size());
        doc.entities.push_back(e);
      }
      quote.speaker = sp;
    }
    doc.quotes.push_back(quote);
  }
  return doc;
}

inline ArticleInfo info(const std::string& url, const std::string& outlet, const std::string& date) {
  ArticleInfo a;
  a.url = url;
  a.outlet = outlet;
  a.date = date;
  a.title = "Title of " + url;
  return a;
}

inline int64_t speaker_of(const Store& s, const std::string& text) {
  SearchQuery q;
  q.text = "\"" + text + "\"";
  auto hits = s.search(q);
  EXPECT_EQ(hits.size(), 1u) << text;
  return hits.empty() ? -1 : hits[0].speaker_id;
}

// Expects `fn` to throw whosaid::Error with `code` (any code: nullopt) and a
// message containing `needle` (any message: empty). Failures name the caller's
// line. Any other exception escapes and fails the test.
template <typename Fn>
void expect_error(std::optional<ErrorCode> code, std::string_view needle, Fn&& fn,
                  std::source_location where = std::source_location::current()) {
  ::testing::ScopedTrace trace(where.file_name(), static_cast<int>(where.line()), "expect_error");
  try {
    fn();
  } catch (const Error& e) {
    if (code) EXPECT_EQ(e.code(), *code) << e.what();
    if (!needle.empty())
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos)
          << "no \"" << needle << "\" in: " << e.what();
    return;
  }
  ADD_FAILURE() << "no whosaid::Error was thrown";
}

}  // namespace whosaid::testing
