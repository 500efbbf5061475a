#include "mentions/phrase_head.h"

#include <algorithm>

#include "mentions/mention_finder.h"
#include "tagger/tag_set.h"
#include "types/mention_type.h"

namespace whosaid {

bool name_heads_phrase(const Document& doc, const FoldedWords& folded, const Mention& m, uint32_t b, uint32_t e) {
  const auto tok = [&](uint32_t t) -> const Token& { return doc.tokens[t]; };
  // A name ending the phrase right after a role is the person it describes:
  // "general secretary of the union Unison Dave Prentis" (not after a
  // preposition or article: "aides to Clinton", "an expert in the US").
  if (m.kind == MentionKind::kName && m.end_token >= e && m.first_token > b &&
      tok(m.first_token - 1).kind == TokenKind::kWord && !pos::is_adposition(tok(m.first_token - 1).tag) &&
      !pos::is_determiner(tok(m.first_token - 1).tag))
    return true;
  for (uint32_t k = m.first_token; k > b; --k) {
    if (doc.slice(tok(k - 1).span) == ",") break;
    if (tok(k - 1).kind == TokenKind::kWord && pos::is_adposition(tok(k - 1).tag) && folded[k - 1] != "according")
      return false;
  }
  if (m.end_token >= e) return true;
  const uint32_t k = m.end_token;
  // A description before a name set off by a comma is the name's: "Labour's
  // shadow environment secretary, Dan Carrow," (the name heads the phrase).
  // The name must be the whole apposition: not "A spokeswoman for Hanover
  // Re, Europe's fifth-largest reinsurer".
  if (m.kind == MentionKind::kNominal && doc.slice(tok(k).span) == "," && k + 1 < e) {
    const int32_t next = mention_at(doc, k + 1);
    if (next >= 0) {
      const Mention& n = doc.mentions[next];
      const bool named = n.kind == MentionKind::kName ||
                         (n.kind == MentionKind::kOrganisation && tok(n.end_token - 1).has(kCapitalized));
      if (n.first_token == k + 1 && named &&
          (n.end_token >= e || doc.slice(tok(n.end_token).span) == ","))
        return false;
    }
  }
  if ((folded[k] == "'s" || folded[k] == "'") && k + 1 < e) return false;
  return !(tok(k).kind == TokenKind::kWord && !tok(k).has(kCapitalized) && pos::upos(tok(k).tag) == pos::Upos::kNOUN);
}

int32_t name_heading_phrase(const Document& doc, const Lexicon& lex, const FoldedWords& folded, uint32_t b,
                            uint32_t e, EntityType& type) {
  auto it = std::lower_bound(doc.mentions.begin(), doc.mentions.end(), b,
                             [](const Mention& x, uint32_t t) { return x.first_token < t; });
  for (; it != doc.mentions.end() && it->first_token < e; ++it) {
    if (it->end_token > e || it->entity < 0) continue;
    if (it->kind != MentionKind::kName && it->kind != MentionKind::kOrganisation) continue;
    const bool one_word = it->end_token == it->first_token + 1;
    const FoldedWord first = folded[it->first_token];
    // Not a common noun capitalised by its place ("Sources close to Mr
    // Hockney", "Jurors in Virginia", "Research by Dr Nielsen"), nor a date
    // ("the Bank of Japan's December survey").
    if (one_word && lex.noun_senses(first).lexfile[0] != 0 &&
        (it->first_token == b || !doc.tokens[it->first_token].has(kCapitalized)))
      continue;
    if (one_word && (lex.is(WordClass::kDateWord, first) || lex.is(WordClass::kTime, first))) continue;
    if (!name_heads_phrase(doc, folded, *it, b, e)) continue;
    const Entity& ent = doc.entities[it->entity];
    if (it->kind == MentionKind::kOrganisation) {
      type = EntityType::kOrganisation;
    } else if (names_a_person(doc, lex, folded, *it) || !ent.role.empty() || ent.gender == Gender::kMale ||
               ent.gender == Gender::kFemale) {
      type = EntityType::kPerson;
    } else {
      // "F-Secure", "Vedomosti" are bodies, "Blake Irving" a person; a
      // place, work or thing ("Star of the Sea", "Sideways") speaks for no one.
      type = TypeModel::builtin().classify(doc, *it, lex);
      if (type != EntityType::kPerson && type != EntityType::kOrganisation) continue;
    }
    return static_cast<int32_t>(it - doc.mentions.begin());
  }
  return -1;
}

}  // namespace whosaid
