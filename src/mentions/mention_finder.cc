#include "mentions/mention_finder.h"

#include <algorithm>
#include <optional>
#include <unordered_set>

#include "core/utf8.h"
#include "mentions/apposition.h"

namespace whosaid {
namespace {

bool name_connector(std::string_view w) {
  return w == "al" || w == "de" || w == "van" || w == "von" || w == "der" || w == "bin" || w == "da" ||
         w == "di" || w == "le" || w == "la" || w == "del" || w == "den" || w == "ibn" || w == "st" || w == "of";
}

// al-Assad, el-Sisi, bin-Laden: a lower-case particle joined to a name.
bool hyphen_name(std::string_view w) {
  size_t h = w.find('-');
  return h != std::string_view::npos && h > 0 && h <= 3 && h + 1 < w.size() && w[h + 1] >= 'A' && w[h + 1] <= 'Z';
}

// "Paris-based", "Indian-born", "Labour-led": a hyphenated word whose last
// part is a participle written in lower case describes the name after it
// ("Paris-based Euronext"); it is no part of that name.
bool participle_compound(std::string_view written) {
  const size_t h = written.rfind('-');
  if (h == std::string_view::npos || h == 0 || h + 3 > written.size()) return false;
  const std::string_view last = written.substr(h + 1);
  for (char c : last)
    if (c < 'a' || c > 'z') return false;
  return last.ends_with("ed") || last == "born" || last == "led" || last == "run" || last == "made" ||
         last == "built" || last == "bred" || last == "grown" || last == "known";
}

bool is_weekday(std::string_view w) {
  return w == "monday" || w == "tuesday" || w == "wednesday" || w == "thursday" || w == "friday" ||
         w == "saturday" || w == "sunday";
}


constexpr uint32_t kHonorificBits = 1u << static_cast<unsigned>(WordClass::kHonorificM) |
                                    1u << static_cast<unsigned>(WordClass::kHonorificF) |
                                    1u << static_cast<unsigned>(WordClass::kHonorific);

bool is_honorific(const Lexicon& lex, WordId w) { return (lex.info(w).classes & kHonorificBits) != 0; }

// A set of the document's words (by FoldedWords::type()).
using WordSet = std::vector<bool>;

// How a sentence treats the words of one capitalised run.
struct RunContext {
  const Document& doc;
  const Lexicon& lex;
  const FoldedWords& fw;
  const WordSet& lower_words;
  const Sentence& s;
  // The sentence's first word: only punctuation, numbers or quotation marks
  // before it ("[22] Mathematician Hermann Weyl", "1. Brexit …").
  uint32_t first_word;

  // The run from k on reads as a person's name: it opens with a known given
  // name or an honorific, or it is two or more words whose first is not
  // written in lower case in the document and is no WordNet noun, or one
  // whose first sense is a person ("Hermann Weyl": WordNet lists famous
  // Hermanns) — "Nicolas Anelka", not "Big Brother" — and it does not end in
  // an organisation head.
  bool person_name_from(uint32_t k, uint32_t e) const {
    if (k >= e || lex.is(WordClass::kOrgHead, fw.id(e - 1))) return false;
    if (!doc.tokens[k].has(kCapitalized)) return false;
    if (lex.given_name_gender(fw.id(k)) != Gender::kUnknown || is_honorific(lex, fw.id(k))) return true;
    const NounSenses ns = lex.noun_senses(fw[k]);
    return e - k >= 2 && (ns.lexfile[0] == 0 || ns.first_is(NounSenses::kPerson)) && !lower_words[fw.type(k)];
  }

  // A common word, not a name: written in lower case elsewhere in the
  // document, or (hyphenated) made of parts that are ("Fly-half").
  bool common_word(uint32_t k) const {
    if (!doc.tokens[k].has(kCapitalized) || lower_words[fw.type(k)]) return true;
    const FoldedWord w = fw[k];
    const size_t h = w.find('-');
    if (h == std::string_view::npos || h == 0 || h + 1 >= w.size()) return false;
    return lowered(w.substr(0, h)) && lowered(w.substr(h + 1));
  }
  bool lowered(std::string_view folded) const {
    const uint32_t type = fw.find_type(folded);
    return type != FoldedWords::kNoType && lower_words[type];
  }

