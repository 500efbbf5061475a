#include "mentions/apposition.h"

#include "core/utf8.h"

namespace whosaid {
namespace {

struct Phrase {
  const Document& doc;
  const Lexicon& lex;
  const FoldedWords& fw;

  std::string_view text(uint32_t t) const { return doc.slice(doc.tokens[t].span); }
  bool word(uint32_t t) const { return doc.tokens[t].kind == TokenKind::kWord; }
  Span span(uint32_t b, uint32_t e) const { return {doc.tokens[b].span.begin, doc.tokens[e - 1].span.end}; }

  static bool article(std::string_view w) { return w == "the" || w == "a" || w == "an"; }
  static bool possessive_determiner(std::string_view w) {
    return w == "his" || w == "her" || w == "their" || w == "its" || w == "our" || w == "my" || w == "your";
  }
  static bool relative(std::string_view w) {
    return w == "who" || w == "whose" || w == "whom" || w == "which" || w == "that";
  }
  static bool preposition(std::string_view w) {
    return w == "in" || w == "to" || w == "with" || w == "for" || w == "from" || w == "at" || w == "on" ||
           w == "of" || w == "by" || w == "about" || w == "after" || w == "before" || w == "against" ||
           w == "under" || w == "over" || w == "among" || w == "between" || w == "like" || w == "than";
  }
  bool possessive_mark(uint32_t t) const { return fw[t] == "'s" || text(t) == "'" || text(t) == "\xE2\x80\x99"; }

  // A noun for a kind of person in lower case, by WordNet's first sense
  // ("teacher", "nurse", "campaigner"), not a word for anyone.
  bool person_noun(uint32_t t) const {
    if (!word(t) || doc.tokens[t].has(kCapitalized)) return false;
    const FoldedWord w = fw[t];
    if (w == "man" || w == "woman" || w == "person" || w == "boy" || w == "girl" || w == "guy" || w == "lady" ||
        w == "gentleman" || w == "child" || w == "kid" || w == "one")
      return false;
    const NounSenses ns = lex.noun_senses(w);
    return ns.first_is(NounSenses::kPerson) && !ns.inhabitant;
  }

  // Whether the noun phrase ends after token t: at the sentence's end, a
  // mark, a relative pronoun, a preposition or a conjunction.
  bool phrase_ends_after(uint32_t t, uint32_t end) const {
    if (t + 1 >= end || !word(t + 1)) return true;
    const FoldedWord w = fw[t + 1];
    return relative(w) || preposition(w) || w == "and" || w == "or" || w == "since" || w == "until";
  }

  // "at the Brookings Institution", "of St Mary's hospital": the body a role
  // is held at, a run of capitalised words after the preposition (with "of",
  // "and", "&" and possessives inside) and a noun for a body after it.
  Span org_after(uint32_t t, uint32_t end) const {
    if (t + 1 >= end) return {};
    const FoldedWord p = fw[t];
    if (!(p == "at" || p == "of" || p == "for" || p == "with" || p == "from")) return {};
    uint32_t b = t + 1;
    if (b < end && article(fw[b])) ++b;
    // Not a person: "the father of Mr Begg".
    if (b >= end || person_name(b)) return {};
    uint32_t e = b;
    // (Across a possessive inside the name: "King's College London".)
    while (e < end && ((word(e) && doc.tokens[e].has(kCapitalized)) ||
                       (e > b && (fw[e] == "of" || fw[e] == "for" || fw[e] == "and" || fw[e] == "&" || fw[e] == "'s") &&
                        e + 1 < end && doc.tokens[e + 1].has(kCapitalized))))
      ++e;
    if (e == b) return {};
    // "St Mary's hospital"; not "US firm Brightcove", whose name follows.
    if (e < end && word(e) && !doc.tokens[e].has(kCapitalized) && !relative(fw[e]) &&
        (lex.is(WordClass::kOrgHead, fw.id(e)) || lex.noun_senses(fw[e]).body) &&
        !(e + 1 < end && doc.tokens[e + 1].has(kCapitalized)))
      ++e;
    return span(b, e);
  }

  // A name opening with a given name or an honorific: WordNet's nouns for
  // kinds of people name firms too ("Carlsberg, the world's largest brewer").
  bool person_name(uint32_t t) const {
    const WordInfo& w = lex.info(fw.id(t));
    return w.given_name != Gender::kUnknown || w.is(WordClass::kHonorific) || w.is(WordClass::kHonorificM) ||
           w.is(WordClass::kHonorificF);
  }

