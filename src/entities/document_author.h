// Who wrote the document a source names:
//
//   DocumentAuthors authors(doc, lexicon, folded);  // after resolution
//   int32_t author = authors.author(source_mention);  // an entity, -1 if none
//
// "according to a report by analysts Forrester Research", "says a survey
// from YouGov", "a study published on Thursday by the World Economic Forum":
// the report says what its author says, so the quote is credited to the
// author by name rather than to "the report". Read from the tree: a
// possessor ("Mr Crosby's statement") or a "by" or "from" phrase hanging from
// the document's noun, or from a participle that hangs from it ("published
// by", "commissioned by"), or the subject of a verb of publishing whose object
// it is ("the Halden Institute released a report"), whose head lies in a
// name mention that has an entity (not a place: "reports from China"). A
// definite "the report" with no such phrase of its own is the latest report
// before it in the article: its author, unless that one was introduced anew
// ("a report", "another study") without one; such a document takes the
// author named in the next sentences ("…, a survey suggests. The survey … was
// carried out by Capgemini"). A name right before the noun ("the Mori poll"),
// a "by" phrase read from the words where the tree missed it, and the maker
// of a document ("X, which commissioned the survey") name an author too.
// Sentences are parsed on demand
// (the parser's own model). The resolver asks only for sources typed
// documents, not for people ("experts from Leeds University").
#pragma once

#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "core/folded.h"
#include "core/lexicon.h"
#include "whosaid/document.h"

namespace whosaid {

class DocumentAuthors {
 public:
  // Indexes the name mentions of `doc` (after resolution: they have entities).
  // `entity_of` gives a name mention that has none an entity (a new one, or
  // that of the same words); `speaking_body(sentence, last)` gives the entity
  // of the body that is the source of the first (last) statement in a
  // sentence, -2 when that source is no body, -1 when there is none. Either
  // may be empty.
  DocumentAuthors(Document& doc, const Lexicon& lex, const FoldedWords& folded,
                  const std::function<int32_t(uint32_t)>& entity_of = {},
                  std::function<int32_t(uint32_t, bool)> speaking_body = {});

  // The entity that wrote the document named by nominal mention `mention`
  // (index into doc.mentions), or -1. Parses the sentences it reads.
  int32_t author(uint32_t mention);

 private:
  int32_t named_entity(uint32_t t) const;
  bool by_or_from(const Sentence& s, uint32_t t) const;
  int32_t author_of_noun(uint32_t t);
  int32_t author_by_words(const Sentence& s, uint32_t t) const;
  int32_t author_by_making(const Sentence& s, uint32_t t) const;
  bool makes_document(uint32_t t) const;
  int32_t author_after(uint32_t t, bool introduced_here);
  bool credible(uint32_t t) const;
  bool introduced(const Sentence& s, uint32_t noun) const;
  int32_t parsed_sentence(uint32_t t);

  std::function<int32_t(uint32_t, bool)> speaking_body_;
  Document& doc_;
  const Lexicon& lex_;
  const FoldedWords& folded_;
  std::vector<int32_t> name_entity_;  // per token: the entity of the name mention holding it, or -1
  std::vector<uint32_t> name_first_, name_end_;  // … and that mention's tokens
};

}  // namespace whosaid