  // A person noun premodifying the name that follows: "Singer George
  // Michael", "Boss Sir Alex Ferguson", "rock singer Bruce Springsteen",
  // "Tory Dominic Grieve". The word's first WordNet sense is a person (or,
  // not in WordNet, it is a common word), it is not a given name, and it is
  // capitalised only because it opens the sentence, or is written in lower
  // case, or a given name or honorific follows it.
  bool person_premodifier(uint32_t k, uint32_t e) const {
    const FoldedWord w = fw[k];
    const WordId id = fw.id(k);
    if (lex.given_name_gender(id) != Gender::kUnknown || is_honorific(lex, id)) return false;
    if (!person_name_from(k + 1, e)) return false;
    const bool initial = k == first_word;
    // A word always capitalised (a party, a nationality: "Liberal Democrat Paul
    // Tyler", "Texan Michael Chicoine") qualifies only before a given name or
    // an honorific and at least one more word.
    // A whole name must follow: "Morgan Stanley" and "Smith Barney" are no
    // role before a given name.
    const bool person_follows =
        (lex.given_name_gender(fw.id(k + 1)) != Gender::kUnknown || is_honorific(lex, fw.id(k + 1))) && e >= k + 3;
    if (!initial && !common_word(k) && !person_follows && !native_before_name(k, e)) return false;
    const NounSenses ns = lex.noun_senses(w);
    if (ns.first_is(NounSenses::kPerson)) return true;
    if (ns.lexfile[0] != 0) return false;
    // A compound WordNet lacks, of parts written in lower case elsewhere, or
    // ending in a person noun written so: "Film-maker Michael Moore".
    if (w.find('-') == std::string_view::npos) return false;
    if (common_word(k)) return true;
    const std::string_view written = doc.slice(doc.tokens[k].span);
    const std::string_view last = written.substr(written.rfind('-') + 1);
    return !last.empty() && last.front() >= 'a' && last.front() <= 'z' &&
           lex.noun_senses(last).first_is(NounSenses::kPerson);
  }

  // "Securities and Exchange Commission", "Transport and General Workers
  // Union", "Food & Drug Administration": an "and" inside one body's name
  // that opened at `t`. The word before it is a common noun (WordNet knows
  // it, or the document writes it in lower case), not a name or acronym
  // ("Tony Blair and …", "UPS and Deutsche Post"), no body's head stands
  // before it in the run ("Deutsche Bank and Credit Suisse Group", "New York
  // State Department of Health and State University …"), and the capitalised
  // words after it end in a body's head noun, not right after the "and"
  // ("BBC Three and News", "Crime and Police Bill"). The index just past that
  // head, or 0 if the "and" joins no body's name.
  uint32_t and_in_body_name(uint32_t t, uint32_t e) const {
    if (fw[e] != "and" && fw[e] != "&") return 0;
    const uint32_t before = e - 1;
    const Token& b = doc.tokens[before];
    if (b.kind != TokenKind::kWord || !b.has(kCapitalized) || b.has(kAllCaps)) return 0;
    const WordId w = fw.id(before);
    if (lex.given_name_gender(w) != Gender::kUnknown || is_honorific(lex, w)) return 0;
    if (lex.noun_senses(fw[before]).lexfile[0] == 0 && !lower_words[fw.type(before)]) return 0;
    for (uint32_t k = t; k < e; ++k)
      if (body_head(k)) return 0;
    for (uint32_t k = e + 1; k < s.end_token && k < e + 5; ++k) {
      const Token& tk = doc.tokens[k];
      if (tk.kind != TokenKind::kWord || !tk.has(kCapitalized) || fw[k] == "the") return 0;
      if (body_head(k)) return k > e + 1 ? k + 1 : 0;
    }
    return 0;
  }
  bool body_head(uint32_t k) const { return lex.is(WordClass::kOrgHead, fw.id(k)) || lex.noun_senses(fw[k]).body; }

  // A native of a place (WordNet's inhabitant#1) named in the singular, not
  // a given name: "American", "Scot"; not "Tories", "Israelis" (a party, a
  // people).
  bool singular_native(uint32_t k) const {
    return (!fw[k].ends_with('s') || fw[k].ends_with("ss")) && lex.noun_senses(fw[k]).inhabitant &&
           lex.given_name_gender(fw.id(k)) == Gender::kUnknown;
  }

  // "Australian Lynton Crosby", "Swede Joachim Johansson": a native of a
  // place (WordNet's inhabitant#1) before words that read as a person's name,
  // none a common noun; not before a body's ("American Airlines", "European
  // Roma Rights Centre"). A surname may be a person WordNet knows ("Crosby").
  bool native_before_name(uint32_t k, uint32_t e) const {
    if (!singular_native(k) || e < k + 3) return false;
    for (uint32_t j = k + 1; j < e; ++j) {
      const NounSenses ns = lex.noun_senses(fw[j]);
      if (lex.given_name_gender(fw.id(j)) == Gender::kUnknown && ns.lexfile[0] != 0 && !ns.first_is(NounSenses::kPerson))
        return false;
    }
    return true;
  }