  // A cue word that is no noun ("said", "told"; not "group", "report").
  bool verb_cue(uint32_t t) const { return lex.any_cue(fw.id(t)) && lex.noun_senses(fw[t]).lexfile[0] == 0; }
};

}  // namespace

std::optional<Span> org_before_role(const Document& doc, const Lexicon& lex, const FoldedWords& fw, uint32_t b,
                                    uint32_t e) {
  auto modifier = [&](uint32_t k) {
    return doc.tokens[k].kind != TokenKind::kWord || lex.is(WordClass::kRoleModifier, fw[k]) || fw[k] == "the" ||
           fw[k] == "a" || fw[k] == "an" || fw[k] == "and" || fw[k] == "of";
  };
  // A body's head noun: "Foreign Ministry", "Foreign ministry", "Labour party".
  auto body = [&](uint32_t k) {
    if (k >= e || doc.tokens[k].kind != TokenKind::kWord) return false;
    const NounSenses ns = lex.noun_senses(fw[k]);
    return ns.body || ns.first_is(NounSenses::kGroup);
  };
  // A capitalised portfolio word before such a head names the body with it.
  while (b < e && modifier(b) && !(doc.tokens[b].has(kCapitalized) && body(b + 1))) ++b;
  if (b == e || !doc.tokens[b].has(kCapitalized)) return std::nullopt;
  // The name ends at its first word in lower case ("BBC rural affairs
  // correspondent") or possessive ("Libya's oil minister"); a portfolio
  // names a body with a head in lower case ("Foreign ministry spokesman").
  uint32_t end = b + 1;
  while (end < e && fw[end] != "'s" && (doc.tokens[end].has(kCapitalized) || fw[end] == "of" || fw[end] == "for" ||
                                        fw[end] == "and" || fw[end] == "&"))
    ++end;
  if (end < e && !doc.tokens[end].has(kCapitalized) && body(end) && modifier(end - 1))
    return Span{doc.tokens[b].span.begin, doc.tokens[end].span.end};
  while (end > b && modifier(end - 1)) --end;
  if (end == b) return std::nullopt;
  return Span{doc.tokens[b].span.begin, doc.tokens[end - 1].span.end};
}

RoleAndOrg apposition_after(const Document& doc, const Lexicon& lex, const FoldedWords& fw, uint32_t name_begin,
                            uint32_t name_end, uint32_t sentence_end) {
  const Phrase p{doc, lex, fw};
  RoleAndOrg out;
  // Past a short parenthesis after the name: "Jon Tester (D-Mont.), the chairman of …".
  if (name_end < sentence_end && p.text(name_end) == "(")
    for (uint32_t t = name_end + 1; t < sentence_end && t < name_end + 8; ++t)
      if (p.text(t) == ")") {
        name_end = t + 1;
        break;
      }
  if (name_end + 2 >= sentence_end || p.text(name_end) != ",") return out;
  uint32_t k = name_end + 1;
  // An age between: "Maria Lind, 52, a retired teacher".
  if (doc.tokens[k].kind == TokenKind::kNumber && k + 2 < sentence_end && p.text(k + 1) == ",") k += 2;
  // A noun for a kind of person heads an apposition after an article ("a
  // retired teacher"); a role of the lexicon needs none ("Labour MP").
  const bool article = Phrase::article(fw[k]);
  if (article) ++k;
  const bool described = article && p.person_name(name_begin);
  const uint32_t begin = k;
  for (uint32_t j = begin; j < sentence_end && j < begin + 6; ++j) {
    uint32_t role_end = j + static_cast<uint32_t>(lex.match_role(fw, j));
    if (role_end == j && described && p.person_noun(j) && p.phrase_ends_after(j, sentence_end)) role_end = j + 1;
    // "chief economist", "senior analyst": a role word before another is its
    // rank.
    while (role_end > j && role_end < sentence_end && p.word(role_end) && !doc.tokens[role_end].has(kCapitalized)) {
      const size_t more = lex.match_role(fw, role_end);
      if (more == 0) break;
      role_end += static_cast<uint32_t>(more);
    }
    if (role_end > j) {
      // A role before another name is that name's: "In Taipei, President
      // Lin Mei-hua said" gives Taipei no role. Capitalised words before a
      // role's noun are the role's: "Sung Won Sohn, chief US economist for
      // Wells Fargo".
      if (role_end < sentence_end && p.word(role_end) && doc.tokens[role_end].has(kCapitalized)) {
        uint32_t k = role_end;
        while (k < sentence_end && p.word(k) && doc.tokens[k].has(kCapitalized)) ++k;
        if (k >= sentence_end || !p.word(k)) return out;
        size_t noun = lex.match_role(fw, k);
        if (noun == 0 && p.person_noun(k)) noun = 1;
        if (noun == 0) return out;
        role_end = k + static_cast<uint32_t>(noun);
      }
      // "the Green Party co-leader", "the co-leader of the Green Party",
      // "Capgemini's principal consultant": the role after a possessor.
      uint32_t role_begin = begin;
      for (uint32_t t = begin; t < j; ++t)
        if (p.possessive_mark(t)) role_begin = t + 1;
      out.role = p.span(role_begin, role_end);
      if (j > begin) out.org = org_before_role(doc, lex, fw, begin, j).value_or(Span{});
      if (out.org.empty()) out.org = p.org_after(role_end, sentence_end);
      // "a professor of international relations at Renmin University": the
      // role's field, then where it is held.
      if (out.org.empty() && role_end < sentence_end && fw[role_end] == "of")
        for (uint32_t t = role_end + 1; t < sentence_end && t < role_end + 6 && p.word(t); ++t) {
          if (doc.tokens[t].has(kCapitalized)) break;
          if (fw[t] == "at") {
            out.org = p.org_after(t, sentence_end);
            break;
          }
        }
      return out;
    }
    if (!p.word(j) && !p.possessive_mark(j)) break;
    // A verb or a clause ends the apposition: "Yukos, told Judge Clark" is a
    // clause, and "Judge" no role of Yukos; so is "Smith, who was a teacher".
    const FoldedWord w = fw[j];
    if (!doc.tokens[j].has(kCapitalized) &&
        (lex.any_cue(fw.id(j)) || lex.is(WordClass::kSkip, fw.id(j)) || Phrase::relative(w)))
      break;
  }
  return out;
}

RoleAndOrg apposition_before(const Document& doc, const Lexicon& lex, const FoldedWords& fw, uint32_t name_begin,
                             uint32_t name_end, uint32_t sentence_begin, uint32_t sentence_end) {
  const Phrase p{doc, lex, fw};
  RoleAndOrg out;
  if (name_begin < sentence_begin + 2 || p.text(name_begin - 1) != ",") return out;
  if (name_end < sentence_end) {
    const std::string_view after = p.text(name_end);
    if (!(after == "," || after == "." || after == ";" || after == "!" || after == "?" || after == ")" ||
          utf8::is_dash_token(after)))
      return out;
  }
  const uint32_t comma = name_begin - 1;
  // The role ends right at the comma.
  uint32_t j = comma;
  for (uint32_t k = comma > sentence_begin + 4 ? comma - 4 : sentence_begin; k < comma && j == comma; ++k)
    if (lex.match_role(fw, k) == comma - k) j = k;
  const bool listed = j < comma;
  if (!listed && p.person_name(name_begin) && p.person_noun(comma - 1)) j = comma - 1;
  if (j == comma) return out;
  // Its modifiers, back to an article, a possessive determiner or a possessor.
  uint32_t start = j, possessor_end = 0;
  while (start > sentence_begin && start + 5 > j) {
    const uint32_t t = start - 1;
    if (!p.word(t) && !p.possessive_mark(t)) break;
    if (Phrase::article(fw[t]) || Phrase::possessive_determiner(fw[t]) || p.possessive_mark(t)) {
      if (p.possessive_mark(t)) possessor_end = t;
      break;
    }
    if (Phrase::preposition(fw[t]) || lex.is(WordClass::kSkip, fw.id(t)) || p.verb_cue(t) || Phrase::relative(fw[t]))
      break;
    --start;
  }
  uint32_t phrase_begin = start;  // the article, determiner or possessor opening the phrase
  if (possessor_end) {
    // The possessor: "Britain's", "The Liberal Democrats'", "the party's".
    uint32_t b = possessor_end;
    while (b > sentence_begin && b + 4 > possessor_end && p.word(b - 1) && !Phrase::article(fw[b - 1]) &&
           !Phrase::preposition(fw[b - 1]) && !Phrase::possessive_determiner(fw[b - 1]) &&
           !lex.is(WordClass::kSkip, fw.id(b - 1)) && !p.verb_cue(b - 1))
      --b;
    if (b == possessor_end) return out;
    phrase_begin = b > sentence_begin && Phrase::article(fw[b - 1]) ? b - 1 : b;
    bool named = true;
    for (uint32_t t = b; t < possessor_end && named; ++t) named = doc.tokens[t].has(kCapitalized);
    if (named) out.org = p.span(b, possessor_end);
  } else if (start > sentence_begin &&
             (Phrase::article(fw[start - 1]) || Phrase::possessive_determiner(fw[start - 1]))) {
    phrase_begin = start - 1;
  }
  // The object of a preposition before a subject is no apposition: "In a
  // letter to the chairman, Mr Lowe said".
  if (phrase_begin > sentence_begin && Phrase::preposition(fw[phrase_begin - 1])) return RoleAndOrg{};
  // A noun for a kind of person needs its determiner: "the victim's mother".
  if (!listed && phrase_begin == start) return RoleAndOrg{};
  out.role = p.span(start, comma);
  if (out.org.empty() && j > start) out.org = org_before_role(doc, lex, fw, start, j).value_or(Span{});
  return out;
}

}  // namespace whosaid
