#include "cues/cue_finder.h"

#include <vector>

#include "core/utf8.h"

namespace whosaid {
namespace {

// Most longer words capitalised: a headline or subhead in title case.
bool title_case(const Document& doc, const Sentence& s) {
  int words = 0, caps = 0;
  for (uint32_t k = s.first_token; k < s.end_token; ++k) {
    const Token& t = doc.tokens[k];
    if (t.kind != TokenKind::kWord || t.in_quote || t.span.size() < 4) continue;
    ++words;
    caps += t.has(kCapitalized);
  }
  return words > 0 && 2 * caps > words;
}

// "whether you believe it or not, …": a cue in a concessive "whether … or
// not" clause states nothing; the clause after it is the sentence's own.
bool concessive_cue(const FoldedWords& fw, const Sentence& s, uint32_t t) {
  if (t < s.first_token + 2 || fw[t - 2] != "whether") return false;
  constexpr uint32_t kReach = 5;  // "it", "that doctrine", "what they say"
  for (uint32_t k = t + 1; k + 1 < s.end_token && k <= t + kReach; ++k)
    if (fw[k] == "or" && fw[k + 1] == "not") return true;
  return false;
}

// A cue word that speaks for no one where it stands (fillers and connectives,
// which credit no statement to anyone):
// - "you know," / "you see," opening a sentence or set off as an aside: a
//   filler whose "you" is no source ("offensive beyond, you know, anything");
// - "That said, …" / "This said, …" opening a sentence: a connective like
//   "however", whose "that" is what was said before, not a speaker;
// - a concessive "whether … or not" clause (concessive_cue()).
bool filler_cue(const Document& doc, const FoldedWords& fw, const Sentence& s, uint32_t t, std::string_view lemma) {
  if (concessive_cue(fw, s, t)) return true;
  if (t + 1 >= s.end_token || doc.slice(doc.tokens[t + 1].span) != ",") return false;
  if (t == s.first_token) return false;
  const std::string_view before = fw[t - 1];
  const bool aside_start = t - 1 == s.first_token || doc.slice(doc.tokens[t - 2].span) == ",";
  if (before == "you" && (lemma == "know" || lemma == "see")) return aside_start;
  return (before == "that" || before == "this") && lemma == "say" && t - 1 == s.first_token;
}

// "… and the mainstream media laughs about it. — Rick Santorum": a dash after
// a sentence's closing stop, followed by a few capitalised words that end the
// paragraph, signs what stands before it, as an epigraph is signed.
bool closing_signature(const Document& doc, const Sentence& s, uint32_t dash) {
  const std::string_view stop = doc.slice(doc.tokens[dash - 1].span);
  if (stop != "." && stop != "!" && stop != "?") return false;
  const Paragraph& p = doc.paragraphs[s.paragraph];
  constexpr uint32_t kMaxWords = 5;
  if (s.end_token != p.end_token || p.end_token - dash - 1 > kMaxWords) return false;
  for (uint32_t k = dash + 1; k < p.end_token; ++k) {
    const Token& t = doc.tokens[k];
    if (t.kind == TokenKind::kWord ? !t.has(kCapitalized) : doc.slice(t.span) != ".") return false;
  }
  return true;
}

}  // namespace

void find_cues(Document& doc, const Lexicon& lex) { find_cues(doc, lex, FoldedWords(doc, lex)); }

void find_cues(Document& doc, const Lexicon& lex, const FoldedWords& fw) {
  // Tokens that close or open a quotation, for the patterns around quotes.
  std::vector<uint8_t> closes(doc.tokens.size() + 1, 0), opens(doc.tokens.size() + 1, 0);
  for (const QuotedRegion& r : doc.quoted) {
    if (r.closed) closes[r.end_token] = 1;
    if (r.first_token > 0) opens[r.first_token - 1] = 1;
  }
  auto after_closing_quote = [&](uint32_t t, uint32_t first) {
    return t > first && (closes[t - 1] || (t > first + 1 && doc.slice(doc.tokens[t - 1].span) == "," && closes[t - 2]));
  };
  for (const Sentence& s : doc.sentences) {
    // Article furniture (layout/layout.h) holds no cue: field labels ("Headline:",
    // "Editor's note:"), bylines, captions, datelines.
    if (doc.tokens[s.first_token].has(kLayout)) continue;
    int title = -1;  // title_case(doc, s), worked out on first use
    auto in_title_case = [&] {
      if (title < 0) title = title_case(doc, s) ? 1 : 0;
      return title == 1;
    };
    for (uint32_t t = s.first_token; t < s.end_token; ++t) {
      const Token& tok = doc.tokens[t];
      if (tok.in_quote) continue;
      std::string_view text = doc.slice(tok.span);
      if (tok.kind == TokenKind::kWord) {
        const std::string_view w = fw[t];
        const WordInfo& info = lex.info(fw.id(t));
        if (w == "according" && t + 1 < s.end_token && doc.slice(doc.tokens[t + 1].span) == "to") {
          doc.cues.push_back({{tok.span.begin, doc.tokens[t + 1].span.end}, t, t + 2, CueKind::kAccordingTo, 0.95f});
          ++t;
          continue;
        }
        if ((w == "put" || w == "puts") && t + 1 < s.end_token && doc.slice(doc.tokens[t + 1].span) == "it") {
          // "as Professor Foner put it:"
          doc.cues.push_back({{tok.span.begin, doc.tokens[t + 1].span.end}, t, t + 2, CueKind::kVerb, 0.8f});
          ++t;
          continue;
        }
        if (const CueEntry* c = info.cue) {
          // All-caps headlines aside ("SAID" is rarely a cue there).
          if (tok.has(kAllCaps)) continue;
          // A capitalised cue word after a capitalised word in running text is
          // part of a name: "The Washington Post", "Rasmussen Reports", "Ian
          // Read" (not in title-case headlines: "Trump Says …").
          if (tok.has(kCapitalized) && t > s.first_token && doc.tokens[t - 1].kind == TokenKind::kWord &&
              doc.tokens[t - 1].has(kCapitalized) && !in_title_case())
            continue;
          // "asked not to be named", "declined to comment": an infinitive follows, not speech.
          if (t + 1 < s.end_token) {
            const std::string_view next = fw[t + 1];
            // ("declined to comment" is annotated as an attribution in PolNeAR: a
            // candidate, which the attribution model weighs.)
            if (next == "not" || (next == "to" && c->lemma == "ask")) continue;
          }
          if (filler_cue(doc, fw, s, t, c->lemma)) continue;
          doc.cues.push_back({tok.span, t, t + 1, CueKind::kVerb, c->prior});
          continue;
        }
        // An unlisted verb of speech or thought (by WordNet, data/wordnet.tsv) in
        // the classic slot: ""…," he surmised." / ""…," Brad Pelletier quipped,".
        // Other verbs there ("went", "smiled") are not cues.
        const WordSenses* senses = nullptr;
        if (!tok.has(kCapitalized) && (w.ends_with("ed") || w.ends_with("s")) && t + 1 <= s.end_token &&
            t > s.first_token && (senses = info.senses) && !senses->noun) {
          uint32_t k = t;
          while (k > s.first_token && k + 4 > t && doc.tokens[k - 1].kind == TokenKind::kWord) {
            const std::string_view pw = fw[k - 1];
            if (!(doc.tokens[k - 1].has(kCapitalized) || pw == "he" || pw == "she" || pw == "they" ||
                  lex.is(WordClass::kNominal, fw.id(k - 1)) || lex.is(WordClass::kRole, fw.id(k - 1)) || pw == "the" || pw == "a" ||
                  pw == "some" || pw == "many" || pw == "one" || pw == "another" || pw == "his" || pw == "her" ||
                  pw == "their"))
              break;
            --k;
          }
          const bool ends = t + 1 == s.end_token || doc.slice(doc.tokens[t + 1].span) == "." ||
                            doc.slice(doc.tokens[t + 1].span) == ",";
          if (k < t && ends && after_closing_quote(k, s.first_token))
            doc.cues.push_back({tok.span, t, t + 1, CueKind::kVerb, 0.7f});
        }
        continue;
      }
      if (text == ":" && t > s.first_token && t - s.first_token <= 6) {
        // A short run of capitalised words (or a pronoun) before the colon.
        bool name_like = true;
        for (uint32_t k = s.first_token; k < t; ++k) {
          const Token& kt = doc.tokens[k];
          if (kt.in_quote || kt.kind == TokenKind::kQuote) { name_like = false; break; }
          if (kt.kind == TokenKind::kWord && !kt.has(kCapitalized)) {
            const std::string_view w = fw[k];
            if (!lex.is(WordClass::kRole, fw.id(k)) && w != "'s" && w != "the") { name_like = false; break; }
          }
          if (kt.kind == TokenKind::kPunct && doc.slice(kt.span) != "." && doc.slice(kt.span) != "-") { name_like = false; break; }
        }
        if (name_like)
          doc.cues.push_back({tok.span, t, t + 1, CueKind::kColon, 0.8f});
        continue;
      }
      if (text == ":" && t > s.first_token && opens[t + 1] && !(doc.cues.size() && doc.cues.back().end_token == t)) {
        // "… - Mark Blumenthal and Jon Cohen: “…”" / "Clinton apologized for what happened: “…”"
        doc.cues.push_back({tok.span, t, t + 1, CueKind::kColon, 0.75f});
        continue;
      }
      if (utf8::is_dash_bar_or_hyphen_token(text) && t > s.first_token &&
          (doc.tokens[t - 1].kind == TokenKind::kQuote || closing_signature(doc, s, t)) && t + 1 < s.end_token &&
          doc.tokens[t + 1].has(kCapitalized)) {
        doc.cues.push_back({tok.span, t, t + 1, CueKind::kDash, 0.85f});
      }
    }
  }
}

}  // namespace whosaid