  // A lower-case person noun at token k heading the phrase that an article
  // opens before the name [b, k): "the British actor", "A Conservative
  // spokeswoman", "a Vodafone spokesman". The name is a body, a place or a
  // nationality describing the person, never the person (nor whom a later
  // "she" is). Not a verb or an auxiliary after a subject ("the Tories have",
  // "the Greens accused").
  bool person_noun_after_name(uint32_t b, uint32_t k) const {
    if (b == s.first_token || k >= s.end_token) return false;
    const FoldedWord article = fw[b - 1];
    if (article != "the" && article != "a" && article != "an") return false;
    if (doc.tokens[k].kind != TokenKind::kWord || doc.tokens[k].has(kCapitalized)) return false;
    const FoldedWord w = fw[k];
    if (lex.any_cue(w.id) || w == "have" || w == "has" || w == "had" || w == "do" || w == "does" || w == "did")
      return false;
    return lex.match_role(fw, k) > 0 || lex.noun_senses(w).first_is(NounSenses::kPerson);
  }

  // A lower-case person noun right before a capitalised given name or
  // honorific: it may open a run ("rock singer Bruce Springsteen").
  bool lower_person_noun(uint32_t k) const {
    if (doc.tokens[k].kind != TokenKind::kWord || doc.tokens[k].has(kCapitalized)) return false;
    if (k + 1 >= s.end_token || !doc.tokens[k + 1].has(kCapitalized)) return false;
    if (lex.given_name_gender(fw.id(k + 1)) == Gender::kUnknown && !is_honorific(lex, fw.id(k + 1))) return false;
    const std::string_view w = fw[k];
    if (lex.noun_senses(w).first_is(NounSenses::kPerson)) return true;
    // "co-chairman", "vice-president", "ex-minister": WordNet lacks most
    // such compounds; their last part is the noun.
    const size_t hyphen = w.rfind('-');
    return hyphen != std::string_view::npos && hyphen + 1 < w.size() && lex.noun_senses(fw[k]).lexfile[0] == 0 &&
           lex.noun_senses(w.substr(hyphen + 1)).first_is(NounSenses::kPerson);
  }

  // A body's head noun written in lower case at k (a WordNet group or
  // organization#1: "ministry", "party", "department"), after a capitalised
  // word and before a role that a capitalised word follows.
  bool lower_body_before_role(uint32_t k) const {
    const Token& tk = doc.tokens[k];
    if (tk.kind != TokenKind::kWord || tk.has(kCapitalized) || !doc.tokens[k - 1].has(kCapitalized) ||
        lex.is(WordClass::kStarter, fw.id(k - 1)))  // "The carmaker General Rotors"
      return false;
    const NounSenses ns = lex.noun_senses(fw[k]);
    if (!ns.body && !ns.first_is(NounSenses::kGroup)) return false;
    const size_t r = lex.match_role(fw, k + 1);
    return r > 0 && k + 1 + r < s.end_token && doc.tokens[k + 1 + r].has(kCapitalized);
  }

  // Capitalised words [b, k) before a role that ends the run at e, none a
  // given name or an honorific, with a name set off after it: where the role
  // is held ("Scottish Finance Minister, Tom McCabe MSP, said"), no name of
  // its own. (Not "Oona King", "Hollywood Reporter", "Scottish Executive".)
  bool describes_role(uint32_t b, uint32_t k, uint32_t e) const {
    if (e + 1 >= s.end_token || doc.slice(doc.tokens[e].span) != "," || !doc.tokens[e + 1].has(kCapitalized))
      return false;
    for (uint32_t j = b; j < k; ++j)
      if (doc.tokens[j].kind != TokenKind::kWord || !doc.tokens[j].has(kCapitalized) ||
          lex.given_name_gender(fw.id(j)) != Gender::kUnknown || is_honorific(lex, fw.id(j)))
        return false;
    return true;
  }

