// whosaid/document.h — the one data model every pipeline stage reads and adds to.
//
//   whosaid::Document doc(std::move(text), "article-17");
//   extractor.run(doc);                      // fills the annotation vectors below
//   for (const auto& s : doc.sentences) std::cout << doc.slice(s.span) << "\n";
//
// A Document owns the original UTF-8 bytes and never changes them. Every
// annotation is a byte range (Span) into text(); stages append to the vectors in
// pipeline order (segment → quotes → cues → mentions → attribution → entities).
// A Document is not thread-safe; give each thread its own.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "whosaid/quote.h"
#include "whosaid/span.h"

namespace whosaid {

enum class TokenKind : uint8_t {
  kWord,    // letters, with inner apostrophes/hyphens/periods (don't, US-led, U.S.)
  kNumber,  // 1,000.5 '90s 2014
  kPunct,   // . , ; : ! ? ( ) — …
  kQuote,   // a quotation mark that is not an apostrophe: “ ” ‘ ’ " `` '' « » „
  kSymbol,  // anything else, including bytes that are not valid UTF-8
};

// Token::flags bits.
enum TokenFlag : uint8_t {
  kCapitalized = 1 << 0,   // first letter upper case
  kAllCaps = 1 << 1,       // two or more letters, all upper case
  kSpaceBefore = 1 << 2,   // preceded by whitespace (or start of text)
  kSpaceAfter = 1 << 3,    // followed by whitespace (or end of text)
  kInvalidUtf8 = 1 << 4,   // contains bytes that are not valid UTF-8
  kParagraphStart = 1 << 5,
  kLayout = 1 << 6,        // article furniture (a header field, byline, caption, credit,
                           // dateline or field label): never a statement, cue or speaker
};

struct Token {
  Span span;
  TokenKind kind = TokenKind::kWord;
  uint8_t flags = 0;
  uint8_t tag = 0;       // part-of-speech tag id (0: not tagged)
  uint8_t in_quote = 0;  // nesting depth of quotation marks around the token
  // Dependency tree, set by the parser (src/parse/parser.h) on request: the
  // relation id (src/parse/relations.h; 0: not parsed) and the offset from this
  // token to its head (0 for the root of the sentence). See src/parse/tree.h.
  uint8_t dep = 0;
  int16_t head = 0;
  bool has(TokenFlag f) const noexcept { return (flags & f) != 0; }
};
static_assert(sizeof(Token) == 16, "Token is kept small: documents hold millions of them");

// What a paragraph is in the layout of an article (the layout stage decides).
enum class ParagraphKind : uint8_t {
  kBody,     // running text (its first tokens may still be a dateline: WASHINGTON (AP) —)
  kTitle,    // a headline or subtitle field ("Headline: …"): the label is furniture
  kMeta,     // a header field, byline or date line: no statements
  kCaption,  // a picture caption or credit ("Image: …", "… (AP Photo/…)"): no statements
};

struct Paragraph {
  Span span;  // trimmed line(s), without the newline
  ParagraphKind kind = ParagraphKind::kBody;
  uint32_t first_sentence = 0, end_sentence = 0;
  uint32_t first_token = 0, end_token = 0;
};

struct Sentence {
  Span span;
  uint32_t first_token = 0, end_token = 0;
  uint32_t paragraph = 0;
};

// A pair of quotation marks (or an opening mark left unclosed at the paragraph
// end) and what lies between them.
struct QuotedRegion {
  Span open_mark;
  Span close_mark;  // empty when the paragraph ended first
  Span content;     // between the marks, trimmed of whitespace
  uint32_t first_token = 0, end_token = 0;  // tokens of the content
  uint32_t paragraph = 0;
  bool closed = false;
  bool single = false;             // ‘…’ rather than double marks
  bool continues_previous = false; // reopens a quote left open in the previous paragraph
};

enum class CueKind : uint8_t {
  kVerb,         // said, says, told, warned ...
  kAccordingTo,  // according to X
  kColon,        // X: "..."  /  Key: SAS could join ...
  kDash,         // "..." — Commissioner X
  kNoun,         // in a statement, the report found (nominal cue)
};

struct Cue {
  Span span;
  uint32_t first_token = 0, end_token = 0;
  CueKind kind = CueKind::kVerb;
  float prior = 1.0f;  // how often this word form is an attribution cue in news
};

enum class MentionKind : uint8_t {
  kName,      // John Key, Mr Key, Prime Minister John Key
  kPronoun,   // he, she, they, I, we, who
  kNominal,   // the senator, a spokesman, officials
  kOrganisation,  // the ministry, Labour, the New York Times
};

enum class Gender : uint8_t { kUnknown, kMale, kFemale, kNeuter, kPlural };

struct Mention {
  Span span;           // the whole mention, titles included
  Span name;           // the name itself ("John Key" in "Prime Minister John Key")
  uint32_t first_token = 0, end_token = 0;
  MentionKind kind = MentionKind::kName;
  Gender gender = Gender::kUnknown;
  int32_t entity = -1;  // index into Document::entities once resolved
  Span role;            // "Prime Minister", "Labour MP" when written with the mention
  Span org;             // "Labour", "Green Party" when written with the mention
};

// A person or body, resolved across the mentions of one document.
struct Entity {
  std::string name;   // fullest form seen: "John Key"
  std::string role;   // "Prime Minister"
  std::string org;    // "Labour"
  Gender gender = Gender::kUnknown;
  MentionKind kind = MentionKind::kName;
  EntityType type = EntityType::kPerson;  // by the mention-type model (docs/types.md)
  std::vector<uint32_t> mentions;  // indexes into Document::mentions
};

struct Diagnostic {
  uint32_t offset = 0;  // byte offset of the first occurrence
  std::string message;
};

class Document {
 public:
  Document() = default;
  explicit Document(std::string text, std::string id = {})
      : text_(std::move(text)), id_(std::move(id)) {}

  std::string_view text() const noexcept { return text_; }
  const std::string& id() const noexcept { return id_; }
  std::string_view slice(Span s) const noexcept {
    return std::string_view(text_).substr(s.begin, s.end - s.begin);
  }
  // The role ("Prime Minister", "Labour MP", "Green Party co-leader") and the
  // party or organisation ("Labour", "Green Party") of a quote's speaker: its
  // entity's, empty when it has none or the text gives none.
  std::string_view speaker_role(const Speaker& s) const noexcept {
    const Entity* e = speaker_entity(s);
    return e ? std::string_view(e->role) : std::string_view();
  }
  std::string_view speaker_org(const Speaker& s) const noexcept {
    const Entity* e = speaker_entity(s);
    return e ? std::string_view(e->org) : std::string_view();
  }
  // The entity a speaker was resolved to, nullptr when unresolved.
  const Entity* speaker_entity(const Speaker& s) const noexcept {
    return s.entity >= 0 && static_cast<size_t>(s.entity) < entities.size() ? &entities[s.entity] : nullptr;
  }
  // Clears all annotations and takes new text, keeping vector capacity.
  void reset(std::string text, std::string id = {});

  std::vector<Paragraph> paragraphs;
  std::vector<Sentence> sentences;
  std::vector<Token> tokens;
  std::vector<QuotedRegion> quoted;
  std::vector<Cue> cues;
  std::vector<Mention> mentions;
  std::vector<Entity> entities;
  std::vector<Quote> quotes;
  std::vector<Diagnostic> diagnostics;
  std::vector<Span> authors;  // the names a byline gives ("By Sarah Jones and Tom Lee")

 private:
  std::string text_;
  std::string id_;
};

}  // namespace whosaid
