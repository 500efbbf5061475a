// Features for the model: of frames, candidate ends and starts, standalone quotations.
#include <algorithm>

#include "attribution/attributor_impl.h"
#include "core/utf8.h"
#include "mentions/mention_finder.h"
#include "tagger/tagger.h"

namespace whosaid::attribution {

Attributor::StartHashes::StartHashes(const Attributor& a, const Frame& f, uint32_t rule_begin, std::string_view lemma)
    : lemma_shift(FeatureName("lemma*s-shift").with(lemma)),
      origin_shift(FeatureName("s-origin*shift").with(f.origin)),
      lemma_first(FeatureName("lemma*s-first").with(lemma)),
      lemma_first_tag(FeatureName("lemma*s-first-tag").with(lemma)),
      lemma_prev(FeatureName("lemma*s-prev").with(lemma)),
      lemma_skipped_tags(FeatureName("lemma*s-skipped-tags").with(lemma)),
      lemma_taken_tags(FeatureName("lemma*s-taken-tags").with(lemma)),
      lemma_taken_first(FeatureName("lemma*s-taken-first").with(lemma)),
      skipped_first(FeatureName("s-skipped-first").valued(a.fw_[rule_begin])),
      lemma_skipped_first(feature_hash::fnv(FeatureName("lemma*s-skipped-first").with(lemma), a.fw_[rule_begin])) {
  if (f.particle >= 0) {
    const FoldedWord p = a.fw_[f.particle];
    particle_skipped_first = feature_hash::fnv(FeatureName("s-particle*skipped-first").with(p), a.fw_[rule_begin]);
    particle = FeatureName("s-particle").valued(p);
  }
}

void Attributor::start_features(const Frame& f, const StartHashes& h, uint32_t rule_begin, uint32_t s, uint32_t end,
                                FeatureVector& fv) {
  fv.clear();
  const uint32_t si = f.sentence;
  const int64_t shift = std::min<int64_t>(static_cast<int64_t>(s) - static_cast<int64_t>(rule_begin), 7);
  fv.add("s-bias");
  char digits[24];
  const std::string_view shift_digits = decimal(shift, digits);
  fv.add("s-shift", shift_digits);
  fv.add_after(h.lemma_shift, {shift_digits});
  fv.add_after(h.origin_shift, {shift_digits});
  const FoldedWord first = fw_[s];
  const std::string_view first_tag = tag_name(s, si);
  fv.add("s-first", first);
  fv.add("s-first-tag", first_tag);
  fv.add_after(h.lemma_first, {first});
  fv.add_after(h.lemma_first_tag, {first_tag});
  const uint32_t before = s - 1;  // the cue, a particle or a skipped word
  const FoldedWord prev = fw_[before];
  const std::string_view prev_tag = tag_name(before, si);
  fv.add("s-prev", prev);
  fv.add("s-prev-tag", prev_tag);
  fv.add("s-prev*first", prev, first);
  fv.add("s-prev-tag*first-tag", prev_tag, first_tag);
  fv.add_after(h.lemma_prev, {prev});
  fv.add("s-prev*first-tag", prev, first_tag);
  fv.add("s-prev-tag*first", prev_tag, first);
  if (s + 1 < end) fv.add("s-first-tag*next-tag", first_tag, tag_name(s + 1, si));
  if (shift > 0) {
    // What the start skips: "out", "to express", "concern", "the State Department".
    std::string& tags = tags_buf_;
    tags.clear();
    if (shift > 6) tags = "far";  // past the window, to a complementizer
    else
      for (uint32_t t = rule_begin; t < s; ++t) {  // (skipped words)
        if (!tags.empty()) tags += ' ';
        tags += tag_name(t, si);
      }
    fv.add("s-skipped-tags", tags);
    fv.add_after(h.lemma_skipped_tags, {tags});
    fv.add_after(h.skipped_first, {});
    fv.add_after(h.lemma_skipped_first, {});
    if (f.particle >= 0) fv.add_after(h.particle_skipped_first, {});
  } else if (shift < 0) {
    // What the start takes back from the rules: "about", "this".
    std::string& tags = tags_buf_;
    tags.clear();
    for (uint32_t t = s; t < rule_begin; ++t) {
      if (!tags.empty()) tags += ' ';
      tags += tag_name(t, si);
    }
    fv.add("s-taken-tags", tags);
    fv.add_after(h.lemma_taken_tags, {tags});
    fv.add("s-taken-first*rule-first", fw_[s], fw_[rule_begin]);
    fv.add_after(h.lemma_taken_first, {fw_[s]});
  } else if (f.particle >= 0) {
    fv.add_after(h.particle, {});
  }
  if (lex_.cue(fw_.id(s))) fv.add("s-first-cue");
  fv.add("s-len", bucket(word_count(s, end)));
}

Attributor::EndHashes::EndHashes(const Frame& f, std::string_view lemma)
    : origin(FeatureName("e-origin").valued(f.origin)),
      origin_tok(FeatureName("e-origin*tok").with(f.origin)),
      lemma_next(FeatureName("lemma*e-next").with(lemma)),
      lemma_verbs_in(FeatureName("lemma*e-verbs-in").with(lemma)),
      q_origin(FeatureName("q-origin").valued(f.origin)),
      q_lemma_next(FeatureName("q-lemma*next").with(lemma)) {}

void Attributor::quoted_end_features(const Frame& f, const EndHashes& h, uint32_t begin, uint32_t e,
                                     uint32_t rule_end, uint32_t limit, size_t index, size_t count,
                                     FeatureVector& fv) {
  fv.clear();
  const uint32_t si = f.sentence;
  fv.add("q-bias");
  const bool open = e < limit && region_opening_at(e) >= 0;
  const std::string_view boundary = e >= limit ? std::string_view("</s>") : open ? std::string_view("<q>") : text(e);
  fv.add("q-tok", boundary);
  const bool after_close = is_closing_mark(e - 1) || (e >= begin + 2 && is_comma(e - 1) && is_closing_mark(e - 2));
  fv.add("q-after-close", flag(after_close));
  fv.add("q-tok*after-close", boundary, flag(after_close));
  fv.add("q-rule", flag(e == rule_end));
  fv.add("q-last", flag(index + 1 == count));
  fv.add("q-index", static_cast<int64_t>(std::min<size_t>(index, 4)));
  fv.add_after(h.q_origin, {});
  const std::string_view next = e + 1 < limit ? std::string_view(fw_[e + 1]) : std::string_view("<none>");
  fv.add("q-next", next);
  fv.add("q-tok*next", boundary, next);
  fv.add_after(h.q_lemma_next, {next});
  if (e + 1 < limit) {
    if (lex_.cue(fw_.id(e + 1)) && !tok(e + 1).in_quote) fv.add("q-next-cue");
    fv.add("q-next-tag", tag_name(e + 1, si));
    fv.add("q-tok*next-tag", boundary, tag_name(e + 1, si));
    if (e + 2 < limit) fv.add("q-next-tags", tag_name(e + 1, si), tag_name(e + 2, si));
  }
  if (e < limit && !open) fv.add("q-tok-tag", tag_name(e, si));
  const uint32_t split = std::clamp(e, begin, std::max(begin, limit));
  const int kept = static_cast<int>(openings(begin, split, si));
  const int left = static_cast<int>(openings(split, limit, si));
  const uint32_t last_close = after_last_close(begin, std::min(e, limit), si);
  fv.add("q-left", static_cast<int64_t>(std::min(left, 2)));
  fv.add("q-kept", static_cast<int64_t>(std::min(kept, 3)));
  char digits[24];
  fv.add("q-left*tok", decimal(std::min(left, 2), digits), boundary);
  fv.add("q-tail", bucket(word_count(last_close, e)));
  fv.add("q-rest", bucket(word_count(e, limit)));
  fv.add("q-len", bucket(word_count(begin, e)));
}

void Attributor::end_features(const Frame& f, const EndHashes& h, uint32_t begin, uint32_t e, uint32_t rule_end,
                              uint32_t limit, uint32_t stop, size_t index, size_t count, FeatureVector& fv) {
  fv.clear();
  const uint32_t si = f.sentence;
  fv.add("e-bias");
  const std::string_view boundary = e >= limit ? std::string_view("</s>") : e >= stop ? std::string_view("<q>")
                                      : is_spaced_hyphen(e) ? std::string_view("\xE2\x80\x94")  // a dash
                                                            : text(e);
  fv.add("e-tok", boundary);
  const bool rule = e == rule_end;
  fv.add("e-rule", flag(rule));
  fv.add("e-rule*tok", flag(rule), boundary);
  const std::string_view next = e + 1 < stop ? std::string_view(fw_[e + 1]) : std::string_view("<none>");
  fv.add("e-next", next);
  fv.add("e-tok*next", boundary, next);
  fv.add_after(h.lemma_next, {next});
  if (e + 1 < stop) {
    fv.add("e-next-tag", tag_name(e + 1, si));
    if (lex_.cue(fw_.id(e + 1))) fv.add("e-next-cue");
    fv.add("e-tok*next-tag", boundary, tag_name(e + 1, si));
    if (e + 2 < stop) {
      fv.add("e-next2", fw_[e + 2]);
      // A new clause after the boundary: ", but he is", "; 26 percent say".
      fv.add("e-next-tags", tag_name(e + 1, si), tag_name(e + 2, si));
      fv.add_parts("e-tok*next-tags", {boundary}, {tag_name(e + 1, si), " ", tag_name(e + 2, si)});
    }
  }
  fv.add("e-prev", fw_[e - 1]);
  fv.add("e-prev-tag", tag_name(e - 1, si));
  fv.add("e-index", static_cast<int64_t>(std::min<size_t>(index, 4)));
  fv.add("e-last", flag(index + 1 == count));
  fv.add("e-len", bucket(word_count(begin, e)));
  fv.add("e-rest", bucket(word_count(e, limit)));
  fv.add_after(h.origin, {});
  fv.add_after(h.origin_tok, {boundary});  // "Asked whether …, X said": a question ends at its comma
  if (verb_counts_ && e <= stop) {
    const auto count = [](uint32_t n) { return n == 0 ? std::string_view("0") : n == 1 ? "1" : "2+"; };
    const std::string_view in = count(finite_verbs(begin, e, si));
    const std::string_view after = count(finite_verbs(e, stop, si));
    const std::string_view first = fw_[begin] == "that" || fw_[begin] == "to" ? std::string_view(fw_[begin])
                                                                               : tag_name(begin, si);
    fv.add("e-verbs-in*tok", in, boundary);
    fv.add("e-verbs-after*tok", after, boundary);
    fv.add("e-verbs-in*after", in, after);
    fv.add_after(h.lemma_verbs_in, {in});
    fv.add("e-first*verbs-in", first, in);
    fv.add("e-first*tok", first, boundary);
    if (e < stop) {
      const std::string_view phrase = phrase_after(e, stop, si);
      fv.add("e-after*tok", phrase, boundary);
      fv.add("e-after", phrase);
      fv.add("e-after*verbs-after", phrase, after);
      fv.add("e-after*in", phrase, in);
      fv.add("e-after*prev-tag", phrase, tag_name(e - 1, si));
      if (fronted_) fv.add("e-fronted*after*tok", phrase, boundary);
      if (opens_sub_) {
        const uint32_t commas = this->commas(begin, e, si);
        fv.add("e-opens-sub*commas*after", commas == 0 ? "0" : "1+", phrase);
      }
    } else if (fronted_) {
      fv.add("e-fronted*after*tok", "<end>", boundary);
    }
  }
}

std::string_view Attributor::phrase_after(uint32_t e, uint32_t stop, uint32_t si) {
  uint32_t s = e + 1;
  if (s >= stop) return "none";
  const uint32_t nb = first_boundary(s, stop, si);
  const bool finite = finite_verbs(s, nb, si) > 0;
  std::string_view cc;
  if (fw_[s] == "and" || fw_[s] == "but" || fw_[s] == "or") {
    if (s + 1 >= nb) return "cc";
    cc = "cc-";
    ++s;
  }
  const FoldedWord w = fw_[s];
  const uint8_t tg = tag_of(s, si);
  const auto kind = [&](std::string_view k) -> std::string_view {
    if (cc.empty()) return k;
    kind_buf_ = std::string(cc) + std::string(k);
    return kind_buf_;
  };
  if (w == "which" || w == "who" || w == "whom" || w == "whose") return kind("rel");
  if (is_subordinator(w) || w == "where") return kind("sub");
  const std::string_view pn = penn_view(tg);
  if (pn == "VBG") return kind("ing");
  if (pn == "VBN") return kind("ven");
  if (pn == "TO") return kind("to");
  if (pos::is_finite_verb(tg)) return kind("verb");
  // A noun phrase by its tags, then what comes after it.
  uint32_t k = s, head = UINT32_MAX;
  while (k < nb && k < s + 10) {
    const uint8_t t = tag_of(k, si);
    const std::string_view n = penn_view(t);
    if (pos::is_nominal(t) || pos::is_number(t) || pos::is_pronoun(t)) head = k;
    else if (!(pos::is_determiner(t) || pos::is_adjective(t) || n == "POS" || n == "PRP$")) break;
    ++k;
  }
  if (head == UINT32_MAX) return kind(finite ? "other-v" : "other");
  k = head + 1;
  while (k < nb && pos::is_adverb(tag_of(k, si))) ++k;
  if (k < nb && pos::is_finite_verb(tag_of(k, si))) return kind("clause");
  if (k >= nb) return kind(nb >= stop ? "np-end" : "np");
  return kind(finite ? "np-v" : "np-x");
}

std::string_view Attributor::bucket(int n) {
  return n <= 0 ? "0" : n == 1 ? "1" : n == 2 ? "2" : n <= 4 ? "3-4" : n <= 8 ? "5-8" : n <= 16 ? "9-16"
         : n <= 32 ? "17-32" : "33+";
}

std::string_view Attributor::mention_kind_name(MentionKind k) {
  switch (k) {
    case MentionKind::kName: return "name";
    case MentionKind::kPronoun: return "pronoun";
    case MentionKind::kNominal: return "nominal";
    case MentionKind::kOrganisation: return "org";
  }
  return "?";
}

void Attributor::frame_features(const Frame& f, FeatureVector& fv) {
  fv.clear();
  const Cue& c = *f.cue;
  const uint32_t si = f.sentence;
  const Sentence& s = doc_.sentences[si];
  const QuoteKind kind = kind_of(f.content);
  const std::string_view kname = quote_kind_name(kind);
  fv.add("bias");
  fv.add("origin", f.origin);
  fv.add("kind", kname);
  fv.add("origin*kind", f.origin, kname);
  std::string_view cue_word;
  switch (c.kind) {
    case CueKind::kAccordingTo: cue_word = "according to"; break;
    case CueKind::kColon: cue_word = ":"; break;
    case CueKind::kDash: cue_word = "-"; break;
    default: cue_word = fw_[c.first_token];
  }
  // (By id for a cue word, which the folded words looked up already.)
  const CueEntry* entry = c.kind == CueKind::kVerb || c.kind == CueKind::kNoun ? lex_.any_cue(fw_[c.first_token])
                                                                               : lex_.any_cue(cue_word);
  const std::string_view lemma = entry ? std::string_view(entry->lemma) : cue_word;
  fv.add("cue", cue_word);
  fv.add("lemma", lemma);
  fv.add("lemma*kind", lemma, kname);
  char digits[24];
  const std::string_view prior = decimal(static_cast<int>(c.prior * 10), digits);
  fv.add("prior", prior);
  fv.add("prior*kind", prior, kname);
  // What the cue word means by WordNet: how a word weighs that PolNeAR
  // train never showed as a cue, and which listed cues are rarely speech.
  const WordSenses* senses = entry ? entry->senses : nullptr;
  const std::string_view sense1 = senses ? sense_class_name(senses->first[0]) : std::string_view("none");
  fv.add("listed", entry && entry->listed ? "yes" : "no");
  fv.add("sense1", sense1);
  fv.add("sense1*kind", sense1, kname);
  if (senses) {
    fv.add("speech-senses", senses->count(SenseClass::kCommunication));
    fv.add("thought-senses", senses->count(SenseClass::kCognition));
  }
  const bool tagged = kind == QuoteKind::kIndirect;  // tag only where the choice is open
  if (tagged) {
    fv.add("cue-tag", tag_name(c.first_token, si));
    fv.add("lemma*cue-tag", lemma, tag_name(c.first_token, si));
  }
  const uint32_t before = c.first_token > s.first_token ? c.first_token - 1 : UINT32_MAX;
  const uint32_t after = c.end_token < s.end_token ? c.end_token : UINT32_MAX;
  fv.add("w-1", before == UINT32_MAX ? "<s>" : std::string_view(fw_[before]));
  fv.add("w+1", after == UINT32_MAX ? "</s>" : std::string_view(fw_[after]));
  fv.add("lemma*w+1", lemma, after == UINT32_MAX ? "</s>" : std::string_view(fw_[after]));
  if (tagged && after != UINT32_MAX) fv.add("t+1", tag_name(after, si));
  if (tagged && before != UINT32_MAX) fv.add("t-1", tag_name(before, si));
  for (uint32_t k = c.first_token; k > s.first_token && k + 4 > c.first_token; --k) {
    const FoldedWord w = fw_[k - 1];
    if (w == "not" || w == "n't" || w == "never" || w == "declined" || w == "refused") fv.add("negated");
    if (w == "would" || w == "will" || w == "could" || w == "might" || w == "may" || w == "should" ||
        w == "can" || w == "to")
      fv.add("modal", w);
  }
  if (f.particle >= 0) {
    fv.add("particle", fw_[f.particle]);
    fv.add("lemma*particle", lemma, fw_[f.particle]);
  }
  fv.add("trailing", flag(f.trailing));
  // A cue after another statement in the sentence is often inside it ("Goff said
  // Labour was open to … but it still wanted …"), and then not annotated.
  fv.add("frames-before", static_cast<int64_t>(std::min(frames_before_, 2)));
  fv.add("lemma*trailing", lemma, flag(f.trailing));
  if (tagged) content_shape_features(f, lemma, fv);
  if (f.source < 0) {
    sourceless_features(f, lemma, fv);
    return;
  }
  fv.add("frames-before*src", decimal(std::min(frames_before_, 2), digits),
         mention_kind_name(doc_.mentions[f.source].kind));
  // Source.
  const Mention& src = doc_.mentions[f.source];
  const std::string_view skind = mention_kind_name(src.kind);
  fv.add("src", f.tagged_source ? std::string_view("tagged") : skind);
  if (f.noun_cue) fv.add("noun-cue", lemma);
  if (f.tagged_source) fv.add("lemma*tagged-src", lemma);
  fv.add("src*cue", skind, cue_word);
  fv.add("src*origin", skind, f.origin);
  fv.add("lemma*src", lemma, skind);
  const FoldedWord head = fw_[src.end_token - 1];
  if (src.kind != MentionKind::kName) fv.add("src-head", head);
  fv.add("src-len", bucket(static_cast<int>(src.end_token - src.first_token)));
  const int gap = src.end_token <= c.first_token ? static_cast<int>(c.first_token - src.end_token)
                                                  : -static_cast<int>(src.first_token - c.end_token);
  if (gap < 0) fv.add_parts("src-gap", {"after", bucket(-gap)});
  else fv.add("src-gap", bucket(gap));
  fv.add("src-first", flag(src.first_token == s.first_token));
  // Content.
  const Range whole{f.content.front().begin, f.content.back().end};
  const int words = word_count(whole.begin, whole.end);
  fv.add("words", bucket(words));
  fv.add("kind*words", kname, bucket(words));
  fv.add("spans", static_cast<int64_t>(std::min<size_t>(f.content.size(), 3)));
  fv.add("c-first", fw_[whole.begin]);
  if (whole.begin > s.first_token) fv.add("c-prev", fw_[whole.begin - 1]);
  if (tagged) fv.add("c-first-tag", tag_name(whole.begin, si));
  const uint32_t end = clause_end(s.first_token, s.end_token);
  fv.add("c-to-end", flag(whole.end >= end));
  if (whole.end < s.end_token) fv.add("c-next", fw_[whole.end]);
  if (s.end_token > s.first_token && text(s.end_token - 1) == "?") fv.add("question");
  const bool headline = doc_.paragraphs.empty() || tok(c.first_token).span.begin < doc_.paragraphs[0].span.end;
  fv.add("headline", flag(headline));
  fv.add("cue*headline", cue_word, flag(headline));

  fv.add("lemma*c-first", lemma, fw_[whole.begin]);
  if (src.kind != MentionKind::kName) fv.add("lemma*src-head", lemma, head);
  if (tagged) fv.add("lemma*c-first-tag", lemma, tag_name(whole.begin, si));
}

bool Attributor::colon_statement(const Frame& f) {
  const Sentence& s = doc_.sentences[f.sentence];
  if (s.end_token > s.first_token && text(s.end_token - 1) == "?") return false;
  for (const Range& r : f.content)
    for (uint32_t t = r.begin; t < r.end; ++t)
      if (pos::is_finite_verb(tag_of(t, f.sentence))) return true;
  return false;
}

void Attributor::content_shape_features(const Frame& f, std::string_view lemma, FeatureVector& fv) {
  if (f.content.empty()) return;
  bool finite = false, verb = false, all_proper = true;
  int words = 0;
  for (const Range& r : f.content)
    for (uint32_t t = r.begin; t < r.end; ++t) {
      const Token& tk = tok(t);
      if (tk.kind != TokenKind::kWord && tk.kind != TokenKind::kNumber) continue;
      ++words;
      const uint8_t tg = tag_of(t, f.sentence);
      if (!pos::is_proper_noun(tg)) all_proper = false;
      if (!pos::is_verbal(tg)) continue;
      verb = true;
      if (pos::is_finite_verb(tg)) finite = true;
    }
  fv.add("lemma*c-shape", lemma, finite ? "finite" : verb ? "nonfinite" : "noverb");
  if (words > 0 && all_proper) {
    fv.add("c-names");
    fv.add("origin*c-names", f.origin);
  }
  const uint32_t after = f.cue->end_token;
  fv.add("lemma*t+1", lemma, after < doc_.sentences[f.sentence].end_token ? tag_name(after, f.sentence) : "</s>");
}

void Attributor::sourceless_features(const Frame& f, std::string_view lemma, FeatureVector& fv) {
  const Cue& c = *f.cue;
  fv.add("src", "none");
  fv.add("lemma*nosrc", lemma);
  const std::string_view prev = c.first_token > 0 ? std::string_view(fw_[c.first_token - 1]) : "<s>";
  fv.add("nosrc*w-1", prev);
  fv.add("nosrc*c-first", fw_[f.content.back().begin]);
  fv.add("nosrc*cue", fw_[c.first_token]);
  fv.add("nosrc*cue-tag", tag_name(c.first_token, f.sentence));
  const int words = word_count(f.content.back().begin, f.content.back().end);
  fv.add("nosrc*words", bucket(words));
}

void Attributor::standalone_features(const char* origin, const QuotedRegion& qr, Range range, uint32_t si, int para_gap,
                                     FeatureVector& fv) {
  fv.clear();
  const Sentence& s = doc_.sentences[si];
  fv.add("bias");
  fv.add("origin", origin);
  fv.add("kind", "direct");
  const int words = word_count(range.begin, range.end);
  fv.add("standalone-words", bucket(words));
  fv.add("origin*words", origin, bucket(words));
  const bool whole_sentence = qr.first_token <= s.first_token + 1 && qr.end_token + 2 >= s.end_token;
  fv.add("whole-sentence", flag(whole_sentence));
  fv.add("origin*whole", origin, flag(whole_sentence));
  fv.add("continues", flag(qr.continues_previous));
  fv.add("closed", flag(qr.closed));
  fv.add("para-gap", static_cast<int64_t>(para_gap));
  fv.add("para-first", flag(qr.first_token <= doc_.paragraphs[qr.paragraph].first_token + 1));
}

}  // namespace whosaid::attribution