  // A sentence-opening word that is not part of the name after it ("Defiant
  // Matt Williams"): written in lower case elsewhere, or no noun at all while
  // the rest opens with a given name or an honorific and is not a one-word
  // name.
  bool sentence_opener(uint32_t k, uint32_t e, const WordSet& mid_caps_words) const {
    if (k != first_word || k + 1 >= e) return false;
    const FoldedWord w = fw[k];
    const WordId id = fw.id(k);
    if (lex.given_name_gender(id) != Gender::kUnknown || is_honorific(lex, id)) return false;
    if (lex.is(WordClass::kOrgHead, fw.id(e - 1)) || mid_caps_words[fw.type(k)]) return false;
    const bool name_follows = lex.given_name_gender(fw.id(k + 1)) != Gender::kUnknown || is_honorific(lex, fw.id(k + 1));
    if (!name_follows || !doc.tokens[k + 1].has(kCapitalized)) return false;
    if (lower_words[fw.type(k)]) return true;
    return lex.noun_senses(w).lexfile[0] == 0 && e - k >= 3 && !lex.is(WordClass::kOrgHead, id);
  }
};

}  // namespace

std::optional<Gender> pronoun_gender(const Lexicon& lex, std::string_view w) {
  if (w.size() > 4) return std::nullopt;  // none of the seven below
  if (w == "he" || w == "she" || w == "they" || w == "we" || w == "i" || w == "who" || w == "it") {
    if (lex.is(WordClass::kPronounM, w)) return Gender::kMale;
    if (lex.is(WordClass::kPronounF, w)) return Gender::kFemale;
    if (w == "it") return Gender::kNeuter;
    if (w == "they" || w == "we") return Gender::kPlural;
    return Gender::kUnknown;
  }
  return std::nullopt;
}

int32_t mention_at(const Document& doc, uint32_t t) {
  auto it = std::upper_bound(doc.mentions.begin(), doc.mentions.end(), t,
                             [](uint32_t tok, const Mention& m) { return tok < m.first_token; });
  if (it == doc.mentions.begin()) return -1;
  --it;
  return t < it->end_token ? static_cast<int32_t>(it - doc.mentions.begin()) : -1;
}

bool names_a_person(const Document& doc, const Lexicon& lex, const FoldedWords& fw, const Mention& m) {
  if (!m.role.empty() || m.gender == Gender::kMale || m.gender == Gender::kFemale) return true;
  uint32_t first = m.first_token;  // the name's first word, past the titles before it
  while (first + 1 < m.end_token && doc.tokens[first].span.begin < m.name.begin) ++first;
  return lex.given_name_gender(fw.id(first)) != Gender::kUnknown;
}

int64_t initials_after(const Document& doc, uint32_t b, uint32_t e) {
  if (e + 2 >= doc.tokens.size() || doc.slice(doc.tokens[e].span) != "(" || doc.slice(doc.tokens[e + 2].span) != ")")
    return -1;
  const std::string_view acronym = doc.slice(doc.tokens[e + 1].span);
  if (acronym.size() < 2 || !doc.tokens[e + 1].has(kAllCaps)) return -1;
  size_t i = 0;
  for (uint32_t k = b; k < e; ++k) {
    const Token& tk = doc.tokens[k];
    if (tk.kind != TokenKind::kWord || !tk.has(kCapitalized)) continue;
    const std::string_view w = doc.slice(tk.span);
    if (i >= acronym.size() || w[0] != acronym[i]) return -1;
    ++i;
  }
  return i == acronym.size() ? int64_t{e} + 1 : -1;
}

void find_mentions(Document& doc, const Lexicon& lex, const FoldedWords& fw) {
  // At most a mention per word token (up to 4M, 192 MB of address space):
  // reserved, the vector is never copied as it grows, and the unused part is
  // never touched, so never resident (as the tokens in segment()).
  size_t words = 0;
  for (const Token& t : doc.tokens) words += t.kind == TokenKind::kWord;
  doc.mentions.reserve(std::min<size_t>(words, size_t{1} << 22));
  // How each word is written away from sentence starts.
  WordSet lower_words(fw.type_count()), mid_caps_words(fw.type_count());
  for (const Sentence& s : doc.sentences) {
    for (uint32_t i = s.first_token + 1; i < s.end_token; ++i) {
      const Token& t = doc.tokens[i];
      if (t.kind != TokenKind::kWord) continue;
      if (!t.has(kCapitalized)) lower_words[fw.type(i)] = true;
      else if (doc.tokens[i - 1].kind == TokenKind::kWord) mid_caps_words[fw.type(i)] = true;
    }
  }

  // Names followed by their initials ("General Motors (GM)"); a set, so that
  // the pass below stays linear in the article however many there are.
  std::unordered_set<std::string_view> bodies;
  for (const Sentence& s : doc.sentences) {
    uint32_t first_word = s.first_token;
    while (first_word < s.end_token && doc.tokens[first_word].kind != TokenKind::kWord) ++first_word;
    const RunContext run{doc, lex, fw, lower_words, s, first_word};
    // Article furniture (layout/layout.h) names no one, except a picture
    // caption: "Chancellor Jeremy Hunt arrives …" tells who "Hunt" is (it holds
    // no cue, so no one speaks there).
    if (doc.tokens[s.first_token].has(kLayout) && doc.paragraphs[s.paragraph].kind != ParagraphKind::kCaption)
      continue;
    uint32_t t = s.first_token;
    while (t < s.end_token) {
      const Token& tok = doc.tokens[t];
      if (tok.kind != TokenKind::kWord) { ++t; continue; }
      if (auto g = pronoun_gender(lex, fw[t])) {
        Mention m;
        m.span = m.name = tok.span;
        m.first_token = t;
        m.end_token = t + 1;
        m.kind = MentionKind::kPronoun;
        m.gender = *g;
        doc.mentions.push_back(m);
        ++t;
        continue;
      }
      // A run of capitalised words, with role words (capitalised or not) and
      // honorifics ("Mr", "Mr.") inside it.
      const bool starts_role = lex.match_role(fw, t) > 0 || run.lower_person_noun(t);
      if (!tok.has(kCapitalized) && !starts_role) { ++t; continue; }
      uint32_t e = t;
      uint32_t joined_body_end = 0;  // past the head of a body's name with "and" in it (and_in_body_name)
      while (e < s.end_token) {
        const Token& et = doc.tokens[e];
        // "I" before a word is the pronoun ("the novel Dark Matters I wrote"),
        // not a regnal number ("Charles I, who …").
        if (e > t && fw[e] == "i" && e + 1 < s.end_token && doc.tokens[e + 1].kind == TokenKind::kWord) break;
        // "Bank of England"; "Institute for Fiscal Studies", "Department for Education": "for" after a body's head.
        const uint32_t body_end = e > t ? run.and_in_body_name(t, e) : 0;
        const bool body_and = body_end > 0;
        if (body_and) joined_body_end = body_end;
        const bool connector =
            e > t && (name_connector(fw[e]) || body_and ||
                      (fw[e] == "for" && lex.is(WordClass::kOrgHead, fw.id(e - 1)) && e + 1 < s.end_token &&
                       !lex.is(WordClass::kDateWord, fw.id(e + 1))));
        // "Ernst & Young", "M&S", "AT&T": an ampersand between capitalised words joins one name.
        if (e > t && doc.slice(et.span) == "&" && e + 1 < s.end_token && doc.tokens[e - 1].has(kCapitalized) &&
            doc.tokens[e + 1].kind == TokenKind::kWord && doc.tokens[e + 1].has(kCapitalized)) {
          ++e;
          continue;
        }
        if (et.kind == TokenKind::kWord && (et.has(kCapitalized) || hyphen_name(doc.slice(et.span)) ||
                                            (connector && e + 1 < s.end_token &&
                                             doc.tokens[e + 1].has(kCapitalized)))) {
          ++e;
          continue;
        }
        if (et.kind == TokenKind::kWord) {
          // "Foreign ministry spokesman Wang Lei", "Labour party leader Ed
          // Carr": a body's head in lower case after a capitalised word, then
          // a role before a name, is the body the role is held at.
          if (e > t && run.lower_body_before_role(e)) {
            ++e;
            continue;
          }
          size_t r = lex.match_role(fw, e);
          if (!r && run.lower_person_noun(e)) r = 1;
          if (r && e + r < s.end_token && doc.tokens[e + r].has(kCapitalized)) {
            e += static_cast<uint32_t>(r);
            continue;
          }
          // "former Rep. George Miller": a role ending in an abbreviation.
          if (r && e + r + 1 < s.end_token && doc.slice(doc.tokens[e + r].span) == "." &&
              lex.is(WordClass::kAbbrev, fw.id(e + r - 1)) && doc.tokens[e + r + 1].has(kCapitalized)) {
            e += static_cast<uint32_t>(r) + 1;
            continue;
          }
        }
        if (doc.slice(et.span) == "." && e > t && lex.is(WordClass::kAbbrev, fw.id(e - 1)) && e + 1 < s.end_token &&
            doc.tokens[e + 1].has(kCapitalized)) {
          ++e;  // Mr. Key, Sen. Warren
          continue;
        }
        // A middle initial: "Paul H. Chipok", "George W. Bush" (not a name
        // ending at "H", with the surname left out).
        if (doc.slice(et.span) == "." && e > t && fw[e - 1].size() == 1 && doc.tokens[e - 1].has(kCapitalized) &&
            e + 1 < s.end_token && doc.tokens[e + 1].has(kCapitalized)) {
          ++e;
          continue;
        }
        break;
      }
      if (e == t) { ++t; continue; }
      const uint32_t run_end = e;
      // A weekday ending the run is a date: "Hugh McGuire Sunday, May 28, 2006".
      while (e > t + 1 && is_weekday(fw[e - 1])) --e;
      // Sentence-initial function words and adverbs are not names: "Meanwhile Labour MP…", "The".
      uint32_t b = t;
      // (Not a word an ampersand joins: "AT&T".)
      while (b < e && !(b + 1 < e && doc.slice(doc.tokens[b + 1].span) == "&") &&
             (lex.is(WordClass::kStarter, fw.id(b)) || lex.is(WordClass::kSkip, fw.id(b)) ||
              lex.is(WordClass::kTime, fw.id(b)) || lex.is(WordClass::kConj, fw.id(b)) ||
              (b == first_word && fw[b].size() > 2 && fw[b].ends_with("ly") &&
               lex.given_name_gender(fw.id(b)) == Gender::kUnknown &&
               !mid_caps_words[fw.type(b)]) ||  // "Reportedly", not "Daly" or "Kelly Holmes"
              (b == first_word && b + 1 < e && lex.cue(fw.id(b)) == nullptr && fw[b] == "meanwhile"))) {
        ++b;
      }
      // A sentence-initial word that is a verb form ("Revealed", "Rallying") or
      // written in lower case elsewhere is not a name, unless it is also
      // capitalised inside a sentence somewhere ("Key: …" and "Mr Key") or
      // opens a role ("Health Secretary Victoria Atkins", "health" written
      // in lower case elsewhere).
      if (b == first_word && b < e && lex.given_name_gender(fw.id(b)) == Gender::kUnknown &&
          (lex.cue(fw.id(b)) != nullptr || lower_words[fw.type(b)]) && !mid_caps_words[fw.type(b)] &&
          !(lex.is(WordClass::kRoleModifier, fw.id(b)) && b + 1 < e && lex.match_role(fw, b + 1) > 0)) {
        ++b;
      }
      // An adjective or other common word opening the sentence before a name
      // ("Defiant Matt Williams"), unless it is a person noun (a role, below).
      if (b < e && !run.person_premodifier(b, e) && run.sentence_opener(b, e, mid_caps_words)) ++b;
      // No name opens with a connector left by the words dropped before it
      // ("Creditors | of South Korea's top credit card firm").
      while (b < e && (fw[b] == "of" || fw[b] == "for" || fw[b] == "and" || doc.slice(doc.tokens[b].span) == "&")) ++b;
      for (uint32_t k = e; k-- > b;)  // "San Francisco-based US Court of Appeals"
        if (participle_compound(doc.slice(doc.tokens[k].span))) {
          b = k + 1;
          break;
        }
      if (b == e) { t = e; continue; }
      // Split: [org words] [role phrase] [honorific] name…
      Mention m;
      m.first_token = b;
      m.end_token = e;
      m.kind = MentionKind::kName;
      uint32_t name_begin = b;
      uint32_t role_begin = UINT32_MAX, role_end = 0;
      // No role inside a body's name with "and" in it ("Transport and General
      // Workers Union"); one may follow it ("Trade and Industry Secretary …").
      for (uint32_t k = std::max(b, joined_body_end); k < e;) {
        size_t r = lex.match_role(fw, k);
        if (!r && run.person_premodifier(k, e)) r = 1;  // "Singer George Michael"
        // A role before a name, or a run that is a role alone ("the
        // Secretary", "the Chancellor", "Scottish Finance Minister,": a
        // nominal mention, below).
        if (r && (k + r < e || (k + r == e && (k == b || run.describes_role(b, k, e))))) {
          if (role_begin == UINT32_MAX) role_begin = k;
          role_end = k + static_cast<uint32_t>(r);
          name_begin = role_end;
          k = role_end;
          continue;
        }
        ++k;
      }
      // "Archbishop of Westminster", "Secretary of State": a role and what it
      // is the role of, then the name if an honorific or a given name opens
      // one ("Archbishop of Canterbury Dr Rowan Williams").
      if (role_begin != UINT32_MAX && name_begin < e && (fw[name_begin] == "of" || fw[name_begin] == "for")) {
        uint32_t k = name_begin + 1;
        while (k + 1 < e && !is_honorific(lex, fw.id(k)) && lex.given_name_gender(fw[k]) == Gender::kUnknown) ++k;
        name_begin = k + 1 < e ? k : e;
        role_end = name_begin;
      }
      if (role_begin != UINT32_MAX) {
        // An abbreviated title keeps its stop: "Sen.", "Rep.", "Gov.".
        const bool stop = role_end < e && doc.slice(doc.tokens[role_end].span) == "." &&
                          lex.is(WordClass::kAbbrev, fw.id(role_end - 1));
        m.role = {doc.tokens[b].span.begin, doc.tokens[stop ? role_end : role_end - 1].span.end};
        if (role_begin > b) m.org = org_before_role(doc, lex, fw, b, role_begin).value_or(Span{});
      }
      // Words before an honorific that are not a role are not part of the
      // name: "Harrogate Mr Kennedy" (a dateline), "Neither Mr Howard".
      if (role_begin == UINT32_MAX) {
        for (uint32_t k = name_begin + 1; k + 1 < e; ++k) {
          if (!is_honorific(lex, fw.id(k))) continue;
          name_begin = k;
          m.first_token = b = k;
          break;
        }
      }
      // Nor, when no role was recognised, are the words before a given name
      // and a surname that are no given names themselves: "Labour MSP
      // Christine May", "Lib Dem Norman Baker" name Christine May and Norman
      // Baker; the words before describe them, and are their role when they
      // end in an acronym ("MSP", "MEP"). Not "Mary Kay Ash" (a given name
      // first), "Dr Kate Taylor" (an honorific) or "San Francisco Police
      // Department" (an organisation).
      if (role_begin == UINT32_MAX && name_begin == b && !lex.is(WordClass::kOrgHead, fw[e - 1])) {
        // One pass: the words up to the first given name must be capitalised
        // words that are no given name nor honorific, and one of them must
        // describe (an acronym or a word the lexicons know: "Jenna Nicole
        // Mourey" is one name).
        bool describes = false;
        for (uint32_t k = b; k + 1 < e; ++k) {
          const Token& tk = doc.tokens[k];
          if (tk.kind != TokenKind::kWord) break;
          const bool given = lex.given_name_gender(fw.id(k)) != Gender::kUnknown;
          if (k > b && given && !lower_words[fw.type(k)]) {  // the name starts here
            if (describes && doc.tokens[k + 1].has(kCapitalized)) {
              if (doc.tokens[k - 1].has(kAllCaps)) {
                m.role = {doc.tokens[b].span.begin, doc.tokens[k - 1].span.end};
                if (k - 1 > b) m.org = org_before_role(doc, lex, fw, b, k - 1).value_or(Span{});
              }
              name_begin = k;
              if (m.role.empty()) m.first_token = b = k;
            }
            break;
          }
          if (!tk.has(kCapitalized) || given || is_honorific(lex, fw.id(k))) break;
          describes = describes || tk.has(kAllCaps) || lower_words[fw.type(k)] ||
                      lex.noun_senses(fw[k]).lexfile[0] != 0 || lex.match_role(fw, k) > 0;
        }
      }
      // Honorifics carry gender and are not part of the name.
      while (name_begin < e) {
        const WordInfo& h = lex.info(fw.id(name_begin));
        if (h.is(WordClass::kHonorificM)) m.gender = Gender::kMale;
        else if (h.is(WordClass::kHonorificF)) m.gender = Gender::kFemale;
        else if (!h.is(WordClass::kHonorific) && fw[name_begin] != ".") break;
        ++name_begin;
      }
      // "Sen. Tom Greer of Kansas", "Ann Bell of Acme Corp", "President
      // Musharraf of Pakistan": after a person's name "of" opens where they
      // are from, no part of the name (the words after it are a mention of
      // their own). A person's: a role or an honorific before it, or a given
      // name opening it. Not "Duke of Edinburgh", "Bank of England", "British
      // Chambers of Commerce (BCC)", nor a peer's title ("Lord Nicholls of
      // Birkenhead").
      uint32_t next = run_end;
      bool peer = false;
      for (uint32_t k = m.first_token; k < name_begin && !peer; ++k)
        peer = fw[k] == "lord" || fw[k] == "lady" || fw[k] == "baroness" || fw[k] == "baron";
      if (!peer && (role_begin != UINT32_MAX || m.gender != Gender::kUnknown ||
                    lex.given_name_gender(fw.id(name_begin)) != Gender::kUnknown)) {
        const bool titled = role_begin != UINT32_MAX || m.gender != Gender::kUnknown;
        for (uint32_t k = name_begin + (titled ? 1 : 2); k + 1 < e; ++k) {
          if (fw[k] != "of") continue;
          if (initials_after(doc, m.first_token, run_end) < 0) {
            next = k + 1;
            m.end_token = e = k;
          }
          break;
        }
      }
      if (name_begin >= e) {
        // A role with no name after it ("the Prime Minister"): a nominal mention.
        m.kind = MentionKind::kNominal;
        m.name = {doc.tokens[b].span.begin, doc.tokens[e - 1].span.end};
        if (m.role.empty()) m.role = m.name;
      } else {
        m.name = {doc.tokens[name_begin].span.begin, doc.tokens[e - 1].span.end};
        if (m.gender == Gender::kUnknown && e - name_begin >= 2)
          m.gender = lex.given_name_gender(fw.id(name_begin));
        if (lex.is(WordClass::kOrgHead, fw.id(e - 1))) m.kind = MentionKind::kOrganisation;
      }
      // "General Motors (GM)", "Korean Central News Agency (KCNA)": a run
      // followed by its initials in parentheses is a body's whole name, no
      // title and name ("General" is no rank there).
      if (e == run_end && initials_after(doc, m.first_token, e) >= 0) {
        m.kind = MentionKind::kOrganisation;
        m.role = m.org = Span{};
        m.name = {doc.tokens[m.first_token].span.begin, doc.tokens[e - 1].span.end};
        bodies.insert(doc.slice(m.name));
      }
      // "said the American": a native of a place (WordNet's inhabitant#1),
      // described and not named: a nominal mention, which coreference
      // resolves like "the 31-year-old". Before a noun it is an adjective, no
      // mention at all ("a Romanian part-time cleaner", "The Australian
      // government"). Not a plural: "the Tories" is a party, "the Israelis" a
      // people.
      if (m.kind == MentionKind::kName && m.role.empty() && e == b + 1 && name_begin == b && run.singular_native(b)) {
        const uint32_t det = t < b ? t : b - 1;
        if (det >= s.first_token && det < b && (fw[det] == "the" || fw[det] == "a" || fw[det] == "an")) {
          if (e < s.end_token && doc.tokens[e].kind == TokenKind::kWord && !doc.tokens[e].has(kCapitalized) &&
              !lex.any_cue(fw.id(e))) {
            t = run_end;
            continue;
          }
          m.kind = MentionKind::kNominal;
          m.first_token = det;
          m.name = {doc.tokens[det].span.begin, doc.tokens[e - 1].span.end};
        }
      }
      // "The" before a capitalised run starts an organisation ("The New York Times").
      if (t < b && fw[t] == "the" && m.kind == MentionKind::kName && m.role.empty()) {
        m.kind = MentionKind::kOrganisation;
        m.first_token = t;
      }
      m.span = {doc.tokens[m.first_token].span.begin, doc.tokens[e - 1].span.end};
      if (m.kind == MentionKind::kName && m.role.empty() && e == run_end && run.person_noun_after_name(b, e))
        m.kind = MentionKind::kOrganisation;
      // Apposition: "Russel Norman, the Green Party co-leader," / "the
      // party's leader, Sam Patel,".
      if (m.role.empty() && m.kind == MentionKind::kName) {
        RoleAndOrg a = apposition_after(doc, lex, fw, m.first_token, e, s.end_token);
        if (a.role.empty()) a = apposition_before(doc, lex, fw, m.first_token, e, s.first_token, s.end_token);
        m.role = a.role;
        m.org = a.org;
      }
      doc.mentions.push_back(m);
      t = next;
    }
  }
  // The body is that body wherever its name recurs, before or after
  // ("General Motors said", not "Motors" with the title "General").
  if (bodies.empty()) return;
  for (Mention& m : doc.mentions) {
    if (m.kind == MentionKind::kPronoun || m.kind == MentionKind::kOrganisation) continue;
    const std::string_view words = doc.slice(m.span);
    if (!bodies.contains(words)) continue;
    m.kind = MentionKind::kOrganisation;
    m.role = m.org = Span{};
    m.name = m.span;
  }
}

}  // namespace whosaid
