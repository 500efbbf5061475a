// Frames from cues: the verb, its object and its content.
#include <algorithm>
#include <span>

#include "attribution/attributor_impl.h"
#include "core/utf8.h"
#include "mentions/mention_finder.h"
#include "tagger/tagger.h"

namespace whosaid::attribution {

std::optional<Frame> Attributor::build_frame(const Cue& c, uint32_t si) {
  const Sentence& s = doc_.sentences[si];
  Frame f;
  f.sentence = si;
  f.cue = &c;
  const uint32_t b = s.first_token, e = s.end_token;
  const uint32_t end = clause_end(b, e);
  switch (c.kind) {
    case CueKind::kColon: {
      int32_t m = -1;
      for (uint32_t k = c.first_token; k > b && m < 0; --k) m = mention_ending_at(k - 1, b);
      if (m >= 0 && doc_.mentions[m].end_token < c.first_token) m = -1;  // not right before the colon
      // "Another user, Roland Z, wrote of Ms. Merkel: ''…''": the verb's source, not its object.
      // (Only verbs up to six tokens before the colon: start there, not at the
      // first cue of the document, which made transcripts quadratic.)
      const uint32_t lowest = std::max(b + 1, c.first_token > 6 ? c.first_token - 6 : 0u);
      auto from = std::lower_bound(doc_.cues.begin(), doc_.cues.end(), lowest,
                                   [](const Cue& v, uint32_t t) { return v.first_token < t; });
      for (const Cue& v : std::span(from, doc_.cues.end())) {
        if (v.first_token >= c.first_token) break;
        if (v.kind != CueKind::kVerb || v.first_token <= b || v.first_token + 6 < c.first_token) continue;
        Frame probe;
        probe.sentence = si;
        if (verb_frame_source(v, b, probe)) m = probe.source;
      }
      if (m < 0) m = sentence_subject(si, c.first_token);
      if (m < 0) return std::nullopt;
      f.source = m;
      if (c.end_token >= e) {
        intro_ = {m, &c, static_cast<int32_t>(si)};
        return std::nullopt;
      }
      f.content.push_back({c.end_token, end});
      f.origin = "colon";
      break;
    }
    case CueKind::kAccordingTo: {
      f.source = mention_starting_at(c.end_token, e);
      if (f.source < 0) {
        // "according to early returns", "… a 2015 Pew Research survey": any noun phrase.
        f.source = tagged_noun_phrase_starting_at(c.end_token, e, si);
        f.tagged_source = f.source >= 0;
      }
      if (f.source < 0) return std::nullopt;
      f.source = appositive_name(f.source, si);
      f.origin = "according-to";
      uint32_t after = doc_.mentions[f.source].end_token;
      // "But, according to the poll, 46 percent …", "In addition, according to
      // the department, …": after a short opener set off by a comma, the
      // statement follows the source.
      const bool opener = c.first_token > b + 1 && is_comma(c.first_token - 1) && word_count(b, c.first_token) <= 3 &&
                          after < e && is_comma(after) && word_count(after, end) >= 3;
      if (c.first_token <= b + 1 || opener) {
        after = past_apposition(after, f.source, si);  // "According to Bob Crow, the head of the union, …"
        while (after < e && text(after) != ",") ++after;
        f.content.push_back({after + 1, end});
      } else {
        uint32_t ce = c.first_token;
        while (ce > b && (text(ce - 1) == "," || text(ce - 1) == "(")) --ce;
        f.content.push_back({statement_begin(b, ce), ce});
        f.trailing = true;
      }
      break;
    }
    case CueKind::kDash: {
      f.source = mention_starting_at(c.end_token, e);
      if (f.source < 0 || c.first_token == b) return std::nullopt;
      f.content.push_back({b, c.first_token});
      f.trailing = true;
      f.origin = "dash";
      break;
    }
    case CueKind::kVerb:
    case CueKind::kNoun: {
      // "reports", "claims", "calls" used as nouns are not cues of reported
      // speech; around a quotation, the model decides (below).
      f.noun_cue = c.kind == CueKind::kVerb && c.prior < 0.6f && pos::is_noun(tag_of(c.first_token, si));
      if (!verb_frame(c, s, end, f)) return std::nullopt;
      check_with_tree(f);
      break;
    }
  }
  for (Range& r : f.content) r = trim(r);
  f.content.erase(std::remove_if(f.content.begin(), f.content.end(), [](const Range& r) { return r.empty(); }),
                  f.content.end());
  if (f.content.empty()) return std::nullopt;
  // One quoted word is a quotation (""Absolutely," he said"); one plain word is not content.
  const QuoteKind kind = kind_of(f.content);
  const int words = word_count(f.content.front().begin, f.content.back().end);
  if (words < 1 || (words < 2 && kind != QuoteKind::kDirect && !nominal_object(f, c) && !has_sourceless_option(f)))
    return std::nullopt;
  // A noun cue never frames plain reported speech, nor words that start
  // with the sentence's real cue ("Another source familiar with his
  // thinking | said, "…"").
  if (f.noun_cue && ((kind == QuoteKind::kIndirect && !verb_slot(f, c)) || lex_.cue(fw_.id(f.content.front().begin)) ||
                     (f.content.front().begin > 0 && lex_.cue(fw_.id(f.content.front().begin - 1)) &&
                      f.content.front().begin - 1 != c.first_token)))
    return std::nullopt;
  // A rare cue frames a quotation only when it closes the quoted statement
  // (""…," it read"); a source found only by its tags or a noun cue never
  // does, unless the model takes it.
  if (kind != QuoteKind::kIndirect &&
      (f.tagged_source || f.noun_cue ||
       (c.prior < kMinFramePrior && !(c.kind == CueKind::kVerb && closes_quote_statement(c, si))))) {
    f.ends.gated = true;
    if (!accepted_quoting(f)) return std::nullopt;
  }
  // A name and a colon opening the sentence ("Key: SAS could join Isis fight")
  // is an attribution whatever follows; other reported speech is the model's choice.
  const bool name_colon = c.kind == CueKind::kColon && doc_.mentions[f.source].kind != MentionKind::kPronoun &&
                          doc_.mentions[f.source].first_token == s.first_token && colon_statement(f);
  // So is a signature after a paragraph's last stop ("… laughs about it. —
  // Rick Santorum", cue_finder.cc): it credits the sentence it closes.
  const bool signature = c.kind == CueKind::kDash && tok(c.first_token - 1).kind != TokenKind::kQuote;
  if (kind == QuoteKind::kIndirect && !name_colon && !signature) {
    if (!opt_.indirect) return std::nullopt;
    if (has_sourceless_option(f)) {
      if (report_all_) {
        f.sourceless_option = model_ != nullptr;
      } else {
        Frame g = sourceless(f);
        frame_features(f, fv_);
        const float pf = model_->probability(fv_.ids());
        frame_features(g, fv_);
        const float pg = model_->probability(fv_.ids());
        if (std::max(pf, pg) < model_->threshold()) return std::nullopt;
        return pg > pf ? g : f;
      }
    }
    if (!accepted(f)) return std::nullopt;
  }
  return f;
}

bool Attributor::verb_slot(const Frame& f, const Cue& c) const {
  if (f.source < 0 || f.trailing || f.content.size() != 1) return false;
  const Mention& src = doc_.mentions[f.source];
  // "Any plan to …", "its Brent forecast to $90": a noun phrase, not a subject and verb.
  if (src.end_token != c.first_token || c.end_token >= doc_.sentences[f.sentence].end_token ||
      bound_determiner(fw_[src.end_token - 1]) ||
      (src.first_token > doc_.sentences[f.sentence].first_token && possessive_determiner(fw_[src.first_token - 1])))
    return false;
  const Token& next = tok(c.end_token);
  if (next.in_quote || next.kind != TokenKind::kWord) return false;
  const FoldedWord w = fw_[c.end_token];
  return w == "that" || w == "to" || is_determiner(w) || next.has(kCapitalized) || pronoun_gender(lex_, w);
}

bool Attributor::nominal_object(const Frame& f, const Cue& c) {
  if (c.kind != CueKind::kVerb || f.content.size() != 1 || f.trailing) return false;
  for (uint32_t t = f.content.front().begin; t < f.content.front().end; ++t) {
    if (tok(t).kind != TokenKind::kWord && tok(t).kind != TokenKind::kNumber) continue;
    const uint8_t tg = tag_of(t, f.sentence);
    return pos::is_nominal(tg) || pos::is_number(tg) || (pos::is_pronoun(tg) && !pos::is_wh_word(tg));
  }
  return false;
}

bool Attributor::has_sourceless_option(const Frame& f) const {
  if (f.source < 0 || f.trailing || f.content.size() != 1 || f.cue->kind != CueKind::kVerb) return false;
  if (f.origin != "leading" && f.origin != "prep-object") return false;
  const Mention& src = doc_.mentions[f.source];
  const uint32_t cue = f.cue->first_token;
  if (src.end_token > cue || cue - src.end_token > 3 || src.kind == MentionKind::kPronoun) return false;
  const FoldedWord before = fw_[cue - 1];
  const bool passive = is_auxiliary_word(before) || before == "be" || before == "being";
  // "X seemed irritated", "the race appears closer": a linking verb's
  // complement says something of the subject whatever its form.
  const CueEntry* entry = lex_.any_cue(fw_.id(cue));
  const bool linking = entry && is_linking(entry->lemma);
  const bool raising = fw_[f.content.front().begin] == "to" || fw_[f.content.front().begin] == "as" || linking;
  return passive || raising;
}

Frame Attributor::sourceless(const Frame& f) {
  Frame g = f;
  const Mention& src = doc_.mentions[f.source];
  g.content.insert(g.content.begin(), Range{subject_start(src.first_token, f.sentence), src.end_token});
  g.source = -1;
  g.sourceless_option = false;
  g.ends = {};
  return g;
}

bool Attributor::accepted_quoting(const Frame& f) {
  if (report_all_) return true;
  frame_features(f, fv_);
  return model_->probability(fv_.ids()) >= model_->threshold();
}

bool Attributor::accepted(const Frame& f) {
  if (!opt_.indirect) return false;
  if (report_all_) return true;
  frame_features(f, fv_);
  return model_->probability(fv_.ids()) >= model_->threshold();
}

bool Attributor::verb_frame(const Cue& c, const Sentence& s, uint32_t end, Frame& f) {
  const uint32_t b = s.first_token, e = s.end_token;
  const CueEntry* entry = lex_.any_cue(fw_.id(c.first_token));
  std::string_view lemma = entry ? std::string_view(entry->lemma) : std::string_view();
  // Skip adverbs, auxiliaries and time words between the source and the cue.
  uint32_t p = c.first_token;
  if (p > b && fw_[p - 1].ends_with("ly")) tag_of(p, f.sentence);
  for (int n = 0; n < 5 && p > b && skippable(p - 1); ++n) --p;
  // "Rep. John Mica (R-Fla.) said": step over a short parenthesis after the source.
  if (p > b + 1 && text(p - 1) == ")")
    if (const int32_t o = paren_opening(p - 1, b, 8); o >= 0) p = o;
  if (asked_question(c, s, end, lemma, f)) return true;
  // "Trump has targeted Mexico, calling border-crossers "rapists"": a participle
  // after a comma takes the sentence's subject.
  // Also "X released a statement saying …" / "He sent a memo in April explaining …".
  const bool participle = fw_[c.first_token].ends_with("ing") && p > b + 2 &&
                          !is_closing_mark(p - 1) && !(is_comma(p - 1) && is_closing_mark(p - 2)) &&
                          !is_auxiliary_word(fw_[p - 1]) && found_mention_at(p - 1) < 0 &&
                          (is_comma(p - 1) || tok(p - 1).kind == TokenKind::kWord);
  if (participle) {
    int32_t subject = past_subordinate_clause(sentence_subject(f.sentence, p - 1), p - 1);
    if (subject < 0) subject = clause_subject(f.sentence, p - 1);
    uint32_t k = skip_adjuncts(c.end_token, end, lemma);
    k = after_particle(k, end, f);
    if (subject >= 0 && k < end && word_count(k, end) >= 2) {
      f.source = subject;
      f.content.push_back({k, clause_cut(k, end)});
      f.origin = "participle";
      choose_end(f, end, lemma);
      return true;
    }
  }
  // "…," said Mr Key.  /  "…" said Mr Key.  (Not ""…," X, a scientist, told The Hill".)
  if (p > b && (is_closing_mark(p - 1) || (is_comma(p - 1) && (p - 1 == b || is_closing_mark(p - 2) ||
                                                                !found_source_before_comma(p - 1, b))))) {
    int32_t m = mention_starting_at(c.end_token, e);
    const bool after_quote = is_closing_mark(p - 1) || (p - 1 > b && is_closing_mark(p - 2));
    if (m < 0 && after_quote) m = subject_after_cue(c, e);
    // "X (D), a Clinton supporter, praised Sanders for …": without a quotation
    // before it, a name after the cue is its object unless the clause ends there.
    if (m >= 0 && !after_quote && !ends_clause_after(doc_.mentions[m].end_token, e)) m = -1;
    if (m >= 0 && !pronoun_is_object(m)) {
      f.source = m;
      trailing_statement(f, b, p - 1, "inverted", doc_.mentions[m].end_token, e);
      return true;
    }
  }
  if (p == b) {
    // "Said Comey, "…"" — an inverted cue opening the sentence. Not a
    // participle opening a clause before the subject, nor its addressee:
    // "Speaking to the Guardian, Nandakumar said: …" is Nandakumar's.
    if (fw_[c.first_token].ends_with("ing") || (c.end_token < e && fw_[c.end_token] == "to")) return false;
    int32_t m = mention_starting_at(c.end_token, e);
    if (m < 0) return false;
    uint32_t k = doc_.mentions[m].end_token;
    while (k < end && (is_comma(k) || text(k) == ":")) ++k;
    if (k >= end) return false;
    // "Said Dorothy Poynter, who grew up with Ali, “We were…”": the quotation.
    for (uint32_t j = k; j < end; ++j)
      if (opens_region_[j] && (is_comma(j - 1) || text(j - 1) == ":")) {
        k = j;
        break;
      }
    f.source = m;
    f.content.push_back({k, end});
    f.origin = "said-x";
    return true;
  }
  if (uint32_t q = subject_after_quote(p, b, f.sentence); q < p && !title_closes_phrase(q, b)) {
    // ""…," former FBI agent Timothy Gill explained." / ""…," it read.": a short
    // subject right after the quotation is the source, whatever its words.
    int32_t m = mention_ending_at(p - 1, b);
    if (m < 0 || doc_.mentions[m].first_token < q) m = last_mention_in(q, p);
    if (m >= 0 && describes_person_noun(m, p)) m = -1;  // "the British actor": the phrase
    if (m < 0) m = phrase_mention(q, p);
    if (m >= 0 && !pronoun_is_object(m)) {
      f.source = m;
      trailing_statement(f, b, q - 1, nullptr, c.end_token, e);
      return true;
    }
  }
  int32_t m = mention_ending_at(p - 1, b);
  // "raised its Brent forecast to $90": a name after a possessive modifies a
  // noun; it is no subject.
  if (m >= 0 && doc_.mentions[m].first_token > b && doc_.mentions[m].kind != MentionKind::kPronoun &&
      possessive_determiner(fw_[doc_.mentions[m].first_token - 1]))
    return false;
  if (m < 0 && (fw_[p - 1] == "and" || fw_[p - 1] == "but")) {
    // "Mr Key has not ruled … but this morning said …": the clause subject,
    // after a dateline ("WASHINGTON —") if there is one.
    for (uint32_t k = b; k < b + 6 && k < p; ++k) {
      int32_t sm = found_mention_at(k);
      if (sm < 0 || doc_.mentions[sm].first_token != k) continue;
      const Mention& cand = doc_.mentions[sm];
      if (tok(k).has(kAllCaps) && cand.end_token < p && !tok(cand.end_token).has(kCapitalized) &&
          tok(cand.end_token).kind == TokenKind::kPunct)
        continue;  // dateline
      m = sm;
      break;
    }
  }
  // "Asked by Stephanopoulos to respond …": an agent, not the speaker; but
  // "The report by the committee says": the body a document is credited to.
  if (m >= 0 && doc_.mentions[m].first_token > b && fw_[doc_.mentions[m].first_token - 1] == "by" &&
      !(doc_.mentions[m].first_token > b + 1 && lex_.is(WordClass::kDocument, fw_[doc_.mentions[m].first_token - 2])))
    return false;
  if (m < 0 && is_comma(p - 1)) {
    // ""…," Mr. Mahaney, of RBC Capital Markets, said": the first name after the quotation.
    for (uint32_t k = p - 1; k > b; --k) {
      if (tok(k - 1).in_quote) break;
      if (!is_closing_mark(k - 1)) continue;
      uint32_t first = k;
      while (first < p && (is_comma(first) || tok(first).kind == TokenKind::kQuote)) ++first;
      int32_t fm = found_mention_at(first);
      if (fm >= 0 && doc_.mentions[fm].first_token == first && doc_.mentions[fm].end_token < p &&
          is_comma(doc_.mentions[fm].end_token))
        m = fm;
      break;
    }
  }
  if (m < 0 && is_comma(p - 1)) m = relative_clause_source(p, b, f.sentence);
  if (m < 0 && is_comma(p - 1)) {
    // Appositive or relative clause between source and cue: "Anne Richards,
    // assistant secretary of state for population, refugees, and migration,
    // said" / "X, who …, said".
    m = appositive_source(p, b);
  }
  if (m < 0) m = subject_before_quote(c, f.sentence, p, end);
  if (m < 0 && p > b + 2 && is_dash(p - 1)) m = subject_before_aside(p, b, f.sentence);
  if (m < 0 && p > b + 2 && (is_comma(p - 1) || is_dash(p - 1))) {
    // A nominal subject set off by commas or dashes: "The official, who spoke
    // on the condition of anonymity, said" / "The justice -- who … -- said".
    const bool dash = is_dash(p - 1);
    uint32_t k = b;
    while (k < p - 1 && !(dash ? is_dash(k) : is_comma(k))) ++k;
    if (k > b && k < p - 1) {
      m = mention_ending_at(k - 1, b);
      if (m >= 0 && doc_.mentions[m].first_token > b + 1) m = -1;
      if (m < 0) {
        m = tagged_noun_phrase_ending_at(k - 1, b, f.sentence);
        if (m >= 0 && doc_.mentions[m].first_token != b) m = -1;
        f.tagged_source = m >= 0;
      }
    }
  }
  if (m < 0) m = reduced_relative_subject(p, b, f.sentence);
  if (m < 0) {
    // Any noun phrase right before the cue, found by its tags ("7 percent
    // said", "national polling shows", "Immigrants feel"): a candidate for
    // reported speech only, which the model accepts or not.
    m = tagged_noun_phrase_ending_at(p - 1, b, f.sentence);
    f.tagged_source = m >= 0;
  }
  if (m < 0) return false;
  f.source = m;
  const Mention& src = doc_.mentions[m];
  // Trailing: "<content>, X said."  Content before, little after the cue.
  uint32_t before = np_start(src.first_token, b);
  if (before > b + 1 && (is_comma(before - 1) || is_closing_mark(before - 1))) {
    uint32_t ce = before - 1;
    const bool quote_before = (is_closing_mark(ce) || (is_comma(ce) && ce > b && is_closing_mark(ce - 1))) &&
                              !title_closes_phrase(before, b);
    uint32_t after = skip_adjuncts(c.end_token, end, lemma);
    bool quote_after = false;
    for (uint32_t t = c.end_token; t < end && !quote_after; ++t) quote_after = tok(t).in_quote > 0;
    // After the cue, nothing, a comma, or a comma and a cue of its own ("…,
    // it said on Wednesday, adding that …").
    const bool cue_after = after > c.end_token + 1 && after < end && is_comma(after - 1) &&
                           fw_[after].ends_with("ing") && lex_.cue(fw_.id(after));
    const bool little_after =
        !quote_after && (after >= end || is_comma(after) || cue_after || word_count(c.end_token, end) <= 3);
    if (quote_before || (little_after && word_count(b, ce) >= 3) ||
        (!quote_after && quoted_clause_before_cue(b, ce, c.end_token, end))) {
      trailing_statement(f, b, ce, "trailing", c.end_token, e);
      return true;
    }
  }
  // Leading: "X said (that) <content>".
  uint32_t k = skip_adjuncts(c.end_token, end, lemma);
  if (k >= end) {
    // "She went on:" / "X told reporters:" — the quotation follows in the next sentence.
    if (e > s.first_token && text(e - 1) == ":") intro_ = {f.source, &c, static_cast<int32_t>(f.sentence)};
    return false;
  }
  if (is_preposition(fw_[k]) && fw_[k] != "for" && fw_[k] != "of" && !tok(k).in_quote) {
    // "said on ABC's "This Week" that he would "take a look"": the adverbial
    // runs to "that"; otherwise "spoke of", "said on Monday" is left over.
    uint32_t j = k + 1;
    while (j < end && j < k + 16 && fw_[j] != "that" && !(lex_.cue(fw_.id(j)) && !tok(j).in_quote) && text(j) != ";")
      ++j;
    if (j + 1 < end && fw_[j] == "that" && !tok(j).in_quote) {
      k = j;  // the content keeps its "that"
    } else {
      const uint32_t object = after_particle(k, end, f);
      if (f.particle >= 0) {
        k = object;
      } else if (uint32_t o = quoted_object_after_preposition(c, k, end); o > k) {
        k = o;
      } else {
        return false;
      }
    }
  } else {
    k = after_particle(k, end, f);
  }
  if (k >= end) return false;
  // "Over the years, she said, email has helped …": a cue set off by commas
  // inside the statement; the words before it are content too.
  // (Also past the cue's adjuncts: "…, it said on Wednesday, as demand slows";
  // not before a cue of its own: "…, it said on Wednesday, adding that …".)
  const bool comma_after =
      c.end_token < end && (is_comma(c.end_token) || (k > c.end_token + 1 && is_comma(k - 1) &&
                                                      !(fw_[k].ends_with("ing") && lex_.cue(fw_.id(k)))));
  const bool interrupted = before > b + 1 && is_comma(before - 1) && comma_after &&
                           word_count(b, before - 1) >= 2 && !tok(before - 2).in_quote && !is_closing_mark(before - 2) &&
                           !opens_quotation(k);
  if (interrupted) f.content.push_back({b, before - 1});
  f.content.push_back({k, clause_cut(k, end)});
  f.origin = interrupted ? "interrupted" : f.particle >= 0 ? "prep-object" : "leading";
  choose_end(f, end, lemma);
  return true;
}

bool Attributor::asked_question(const Cue& c, const Sentence& s, uint32_t end, std::string_view lemma, Frame& f) {
  if (lemma != "ask" || fw_[c.first_token] != "asked" || c.end_token >= end) return false;
  uint32_t p = c.first_token;
  const uint32_t b = s.first_token;
  for (int n = 0; n < 3 && p > b && skippable(p - 1); ++n) --p;
  if (p > b) {
    const FoldedWord w = fw_[p - 1];
    if (!(is_comma(p - 1) || w == "when" || w == "after" || w == "if" || w == "once" || w == "while" ||
          w == "whenever" || w == "before"))
      return false;
  }
  uint32_t k = c.end_token;
  for (; k < end && k < c.end_token + 10; ++k) {
    if (tok(k).in_quote || tok(k).kind == TokenKind::kQuote || tok(k).kind == TokenKind::kPunct) return false;
    if (fw_[k] == "about" || opens_question(k)) break;
    if (fw_[k] == "by" || lex_.cue(fw_.id(k))) return false;  // "asked by Stephanopoulos": the asker is named
  }
  if (k >= end || k >= c.end_token + 10) return false;
  if (fw_[k] == "about") ++k;
  if (k >= end || word_count(k, end) < 1) return false;
  uint32_t e = k;
  while (e < end && !is_comma(e)) ++e;
  f.source = -1;
  f.content.push_back({k, e});
  f.origin = "asked";
  choose_end(f, end, lemma);
  return true;
}

uint32_t Attributor::after_particle(uint32_t k, uint32_t end, Frame& f) {
  if (k + 1 >= end || tok(k).in_quote || tok(k).kind != TokenKind::kWord) return k;
  // "pushed back on those charges", "lashed out at": an adverb particle first.
  uint32_t j = k;
  const FoldedWord adv = fw_[j];
  if ((adv == "back" || adv == "out" || adv == "up" || adv == "down" || adv == "off") && j + 2 < end &&
      !tok(j + 1).in_quote && pos::is_adposition(tag_of(j + 1, f.sentence)))
    ++j;

  const FoldedWord w = fw_[j];
  // "referring to his daughter" (not the infinitive: "wants to sign up").
  const bool to_object = w == "to" && j + 1 < end && !pos::is_verbal(tag_of(j + 1, f.sentence)) &&
                         !pos::is_adverb(tag_of(j + 1, f.sentence));
  if (!(w == "about" || w == "for" || w == "on" || w == "against" || w == "of" || w == "with" ||
        w == "over" || w == "at" || to_object))
    return k;
  if (tok(j + 1).kind == TokenKind::kPunct && !tok(j + 1).in_quote) return k;
  f.particle = static_cast<int32_t>(j);
  return j + 1;
}

bool Attributor::opens_question(uint32_t t) const {
  const FoldedWord w = fw_[t];
  return !tok(t).in_quote && (w == "if" || w == "whether" || w == "how" || w == "what" || w == "why" ||
                              w == "when" || w == "where" || w == "who");
}

uint32_t Attributor::skip_adjuncts(uint32_t k, uint32_t end, std::string_view lemma) const {
  for (int guard = 0; guard < 4 && k < end; ++guard) {
    const uint32_t start = k;
    if (is_object_taking(lemma) && !tok(k).in_quote && tok(k).kind == TokenKind::kWord &&
        fw_[k] != "that") {
      // told reporters / told the New Zealand Herald / asked him. A cue word
      // inside the addressee's name is no verb ("told the Yorkshire Evening Post").
      const auto verb = [&](uint32_t j) {
        return j > k && lex_.cue(fw_.id(j)) && !(tok(j).has(kCapitalized) && tok(j - 1).has(kCapitalized));
      };
      // Up to a "that", a cue word that is also a noun may be the
      // addressee's ("told a regular news briefing on Monday that").
      uint32_t j = k;
      while (j < end && j < k + 12 && (tok(j).kind == TokenKind::kWord || text(j) == ",") && fw_[j] != "that" &&
             !tok(j).in_quote && !(verb(j) && lex_.noun_senses(fw_[j]).lexfile[0] == 0) &&
             !(j > k && pronoun_gender(lex_, fw_[j])) && !(j > k && opens_question(j)))
        ++j;
      if (j < end && fw_[j] != "that" && !(j > k && opens_question(j))) {
        // Without "that", the object ends at the first comma or colon.
        j = k;
        while (j < end && j < k + 6 && tok(j).kind == TokenKind::kWord && !tok(j).in_quote && !verb(j) &&
               !(j > k && pronoun_gender(lex_, fw_[j])))
          ++j;
      }
      if (j < end && (fw_[j] == "that" || text(j) == "," || text(j) == ":" || tok(j).kind == TokenKind::kQuote ||
                      pronoun_gender(lex_, fw_[j]) || (j > k && opens_question(j))))
        k = j;
      lemma = {};
    }
    while (k < end && !tok(k).in_quote &&
           (lex_.is(WordClass::kTime, fw_.id(k)) || (fw_[k] == "on" && k + 1 < end && lex_.is(WordClass::kTime, fw_.id(k + 1)))) &&
           !(k + 1 < end && fw_[k + 1] == "'s"))  // "last Sunday's match" is content
      ++k;
    if (k + 2 < end && (fw_[k] == "in" || fw_[k] == "during" || fw_[k] == "at" || fw_[k] == "on" || fw_[k] == "to") &&
        !tok(k).in_quote) {
      // in a statement / in an interview with X / at a press conference / to reporters / on Twitter
      uint32_t j = k + 1;
      while (j < end && j < k + 12 && tok(j).kind == TokenKind::kWord && fw_[j] != "that" && !tok(j).in_quote) ++j;
      if (j < end && (text(j) == "," || text(j) == ":" || fw_[j] == "that" || tok(j).kind == TokenKind::kQuote)) {
        static const char* kHeads[] = {"statement", "interview", "conference", "speech", "email", "letter",
                                       "reporters", "journalists", "twitter", "facebook", "tweet", "post",
                                       "release", "radio", "television", "tv", "briefing", "hearing", "debate",
                                       "rally", "media", "parliament", "house", "program", "programme", "show"};
        // … or, after "in", the noun of a message by WordNet's first sense
        // ("in a note to clients", "in a memo").
        bool ok = false;
        for (uint32_t h = k + 1; h < j; ++h)
          for (const char* hd : kHeads) ok = ok || fw_[h] == hd;
        if (!ok && fw_[k] == "in") {
          uint32_t h = k + 1;
          if (h < j && is_determiner(fw_[h])) ++h;
          ok = h < j && lex_.noun_senses(fw_[h]).first_is(NounSenses::kCommunication);
        }
        if (ok) k = j;
      }
    }
    // The complementizer stays: "said that the plan …" reports "that the plan …"
    // (PolNeAR's content includes it 2,370 times in train, leaves it out 29).
    while (k < end && !tok(k).in_quote && (text(k) == "," || text(k) == ":")) ++k;
    if (k == start) break;
  }
  return k;
}

void Attributor::subject_verb_frame(uint32_t si, size_t region_begin, size_t region_end, std::vector<Frame>& frames) {
  const Sentence& s = doc_.sentences[si];
  size_t r = region_begin;
  while (r < region_end && region_used_[r]) ++r;
  if (r == region_end) return;
  const QuotedRegion& qr = doc_.quoted[r];
  if (qr.first_token <= s.first_token + 1) return;  // a quotation opening the sentence
  if (is_title(trim({qr.first_token, qr.end_token})) || markup_value(qr)) return;
  int32_t m = sentence_subject(si, qr.first_token);
  if (m < 0) {
    // A nominal subject: "The movie shows …", "critics in both parties compared …".
    uint32_t k = s.first_token;
    while (k < qr.first_token && (fw_[k] == "and" || fw_[k] == "but" || is_comma(k))) ++k;
    if (k < qr.first_token && (is_determiner(fw_[k]) || lex_.is(WordClass::kNominal, fw_.id(k)))) {
      m = mention_starting_at(k, qr.first_token);
      if (m >= 0 && doc_.mentions[m].first_token != k) m = -1;
    }
  }
  if (m < 0) return;
  uint32_t v = doc_.mentions[m].end_token;
  if (v < qr.first_token && is_comma(v)) {
    // "Cruz, leading narrowly in Iowa polls, questioned …": step over the apposition.
    uint32_t j = v + 1;
    while (j < qr.first_token && !is_comma(j) && j < v + 15) ++j;
    if (j >= qr.first_token || !is_comma(j)) return;
    v = j + 1;
  }
  for (int n = 0; n < 3 && v < qr.first_token && skippable(v); ++n) ++v;
  if (v + 1 >= qr.first_token || tok(v).kind != TokenKind::kWord || tok(v).has(kCapitalized)) return;
  const uint8_t vtag = tag_of(v, si);  // "The Cruz slate 's …": no verb there
  if (pos::is_nominal(vtag) || pos::is_adjective(vtag)) return;
  const FoldedWord w = fw_[v];
  if (w[0] == '\'' || is_preposition(w) || is_determiner(w) || lex_.is(WordClass::kConj, w) || pronoun_gender(lex_, w)) return;
  uint32_t k = v + 1;
  if (k < qr.first_token && (fw_[k] == "on" || fw_[k] == "about" || fw_[k] == "for" || fw_[k] == "that")) ++k;
  const uint32_t end = clause_end(s.first_token, s.end_token);
  Range content = trim({k, clause_cut(k, end)});
  if (content.empty() || content.end <= qr.first_token || word_count(content.begin, content.end) < 3) return;
  pseudo_cues_.push_back({tok(v).span, v, v + 1, CueKind::kVerb, 0.35f});
  Frame f;
  f.sentence = si;
  f.origin = "subject-verb";
  f.cue = &pseudo_cues_.back();
  f.source = m;
  f.content.push_back(content);
  frames.push_back(std::move(f));
}

bool Attributor::verb_frame_source(const Cue& v, uint32_t b, Frame& probe) {
  uint32_t p = v.first_token;
  for (int n = 0; n < 5 && p > b && skippable(p - 1); ++n) --p;
  if (p == b) return false;
  int32_t m = mention_ending_at(p - 1, b);
  if (m < 0 && is_comma(p - 1)) m = appositive_source(p, b);
  if (m < 0 || pronoun_is_object(m)) return false;
  probe.source = m;
  return true;
}

}  // namespace whosaid::attribution
