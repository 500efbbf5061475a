// Sources: mentions at a cue, subjects, tagged noun phrases, appositives.
#include <algorithm>

#include "attribution/attributor_impl.h"
#include "core/utf8.h"
#include "mentions/mention_finder.h"
#include "tagger/tagger.h"

namespace whosaid::attribution {

int32_t Attributor::found_mention_at(uint32_t t) const {
  auto first = doc_.mentions.begin(), last = first + static_cast<ptrdiff_t>(sorted_mentions_);
  auto it = std::upper_bound(first, last, t, [](uint32_t tk, const Mention& m) { return tk < m.first_token; });
  if (it == first) return -1;
  --it;
  return t < it->end_token ? static_cast<int32_t>(it - first) : -1;
}

int32_t Attributor::mention_ending_at(uint32_t t, uint32_t sentence_begin) {
  int32_t m = found_mention_at(t);
  if (m >= 0 && doc_.mentions[m].end_token == t + 1) return with_head_noun(m, sentence_begin);
  if (m >= 0) return -1;
  if (tok(t).kind != TokenKind::kWord || tok(t).in_quote) return -1;
  const FoldedWord head = fw_[t];
  const bool nominal = lex_.is(WordClass::kNominal, head) || lex_.is(WordClass::kRole, head) ||
                       lex_.is(WordClass::kOrgHead, head);
  if (!nominal) return -1;
  uint32_t b = t;
  auto extend = [&](uint32_t from) {
    uint32_t j = from;
    for (int n = 0; n < 5 && j > sentence_begin; ++n) {
      // A name before the head is whole, marks and "and" inside it too ("Marks
      // & Spencer spokesman", "A West Yorkshire Fire and Rescue Service spokesman").
      if (const int32_t named = found_mention_at(j - 1);
          named >= 0 &&
          (doc_.mentions[named].kind == MentionKind::kName ||
           doc_.mentions[named].kind == MentionKind::kOrganisation) &&
          doc_.mentions[named].first_token >= sentence_begin && doc_.mentions[named].first_token < j - 1 &&
          !tok(j - 1).has(kAllCaps)) {  // (not a heading run in: "CONTROVERSIES AND OTHER GAFFES Three people")
        j = doc_.mentions[named].first_token;
        continue;
      }
      const FoldedWord w = fw_[j - 1];
      if (tok(j - 1).kind != TokenKind::kWord || tok(j - 1).in_quote) break;
      if (is_determiner(w)) return j - 1;
      // Not a sentence adverb capitalised at the start ("Meanwhile Michael
      // Jackson's mother"), nor the "by" of an agent or author ("A report by | MPs on the committee").
      if (lex_.is(WordClass::kConj, w) || lex_.is(WordClass::kSkip, w) || lex_.is(WordClass::kStarter, w) ||
          lex_.cue(w) || is_preposition(w) || w == "by" || pronoun_gender(lex_, w))
        break;
      --j;
    }
    return j;
  };
  b = extend(t);
  // "a spokesman for the ministry", "Creditors of South Korea's top credit
  // card firm": step over one prepositional phrase after a person noun.
  if (b >= sentence_begin + 2 && is_preposition(fw_[b - 1])) {
    uint32_t h = b - 2;
    if (lex_.is(WordClass::kNominal, fw_.id(h)) || lex_.is(WordClass::kRole, fw_.id(h)) ||
        (tok(h).kind == TokenKind::kWord && found_mention_at(h) < 0 &&
         lex_.noun_senses(fw_[h]).first_is(NounSenses::kPerson)))
      b = extend(h);
  }
  if (b == t && !(head.ends_with("s") || lex_.is(WordClass::kOrgHead, head) || tok(t).has(kCapitalized)))
    return -1;  // a bare singular noun is rarely a source
  Mention mm;
  mm.first_token = b;
  mm.end_token = t + 1;
  mm.span = mm.name = {tok(b).span.begin, tok(t).span.end};
  mm.kind = lex_.is(WordClass::kOrgHead, head) ? MentionKind::kOrganisation : MentionKind::kNominal;
  if (lex_.is(WordClass::kRole, head)) {
    // "A Labour Party spokesman", "a BBC spokeswoman": the name before the
    // role is the body the person speaks for, the role what follows the article.
    const uint32_t r = b < t && is_determiner(fw_[b]) ? b + 1 : b;
    if (const int32_t named = found_mention_at(t - 1); r < t && named >= 0) {
      const Mention& n = doc_.mentions[named];
      if (n.first_token == r && n.end_token == t && n.kind != MentionKind::kPronoun && n.role.empty())
        mm.org = n.name;
    }
    mm.role = {tok(r).span.begin, tok(t).span.end};
  }
  mm.gender = head.ends_with("s") && !head.ends_with("ss") ? Gender::kPlural : Gender::kUnknown;
  return add_mention(mm);
}

int32_t Attributor::with_head_noun(int32_t m, uint32_t sentence_begin) {
  const Mention& found = doc_.mentions[m];
  uint32_t k = found.first_token;
  if (found.kind == MentionKind::kPronoun) return m;
  if (k > sentence_begin && fw_[k - 1] == "the") --k;
  if (k < sentence_begin + 2) return m;
  const FoldedWord prep = fw_[k - 1];
  if (prep != "for" && prep != "of" && prep != "at" && prep != "from" && prep != "with") return m;
  const uint32_t h = k - 2;
  // "Margaret Hill from Stoke, told the BBC": the person before where they are from.
  if (const int32_t person = found_mention_at(h);
      (prep == "from" || prep == "of" || prep == "at") && person >= 0 && doc_.mentions[person].end_token == h + 1 &&
      doc_.mentions[person].kind == MentionKind::kName && names_a_person(doc_, lex_, fw_, doc_.mentions[person]))
    return person;
  if (tok(h).in_quote || !(lex_.is(WordClass::kNominal, fw_.id(h)) || lex_.is(WordClass::kRole, fw_.id(h)))) return m;
  uint32_t b = h;
  for (int n = 0; n < 4 && b > sentence_begin; ++n) {
    const FoldedWord w = fw_[b - 1];
    if (tok(b - 1).kind != TokenKind::kWord || tok(b - 1).in_quote || lex_.is(WordClass::kConj, w) ||
        lex_.cue(w) || is_preposition(w) || pronoun_gender(lex_, w))
      break;
    --b;
    if (is_determiner(w)) break;
  }
  Mention mm;
  mm.first_token = b;
  mm.end_token = found.end_token;
  mm.span = mm.name = {tok(b).span.begin, tok(found.end_token - 1).span.end};
  mm.kind = MentionKind::kNominal;
  // The role without its article ("spokesman" of "A spokesman for …"), held
  // at a body, not for a person ("a spokesman for Transport Secretary Liam
  // Bryce" has no org).
  const uint32_t r = is_determiner(fw_[b]) && b < h ? b + 1 : b;
  if (lex_.is(WordClass::kRole, fw_.id(h))) mm.role = {tok(r).span.begin, tok(h).span.end};
  if (!names_a_person(doc_, lex_, fw_, found)) mm.org = found.name;
  return add_mention(mm);
}

int32_t Attributor::mention_starting_at(uint32_t t, uint32_t sentence_end) {
  if (t >= sentence_end) return -1;
  uint32_t k = t;
  // A name that describes the person noun after it ("the British actor",
  // "a Conservative spokeswoman") is not the source: the phrase is (below).
  if (is_determiner(fw_[k]) && k + 1 < sentence_end) {
    int32_t m = found_mention_at(k + 1);
    if (m >= 0 && doc_.mentions[m].first_token == k + 1) {
      if (const int32_t n = name_after_premodifiers(m, sentence_end); n >= 0) return n;
      if (!describes_person_noun(m, sentence_end)) return m;
    }
  }
  int32_t m = found_mention_at(k);
  if (m >= 0 && doc_.mentions[m].first_token == k) {
    // "said BBC labour affairs correspondent Stephen Cape", "said the BBC's
    // political editor Nick Robinson": a body's name, lower-case words ending
    // in a person noun, and a person's name; the name heads the phrase.
    if (const int32_t n = name_after_premodifiers(m, sentence_end); n >= 0) return n;
    if (!describes_person_noun(m, sentence_end)) return m;
  }
  // "said former Rep. Anna Pell": lower-case premodifiers before a name.
  for (uint32_t j = k + 1; j < sentence_end && j < k + 3; ++j) {
    if (tok(j - 1).kind != TokenKind::kWord || tok(j - 1).has(kCapitalized) || tok(j - 1).in_quote ||
        lex_.is(WordClass::kConj, fw_.id(j - 1)) || lex_.cue(fw_.id(j - 1)))
      break;
    const int32_t n = found_mention_at(j);
    if (n >= 0 && doc_.mentions[n].first_token == j && doc_.mentions[n].kind == MentionKind::kName) return n;
  }
  // A nominal phrase: determiner? words… head, up to punctuation; not a
  // preposition's phrase ("called for an independent inquiry").
  const FoldedWord first = fw_[k];
  if (is_preposition(first) || first == "to" || first == "by" || first == "about" || first == "against" ||
      first == "over" || first == "into")
    return -1;
  uint32_t e = k;
  while (e < sentence_end && e < k + 7 && tok(e).kind == TokenKind::kWord && !tok(e).in_quote &&
         !lex_.is(WordClass::kConj, fw_.id(e)) && !(e > k && lex_.cue(fw_.id(e))))
    ++e;
  // Trim trailing prepositional tails ("officials in Washington" keeps all; stop at a verb-like word).
  for (uint32_t h = e; h > k; --h) {
    const FoldedWord w = fw_[h - 1];
    if (lex_.is(WordClass::kNominal, w) || lex_.is(WordClass::kRole, w) || lex_.is(WordClass::kOrgHead, w)) {
      Mention mm;
      mm.first_token = k;
      mm.end_token = h;
      mm.span = mm.name = {tok(k).span.begin, tok(h - 1).span.end};
      mm.kind = lex_.is(WordClass::kOrgHead, w) ? MentionKind::kOrganisation : MentionKind::kNominal;
      if (lex_.is(WordClass::kRole, w)) mm.role = mm.span;
      return add_mention(mm);
    }
  }
  return -1;
}

bool Attributor::describes_person_noun(int32_t m, uint32_t end) const {
  const uint32_t after = doc_.mentions[m].end_token;
  return doc_.mentions[m].kind == MentionKind::kOrganisation && after < end && tok(after).kind == TokenKind::kWord &&
         !tok(after).has(kCapitalized) &&
         (lex_.is(WordClass::kRole, fw_.id(after)) || lex_.noun_senses(fw_[after]).first_is(NounSenses::kPerson));
}

int32_t Attributor::add_mention(const Mention& m) {
  const uint64_t key = (static_cast<uint64_t>(m.first_token) << 32) | m.end_token;
  auto [it, inserted] = added_mentions_.emplace(key, static_cast<int32_t>(doc_.mentions.size()));
  if (inserted) doc_.mentions.push_back(m);
  return it->second;
}

int32_t Attributor::tagged_noun_phrase_starting_at(uint32_t t, uint32_t e, uint32_t si) {
  if (!tagger_ || t >= e) return -1;
  uint32_t k = t, last_head = UINT32_MAX;
  int preps = 0;
  while (k < e && k < t + 12) {
    const Token& tk = tok(k);
    if (tk.in_quote || (tk.kind != TokenKind::kWord && tk.kind != TokenKind::kNumber)) break;
    const uint8_t tg = tag_of(k, si);
    if (pos::is_nominal(tg) || pos::is_number(tg)) {
      last_head = k;
    } else if (pos::is_determiner(tg) || pos::is_adjective(tg) || fw_[k] == "'s" ||
               penn_view(tg) == "PRP$") {
    } else if ((fw_[k] == "of" || fw_[k] == "by") && last_head == k - 1 && preps < 2) {
      ++preps;
    } else {
      break;
    }
    ++k;
  }
  if (last_head == UINT32_MAX) return -1;
  Mention mm;
  mm.first_token = t;
  mm.end_token = last_head + 1;
  mm.span = mm.name = {tok(t).span.begin, tok(last_head).span.end};
  mm.kind = MentionKind::kNominal;
  return add_mention(mm);
}

bool Attributor::quantity_head(uint32_t t) const {
  const FoldedWord w = fw_[t];
  return w == "%" || w == "those" || w == "half" || w == "third" || w == "thirds" || w == "quarter" || w == "quarters" ||
         w == "fifth" || w == "fifths" || w == "many" || w == "few" || w == "most" || w == "some" ||
         w == "both" || w == "all" || w == "several" || w == "others" || w == "majority" || w == "plurality" ||
         w == "minority";
}

bool Attributor::plural_people(uint32_t t, uint32_t si) {
  const std::string_view penn = pos::penn_name(tag_of(t, si));
  if (penn != "NNS" && penn != "NNPS") return false;
  FoldedWord w = fw_[t];
  if (w.size() > 3 && w.ends_with('s')) w.remove_suffix(1);
  return lex_.noun_senses(w).first_is(NounSenses::kPerson);
}

int32_t Attributor::tagged_noun_phrase_ending_at(uint32_t t, uint32_t b, uint32_t si) {
  if (!tagger_ || (tok(t).kind != TokenKind::kWord && tok(t).kind != TokenKind::kNumber && text(t) != "%") ||
      tok(t).in_quote)
    return -1;
  const uint8_t head = tag_of(t, si);
  // A capitalised word opening the clause ("Jolly said …") is a name the
  // tagger may read as an adjective; not a word that opens a clause or a
  // phrase ("After saying …").
  const bool opening_name = t == b && tok(t).has(kCapitalized) && !is_subordinator(fw_[t]) &&
                            !is_preposition(fw_[t]) && !lex_.is(WordClass::kStarter, fw_.id(t)) &&
                            !lex_.is(WordClass::kConj, fw_.id(t));
  if (!(pos::is_nominal(head) || pos::is_number(head) || pos::is_pronoun(head) || quantity_head(t) ||
        tok(t).kind == TokenKind::kNumber || opening_name))
    return -1;
  uint32_t k = t;
  bool crossed_of = false;
  while (k > b && t - k < 8) {
    const uint32_t j = k - 1;
    const Token& pt = tok(j);
    if (pt.in_quote || (pt.kind != TokenKind::kWord && pt.kind != TokenKind::kNumber)) break;
    const uint8_t tg = tag_of(j, si);
    if (pos::is_determiner(tg)) {
      k = j;
      break;
    }
    if (pos::is_nominal(tg) || pos::is_adjective(tg) || pos::is_number(tg) || fw_[j] == "'s" ||
        penn_view(tg) == "PRP$") {
      k = j;
      continue;
    }
    // "the rolling average of polls", "exit polling data": a gerund modifying a noun.
    if (penn_view(tg) == "VBG" && j > b && pos::is_nominal(tag_of(j + 1, si))) {
      k = j;
      continue;
    }
    // "one in four said", "Nearly eight in 10 voters say"
    if (!crossed_of && fw_[j] == "in" && j > b && pos::is_number(tag_of(j - 1, si)) && pos::is_number(tag_of(j + 1, si))) {
      crossed_of = true;
      k = j;
      continue;
    }
    if (!crossed_of && fw_[j] == "of" && j > b && pos::is_nominal(tag_of(j - 1, si))) {
      crossed_of = true;
      k = j;
      continue;
    }
    break;
  }
  // "Nurses at a London hospital say", "Officials in Washington said": the
  // people before a place are the subject.
  if (!crossed_of && k >= b + 2 && is_preposition(fw_[k - 1]) && fw_[k - 1] != "of" && plural_people(k - 2, si)) {
    k -= 2;
    if (k > b && pos::is_determiner(tag_of(k - 1, si))) --k;
  }
  Mention mm;
  mm.first_token = k;
  mm.end_token = t + 1;
  mm.span = mm.name = {tok(k).span.begin, tok(t).span.end};
  mm.kind = MentionKind::kNominal;
  const std::string_view penn = penn_view(head);
  mm.gender = penn == "NNS" || penn == "NNPS" ? Gender::kPlural : Gender::kUnknown;
  return add_mention(mm);
}

int32_t Attributor::reduced_relative_subject(uint32_t p, uint32_t b, uint32_t si) {
  if (!tagger_ || p < b + 3) return -1;
  for (uint32_t v = p - 1; v > b && p - v <= 8; --v) {
    const Token& vt = tok(v);
    if (vt.in_quote || (vt.kind != TokenKind::kWord && vt.kind != TokenKind::kNumber)) return -1;
    const uint8_t tg = tag_of(v, si);
    if (pos::is_finite_verb(tg) || lex_.cue(fw_.id(v))) return -1;
    if (!pos::is_past_participle(tg)) continue;
    if (!pos::is_nominal(tag_of(v - 1, si)) && !quantity_head(v - 1)) return -1;  // "those surveyed say"
    int32_t head = mention_ending_at(v - 1, b);
    if (head < 0) head = tagged_noun_phrase_ending_at(v - 1, b, si);
    if (head < 0) return -1;
    Mention mm = doc_.mentions[head];
    mm.end_token = p;
    mm.span = mm.name = {tok(mm.first_token).span.begin, tok(p - 1).span.end};
    mm.kind = MentionKind::kNominal;
    mm.entity = -1;
    return add_mention(mm);
  }
  return -1;
}

uint32_t Attributor::np_start(uint32_t t, uint32_t b) const {
  uint32_t k = t;
  for (int n = 0; n < 6 && k > b; ++n) {
    const FoldedWord w = fw_[k - 1];
    const Token& pt = tok(k - 1);
    if (pt.in_quote || pt.kind != TokenKind::kWord) break;
    if (w == "'s" || pt.has(kCapitalized) || is_determiner(w) || lex_.is(WordClass::kRole, w) ||
        lex_.is(WordClass::kNominal, w)) {
      --k;
      continue;
    }
    break;
  }
  // Worthwhile for a possessive, or when it reaches the comma or closing mark
  // that ends the content (""…," the economist Jared Bernstein wrote"); else keep t.
  for (uint32_t j = k; j < t; ++j)
    if (fw_[j] == "'s") return k;
  if (k > b && k < t && (is_comma(k - 1) || is_closing_mark(k - 1))) return k;
  return t;
}

uint32_t Attributor::subject_after_quote(uint32_t p, uint32_t b, uint32_t si) {
  // Tags only end the walk below early (a verbal word: p). Walked without
  // them first, it mostly ends at p anyway, and the sentence need not be
  // tagged for it.
  if (subject_after_quote_walk(p, b, si, false) == p) return p;
  return subject_after_quote_walk(p, b, si, true);
}

uint32_t Attributor::subject_after_quote_walk(uint32_t p, uint32_t b, uint32_t si, bool tags) {
  uint32_t k = p;
  int words = 0;
  while (k > b && words <= 7) {
    const Token& t = tok(k - 1);
    if (t.in_quote || t.kind == TokenKind::kQuote) break;
    std::string_view tt = text(k - 1);
    if (t.kind == TokenKind::kPunct) {
      if (tt != "-" && tt != "&" && tt != ".") return p;
      --k;
      continue;
    }
    const FoldedWord w = fw_[k - 1];
    if (lex_.is(WordClass::kConj, w) || lex_.cue(w) || w == "as" || w == "when" || w == "if" || w == "that" ||
        w == "who" || w == "which" || (w[0] != '\'' && (is_auxiliary_word(w) || (tags && pos::is_verbal(tag_of(k - 1, si))))))
      return p;
    ++words;
    --k;
  }
  if (k == p || words > 7 || k <= b) return p;
  if (is_comma(k - 1) && k - 1 > b && is_closing_mark(k - 2)) return k;
  if (is_closing_mark(k - 1)) return k;
  return p;
}

bool Attributor::title_closes_phrase(uint32_t q, uint32_t b) const {
  const uint32_t mark = is_closing_mark(q - 1) ? q - 1 : q - 2;
  const int32_t r = region_closing_at(mark);
  if (r < 0) return false;
  const QuotedRegion& qr = doc_.quoted[r];
  if (qr.first_token <= b + 1 || qr.end_token - qr.first_token > 8) return false;
  int capitalised = 0;
  for (uint32_t t = qr.first_token; t < qr.end_token; ++t) {
    if (tok(t).kind != TokenKind::kWord) continue;
    const FoldedWord w = fw_[t];
    if (tok(t).has(kCapitalized)) ++capitalised;
    else if (!is_preposition(w) && !is_determiner(w) && !lex_.is(WordClass::kConj, w)) return false;
  }
  return capitalised > 0;
}

bool Attributor::closes_quote_statement(const Cue& c, uint32_t si) {
  const Sentence& s = doc_.sentences[si];
  const uint32_t b = s.first_token;
  uint32_t p = c.first_token;
  for (int n = 0; n < 5 && p > b && skippable(p - 1); ++n) --p;
  // ""America is great!" read one.": inverted, the source follows.
  if (p > b && (is_closing_mark(p - 1) || (p - 1 > b && is_comma(p - 1) && is_closing_mark(p - 2)))) return true;
  if (c.end_token < clause_end(b, s.end_token) && !is_comma(c.end_token)) return false;
  return p > b && subject_after_quote(p, b, si) < p;
}

int32_t Attributor::name_after_premodifiers(int32_t body, uint32_t end) const {
  // Only after a body's name or a possessor, never a person's: "Paul
  // Dergarabedian of box office tracker Exhibitor Relations" is Paul
  // Dergarabedian speaking.
  const Mention& bm = doc_.mentions[body];
  if (names_a_person(doc_, lex_, fw_, bm)) return -1;
  uint32_t j = bm.end_token;
  const uint32_t first = j;
  if (j < end && (fw_[j] == "'s" || fw_[j] == "\xE2\x80\x99s")) ++j;
  const uint32_t words = j;
  while (j < end && j < words + 5 && tok(j).kind == TokenKind::kWord && !tok(j).has(kCapitalized) &&
         !tok(j).in_quote && !lex_.is(WordClass::kConj, fw_.id(j)) && !lex_.cue(fw_.id(j)) &&
         !is_preposition(fw_[j]))
    ++j;
  if (j == words || j >= end || !tok(j).has(kCapitalized)) return -1;
  // The words must end in a person noun or a role ("correspondent Stephen
  // Cape"), which the name's mention may hold as its role.
  if (!lex_.is(WordClass::kRole, fw_.id(j - 1)) && !lex_.noun_senses(fw_[j - 1]).first_is(NounSenses::kPerson))
    return -1;
  const int32_t n = found_mention_at(j);
  if (n < 0) return -1;
  const Mention& nm = doc_.mentions[n];
  if (nm.kind != MentionKind::kName || nm.first_token < first || nm.first_token > j || nm.name.begin != tok(j).span.begin)
    return -1;
  return n;
}

int32_t Attributor::subject_after_cue(const Cue& c, uint32_t e) {
  uint32_t k = c.end_token;
  if (k >= e || tok(k).in_quote || tok(k).kind != TokenKind::kWord) return -1;
  if (!(is_determiner(fw_[k]) || tok(k).has(kCapitalized) || fw_[k] == "another")) return -1;
  while (k < e && k < c.end_token + 8 && !tok(k).in_quote &&
         (tok(k).kind == TokenKind::kWord || tok(k).kind == TokenKind::kNumber || text(k) == "-")) {
    const FoldedWord w = fw_[k];
    if (lex_.is(WordClass::kConj, w) || lex_.cue(w) || w == "who" || w == "which" || w == "that") break;
    ++k;
  }
  if (k < e && !(tok(k).kind == TokenKind::kPunct && text(k) != "-")) return -1;
  return phrase_mention(c.end_token, k);
}

bool Attributor::ends_clause_after(uint32_t k, uint32_t e) const {
  // A quotation opening right after the name goes on with the clause: "X,
  // said the governor "had a strong night"" (the governor is the subject of
  // the quoted words, not the one who says them).
  if (k < e && opens_region_[k]) return false;
  if (k >= e || tok(k).kind == TokenKind::kPunct || tok(k).kind == TokenKind::kQuote) return true;
  const FoldedWord w = fw_[k];
  return w == "in" || w == "on" || w == "at" || w == "during" || w == "after" || w == "before" || w == "when" ||
         w == "who" || w == "whose" || lex_.is(WordClass::kTime, w);
}

int32_t Attributor::subject_before_quote(const Cue& c, uint32_t si, uint32_t p, uint32_t end) {
  const uint32_t b = doc_.sentences[si].first_token;
  uint32_t k = c.end_token;
  while (k < end && (is_comma(k) || text(k) == ":")) ++k;
  if (k == c.end_token || k >= end || region_opening_at(k) < 0 || p <= b) return -1;
  int words = 0;
  for (uint32_t t = b; t < p; ++t) {
    if (tok(t).in_quote || tok(t).kind == TokenKind::kQuote) return -1;
    if (tok(t).kind == TokenKind::kPunct) {
      if (text(t) != "-" && text(t) != ".") return -1;
      continue;
    }
    const FoldedWord w = fw_[t];
    if (++words > 8 || lex_.is(WordClass::kConj, w) || w == "who" || w == "which" || w == "that" ||
        (w[0] != '\'' && pos::is_verbal(tag_of(t, si))))
      return -1;
  }
  if (!(is_determiner(fw_[b]) || tok(b).has(kCapitalized) || tok(b).kind == TokenKind::kNumber)) return -1;
  // A name opening the phrase heads it ("Rep. Smith of Texas"); else the whole phrase.
  const int32_t m = found_mention_at(b);
  return m >= 0 && doc_.mentions[m].first_token == b && !is_determiner(fw_[b]) ? m : phrase_mention(b, p);
}

int32_t Attributor::last_mention_in(uint32_t b, uint32_t e) const {
  int32_t best = -1;
  for (uint32_t k = b; k < e; ++k) {
    int32_t m = found_mention_at(k);
    if (m >= 0 && doc_.mentions[m].first_token >= b && doc_.mentions[m].end_token <= e) best = m;
  }
  return best;
}

int32_t Attributor::phrase_mention(uint32_t b, uint32_t e) {
  if (b >= e) return -1;
  Mention mm;
  mm.first_token = b;
  mm.end_token = e;
  mm.span = mm.name = {tok(b).span.begin, tok(e - 1).span.end};
  const FoldedWord head = fw_[e - 1];
  if (e == b + 1 && (head == "it" || head == "this")) {
    mm.kind = MentionKind::kPronoun;
    mm.gender = Gender::kNeuter;
  } else {
    mm.kind = lex_.is(WordClass::kOrgHead, head) ? MentionKind::kOrganisation : MentionKind::kNominal;
    if (lex_.is(WordClass::kRole, head)) mm.role = mm.span;
    mm.gender = head.ends_with("s") && !head.ends_with("ss") ? Gender::kPlural : Gender::kUnknown;
  }
  return add_mention(mm);
}

bool Attributor::found_source_before_comma(uint32_t comma, uint32_t b) const {
  // Only across an apposition: the comma right before the cue ends it, so
  // start one word back ("…to Mr. Sanders, said David Axelrod" is inverted).
  for (uint32_t k = comma > b + 1 ? comma - 1 : b; k > b && comma - k < 30; --k) {
    if (tok(k - 1).in_quote || is_closing_mark(k - 1)) return false;
    if (!is_comma(k)) continue;
    int32_t m = found_mention_at(k - 1);
    if (m >= 0 && doc_.mentions[m].end_token == k && doc_.mentions[m].kind != MentionKind::kPronoun) return true;
    // "Its general secretary, Pat Cullen, called …": a role or a person noun
    // before the apposition.
    if (tok(k - 1).kind == TokenKind::kWord && !tok(k - 1).has(kCapitalized) &&
        (lex_.is(WordClass::kRole, fw_.id(k - 1)) || lex_.noun_senses(fw_[k - 1]).first_is(NounSenses::kPerson)))
      return true;
  }
  return false;
}

int32_t Attributor::sentence_subject(uint32_t si, uint32_t before) const {
  const Sentence& s = doc_.sentences[si];
  for (uint32_t k = s.first_token; k < before && k < s.first_token + 7; ++k) {
    const Token& t = tok(k);
    if (t.in_quote || t.kind == TokenKind::kQuote) return -1;
    int32_t m = found_mention_at(k);
    if (m >= 0) {
      const Mention& mm = doc_.mentions[m];
      if (mm.first_token != k) return -1;
      if (t.has(kAllCaps) && mm.end_token < before && tok(mm.end_token).kind == TokenKind::kPunct) {
        k = mm.end_token;  // dateline: WASHINGTON —
        continue;
      }
      if (k > s.first_token && is_preposition(fw_[k - 1]) && mm.kind != MentionKind::kPronoun) {
        k = mm.end_token - 1;  // "In Salem, New Hampshire, Trump …": part of the adverbial
        continue;
      }
      if (mm.kind == MentionKind::kPronoun) {
        const FoldedWord w = fw_[k];
        if (w != "he" && w != "she" && w != "they") return -1;
      }
      if (mm.end_token >= before || (tok(mm.end_token).kind != TokenKind::kWord && !is_comma(mm.end_token)))
        return -1;
      // "Britain's Rod Stewart introduced …", "Iraq's Trade Minister Mohammed
      // al-Jibouri said": the possessor qualifies the person named after it
      // (a role, an honorific or a given name says it is a person; not
      // "Toshiba's HD-DVD", "Arsenal's Brazilian").
      if (mm.kind != MentionKind::kPronoun && fw_[mm.end_token] == "'s" && mm.end_token + 1 < before) {
        const int32_t owned = found_mention_at(mm.end_token + 1);
        if (owned >= 0) {
          const Mention& o = doc_.mentions[owned];
          if (o.first_token == mm.end_token + 1 && o.kind == MentionKind::kName && o.end_token < before &&
              names_a_person(doc_, lex_, fw_, o))
            return owned;
        }
      }
      return m;
    }
    // Only adverbials before the subject: "On Monday,", "In Washington,", "But".
    const FoldedWord w = fw_[k];
    const bool adverbial = t.kind == TokenKind::kPunct
                               ? text(k) == ","
                               : (lex_.is(WordClass::kTime, w) || lex_.is(WordClass::kConj, w) || is_preposition(w) ||
                                  lex_.is(WordClass::kStarter, w) || lex_.is(WordClass::kSkip, w) ||
                                  t.has(kCapitalized));
    if (!adverbial) return -1;
  }
  return -1;
}

int32_t Attributor::label_source(uint32_t si, const QuotedRegion& qr, int32_t& colon) const {
  colon = -1;
  const Sentence& s = doc_.sentences[si];
  const Paragraph& p = doc_.paragraphs[s.paragraph];
  if (p.first_token != s.first_token) return -1;  // it opens the paragraph
  uint32_t k = s.first_token;
  // A list's bullet: "-", "*", "•".
  while (k < qr.first_token && tok(k).kind != TokenKind::kWord) {
    const std::string_view b = text(k);
    if (!(utf8::is_dash_or_hyphen_token(b) || b == "*" || b == "\u2022")) return -1;
    ++k;
  }
  const int32_t m = found_mention_at(k);
  if (m < 0) return -1;
  const Mention& mm = doc_.mentions[m];
  if (mm.first_token != k || (mm.kind != MentionKind::kName && mm.kind != MentionKind::kOrganisation)) return -1;
  // A name of two words or more, or with a role: not a list item's first word ("- Compelling …").
  if (mm.end_token < mm.first_token + 2 && mm.role.empty()) return -1;
  uint32_t e = mm.end_token;
  if (e < qr.first_token && text(e) == ":") colon = static_cast<int32_t>(e++);
  // Without a colon only after a bullet: a line opening with a name and a
  // quotation is as often a headline ("NEW YORK ENDS TAMPON TAX "…") or a
  // misread phrase ("Celebrating Clinton "turning …"").
  if (colon < 0 && k == s.first_token) return -1;
  // Then the quotation mark that opens the quotation.
  return e + 1 == qr.first_token && tok(e).kind == TokenKind::kQuote ? m : -1;
}

int32_t Attributor::transcript_label(Range range, uint32_t& colon) {
  constexpr uint32_t kMaxWords = 3;
  uint32_t k = range.begin;
  while (k < range.end && k < range.begin + kMaxWords && tok(k).kind == TokenKind::kWord && tok(k).has(kAllCaps)) ++k;
  if (k == range.begin || k + 2 >= range.end || text(k) != ":") return -1;
  // A name, not a heading in capitals ("NOTE:", "UPDATE:"): its last word
  // is no common word, or a person's first in WordNet, or a name written
  // elsewhere in the article ("Mike Pence" … "PENCE:").
  const FoldedWord last = fw_[k - 1];
  if (lex_.cue(last.id) || lex_.is(WordClass::kLabelTitle, last.id) || lex_.is(WordClass::kLabelMeta, last.id) ||
      lex_.is(WordClass::kLabelPicture, last.id))
    return -1;
  const NounSenses senses = lex_.noun_senses(last);
  if (!name_ends_filled_) {
    name_ends_filled_ = true;
    name_ends_.assign(fw_.type_count(), false);
    for (size_t i = 0; i < sorted_mentions_; ++i) {
      const Mention& m = doc_.mentions[i];
      if (m.kind == MentionKind::kName && !tok(m.end_token - 1).has(kAllCaps)) name_ends_[fw_.type(m.end_token - 1)] = true;
    }
  }
  if (senses.lexfile[0] != 0 && !senses.first_is(NounSenses::kPerson) && !name_ends_[fw_.type(k - 1)]) return -1;
  colon = k;
  const int32_t found = found_mention_at(range.begin);
  if (found >= 0 && doc_.mentions[found].first_token == range.begin && doc_.mentions[found].end_token <= k)
    return found;
  Mention mm;
  mm.first_token = range.begin;
  mm.end_token = k;
  mm.span = mm.name = {tok(range.begin).span.begin, tok(k - 1).span.end};
  mm.kind = MentionKind::kName;
  return add_mention(mm);
}

int32_t Attributor::past_subordinate_clause(int32_t m, uint32_t before) const {
  if (m < 0) return m;
  const uint32_t k = doc_.mentions[m].first_token;
  if (k == 0) return m;
  const FoldedWord w = fw_[k - 1];
  if (!(w == "after" || w == "before" || w == "when" || w == "while" || w == "as" || w == "because" ||
        w == "although" || w == "though" || w == "if" || w == "since" || w == "once" || w == "until"))
    return m;
  for (uint32_t t = doc_.mentions[m].end_token; t + 1 < before && t < k + 30; ++t) {
    if (tok(t).in_quote) return m;
    if (!is_comma(t)) continue;
    const int32_t next = found_mention_at(t + 1);
    if (next >= 0 && doc_.mentions[next].first_token == t + 1 && doc_.mentions[next].end_token < before &&
        tok(doc_.mentions[next].end_token).kind == TokenKind::kWord)
      return next;
    return m;
  }
  return m;
}

int32_t Attributor::clause_subject(uint32_t si, uint32_t before) {
  const Sentence& s = doc_.sentences[si];
  // The subject comes early: a bound keeps a huge sentence full of cues linear.
  for (uint32_t k = s.first_token; k < before && k < s.first_token + 40; ++k) {
    if (tok(k).in_quote) continue;
    const int32_t m = found_mention_at(k);
    if (m < 0 || doc_.mentions[m].first_token != k) continue;
    const Mention& mm = doc_.mentions[m];
    if (mm.kind == MentionKind::kPronoun && pronoun_is_object(m)) continue;
    if (k > s.first_token && (fw_[k - 1] == "'s" || is_preposition(fw_[k - 1]) || is_determiner(fw_[k - 1])))
      continue;  // "Trump's", "of Trump", "the Clinton campaign": not the subject
    uint32_t j = mm.end_token;
    if (j < before && text(j) == "(") {
      while (j < before && j < mm.end_token + 10 && text(j) != ")") ++j;
      ++j;
    }
    if (j < before && is_comma(j)) {
      uint32_t c = j + 1;
      while (c < before && c < j + 14 && !is_comma(c) && !tok(c).in_quote) ++c;
      if (c >= before || !is_comma(c)) continue;
      j = c + 1;
    }
    for (int n = 0; n < 4 && j < before; ++n, ++j) {  // "Trump also went"
      if (tok(j).kind != TokenKind::kWord || tok(j).in_quote || fw_[j][0] == '\'') break;
      if (pos::is_verbal(tag_of(j, si))) return m;
      if (!skippable(j)) break;
    }
  }
  return -1;
}

int32_t Attributor::appositive_source(uint32_t p, uint32_t b) {
  int32_t nearest = -1, subject = -1;
  for (uint32_t k = p - 1; k > b && p - k < 30; --k) {
    if (tok(k - 1).in_quote || is_closing_mark(k - 1)) break;
    if (!is_comma(k)) continue;
    // "Rep. Elijah Cummings (D-Md.), chair of …, said": past a short parenthesis.
    uint32_t j = k;
    if (text(k - 1) == ")")
      if (const int32_t o = paren_opening(k - 1, b + 1, 7); o >= 0) j = o;
    int32_t am = found_mention_at(j - 1);
    if (am < 0 || doc_.mentions[am].end_token != j || doc_.mentions[am].kind == MentionKind::kPronoun) continue;
    if (nearest < 0) nearest = am;
    const uint32_t first = doc_.mentions[am].first_token;
    if (first == b || is_comma(first - 1) || fw_[first - 1] == "and" || fw_[first - 1] == "but" ||
        tok(first - 1).kind == TokenKind::kQuote) {
      // "Director, David Caldwell, said", "The head of the NHTCU, Acting
      // Detective Chief Superintendent, Mick Deats, said": a description
      // before the name set off after it is the name's, not who speaks.
      if (subject >= 0 && doc_.mentions[subject].kind == MentionKind::kName &&
          doc_.mentions[am].kind != MentionKind::kName)
        continue;
      subject = am;
    }
  }
  const int32_t m = subject >= 0 ? subject : nearest;
  return m >= 0 ? with_head_noun(m, b) : m;
}

int32_t Attributor::subject_before_aside(uint32_t p, uint32_t b, uint32_t si) {
  uint32_t d = p - 1;
  while (d > b && p - d < 30 && !is_dash(d - 1)) --d;
  if (d <= b + 1 || !is_dash(d - 1)) return -1;
  const uint32_t e = d - 1;
  uint32_t k = b;
  while (k < e && (lex_.is(WordClass::kConj, fw_.id(k)) || is_comma(k) || lex_.is(WordClass::kSkip, fw_.id(k)))) ++k;
  if (e <= k || e - k > 12) return -1;
  for (uint32_t t = k; t < e; ++t) {
    if (tok(t).in_quote || (tok(t).kind != TokenKind::kWord && tok(t).kind != TokenKind::kNumber && text(t) != "-"))
      return -1;
    const uint8_t tg = tag_of(t, si);
    if (pos::is_verbal(tg) || pos::is_wh_word(tg)) return -1;
  }
  if (!pos::is_nominal(tag_of(e - 1, si)) && !pos::is_number(tag_of(e - 1, si)) && !pos::is_pronoun(tag_of(e - 1, si)))
    return -1;
  return phrase_mention(k, e);
}

int32_t Attributor::relative_clause_source(uint32_t p, uint32_t b, uint32_t si) {
  for (uint32_t k = p - 1; k > b + 1 && p - k < 30; --k) {
    if (tok(k - 1).in_quote || is_closing_mark(k - 1)) return -1;
    if (!is_comma(k - 1) || k - 1 == p - 1) continue;
    const FoldedWord w = fw_[k];
    if (w != "who" && w != "which" && w != "whose") continue;
    const uint32_t head = k - 2;
    int32_t m = mention_ending_at(head, b);
    if (m >= 0) return doc_.mentions[m].kind == MentionKind::kPronoun ? -1 : m;
    // A noun phrase opening the sentence, found by its tags: "The complaint".
    m = tagged_noun_phrase_ending_at(head, b, si);
    return m >= 0 && doc_.mentions[m].first_token == b ? m : -1;
  }
  return -1;
}

bool Attributor::pronoun_is_object(int32_t m) const {
  std::string_view w = fw_[doc_.mentions[m].first_token];
  return w == "him" || w == "her" || w == "them" || w == "us" || w == "me";
}

uint32_t Attributor::subject_start(uint32_t t, uint32_t si) {
  const uint32_t b = doc_.sentences[si].first_token;
  uint32_t k = t;
  while (k > b && t - k < 12) {
    const Token& pt = tok(k - 1);
    if (pt.in_quote || (pt.kind != TokenKind::kWord && pt.kind != TokenKind::kNumber)) break;
    const FoldedWord w = fw_[k - 1];
    if (lex_.is(WordClass::kConj, w) || w == "that" || w == "who" || w == "which" || lex_.cue(w)) break;
    const uint8_t tg = tag_of(k - 1, si);
    if (pos::is_verbal(tg) || pos::is_conjunction(tg) || pos::is_adverb(tg)) break;
    --k;
  }
  return k;
}

}  // namespace whosaid::attribution
