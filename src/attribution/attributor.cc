#include "attribution/attributor.h"

#include <algorithm>
#include <deque>
#include <unordered_map>
#include <optional>
#include <span>

#include "attribution/model.h"
#include "core/positions.h"
#include "core/utf8.h"
#include "mentions/mention_finder.h"
#include "tagger/tag_set.h"
#include "tagger/tagger.h"

namespace whosaid {
namespace {

// Cues rarer than this as attributions (e.g. "term", "protest") never make a
// frame around a quotation; reported speech without quotation marks is a
// candidate for any listed cue, and the model decides.
constexpr float kMinFramePrior = 0.3f;
// At most this many words (besides the cue and source) between two quotations
// that make one statement: ""Q1," Manchin said, referring to the seats. "Q2.""
constexpr int kMaxWordsBetweenSpans = 30;
// At most this many cues of one sentence are tried as frames. News sentences
// hold a handful; a run-on "sentence" of cue words (up to the segmenter's 512
// tokens) would otherwise score hundreds of frames with 32 candidate ends each.
constexpr uint32_t kMaxCuesPerSentence = 24;

struct Range {
  uint32_t begin = 0, end = 0;  // token indexes, half-open
  bool empty() const { return end <= begin; }
};

struct Frame {
  uint32_t sentence = 0;
  const Cue* cue = nullptr;
  int32_t source = -1;  // mention index
  std::vector<Range> content;
  bool trailing = false;
  const char* origin = "frame";  // which rule built it: a model feature
  bool tagged_source = false;    // source found only by its part-of-speech tags
  int32_t particle = -1;         // token of a preposition taken by the cue ("called for"), -1 if none
  bool sourceless_option = false;  // training: also emit the frame without its source (sourceless())
  bool noun_cue = false;         // the cue word is tagged as a noun ("calls", "claims")
  CandidateTrace ends;           // candidate content ends, kept for training
};

bool is_determiner(std::string_view w) {
  static const char* kDet[] = {"the", "a", "an", "his", "her", "their", "its", "this", "that", "these",
                               "those", "some", "many", "several", "one", "two", "three", "other",
                               "another", "our", "my", "your", "most", "few", "both", "all", "any", "no"};
  for (const char* d : kDet)
    if (w == d) return true;
  return false;
}

// A determiner that never stands for a noun phrase ("the", "any"; not "many", "both").
bool bound_determiner(std::string_view w) {
  return w == "the" || w == "a" || w == "an" || w == "any" || w == "every" || w == "no" || w == "his" || w == "her" ||
         w == "their" || w == "its" || w == "our" || w == "my" || w == "your";
}

bool is_preposition(std::string_view w) {
  return w == "for" || w == "of" || w == "at" || w == "from" || w == "with" || w == "in" || w == "on";
}

// A word that opens a subordinate clause: "while promising …", "if he wins".
bool is_subordinator(std::string_view w) {
  static const char* kSub[] = {"after", "although", "as",   "because", "before", "despite", "even",    "if",
                               "once",  "since",    "though", "unless", "until",  "when",    "whereas", "while"};
  for (const char* s : kSub)
    if (w == s) return true;
  return false;
}

// Linking verbs whose complement describes their subject: "X seemed irritated".
bool is_linking(std::string_view lemma) { return lemma == "seem" || lemma == "appear"; }

bool is_object_taking(std::string_view lemma) {
  return lemma == "tell" || lemma == "ask" || lemma == "warn" || lemma == "assure" || lemma == "remind" ||
         lemma == "inform" || lemma == "urge" || lemma == "brief" || lemma == "advise" || lemma == "reassure" ||
         lemma == "promise";
}

class Attributor {
 public:
  Attributor(Document& doc, const Lexicon& lex, const ExtractorOptions& opt, const FoldedWords& folded,
             const Tagger* tagger, const AttributionModel* model, std::vector<CandidateTrace>* trace,
             bool report_all)
      : doc_(doc), lex_(lex), opt_(opt), fw_(folded), tagger_(tagger), model_(model), trace_out_(trace),
        report_all_(report_all || !model) {
    tagged_.assign(doc.sentences.size(), false);
    region_used_.assign(doc.quoted.size(), false);
    opens_region_.assign(doc.tokens.size(), false);
    closes_region_.assign(doc.tokens.size(), false);
    for (size_t i = 0; i < doc.quoted.size(); ++i) {
      const QuotedRegion& r = doc.quoted[i];
      if (r.first_token > 0) {
        opens_region_[r.first_token - 1] = true;
        region_opened_at_.push_back({r.first_token - 1, static_cast<int32_t>(i)});
      }
      if (r.closed) {
        closes_region_[r.end_token] = true;
        region_closed_at_.push_back({r.end_token, static_cast<int32_t>(i)});
      }
    }
    // By token; among marks of one token the later region stays last.
    const auto by_token = [](const std::pair<uint32_t, int32_t>& a, const std::pair<uint32_t, int32_t>& b) {
      return a.first < b.first;
    };
    std::stable_sort(region_opened_at_.begin(), region_opened_at_.end(), by_token);
    std::stable_sort(region_closed_at_.begin(), region_closed_at_.end(), by_token);
    sorted_mentions_ = doc.mentions.size();
    index_tokens();
  }

  std::vector<SpeakerLink> run() {
    size_t cue_i = 0, region_i = 0;
    for (uint32_t si = 0; si < doc_.sentences.size(); ++si) {
      const Sentence& s = doc_.sentences[si];
      std::vector<Frame> frames;
      uint32_t cues_tried = 0;
      while (cue_i < doc_.cues.size() && doc_.cues[cue_i].first_token < s.end_token) {
        const Cue& c = doc_.cues[cue_i++];
        if (c.first_token < s.first_token || ++cues_tried > kMaxCuesPerSentence) continue;
        if (covered(frames, c.first_token)) {
          if (!nested_frame(frames, c, si)) shared_source_frame(frames, c, si);
          continue;
        }
        if (!frames.empty() && c.first_token > 0 && fw_[c.first_token].ends_with("ing") &&
            ((frames.back().trailing && is_comma(c.first_token - 1)) || participle_after_quotation(frames.back(), c))) {
          // ""…," Mr. Axelrod said, calling the Fox News chief ''brilliant.''"
          shared_source_frame(frames, c, si);
          continue;
        }
        frames_before_ = static_cast<int>(frames.size());
        if (auto f = build_frame(c, si)) {
          end_before_trailing_quotation(frames, *f);
          frames.push_back(std::move(*f));
        }
        frames_before_ = 0;
      }
      size_t region_end = region_i;
      while (region_end < doc_.quoted.size() && doc_.quoted[region_end].first_token <= s.end_token &&
             doc_.quoted[region_end].open_mark.begin < s.span.end)
        ++region_end;
      if (frames.empty()) subject_verb_frame(si, region_i, region_end, frames);
      emit_frames(frames, region_i, region_end);
      emit_standalone(frames, si, region_i, region_end);
      region_i = region_end;
    }
    // Quotes were emitted per sentence; keep them in text order.
    std::vector<size_t> order(doc_.quotes.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return doc_.quotes[a].span.begin < doc_.quotes[b].span.begin; });
    if (std::is_sorted(order.begin(), order.end())) {  // the usual case: no second copy of every quote
      if (trace_out_) *trace_out_ = std::move(traces_);
      std::vector<SpeakerLink> links = std::move(links_);
      sort_mentions(links);
      return links;
    }
    std::vector<Quote> quotes;
    std::vector<SpeakerLink> links;
    if (trace_out_) {
      trace_out_->clear();
      for (size_t i : order) trace_out_->push_back(std::move(traces_[i]));
    }
    std::vector<int32_t> new_index(order.size());
    for (size_t i = 0; i < order.size(); ++i) new_index[order[i]] = static_cast<int32_t>(i);
    for (size_t i : order) {
      quotes.push_back(std::move(doc_.quotes[i]));
      SpeakerLink l = links_[i];
      if (l.carried_from >= 0) l.carried_from = new_index[l.carried_from];
      links.push_back(l);
    }
    doc_.quotes = std::move(quotes);
    sort_mentions(links);
    return links;
  }

 private:
  void sort_mentions(std::vector<SpeakerLink>& links) {
    if (sorted_mentions_ == doc_.mentions.size()) return;
    std::vector<int32_t> order(doc_.mentions.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int32_t>(i);
    std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
      return doc_.mentions[a].first_token < doc_.mentions[b].first_token;
    });
    std::vector<int32_t> where(order.size());
    std::vector<Mention> sorted;
    sorted.reserve(order.size());
    for (size_t i = 0; i < order.size(); ++i) {
      where[order[i]] = static_cast<int32_t>(i);
      sorted.push_back(doc_.mentions[order[i]]);
    }
    doc_.mentions = std::move(sorted);
    for (SpeakerLink& l : links)
      if (l.mention >= 0) l.mention = where[l.mention];
  }

  // The part-of-speech tag of token t in sentence si, tagging the sentence on
  // first use: only the few sentences where a rule asks are ever tagged.
  uint8_t tag_of(uint32_t t, uint32_t si) {
    if (!tagger_) return 0;
    if (!tagged_[si]) {
      tagged_[si] = true;
      tagger_->tag_tokens(doc_, doc_.sentences[si].first_token, doc_.sentences[si].end_token);
    }
    return tok(t).tag;
  }

  const Token& tok(uint32_t t) const { return doc_.tokens[t]; }
  std::string_view text(uint32_t t) const { return doc_.slice(doc_.tokens[t].span); }
  bool is_comma(uint32_t t) const { return text(t) == ","; }
  // The "(" nearest before the ")" at token `close`, at most `reach` tokens
  // before it and not before token `lowest`; -1 when there is none.
  int32_t paren_opening(uint32_t close, uint32_t lowest, uint32_t reach) const {
    for (uint32_t d = 1; d <= reach && d <= close && close - d >= lowest; ++d)
      if (text(close - d) == "(") return static_cast<int32_t>(close - d);
    return -1;
  }
  bool is_dash(uint32_t t) const {
    const std::string_view w = text(t);
    return w == "--" || w == "\xE2\x80\x94" || w == "\xE2\x80\x93";
  }
  // A hyphen standing for a dash ("$275 billion - half of what …").
  bool is_spaced_hyphen(uint32_t t) const {
    const Span sp = doc_.tokens[t].span;
    const std::string_view all = doc_.text();
    return text(t) == "-" && sp.begin > 0 && sp.end < all.size() && all[sp.begin - 1] == ' ' &&
           all[sp.end] == ' ';
  }
  // A comma, semicolon, colon, opening parenthesis or dash: where a clause may end.
  bool is_boundary_punct(uint32_t t) const {
    const std::string_view w = text(t);
    return w == "," || w == ";" || w == ":" || w == "(" || is_dash(t);
  }
  bool is_closing_mark(uint32_t t) const { return closes_region_[t]; }
  // A comma ending a clause, also when American style puts it inside the
  // quotation that ends the clause: `called it "a disgrace," adding …`.
  bool is_clause_comma(uint32_t t) const {
    return is_comma(t) || (is_closing_mark(t) && t > 0 && is_comma(t - 1) && tok(t - 1).in_quote);
  }
  int32_t region_opening_at(uint32_t t) const { return opens_region_[t] ? region_at(region_opened_at_, t) : -1; }
  int32_t region_closing_at(uint32_t t) const { return closes_region_[t] ? region_at(region_closed_at_, t) : -1; }
  // The region of the mark at token t in a list sorted by token (the last one
  // listed there, as the per-token tables this replaces kept).
  static int32_t region_at(const std::vector<std::pair<uint32_t, int32_t>>& marks, uint32_t t) {
    auto it = std::upper_bound(marks.begin(), marks.end(), t,
                               [](uint32_t tk, const std::pair<uint32_t, int32_t>& m) { return tk < m.first; });
    return it != marks.begin() && (--it)->first == t ? it->second : -1;
  }

  // The mention covering token t among those found by the mention stage.
  int32_t found_mention_at(uint32_t t) const {
    auto first = doc_.mentions.begin(), last = first + static_cast<ptrdiff_t>(sorted_mentions_);
    auto it = std::upper_bound(first, last, t, [](uint32_t tk, const Mention& m) { return tk < m.first_token; });
    if (it == first) return -1;
    --it;
    return t < it->end_token ? static_cast<int32_t>(it - first) : -1;
  }

  static bool covered(const std::vector<Frame>& frames, uint32_t t) {
    for (const Frame& f : frames)
      for (const Range& r : f.content)
        if (t >= r.begin && t < r.end) return true;
    return false;
  }

  bool skippable(uint32_t t) const {
    const std::string_view w = fw_[t];
    if (tok(t).kind != TokenKind::kWord || tok(t).in_quote) return false;
    if (lex_.is(WordClass::kSkip, w) || lex_.is(WordClass::kTime, w)) return true;
    if (w == "'s" || w == "'ve" || w == "'d" || w == "'ll") return true;  // "He's said"
    // "-ly" is an adverb ("repeatedly said"), unless the tagger says otherwise
    // ("the rally said", "the family says").
    if (w.size() > 4 && w.ends_with("ly") && !tok(t).has(kCapitalized))
      return tok(t).tag == 0 || pos::is_adverb(tok(t).tag);
    return false;
  }

  // The mention ending at token t, creating a nominal one when the words there
  // look like "a spokesman for the ministry" / "officials" / "the report".
  int32_t mention_ending_at(uint32_t t, uint32_t sentence_begin) {
    int32_t m = found_mention_at(t);
    if (m >= 0 && doc_.mentions[m].end_token == t + 1) return with_head_noun(m, sentence_begin);
    if (m >= 0) return -1;
    if (tok(t).kind != TokenKind::kWord || tok(t).in_quote) return -1;
    const std::string_view head = fw_[t];
    const bool nominal = lex_.is(WordClass::kNominal, head) || lex_.is(WordClass::kRole, head) ||
                         lex_.is(WordClass::kOrgHead, head);
    if (!nominal) return -1;
    uint32_t b = t;
    auto extend = [&](uint32_t from) {
      uint32_t j = from;
      for (int n = 0; n < 5 && j > sentence_begin; ++n) {
        const std::string_view w = fw_[j - 1];
        if (tok(j - 1).kind != TokenKind::kWord || tok(j - 1).in_quote) break;
        if (is_determiner(w)) return j - 1;
        if (lex_.is(WordClass::kConj, w) || lex_.is(WordClass::kSkip, w) || lex_.cue(w) || is_preposition(w) ||
            pronoun_gender(lex_, w))
          break;
        --j;
      }
      return j;
    };
    b = extend(t);
    // "a spokesman for the ministry": step over one prepositional phrase.
    if (b >= sentence_begin + 2 && is_preposition(fw_[b - 1])) {
      uint32_t h = b - 2;
      if (lex_.is(WordClass::kNominal, fw_[h]) || lex_.is(WordClass::kRole, fw_[h])) b = extend(h);
    }
    if (b == t && !(head.ends_with("s") || lex_.is(WordClass::kOrgHead, head) || tok(t).has(kCapitalized)))
      return -1;  // a bare singular noun is rarely a source
    Mention mm;
    mm.first_token = b;
    mm.end_token = t + 1;
    mm.span = mm.name = {tok(b).span.begin, tok(t).span.end};
    mm.kind = lex_.is(WordClass::kOrgHead, head) ? MentionKind::kOrganisation : MentionKind::kNominal;
    if (lex_.is(WordClass::kRole, head)) mm.role = mm.span;
    mm.gender = head.ends_with("s") && !head.ends_with("ss") ? Gender::kPlural : Gender::kUnknown;
    return add_mention(mm);
  }

  // "A spokesman for the Commerce Department": a name that completes a nominal
  // source through "for/of/at" is that source, not the named body.
  int32_t with_head_noun(int32_t m, uint32_t sentence_begin) {
    const Mention& found = doc_.mentions[m];
    uint32_t k = found.first_token;
    if (found.kind == MentionKind::kPronoun) return m;
    if (k > sentence_begin && fw_[k - 1] == "the") --k;
    if (k < sentence_begin + 2) return m;
    const std::string_view prep = fw_[k - 1];
    if (prep != "for" && prep != "of" && prep != "at" && prep != "from" && prep != "with") return m;
    const uint32_t h = k - 2;
    if (tok(h).in_quote || !(lex_.is(WordClass::kNominal, fw_[h]) || lex_.is(WordClass::kRole, fw_[h]))) return m;
    uint32_t b = h;
    for (int n = 0; n < 4 && b > sentence_begin; ++n) {
      const std::string_view w = fw_[b - 1];
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
    if (lex_.is(WordClass::kRole, fw_[h])) mm.role = {tok(b).span.begin, tok(h).span.end};
    mm.org = found.name;
    return add_mention(mm);
  }

  int32_t mention_starting_at(uint32_t t, uint32_t sentence_end) {
    if (t >= sentence_end) return -1;
    uint32_t k = t;
    if (is_determiner(fw_[k]) && k + 1 < sentence_end) {
      int32_t m = found_mention_at(k + 1);
      if (m >= 0 && doc_.mentions[m].first_token == k + 1) return m;
    }
    int32_t m = found_mention_at(k);
    if (m >= 0 && doc_.mentions[m].first_token == k) return m;
    // "said former Rep. Anna Pell": lower-case premodifiers before a name.
    for (uint32_t j = k + 1; j < sentence_end && j < k + 3; ++j) {
      if (tok(j - 1).kind != TokenKind::kWord || tok(j - 1).has(kCapitalized) || tok(j - 1).in_quote ||
          lex_.is(WordClass::kConj, fw_[j - 1]) || lex_.cue(fw_[j - 1]))
        break;
      const int32_t n = found_mention_at(j);
      if (n >= 0 && doc_.mentions[n].first_token == j && doc_.mentions[n].kind == MentionKind::kName) return n;
    }
    // A nominal phrase: determiner? words… head, up to punctuation.
    uint32_t e = k;
    while (e < sentence_end && e < k + 7 && tok(e).kind == TokenKind::kWord && !tok(e).in_quote &&
           !lex_.is(WordClass::kConj, fw_[e]) && !(e > k && lex_.cue(fw_[e])))
      ++e;
    // Trim trailing prepositional tails ("officials in Washington" keeps all; stop at a verb-like word).
    for (uint32_t h = e; h > k; --h) {
      const std::string_view w = fw_[h - 1];
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

  // Nominal mentions made here are appended; run() sorts them into place.
  int32_t add_mention(const Mention& m) {
    const uint64_t key = (static_cast<uint64_t>(m.first_token) << 32) | m.end_token;
    auto [it, inserted] = added_mentions_.emplace(key, static_cast<int32_t>(doc_.mentions.size()));
    if (inserted) doc_.mentions.push_back(m);
    return it->second;
  }

  // Token index just past the content of a clause ending at the sentence end:
  // drops final punctuation outside quotation marks.
  uint32_t clause_end(uint32_t begin, uint32_t end) const {
    while (end > begin) {
      const Token& t = tok(end - 1);
      std::string_view tt = text(end - 1);
      if (t.kind == TokenKind::kPunct && !t.in_quote && (tt == "." || tt == "!" || tt == "?" || tt == "," ||
                                                         tt == ";" || tt == ":" || tt == "..." ||
                                                         tt == "\xE2\x80\xA6"))
        --end;
      else
        break;
    }
    return end;
  }

  // Where reported speech ends before the sentence does: at a clause boundary
  // (";", a dash, ", and …", ", adding …") after the last quotation in it, so
  // "… "dangerously wrong" -- all without speaking his name" stops at the dash.
  uint32_t clause_cut(uint32_t begin, uint32_t end) const {
    uint32_t last_quote = begin;
    for (uint32_t t = begin; t < end; ++t)
      if (tok(t).in_quote || tok(t).kind == TokenKind::kQuote) last_quote = t + 1;
    for (uint32_t t = std::max(last_quote > begin ? last_quote - 1 : begin, begin + 4); t + 1 < end; ++t) {
      if (tok(t).in_quote) continue;
      std::string_view tt = text(t);
      if (tt == ";" || tt == "\xE2\x80\x94" || tt == "--" || tt == "\xE2\x80\x93") return t;
      if (is_clause_comma(t) && t + 1 < end && !tok(t + 1).in_quote) {
        const std::string_view w = fw_[t + 1];
        if (w == "and" || w == "but" || w == "while" || w == "whereas" || w == "adding" || w == "saying" ||
            w == "explaining" || w == "noting" || w == "according" || w == "though" || w == "although" ||
            w == "before" || w == "after" || w == "as" || w == "which" || w == "prompting" || w == "sparking")
          return t;
        // ""…the ultimate hypocrite," linking to a story": a participle after
        // the last quotation starts a clause of the reporter's.
        if (last_quote > begin && w.size() > 5 && w.ends_with("ing") && !tok(t + 1).has(kCapitalized))
          return t;
      }
    }
    return end;
  }

  // Where a statement before its cue starts in a sentence starting at b:
  // after a dateline ("TALLAHASSEE — …"), which is the reporter's. (An
  // opening "But" stays: PolNeAR's content keeps it.)
  uint32_t statement_begin(uint32_t b, uint32_t ce) const {
    uint32_t k = b;
    for (uint32_t t = b; t < ce && t < b + 6; ++t) {
      if (tok(t).in_quote || tok(t).kind == TokenKind::kQuote) break;
      if (is_dash(t) && t > b) {
        k = t + 1;
        break;
      }
      if (!(tok(t).has(kAllCaps) || text(t) == "(" || text(t) == ")" || text(t) == ",")) break;
    }
    return k;
  }

  // "asked Clinton | if Trump benefits …", "told them | how …": an indirect
  // question after the object of an object-taking cue.
  bool opens_question(uint32_t t) const {
    const std::string_view w = fw_[t];
    return !tok(t).in_quote && (w == "if" || w == "whether" || w == "how" || w == "what" || w == "why" ||
                                w == "when" || w == "where" || w == "who");
  }

  uint32_t skip_adjuncts(uint32_t k, uint32_t end, std::string_view lemma) const {
    for (int guard = 0; guard < 4 && k < end; ++guard) {
      const uint32_t start = k;
      if (is_object_taking(lemma) && !tok(k).in_quote && tok(k).kind == TokenKind::kWord &&
          fw_[k] != "that") {
        // told reporters / told the New Zealand Herald / asked him
        uint32_t j = k;
        while (j < end && j < k + 12 && (tok(j).kind == TokenKind::kWord || text(j) == ",") && fw_[j] != "that" &&
               !tok(j).in_quote && !(j > k && lex_.cue(fw_[j])) && !(j > k && pronoun_gender(lex_, fw_[j])) &&
               !(j > k && opens_question(j)))
          ++j;
        if (j < end && fw_[j] != "that" && !(j > k && opens_question(j))) {
          // Without "that", the object ends at the first comma or colon.
          j = k;
          while (j < end && j < k + 6 && tok(j).kind == TokenKind::kWord && !tok(j).in_quote &&
                 !(j > k && lex_.cue(fw_[j])) && !(j > k && pronoun_gender(lex_, fw_[j])))
            ++j;
        }
        if (j < end && (fw_[j] == "that" || text(j) == "," || text(j) == ":" || tok(j).kind == TokenKind::kQuote ||
                        pronoun_gender(lex_, fw_[j]) || (j > k && opens_question(j))))
          k = j;
        lemma = {};
      }
      while (k < end && !tok(k).in_quote &&
             (lex_.is(WordClass::kTime, fw_[k]) || (fw_[k] == "on" && k + 1 < end && lex_.is(WordClass::kTime, fw_[k + 1]))) &&
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
          bool ok = false;
          for (uint32_t h = k + 1; h < j; ++h)
            for (const char* hd : kHeads) ok = ok || fw_[h] == hd;
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

  int word_count(uint32_t b, uint32_t e) const {
    return e <= b ? 0 : static_cast<int>(words_before_[e] - words_before_[b]);
  }

  // Tables that make the scans of every cue's candidates O(1): a sentence of
  // cue words holds hundreds of cues, each with up to 32 candidate ends, and
  // scanning the sentence for each made dense text slow. Words before each
  // token for the document (4 bytes a token); the rest per sentence (scan()),
  // so that memory stays a few bytes per input byte on dense text.
  void index_tokens() {
    const size_t n = doc_.tokens.size();
    words_before_.assign(n + 1, 0);
    for (size_t t = 0; t < n; ++t) {
      const TokenKind k = doc_.tokens[t].kind;
      words_before_[t + 1] = words_before_[t] + (k == TokenKind::kWord || k == TokenKind::kNumber);
    }
  }
  // Per token of sentence si (indexes from its first token): the next token
  // inside or opening a quotation, the next clause boundary (absolute indexes,
  // the sentence end when none) and the commas before it.
  struct SentenceScan {
    uint32_t sentence = UINT32_MAX, first = 0, end = 0;
    std::vector<uint32_t> next_quoted, next_boundary, commas_before;
  };
  const SentenceScan& scan(uint32_t si) {
    if (scan_.sentence == si) return scan_;
    const Sentence& s = doc_.sentences[si];
    const uint32_t n = s.end_token - s.first_token;
    scan_.sentence = si;
    scan_.first = s.first_token;
    scan_.end = s.end_token;
    scan_.next_quoted.assign(n + 1, s.end_token);
    scan_.next_boundary.assign(n + 1, s.end_token);
    scan_.commas_before.assign(n + 1, 0);
    for (uint32_t i = 0; i < n; ++i) scan_.commas_before[i + 1] = scan_.commas_before[i] + is_comma(s.first_token + i);
    for (uint32_t i = n; i-- > 0;) {
      const uint32_t t = s.first_token + i;
      const Token& tk = tok(t);
      scan_.next_quoted[i] = tk.in_quote || tk.kind == TokenKind::kQuote ? t : scan_.next_quoted[i + 1];
      scan_.next_boundary[i] = is_boundary_punct(t) || is_spaced_hyphen(t) ? t : scan_.next_boundary[i + 1];
    }
    return scan_;
  }
  // The first token from t in sentence si that choose_end() may take as a
  // content end for some stop (a superset: the loop there still checks each);
  // t itself when t lies outside the sentence.
  uint32_t next_end_candidate(uint32_t t, uint32_t si) {
    const Sentence& s = doc_.sentences[si];
    if (t < s.first_token || t >= s.end_token) return t;
    if (end_sentence_ != si) {
      next_end_.assign(s.end_token - s.first_token + 1, s.end_token);
      for (uint32_t k = s.end_token; k-- > s.first_token;) {
        bool candidate = is_boundary_punct(k) || is_spaced_hyphen(k);
        if (!candidate && tok(k).kind == TokenKind::kWord && tagger_) {
          const uint8_t tg = tag_of(k, si);
          candidate = pos::is_adposition(tg) || pos::is_conjunction(tg) || adverbial_start(k, s.end_token);
        }
        next_end_[k - s.first_token] = candidate ? k : next_end_[k - s.first_token + 1];
      }
      end_sentence_ = si;
    }
    return next_end_[t - s.first_token];
  }
  // The first token in [b, limit) inside or opening a quotation; limit if none.
  uint32_t first_quoted(uint32_t b, uint32_t limit, uint32_t si) {
    if (b >= limit) return limit;
    const SentenceScan& sc = scan(si);
    if (b >= sc.first && limit <= sc.end) return std::min(sc.next_quoted[b - sc.first], limit);
    for (uint32_t t = b; t < limit; ++t)  // (a range outside the sentence)
      if (tok(t).in_quote || tok(t).kind == TokenKind::kQuote) return t;
    return limit;
  }
  // The first clause boundary in [b, limit); limit if none.
  uint32_t first_boundary(uint32_t b, uint32_t limit, uint32_t si) {
    if (b >= limit) return limit;
    const SentenceScan& sc = scan(si);
    if (b >= sc.first && limit <= sc.end) return std::min(sc.next_boundary[b - sc.first], limit);
    uint32_t t = b;
    while (t < limit && !is_boundary_punct(t) && !is_spaced_hyphen(t)) ++t;
    return t;
  }
  // Commas among the tokens [b, e).
  uint32_t commas(uint32_t b, uint32_t e, uint32_t si) {
    if (e <= b) return 0;
    const SentenceScan& sc = scan(si);
    if (b >= sc.first && e <= sc.end) return sc.commas_before[e - sc.first] - sc.commas_before[b - sc.first];
    uint32_t n = 0;
    for (uint32_t t = b; t < e; ++t) n += is_comma(t);
    return n;
  }
  // Finite verbs (tagged words) among the tokens [b, e) of sentence si.
  uint32_t finite_verbs(uint32_t b, uint32_t e, uint32_t si) {
    if (e <= b) return 0;
    if (finite_sentence_ != si) {
      const Sentence& s = doc_.sentences[si];
      finite_before_.assign(s.end_token - s.first_token + 1, 0);
      for (uint32_t t = s.first_token; t < s.end_token; ++t)
        finite_before_[t - s.first_token + 1] =
            finite_before_[t - s.first_token] + (tok(t).kind == TokenKind::kWord && pos::is_finite_verb(tag_of(t, si)));
      finite_sentence_ = si;
    }
    const Sentence& s = doc_.sentences[si];
    b = std::max(b, s.first_token);
    e = std::min(e, s.end_token);
    return e <= b ? 0 : finite_before_[e - s.first_token] - finite_before_[b - s.first_token];
  }

  std::optional<Frame> build_frame(const Cue& c, uint32_t si) {
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
        f.origin = "according-to";
        uint32_t after = doc_.mentions[f.source].end_token;
        // "But, according to the poll, 46 percent …", "In addition, according to
        // the department, …": after a short opener set off by a comma, the
        // statement follows the source.
        const bool opener = c.first_token > b + 1 && is_comma(c.first_token - 1) && word_count(b, c.first_token) <= 3 &&
                            after < e && is_comma(after) && word_count(after, end) >= 3;
        if (c.first_token <= b + 1 || opener) {
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
    if (f.noun_cue && ((kind == QuoteKind::kIndirect && !verb_slot(f, c)) || lex_.cue(fw_[f.content.front().begin]) ||
                       (f.content.front().begin > 0 && lex_.cue(fw_[f.content.front().begin - 1]) &&
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
    if (kind == QuoteKind::kIndirect && !name_colon) {
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

  // "The NEA estimates that …", "The candidate plans to be back …": a cue the
  // tagger read as a noun still heads the clause when its subject ends right
  // before it and a complement ("that", "to", an object) follows; the model
  // weighs it (feature noun-cue).
  bool verb_slot(const Frame& f, const Cue& c) const {
    if (f.source < 0 || f.trailing || f.content.size() != 1) return false;
    const Mention& src = doc_.mentions[f.source];
    if (src.end_token != c.first_token || c.end_token >= doc_.sentences[f.sentence].end_token ||
        bound_determiner(fw_[src.end_token - 1]))  // "Any plan to …": a noun phrase, not a subject and verb
      return false;
    const Token& next = tok(c.end_token);
    if (next.in_quote || next.kind != TokenKind::kWord) return false;
    const std::string_view w = fw_[c.end_token];
    return w == "that" || w == "to" || is_determiner(w) || next.has(kCapitalized) || pronoun_gender(lex_, w);
  }

  // "Christie endorsed Trump", "supported her", "75 percent said yes": one
  // word of reported speech is content when it is the object of a verb cue,
  // a noun, pronoun or number (not "that", "about", "out" left by a short end).
  bool nominal_object(const Frame& f, const Cue& c) {
    if (c.kind != CueKind::kVerb || f.content.size() != 1 || f.trailing) return false;
    for (uint32_t t = f.content.front().begin; t < f.content.front().end; ++t) {
      if (tok(t).kind != TokenKind::kWord && tok(t).kind != TokenKind::kNumber) continue;
      const uint8_t tg = tag_of(t, f.sentence);
      return pos::is_nominal(tg) || pos::is_number(tg) || (pos::is_pronoun(tg) && !pos::is_wh_word(tg));
    }
    return false;
  }

  // "The birth of the newest Clinton is expected to coincide with …", "The
  // speaker appeared closer to …": a subject right before a passive or
  // raising cue is often what is reported, not who reports it (PolNeAR: an
  // attribution without a source whose content is the subject and the rest).
  // Such frames are scored both ways and the model picks.
  bool has_sourceless_option(const Frame& f) const {
    if (f.source < 0 || f.trailing || f.content.size() != 1 || f.cue->kind != CueKind::kVerb) return false;
    if (std::string_view(f.origin) != "leading" && std::string_view(f.origin) != "prep-object") return false;
    const Mention& src = doc_.mentions[f.source];
    const uint32_t cue = f.cue->first_token;
    if (src.end_token > cue || cue - src.end_token > 3 || src.kind == MentionKind::kPronoun) return false;
    const std::string_view before = fw_[cue - 1];
    const bool passive = is_auxiliary_word(before) || before == "be" || before == "being";
    // "X seemed irritated", "the race appears closer": a linking verb's
    // complement says something of the subject whatever its form.
    const CueEntry* entry = lex_.any_cue(fw_[cue]);
    const bool linking = entry && is_linking(entry->lemma);
    const bool raising = fw_[f.content.front().begin] == "to" || fw_[f.content.front().begin] == "as" || linking;
    return passive || raising;
  }

  Frame sourceless(const Frame& f) {
    Frame g = f;
    const Mention& src = doc_.mentions[f.source];
    g.content.insert(g.content.begin(), Range{subject_start(src.first_token, f.sentence), src.end_token});
    g.source = -1;
    g.sourceless_option = false;
    g.ends = {};
    return g;
  }

  // A frame around a quotation that the rules alone do not trust: its cue is
  // rare ("heralded", "mocked") or its source was found only by its tags
  // ("Proponents of the bill say"). The model takes it as it takes reported
  // speech, at its threshold (always, when training, so that it learns them;
  // the trainer counts it among the candidates the threshold decides).
  bool accepted_quoting(const Frame& f) {
    if (report_all_) return true;
    frame_features(f, fv_);
    return model_->probability(fv_.ids()) >= model_->threshold();
  }

  // Whether the model takes an indirect candidate (always, when training).
  bool accepted(const Frame& f) {
    if (!opt_.indirect) return false;
    if (report_all_) return true;
    frame_features(f, fv_);
    return model_->probability(fv_.ids()) >= model_->threshold();
  }

  bool verb_frame(const Cue& c, const Sentence& s, uint32_t end, Frame& f) {
    const uint32_t b = s.first_token, e = s.end_token;
    const CueEntry* entry = lex_.any_cue(fw_[c.first_token]);
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
      // "Said Comey, "…"" — an inverted cue opening the sentence.
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
      if (m < 0) m = phrase_mention(q, p);
      if (m >= 0 && !pronoun_is_object(m)) {
        f.source = m;
        trailing_statement(f, b, q - 1, nullptr, c.end_token, e);
        return true;
      }
    }
    int32_t m = mention_ending_at(p - 1, b);
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
    if (m >= 0 && doc_.mentions[m].first_token > b && fw_[doc_.mentions[m].first_token - 1] == "by")
      return false;  // "Asked by Stephanopoulos to respond …": an agent, not the speaker
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
      const bool little_after =
          !quote_after && (after >= end || is_comma(after) || word_count(c.end_token, end) <= 3);
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
      while (j < end && j < k + 16 && fw_[j] != "that" && !(lex_.cue(fw_[j]) && !tok(j).in_quote) && text(j) != ";")
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
    const bool interrupted = before > b + 1 && is_comma(before - 1) && c.end_token < end && is_comma(c.end_token) &&
                             word_count(b, before - 1) >= 2 && !tok(before - 2).in_quote && !is_closing_mark(before - 2) &&
                             !opens_quotation(k);
    if (interrupted) f.content.push_back({b, before - 1});
    f.content.push_back({k, clause_cut(k, end)});
    f.origin = interrupted ? "interrupted" : f.particle >= 0 ? "prep-object" : "leading";
    choose_end(f, end, lemma);
    return true;
  }

  // "Asked about his paid speeches, Huckabee's campaign said …", "… he said
  // when asked whether he would run": a question put to someone, with no
  // asker named (PolNeAR: an attribution without a source whose content is
  // the question). Only "asked" with no subject: opening the sentence, or after
  // "when", "after", "if" or a comma; adjuncts ("on Monday", "at a briefing")
  // are stepped over up to "about" or an indirect question.
  bool asked_question(const Cue& c, const Sentence& s, uint32_t end, std::string_view lemma, Frame& f) {
    if (lemma != "ask" || fw_[c.first_token] != "asked" || c.end_token >= end) return false;
    uint32_t p = c.first_token;
    const uint32_t b = s.first_token;
    for (int n = 0; n < 3 && p > b && skippable(p - 1); ++n) --p;
    if (p > b) {
      const std::string_view w = fw_[p - 1];
      if (!(is_comma(p - 1) || w == "when" || w == "after" || w == "if" || w == "once" || w == "while" ||
            w == "whenever" || w == "before"))
        return false;
    }
    uint32_t k = c.end_token;
    for (; k < end && k < c.end_token + 10; ++k) {
      if (tok(k).in_quote || tok(k).kind == TokenKind::kQuote || tok(k).kind == TokenKind::kPunct) return false;
      if (fw_[k] == "about" || opens_question(k)) break;
      if (fw_[k] == "by" || lex_.cue(fw_[k])) return false;  // "asked by Stephanopoulos": the asker is named
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

  // "called for the impeachment of …", "talked about how …", "railed against
  // …": a preposition right after the cue (and its adverbials) belongs to the
  // cue, and its object is the content. Returns where the content starts and
  // records the preposition in f.particle.
  uint32_t after_particle(uint32_t k, uint32_t end, Frame& f) {
    if (k + 1 >= end || tok(k).in_quote || tok(k).kind != TokenKind::kWord) return k;
    // "pushed back on those charges", "lashed out at": an adverb particle first.
    uint32_t j = k;
    const std::string_view adv = fw_[j];
    if ((adv == "back" || adv == "out" || adv == "up" || adv == "down" || adv == "off") && j + 2 < end &&
        !tok(j + 1).in_quote && pos::is_adposition(tag_of(j + 1, f.sentence)))
      ++j;

    const std::string_view w = fw_[j];
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

  // Whether a quotation opens at token t (at its opening mark or first word).
  bool opens_quotation(uint32_t t) const {
    return region_opening_at(t) >= 0 || (t > 0 && region_opening_at(t - 1) >= 0);
  }

  // Whether the words from token t open a quotation right after a colon, a
  // dash or a semicolon: "… lost its identity: "France is no longer France," he
  // claimed." The quotation is a statement of its own there.
  bool opens_quotation_after_break(uint32_t t) const {
    if (t == 0 || region_opening_at(t) < 0) return false;
    const std::string_view w = text(t - 1);
    return w == ":" || w == ";" || is_dash(t - 1) || spaced_hyphen(t - 1);
  }

  // A hyphen standing alone between spaces is a dash: "Mrs. Clinton - "Born …"".
  bool spaced_hyphen(uint32_t t) const {
    const Span sp = tok(t).span;
    const std::string_view all = doc_.text();
    return text(t) == "-" && sp.begin > 0 && sp.end < all.size() && all[sp.begin - 1] == ' ' && all[sp.end] == ' ';
  }

  // "Trump asserted that France had lost its identity: "France is no longer
  // France," he claimed.": a trailing quotation with its own source after a
  // break ends the content of the frame before it, which ran into it.
  void end_before_trailing_quotation(std::vector<Frame>& frames, const Frame& f) {
    if (frames.empty() || !f.trailing || f.content.empty()) return;
    Frame& outer = frames.back();
    if (outer.content.empty() || outer.source == f.source || outer.trailing) return;
    Range& o = outer.content.back();
    const uint32_t start = f.content.front().begin;
    if (start <= o.begin || start >= o.end || start == doc_.sentences[f.sentence].first_token) return;
    uint32_t cut = start;
    while (cut > o.begin && (tok(cut - 1).kind == TokenKind::kQuote || is_comma(cut - 1) || text(cut - 1) == ":" ||
                             text(cut - 1) == ";" || is_dash(cut - 1) || spaced_hyphen(cut - 1)))
      --cut;
    if (!cut_content(outer, cut)) frames.pop_back();
  }

  // Ends the last content range of `outer` at token `cut`, where a statement of
  // its own begins. Whether what is left is still an attribution: at least two
  // words and, for reported speech, taken by the model.
  bool cut_content(Frame& outer, uint32_t cut) {
    Range& r = outer.content.back();
    const Range first = trim({r.begin, cut});
    if (first.empty() || word_count(first.begin, first.end) < 2) return false;
    r = first;
    return kind_of(outer.content) != QuoteKind::kIndirect || accepted(outer);
  }

  // ""…," X said" / "…, X said.": the statement [b, ce) before the cue makes
  // f a trailing frame (a comma after the closing mark is left out; the
  // statement starts after a dateline or at a quotation after a break). The
  // origin stays as it is when `origin` is null. A split quote from token
  // `after` (past the cue and its source) joins it (after_trailing()).
  void trailing_statement(Frame& f, uint32_t b, uint32_t ce, const char* origin, uint32_t after, uint32_t e) {
    if (is_comma(ce) && ce > b && is_closing_mark(ce - 1)) --ce;
    f.trailing = true;
    f.content.push_back({quotation_after_break(statement_begin(b, ce), ce), ce});
    if (origin) f.origin = origin;
    after_trailing(f, after, e);
  }

  // The start of a trailing statement ""…," he said" in [b, ce): the
  // quotation itself when it follows a colon, dash or semicolon after words of
  // the reporter's, and runs to the end ("Neither man was impressed - "Born
  // with a silver spoon," Mr. Elkins said"); else b.
  uint32_t quotation_after_break(uint32_t b, uint32_t ce) const {
    if (ce <= b || !is_closing_mark(ce)) return b;
    for (uint32_t t = b + 2; t < ce; ++t) {
      if (tok(t).in_quote || !opens_quotation_after_break(t)) continue;
      if (doc_.quoted[region_opening_at(t)].end_token != ce) return b;  // more of the statement after it
      return word_count(b, t) >= 2 ? t : b;
    }
    return b;
  }

  // "Democrats had "put the biggest crack" yet in the glass ceiling, she said
  // in a video message.": a clause quoting someone before ", X said" is the
  // statement also when an adverbial, not a clause, follows the cue.
  bool quoted_clause_before_cue(uint32_t b, uint32_t ce, uint32_t after_cue, uint32_t end) const {
    if (word_count(b, ce) < 3) return false;
    bool quoted = false;
    for (uint32_t t = b; t < ce && !quoted; ++t) quoted = tok(t).in_quote > 0;
    if (!quoted) return false;
    uint32_t k = after_cue;
    while (k < end && skippable(k)) ++k;
    if (k >= end || tok(k).kind == TokenKind::kPunct) return true;
    const std::string_view w = fw_[k];
    return w == "in" || w == "on" || w == "at" || w == "during" || w == "to" || w == "after" || w == "before" ||
           w == "while" || w == "when" || w == "from" || w == "with" || w == "of" || w == "through" || w == "as";
  }

  // "She called for getting the program "back on track"" / "He railed
  // against its "Great Wall of Protectionism"": a cue and its preposition
  // take the object as content when the object quotes someone; "said on
  // Monday" and "spoke of the past" without a quotation are left over.
  uint32_t quoted_object_after_preposition(const Cue& c, uint32_t k, uint32_t end) const {
    const CueEntry* entry = lex_.any_cue(fw_[c.first_token]);
    if (!entry || entry->cls != CueClass::kSpeech) return k;  // "appeared at …", "plans for …"
    const uint32_t o = k + 1;
    if (o >= end || tok(o).kind == TokenKind::kPunct) return k;
    for (uint32_t t = o; t < clause_cut(o, end); ++t)
      if (tok(t).in_quote) return word_count(o, end) >= 2 ? o : k;
    return k;
  }

  // Where reported speech ends: the rules cut at the first clause boundary
  // after the last quotation (clause_cut); the model instead scores every
  // boundary up to the next quotation mark (", and …", ", which …", "; ", a
  // dash, the sentence end) and takes the best. Content with quotation marks
  // keeps the rules' end.
  void choose_end(Frame& f, uint32_t limit, std::string_view lemma) {
    choose_start(f, limit, lemma);
    if (f.content.empty() || (!trace_out_ && !(model_ && model_->has_end_model()))) return;
    Range& r = f.content.back();
    if (r.empty()) return;
    const uint32_t stop = first_quoted(r.begin, limit, f.sentence);
    if (r.end > stop) {
      choose_quoted_end(f, limit, stop, lemma);
      return;
    }
    if (stop <= r.begin + 1) return;
    constexpr size_t kMaxEnds = 32;
    ends_.clear();
    for (uint32_t t = next_end_candidate(r.begin + 1, f.sentence); t < stop && ends_.size() + 1 < kMaxEnds;
         t = next_end_candidate(t + 1, f.sentence)) {
      if (is_boundary_punct(t) || is_spaced_hyphen(t)) {
        if (t >= r.begin + 1) ends_.push_back(t);
        continue;
      }
      // Before a preposition or conjunction: an object that is the whole content
      // ("endorsed Sanders | in the primary", "opposed it | because …").
      if (tok(t).kind == TokenKind::kWord && tagger_) {
        const uint8_t tg = tag_of(t, f.sentence);
        if (pos::is_adposition(tg) || pos::is_conjunction(tg) || adverbial_start(t, stop)) ends_.push_back(t);
      }
    }
    if (ends_.empty() || ends_.back() != stop) ends_.push_back(stop);
    if (std::find(ends_.begin(), ends_.end(), r.end) == ends_.end()) {
      ends_.push_back(r.end);
      std::sort(ends_.begin(), ends_.end());
    }
    const uint32_t rule_end = r.end;
    // Finite verbs before each token of [r.begin, stop]: whether a candidate
    // keeps a clause ("said | the plan would fail") or only an object
    // ("endorsed Sanders | and …"), and whether a clause follows it.
    verb_counts_ = true;
    fronted_ = fronted_cue(f, r.begin);
    // Content opening with a subordinate clause ("that if he wins, he will …")
    // goes on past the comma that closes it.
    {
      const uint32_t b = fw_[r.begin] == "that" && r.begin + 1 < stop ? r.begin + 1 : r.begin;
      opens_sub_ = is_subordinator(fw_[b]);
    }
    pick_end(f, [&](size_t i) {
      end_features(f, r.begin, ends_[i], rule_end, limit, stop, i, ends_.size(), lemma, efv_);
    });
  }

  // Scores each candidate end in ends_ for the content f.content.back() (its
  // features put in efv_ by `features(i)`), records them for training and
  // moves the end to the best one when there is an end model.
  template <typename Features>
  void pick_end(Frame& f, Features features) {
    Range& r = f.content.back();
    float best = 0;
    uint32_t best_end = r.end;
    CandidateTrace& trace = f.ends;
    trace.end_bytes.clear();
    trace.end_features.clear();
    for (size_t i = 0; i < ends_.size(); ++i) {
      features(i);
      if (trace_out_) {
        const Range cand = trim({r.begin, ends_[i]});
        trace.end_bytes.push_back(cand.empty() ? tok(r.begin).span.begin : tok(cand.end - 1).span.end);
        trace.end_features.push_back(efv_.ids());
      }
      if (model_ && model_->has_end_model()) {
        const float score = model_->end_score(efv_.ids());
        if (i == 0 || score > best) best = score, best_end = ends_[i];
      }
    }
    if (model_ && model_->has_end_model()) r.end = best_end;
  }

  // Where reported speech starts: the rules start right after the cue (and a
  // preposition it takes); PolNeAR's cues are often longer ("pointed out |
  // that", "expressed concern | about", "sought to | ease", "urged the State
  // Department | to review"). Every token a few words on, up to a clause
  // boundary or quotation, is a candidate start; a third set of weights picks
  // one (`start_features`). Content with quotation marks keeps its start.
  void choose_start(Frame& f, uint32_t limit, std::string_view lemma) {
    f.ends.start_bytes.clear();
    f.ends.start_features.clear();
    if (f.content.empty() || (!trace_out_ && !(model_ && model_->has_start_model()))) return;
    Range& r = f.content.back();
    if (r.empty()) return;
    if (first_quoted(r.begin, limit, f.sentence) < limit) return;
    constexpr uint32_t kMaxShift = 6;
    starts_.clear();
    starts_.push_back(r.begin);
    for (uint32_t t = r.begin; t < r.end && t < limit && starts_.size() <= kMaxShift; ++t) {
      const Token& tk = tok(t);
      if (tk.in_quote || tk.kind == TokenKind::kQuote || (tk.kind == TokenKind::kPunct && text(t) != "-")) break;
      if (t + 2 >= r.end) break;  // keep at least two tokens
      starts_.push_back(t + 1);
    }
    // Past the window, the complementizer that opens the clause the cue
    // reports, after an adjunct or an addressee: "said Thursday during a
    // taping of a town hall meeting in Buffalo, New York, | that …".
    {
      constexpr uint32_t kMaxReach = 24;
      const uint32_t last = starts_.back();
      for (uint32_t t = last + 1; t < r.end && t < limit && t < r.begin + kMaxReach && t + 2 < r.end; ++t) {
        const Token& tk = tok(t);
        if (tk.in_quote || tk.kind == TokenKind::kQuote) break;
        if (tk.kind == TokenKind::kPunct && text(t) != "," && text(t) != "-") break;
        if (tag_name(t, f.sentence).starts_with("VB")) break;  // a verb of its own: another clause
        if (fw_[t] == "that" || fw_[t] == "whether") {
          starts_.push_back(t);
          break;
        }
      }
    }
    // Words the rules stepped over between the cue and the start: a preposition
    // taken as the cue's ("said | about half of …") or an adverbial ("say | this is").
    for (uint32_t t = r.begin, n = 0; t > f.cue->end_token && n < 3; --t, ++n) {
      const Token& tk = tok(t - 1);
      if (tk.in_quote || tk.kind == TokenKind::kQuote || tk.kind == TokenKind::kPunct) break;
      starts_.push_back(t - 1);
    }
    if (starts_.size() < 2) return;
    float best = 0;
    uint32_t best_start = r.begin;
    for (size_t i = 0; i < starts_.size(); ++i) {
      start_features(f, r.begin, starts_[i], r.end, lemma, efv_);
      if (trace_out_) {
        f.ends.start_bytes.push_back(tok(starts_[i]).span.begin);
        f.ends.start_features.push_back(efv_.ids());
      }
      if (model_ && model_->has_start_model()) {
        const float score = model_->start_score(efv_.ids());
        if (i == 0 || score > best) best = score, best_start = starts_[i];
      }
    }
    if (model_ && model_->has_start_model()) r.begin = best_start;
  }

  void start_features(const Frame& f, uint32_t rule_begin, uint32_t s, uint32_t end, std::string_view lemma,
                      FeatureVector& fv) {
    fv.clear();
    const uint32_t si = f.sentence;
    const int64_t shift = std::min<int64_t>(static_cast<int64_t>(s) - static_cast<int64_t>(rule_begin), 7);
    fv.add("s-bias");
    fv.add("s-shift", shift);
    fv.add("lemma*s-shift", lemma, std::to_string(shift));
    fv.add("s-origin*shift", f.origin, std::to_string(shift));
    const std::string_view first = fw_[s];
    const std::string_view first_tag = tag_name(s, si);
    fv.add("s-first", first);
    fv.add("s-first-tag", first_tag);
    fv.add("lemma*s-first", lemma, first);
    fv.add("lemma*s-first-tag", lemma, first_tag);
    const uint32_t before = s - 1;  // the cue, a particle or a skipped word
    const std::string_view prev = fw_[before];
    const std::string_view prev_tag = tag_name(before, si);
    fv.add("s-prev", prev);
    fv.add("s-prev-tag", prev_tag);
    fv.add("s-prev*first", prev, first);
    fv.add("s-prev-tag*first-tag", prev_tag, first_tag);
    fv.add("lemma*s-prev", lemma, prev);
    fv.add("s-prev*first-tag", prev, first_tag);
    fv.add("s-prev-tag*first", prev_tag, first);
    if (s + 1 < end) fv.add("s-first-tag*next-tag", first_tag, tag_name(s + 1, si));
    if (shift > 0) {
      // What the start skips: "out", "to express", "concern", "the State Department".
      std::string tags;
      if (shift > 6) tags = "far";  // past the window, to a complementizer
      else
        for (uint32_t t = rule_begin; t < s; ++t) {  // (skipped words)
          if (!tags.empty()) tags += ' ';
          tags += tag_name(t, si);
        }
      fv.add("s-skipped-tags", tags);
      fv.add("lemma*s-skipped-tags", lemma, tags);
      fv.add("s-skipped-first", fw_[rule_begin]);
      fv.add("lemma*s-skipped-first", lemma, fw_[rule_begin]);
      if (f.particle >= 0) fv.add("s-particle*skipped-first", fw_[f.particle], fw_[rule_begin]);
    } else if (shift < 0) {
      // What the start takes back from the rules: "about", "this".
      std::string tags;
      for (uint32_t t = s; t < rule_begin; ++t) {
        if (!tags.empty()) tags += ' ';
        tags += tag_name(t, si);
      }
      fv.add("s-taken-tags", tags);
      fv.add("lemma*s-taken-tags", lemma, tags);
      fv.add("s-taken-first*rule-first", fw_[s], fw_[rule_begin]);
      fv.add("lemma*s-taken-first", lemma, fw_[s]);
    } else if (f.particle >= 0) {
      fv.add("s-particle", fw_[f.particle]);
    }
    if (lex_.cue(fw_[s])) fv.add("s-first-cue");
    fv.add("s-len", bucket(word_count(s, end)));
  }

  // Where reported speech with quotation marks ends ("Sanders said the trip
  // was "absolutely" a worthwhile diversion | , where he trails …", "called
  // Palin a "clown" | on his radio show …"): every clause boundary after the
  // first quotation closes, and the end of each later quotation, are
  // candidates, scored by the end weights with features of their own. The
  // content never ends inside a quotation or before the first one closes.
  void choose_quoted_end(Frame& f, uint32_t limit, uint32_t first_quote, std::string_view lemma) {
    verb_counts_ = false;  // end_features() without the verb counts of reported speech
    fronted_ = opens_sub_ = false;
    Range& r = f.content.back();
    uint32_t t = first_quote;
    while (t < limit && !is_closing_mark(t)) ++t;  // the first quotation's closing mark
    if (t >= limit) return;
    constexpr size_t kMaxEnds = 32;
    ends_.clear();
    for (++t; t < limit && ends_.size() + 1 < kMaxEnds; ++t) {
      if (tok(t).in_quote) continue;
      if (is_closing_mark(t - 1)) {
        // A comma after the closing mark (British style) before a preposition
        // goes on with the phrase: "to tackle "glaring deficiencies", around …".
        const bool phrase_goes_on = is_comma(t) && t + 1 < limit && tagger_ &&
                                    pos::is_adposition(tag_of(t + 1, f.sentence));
        if (!phrase_goes_on) ends_.push_back(t);
        continue;
      }
      if (region_opening_at(t) >= 0) {
        ends_.push_back(t);  // before a later quotation opens
        continue;
      }
      if (is_boundary_punct(t)) {
        ends_.push_back(t);
        continue;
      }
      if (tok(t).kind == TokenKind::kWord && tagger_) {
        const uint8_t tg = tag_of(t, f.sentence);
        if (pos::is_adposition(tg) || pos::is_conjunction(tg) || fw_[t] == "where" || fw_[t] == "when")
          ends_.push_back(t);
      }
    }
    std::erase_if(ends_, [&](uint32_t e) { return e > r.begin && trim({r.begin, e}).empty(); });
    if (ends_.empty() || ends_.back() != limit) ends_.push_back(limit);
    if (std::find(ends_.begin(), ends_.end(), r.end) == ends_.end()) {
      ends_.push_back(r.end);
      std::sort(ends_.begin(), ends_.end());
    }
    ends_.erase(std::unique(ends_.begin(), ends_.end()), ends_.end());
    if (ends_.size() < 2) return;
    const uint32_t rule_end = r.end;
    pick_end(f, [&](size_t i) {
      const uint32_t e = ends_[i];
      quoted_end_features(f, r.begin, e, rule_end, limit, i, ends_.size(), lemma, qfv_);
      end_features(f, r.begin, e, rule_end, limit, limit, i, ends_.size(), lemma, efv_);
      efv_.append(qfv_);
    });
  }

  // The features of a candidate end of quoted reported speech, apart from
  // those of plain reported speech (the weights are shared, the names not):
  // the boundary and what follows it, whether it comes right after a
  // quotation, how many quotations it keeps and leaves, the words after it.
  void quoted_end_features(const Frame& f, uint32_t begin, uint32_t e, uint32_t rule_end, uint32_t limit,
                           size_t index, size_t count, std::string_view lemma, FeatureVector& fv) {
    fv.clear();
    const uint32_t si = f.sentence;
    fv.add("q-bias");
    const bool open = e < limit && region_opening_at(e) >= 0;
    const std::string_view boundary = e >= limit ? std::string_view("</s>") : open ? std::string_view("<q>") : text(e);
    fv.add("q-tok", boundary);
    const bool after_close = is_closing_mark(e - 1) || (e >= begin + 2 && is_comma(e - 1) && is_closing_mark(e - 2));
    fv.add("q-after-close", after_close ? "1" : "0");
    fv.add("q-tok*after-close", boundary, after_close ? "1" : "0");
    fv.add("q-rule", e == rule_end ? "1" : "0");
    fv.add("q-last", index + 1 == count ? "1" : "0");
    fv.add("q-index", static_cast<int64_t>(std::min<size_t>(index, 4)));
    fv.add("q-origin", f.origin);
    const std::string_view next = e + 1 < limit ? std::string_view(fw_[e + 1]) : std::string_view("<none>");
    fv.add("q-next", next);
    fv.add("q-tok*next", boundary, next);
    fv.add("q-lemma*next", lemma, next);
    if (e + 1 < limit) {
      if (lex_.cue(fw_[e + 1]) && !tok(e + 1).in_quote) fv.add("q-next-cue");
      fv.add("q-next-tag", tag_name(e + 1, si));
      fv.add("q-tok*next-tag", boundary, tag_name(e + 1, si));
      if (e + 2 < limit) fv.add("q-next-tags", tag_name(e + 1, si), tag_name(e + 2, si));
    }
    if (e < limit && !open) fv.add("q-tok-tag", tag_name(e, si));
    int left = 0, kept = 0;
    uint32_t last_close = begin;
    for (uint32_t t = begin; t < limit; ++t) {
      if (region_opening_at(t) >= 0) (t < e ? kept : left)++;
      if (t < e && is_closing_mark(t)) last_close = t + 1;
    }
    fv.add("q-left", static_cast<int64_t>(std::min(left, 2)));
    fv.add("q-kept", static_cast<int64_t>(std::min(kept, 3)));
    fv.add("q-left*tok", std::to_string(std::min(left, 2)), boundary);
    fv.add("q-tail", bucket(word_count(last_close, e)));
    fv.add("q-rest", bucket(word_count(e, limit)));
    fv.add("q-len", bucket(word_count(begin, e)));
  }

  void end_features(const Frame& f, uint32_t begin, uint32_t e, uint32_t rule_end, uint32_t limit, uint32_t stop,
                    size_t index, size_t count, std::string_view lemma, FeatureVector& fv) {
    fv.clear();
    const uint32_t si = f.sentence;
    fv.add("e-bias");
    const std::string_view boundary = e >= limit ? std::string_view("</s>") : e >= stop ? std::string_view("<q>")
                                        : is_spaced_hyphen(e) ? std::string_view("\xE2\x80\x94")  // a dash
                                                              : text(e);
    fv.add("e-tok", boundary);
    const bool rule = e == rule_end;
    fv.add("e-rule", rule ? "1" : "0");
    fv.add("e-rule*tok", rule ? "1" : "0", boundary);
    const std::string_view next = e + 1 < stop ? std::string_view(fw_[e + 1]) : std::string_view("<none>");
    fv.add("e-next", next);
    fv.add("e-tok*next", boundary, next);
    fv.add("lemma*e-next", lemma, next);
    if (e + 1 < stop) {
      fv.add("e-next-tag", tag_name(e + 1, si));
      if (lex_.cue(fw_[e + 1])) fv.add("e-next-cue");
      fv.add("e-tok*next-tag", boundary, tag_name(e + 1, si));
      if (e + 2 < stop) {
        fv.add("e-next2", fw_[e + 2]);
        // A new clause after the boundary: ", but he is", "; 26 percent say".
        fv.add("e-next-tags", tag_name(e + 1, si), tag_name(e + 2, si));
        fv.add("e-tok*next-tags", boundary, std::string(tag_name(e + 1, si)) + " " + std::string(tag_name(e + 2, si)));
      }
    }
    fv.add("e-prev", fw_[e - 1]);
    fv.add("e-prev-tag", tag_name(e - 1, si));
    fv.add("e-index", static_cast<int64_t>(std::min<size_t>(index, 4)));
    fv.add("e-last", index + 1 == count ? "1" : "0");
    fv.add("e-len", bucket(word_count(begin, e)));
    fv.add("e-rest", bucket(word_count(e, limit)));
    fv.add("e-origin", f.origin);
    fv.add("e-origin*tok", f.origin, boundary);  // "Asked whether …, X said": a question ends at its comma
    if (verb_counts_ && e <= stop) {
      const auto count = [](uint32_t n) { return n == 0 ? std::string_view("0") : n == 1 ? "1" : "2+"; };
      const std::string_view in = count(finite_verbs(begin, e, si));
      const std::string_view after = count(finite_verbs(e, stop, si));
      const std::string_view first = fw_[begin] == "that" || fw_[begin] == "to" ? std::string_view(fw_[begin])
                                                                                 : tag_name(begin, si);
      fv.add("e-verbs-in*tok", in, boundary);
      fv.add("e-verbs-after*tok", after, boundary);
      fv.add("e-verbs-in*after", in, after);
      fv.add("lemma*e-verbs-in", lemma, in);
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

  // What follows a candidate end, up to the next clause boundary: a relative
  // clause (", which …"), a participle (", saying …", ", including …"), a
  // clause with its own subject (", but he is", "Mrs. Clinton has run"), a
  // noun phrase alone (an apposition: ", the first two states to vote") or
  // something else.
  std::string_view phrase_after(uint32_t e, uint32_t stop, uint32_t si) {
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
    const std::string_view w = fw_[s];
    const uint8_t tg = tag_of(s, si);
    const auto kind = [&](std::string_view k) -> std::string_view {
      if (cc.empty()) return k;
      kind_buf_ = std::string(cc) + std::string(k);
      return kind_buf_;
    };
    if (w == "which" || w == "who" || w == "whom" || w == "whose") return kind("rel");
    if (is_subordinator(w) || w == "where") return kind("sub");
    const std::string_view pn = pos::penn_name(tg);
    if (pn == "VBG") return kind("ing");
    if (pn == "VBN") return kind("ven");
    if (pn == "TO") return kind("to");
    if (pos::is_finite_verb(tg)) return kind("verb");
    // A noun phrase by its tags, then what comes after it.
    uint32_t k = s, head = UINT32_MAX;
    while (k < nb && k < s + 10) {
      const uint8_t t = tag_of(k, si);
      const std::string_view n = pos::penn_name(t);
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

  // Whether the cue sits in a fronted subordinate or participial clause
  // ("While promising to reverse job losses, Mrs. Clinton has run …"): the
  // sentence opens with a subordinator (or the cue, a participle) and no
  // comma comes before the content.
  bool fronted_cue(const Frame& f, uint32_t content_begin) {
    if (!f.cue || !tagger_) return false;
    const uint32_t sb = doc_.sentences[f.sentence].first_token;
    uint32_t b = sb;
    while (b < content_begin && tok(b).kind != TokenKind::kWord) ++b;
    if (b >= content_begin || f.cue->first_token < b) return false;
    for (uint32_t t = b; t < f.cue->first_token; ++t)
      if (is_boundary_punct(t)) return false;
    const std::string_view w = fw_[b];
    if (b == f.cue->first_token) {
      const std::string_view n = tag_name(b, f.sentence);
      return n == "VBG" || n == "VBN";
    }
    return is_subordinator(w) || w == "in";  // "In announcing the plan, …"
  }

  // A time or "when" adverbial after an object: "agreed to take a second look
  // at it | last June", "countered with a breakfast | the next morning".
  bool adverbial_start(uint32_t t, uint32_t stop) const {
    const std::string_view w = fw_[t];
    if (w == "when" || w == "where" || w == "while" || w == "until") return true;
    if (lex_.is(WordClass::kTime, w)) return !(t > 0 && lex_.is(WordClass::kTime, fw_[t - 1]));
    return (w == "last" || w == "next" || w == "this" || w == "earlier" || w == "later") && t + 1 < stop &&
           lex_.is(WordClass::kTime, fw_[t + 1]);
  }

  // A noun phrase starting at token t by its tags: determiner? adjectives,
  // nouns, numbers, possessives, and one "of"/"by" phrase ("a new poll by the
  // Harvard University Institute of Politics"), ending at a noun or number.
  int32_t tagged_noun_phrase_starting_at(uint32_t t, uint32_t e, uint32_t si) {
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
                 std::string_view(pos::penn_name(tg)) == "PRP$") {
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

  // A quantity standing for the people counted, whatever its tag: "Nearly
  // half said", "26% say", "a third said", "many believe", "few think".
  bool quantity_head(uint32_t t) const {
    const std::string_view w = fw_[t];
    return w == "%" || w == "those" || w == "half" || w == "third" || w == "thirds" || w == "quarter" || w == "quarters" ||
           w == "fifth" || w == "fifths" || w == "many" || w == "few" || w == "most" || w == "some" ||
           w == "both" || w == "all" || w == "several" || w == "others" || w == "majority" || w == "plurality" ||
           w == "minority";
  }

  // A noun phrase ending at token t by its tags: determiner? adjectives, nouns,
  // numbers, possessives, and one "of" phrase ("the top candidates of both
  // parties"), headed by a noun, number or pronoun ("another says").
  int32_t tagged_noun_phrase_ending_at(uint32_t t, uint32_t b, uint32_t si) {
    if (!tagger_ || (tok(t).kind != TokenKind::kWord && tok(t).kind != TokenKind::kNumber && text(t) != "%") ||
        tok(t).in_quote)
      return -1;
    const uint8_t head = tag_of(t, si);
    // A capitalised word opening the clause ("Jolly said …") is a name the
    // tagger may read as an adjective.
    if (!(pos::is_nominal(head) || pos::is_number(head) || pos::is_pronoun(head) || quantity_head(t) ||
          tok(t).kind == TokenKind::kNumber || (t == b && tok(t).has(kCapitalized))))
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
          std::string_view(pos::penn_name(tg)) == "PRP$") {
        k = j;
        continue;
      }
      // "the rolling average of polls", "exit polling data": a gerund modifying a noun.
      if (std::string_view(pos::penn_name(tg)) == "VBG" && j > b && pos::is_nominal(tag_of(j + 1, si))) {
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
    Mention mm;
    mm.first_token = k;
    mm.end_token = t + 1;
    mm.span = mm.name = {tok(k).span.begin, tok(t).span.end};
    mm.kind = MentionKind::kNominal;
    const std::string_view penn = pos::penn_name(head);
    mm.gender = penn == "NNS" || penn == "NNPS" ? Gender::kPlural : Gender::kUnknown;
    return add_mention(mm);
  }

  // "A Des Moines Register poll released Saturday found …", "A court document
  // filed Thursday says …": a subject whose noun is followed by a past
  // participle and its adjuncts (a few words, no punctuation) before the cue at
  // p. The source is the whole phrase.
  int32_t reduced_relative_subject(uint32_t p, uint32_t b, uint32_t si) {
    if (!tagger_ || p < b + 3) return -1;
    for (uint32_t v = p - 1; v > b && p - v <= 8; --v) {
      const Token& vt = tok(v);
      if (vt.in_quote || (vt.kind != TokenKind::kWord && vt.kind != TokenKind::kNumber)) return -1;
      const uint8_t tg = tag_of(v, si);
      if (pos::is_finite_verb(tg) || lex_.cue(fw_[v])) return -1;
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

  // Start of the noun phrase whose head mention starts at t: steps back over a
  // possessive or title ("The Post's Dana Milbank", "Twitter's Adam Sharp").
  uint32_t np_start(uint32_t t, uint32_t b) const {
    uint32_t k = t;
    for (int n = 0; n < 6 && k > b; ++n) {
      const std::string_view w = fw_[k - 1];
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

  // The first token of a short subject between a closing quotation mark (and
  // its comma) and the cue at p: ""…," the real estate developer said". p when
  // there is none: more than 7 words, a comma, a conjunction or a verb-like word.
  uint32_t subject_after_quote(uint32_t p, uint32_t b, uint32_t si) {
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
      const std::string_view w = fw_[k - 1];
      if (lex_.is(WordClass::kConj, w) || lex_.cue(w) || w == "as" || w == "when" || w == "if" || w == "that" ||
          w == "who" || w == "which" || (w[0] != '\'' && (is_auxiliary_word(w) || pos::is_verbal(tag_of(k - 1, si)))))
        return p;
      ++words;
      --k;
    }
    if (k == p || words > 7 || k <= b) return p;
    if (is_comma(k - 1) && k - 1 > b && is_closing_mark(k - 2)) return k;
    if (is_closing_mark(k - 1)) return k;
    return p;
  }

  // "Wednesday on Fox News Channel's "Hannity," Newt Gingrich said if …": the
  // quotation closing before the subject (at q - 1 or q - 2) is a title
  // ending a phrase that opens the sentence, not a statement; the cue's
  // content comes after it.
  bool title_closes_phrase(uint32_t q, uint32_t b) const {
    const uint32_t mark = is_closing_mark(q - 1) ? q - 1 : q - 2;
    const int32_t r = region_closing_at(mark);
    if (r < 0) return false;
    const QuotedRegion& qr = doc_.quoted[r];
    if (qr.first_token <= b + 1 || qr.end_token - qr.first_token > 8) return false;
    int capitalised = 0;
    for (uint32_t t = qr.first_token; t < qr.end_token; ++t) {
      if (tok(t).kind != TokenKind::kWord) continue;
      const std::string_view w = fw_[t];
      if (tok(t).has(kCapitalized)) ++capitalised;
      else if (!is_preposition(w) && !is_determiner(w) && !lex_.is(WordClass::kConj, w)) return false;
    }
    return capitalised > 0;
  }

  // ""…," the email read." / ""…," it reads, "…"": a rare cue still closes the
  // statement when a short subject follows the quotation and the sentence or
  // clause ends right after it.
  bool closes_quote_statement(const Cue& c, uint32_t si) {
    const Sentence& s = doc_.sentences[si];
    const uint32_t b = s.first_token;
    uint32_t p = c.first_token;
    for (int n = 0; n < 5 && p > b && skippable(p - 1); ++n) --p;
    // ""America is great!" read one.": inverted, the source follows.
    if (p > b && (is_closing_mark(p - 1) || (p - 1 > b && is_comma(p - 1) && is_closing_mark(p - 2)))) return true;
    if (c.end_token < clause_end(b, s.end_token) && !is_comma(c.end_token)) return false;
    return p > b && subject_after_quote(p, b, si) < p;
  }

  // ""…," tweeted another." / ""…," concluded a 2013 article in the journal.": the
  // words after an inverted cue up to the clause end are its source.
  int32_t subject_after_cue(const Cue& c, uint32_t e) {
    uint32_t k = c.end_token;
    if (k >= e || tok(k).in_quote || tok(k).kind != TokenKind::kWord) return -1;
    if (!(is_determiner(fw_[k]) || tok(k).has(kCapitalized) || fw_[k] == "another")) return -1;
    while (k < e && k < c.end_token + 8 && !tok(k).in_quote &&
           (tok(k).kind == TokenKind::kWord || tok(k).kind == TokenKind::kNumber || text(k) == "-")) {
      const std::string_view w = fw_[k];
      if (lex_.is(WordClass::kConj, w) || lex_.cue(w) || w == "who" || w == "which" || w == "that") break;
      ++k;
    }
    if (k < e && !(tok(k).kind == TokenKind::kPunct && text(k) != "-")) return -1;
    return phrase_mention(c.end_token, k);
  }

  // Whether the clause ends at token k: punctuation, or an adverbial ("in a
  // statement", "on Monday", "who …") after an inverted source.
  bool ends_clause_after(uint32_t k, uint32_t e) const {
    if (k >= e || tok(k).kind == TokenKind::kPunct || tok(k).kind == TokenKind::kQuote) return true;
    const std::string_view w = fw_[k];
    return w == "in" || w == "on" || w == "at" || w == "during" || w == "after" || w == "before" || w == "when" ||
           w == "who" || w == "whose" || lex_.is(WordClass::kTime, w);
  }

  // "Another source familiar with Cruz's thinking said, "…"": when the cue opens
  // a quotation (after a comma or colon) and only a short phrase without a verb
  // comes before it in the sentence, that phrase is the source.
  int32_t subject_before_quote(const Cue& c, uint32_t si, uint32_t p, uint32_t end) {
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
      const std::string_view w = fw_[t];
      if (++words > 8 || lex_.is(WordClass::kConj, w) || w == "who" || w == "which" || w == "that" ||
          (w[0] != '\'' && pos::is_verbal(tag_of(t, si))))
        return -1;
    }
    if (!(is_determiner(fw_[b]) || tok(b).has(kCapitalized) || tok(b).kind == TokenKind::kNumber)) return -1;
    // A name opening the phrase heads it ("Rep. Smith of Texas"); else the whole phrase.
    const int32_t m = found_mention_at(b);
    return m >= 0 && doc_.mentions[m].first_token == b && !is_determiner(fw_[b]) ? m : phrase_mention(b, p);
  }

  // The last mention found by the mention stage inside tokens [b, e).
  int32_t last_mention_in(uint32_t b, uint32_t e) const {
    int32_t best = -1;
    for (uint32_t k = b; k < e; ++k) {
      int32_t m = found_mention_at(k);
      if (m >= 0 && doc_.mentions[m].first_token >= b && doc_.mentions[m].end_token <= e) best = m;
    }
    return best;
  }

  // A source made of the words [b, e) when the mention stage found none there
  // ("the suit", "it", "another"): a nominal mention, or a pronoun for "it".
  int32_t phrase_mention(uint32_t b, uint32_t e) {
    if (b >= e) return -1;
    Mention mm;
    mm.first_token = b;
    mm.end_token = e;
    mm.span = mm.name = {tok(b).span.begin, tok(e - 1).span.end};
    const std::string_view head = fw_[e - 1];
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

  // Whether a name ends right before the comma at `comma` ("Sarandon, 69, told"):
  // then the cue's source is that name, not the words after the cue.
  bool found_source_before_comma(uint32_t comma, uint32_t b) const {
    // Only across an apposition: the comma right before the cue ends it, so
    // start one word back ("…to Mr. Sanders, said David Axelrod" is inverted).
    for (uint32_t k = comma > b + 1 ? comma - 1 : b; k > b && comma - k < 30; --k) {
      if (tok(k - 1).in_quote || is_closing_mark(k - 1)) return false;
      if (!is_comma(k)) continue;
      int32_t m = found_mention_at(k - 1);
      if (m >= 0 && doc_.mentions[m].end_token == k && doc_.mentions[m].kind != MentionKind::kPronoun) return true;
    }
    return false;
  }

  // A quotation inside "<subject> <verb> …" with no listed cue: the verb is the
  // cue and what follows it the content ("critics quickly compared Mr. Rubio's
  // repetitiousness to … ''Oops''", "the BLM group is calling on Hillary Clinton
  // to "stop pimping black votes"").
  void subject_verb_frame(uint32_t si, size_t region_begin, size_t region_end, std::vector<Frame>& frames) {
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
      if (k < qr.first_token && (is_determiner(fw_[k]) || lex_.is(WordClass::kNominal, fw_[k]))) {
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
    const std::string_view w = fw_[v];
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

  // The subject of sentence si when it is a person or body named (or a
  // pronoun) at the start, before token `before`: "On Monday, Trump groused …".
  int32_t sentence_subject(uint32_t si, uint32_t before) const {
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
          const std::string_view w = fw_[k];
          if (w != "he" && w != "she" && w != "they") return -1;
        }
        if (mm.end_token >= before || (tok(mm.end_token).kind != TokenKind::kWord && !is_comma(mm.end_token)))
          return -1;
        return m;
      }
      // Only adverbials before the subject: "On Monday,", "In Washington,", "But".
      const std::string_view w = fw_[k];
      const bool adverbial = t.kind == TokenKind::kPunct
                                 ? text(k) == ","
                                 : (lex_.is(WordClass::kTime, w) || lex_.is(WordClass::kConj, w) || is_preposition(w) ||
                                    lex_.is(WordClass::kStarter, w) || lex_.is(WordClass::kSkip, w) ||
                                    t.has(kCapitalized));
      if (!adverbial) return -1;
    }
    return -1;
  }

  // "After Clinton suffered a concussion, Axelrod emailed her …": a subject
  // found inside an opening subordinate clause gives way to the one after the
  // clause's comma, when a name stands there.
  int32_t past_subordinate_clause(int32_t m, uint32_t before) const {
    if (m < 0) return m;
    const uint32_t k = doc_.mentions[m].first_token;
    if (k == 0) return m;
    const std::string_view w = fw_[k - 1];
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

  // The subject of the main clause of sentence si, before token `before`: the
  // first name or pronoun followed by a verb, past a parenthesis or an
  // apposition ("Speaking in Salem, New Hampshire, Trump went after Bush,
  // calling him …", "Ed Rendell (D), a Clinton supporter, praised …").
  int32_t clause_subject(uint32_t si, uint32_t before) {
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

  // The source before a comma that closes an apposition ending right before the
  // cue at p. Among names followed by a comma, a name in subject position (after
  // the sentence start, a comma or a conjunction) beats one inside the
  // apposition ("Zimmerman, who identifies as Hispanic, told …").
  int32_t appositive_source(uint32_t p, uint32_t b) {
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
          tok(first - 1).kind == TokenKind::kQuote)
        subject = am;
    }
    const int32_t m = subject >= 0 ? subject : nearest;
    return m >= 0 ? with_head_noun(m, b) : m;
  }

  // "Many speakers at the service — including Muslims, Christians, Jews —
  // said …", "Three-in-five GOP insiders — and two-thirds of Republicans in New
  // Hampshire — said …": the words before an aside set off by dashes ending
  // right before the cue at p are its source when they hold no verb.
  int32_t subject_before_aside(uint32_t p, uint32_t b, uint32_t si) {
    uint32_t d = p - 1;
    while (d > b && p - d < 30 && !is_dash(d - 1)) --d;
    if (d <= b + 1 || !is_dash(d - 1)) return -1;
    const uint32_t e = d - 1;
    uint32_t k = b;
    while (k < e && (lex_.is(WordClass::kConj, fw_[k]) || is_comma(k) || lex_.is(WordClass::kSkip, fw_[k]))) ++k;
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

  // "The complaint, which was filed in federal court in Washington, alleged":
  // the cue after a relative clause set off by commas takes the noun phrase
  // before the clause, not a name inside it.
  int32_t relative_clause_source(uint32_t p, uint32_t b, uint32_t si) {
    for (uint32_t k = p - 1; k > b + 1 && p - k < 30; --k) {
      if (tok(k - 1).in_quote || is_closing_mark(k - 1)) return -1;
      if (!is_comma(k - 1) || k - 1 == p - 1) continue;
      const std::string_view w = fw_[k];
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

  // The source of verb cue v written before it ("Another user, Roland Z, wrote"),
  // for cues that lean on it (a colon after the verb's object).
  bool verb_frame_source(const Cue& v, uint32_t b, Frame& probe) {
    uint32_t p = v.first_token;
    for (int n = 0; n < 5 && p > b && skippable(p - 1); ++n) --p;
    if (p == b) return false;
    int32_t m = mention_ending_at(p - 1, b);
    if (m < 0 && is_comma(p - 1)) m = appositive_source(p, b);
    if (m < 0 || pronoun_is_object(m)) return false;
    probe.source = m;
    return true;
  }

  static bool is_auxiliary_word(std::string_view w) {
    return w == "is" || w == "was" || w == "were" || w == "are" || w == "am" || w == "be" || w == "been" ||
           w == "'s" || w == "'re" || w == "'m" || w == "keep" || w == "kept" || w == "started" || w == "began";
  }

  bool pronoun_is_object(int32_t m) const {
    std::string_view w = fw_[doc_.mentions[m].first_token];
    return w == "him" || w == "her" || w == "them" || w == "us" || w == "me";
  }

  // After a trailing cue and its source: a split quote (", "Q2") joins the frame.
  void after_trailing(Frame& f, uint32_t k, uint32_t e) {
    while (k < e && (skippable(k) || (lex_.is(WordClass::kTime, fw_[k])))) ++k;
    if (k + 1 < e && is_comma(k) && tok(k + 1).kind == TokenKind::kQuote) {
      int32_t r = region_opening_at(k + 1);
      if (r >= 0) f.content.push_back({doc_.quoted[r].first_token, doc_.quoted[r].end_token});
      return;
    }
    // ""A big truck" plowed through, he said, and "everyone started running."": the
    // statement goes on after the cue.
    if (k + 2 < e && is_comma(k) && (fw_[k + 1] == "and" || fw_[k + 1] == "but")) {
      const uint32_t end = clause_end(k + 2, e);
      bool quoted = false;
      for (uint32_t t = k + 2; t < end && !quoted; ++t) quoted = tok(t).in_quote > 0;
      if (quoted && end > k + 2) f.content.push_back(trim({k + 2, end}));
    }
  }

  // A cue inside an earlier frame's content that brings its own source and a
  // quotation ("…, to which O'Malley interjected: "It's just not true."") is a
  // statement of its own: the earlier content ends before that source.
  bool nested_frame(std::vector<Frame>& frames, const Cue& c, uint32_t si) {
    std::optional<Frame> inner = build_frame(c, si);
    if (!inner || inner->source < 0) return false;
    if (inner->trailing && !frames.empty() && inner->content.size() == 1) {
      // "…they are asked to rank their choices, and "the foreign policy group is
      // less likely to be overrun," Hoover said.": the trailing statement starts
      // at the last clause boundary before its quotation.
      Range& r = inner->content.front();
      uint32_t first_quote = r.end;
      for (uint32_t t = r.begin; t < r.end; ++t)
        if (tok(t).in_quote) { first_quote = t; break; }
      uint32_t start = r.begin;
      for (uint32_t t = first_quote; t > r.begin; --t) {
        if (tok(t - 1).in_quote) continue;
        const std::string_view w = fw_[t - 1];
        if (w == ";" || w == "and" || w == "but" || (w == "," && t < first_quote + 1) || opens_quotation_after_break(t)) {
          start = t;
          break;
        }
      }
      r = trim({start, r.end});
      if (r.empty() || word_count(r.begin, r.end) < 2) return false;
      Frame& outer = frames.back();
      Range& o = outer.content.back();
      if (o.begin < r.begin && o.end > r.begin && outer.source != inner->source) {
        uint32_t cut = r.begin;
        while (cut > o.begin && (is_comma(cut - 1) || fw_[cut - 1] == "and" || fw_[cut - 1] == "but" ||
                                 fw_[cut - 1] == ";" || fw_[cut - 1] == ":" || is_dash(cut - 1)))
          --cut;
        o = trim({o.begin, cut});
        if (o.empty() || word_count(o.begin, o.end) < 2) frames.pop_back();
        frames.push_back(std::move(*inner));
        return true;
      }
      return false;
    }
    if (!inner->trailing && kind_of(inner->content) == QuoteKind::kMixed) return split_for_quoting_frame(frames, *inner);
    if (kind_of(inner->content) != QuoteKind::kDirect) return false;
    const Mention& src = doc_.mentions[inner->source];
    if (src.kind == MentionKind::kPronoun && fw_[src.first_token] != "who") return false;
    for (Frame& outer : frames) {
      if (outer.content.empty() || outer.source == inner->source) continue;
      Range& r = outer.content.back();
      if (src.first_token <= r.begin || src.first_token >= r.end) continue;
      uint32_t cut = np_start(src.first_token, r.begin);
      for (uint32_t t = r.begin; t < cut; ++t)
        if (tok(t).in_quote) return false;  // the outer statement quotes too: leave it whole
      r = trim({r.begin, cut});
      while (r.end > r.begin && (lex_.is(WordClass::kConj, fw_[r.end - 1]) || fw_[r.end - 1] == "to")) --r.end;
      r = trim(r);
      std::erase_if(frames, [&](const Frame& f) {
        return f.content.empty() || f.content.back().empty() ||
               word_count(f.content.front().begin, f.content.back().end) < 2;
      });
      frames.push_back(std::move(*inner));
      return true;
    }
    return false;
  }

  // "Netanyahu said that he would go ahead with the meeting, although he
  // tweeted that he "rejects …"" / "…, which he declared "a total disaster"":
  // a cue with its own source after a clause break inside an earlier frame's
  // content, quoting words the earlier part does not, is a statement of its
  // own; the earlier content ends at the break.
  bool split_for_quoting_frame(std::vector<Frame>& frames, Frame& inner) {
    const Mention& src = doc_.mentions[inner.source];
    for (size_t i = 0; i < frames.size(); ++i) {
      Frame& outer = frames[i];
      if (outer.content.empty() || outer.source == inner.source || outer.trailing) continue;
      Range& r = outer.content.back();
      if (src.first_token <= r.begin || src.first_token >= r.end) continue;
      const uint32_t start = np_start(src.first_token, r.begin);
      for (uint32_t t = r.begin; t < start; ++t)
        if (tok(t).in_quote || tok(t).kind == TokenKind::kQuote) return false;
      // Only across a clause break: never "said (that) he told …".
      uint32_t cut = start;
      bool joint = false;
      while (cut > r.begin) {
        const std::string_view w = fw_[cut - 1];
        const bool connector = is_comma(cut - 1) || is_dash(cut - 1) || w == ";" || w == ":" || w == "and" || w == "but" ||
                               w == "although" || w == "though" || w == "while" || w == "whereas" || w == "as" ||
                               w == "which" || w == "who" || w == "whom" || w == "where" || w == "when" ||
                               w == "because";
        if (!connector) break;
        joint = true;
        --cut;
        if (w == "which" || w == "whom" || w == "where") {
          if (cut > r.begin && is_preposition(fw_[cut - 1])) --cut;  // "in which she called for …"
        }
      }
      if (!joint) return false;
      if (!cut_content(outer, cut)) frames.erase(frames.begin() + static_cast<ptrdiff_t>(i));
      frames.push_back(std::move(inner));
      return true;
    }
    return false;
  }

  // "Ash described the move as a "major breach of trust," adding: "…"": a
  // participle right after the quotation that ends a frame's content shares
  // the frame's source.
  bool participle_after_quotation(const Frame& last, const Cue& c) const {
    if (last.content.empty() || c.first_token < 2 || !is_clause_comma(c.first_token - 1)) return false;
    const uint32_t e = last.content.back().end;
    return e <= c.first_token && c.first_token <= e + 2 && is_closing_mark(c.first_token - 1);
  }

  // "(A spokeswoman disputed their account.)": a closing parenthesis whose
  // opening one is outside the content is not part of it, nor is the period
  // before it.
  Range drop_unmatched_close(Range r) const {
    int depth = 0;
    for (uint32_t t = r.begin; t < r.end; ++t) {
      const std::string_view w = text(t);
      if (w == "(") {
        ++depth;
      } else if (w == ")" && --depth < 0 && t + 1 == r.end && t > r.begin + 1) {
        r.end = t;
        while (r.end > r.begin + 1 && !tok(r.end - 1).in_quote &&
               (text(r.end - 1) == "." || text(r.end - 1) == "?" || text(r.end - 1) == "!"))
          --r.end;
      }
    }
    return r;
  }

  // "…, he said, adding that …": a second cue sharing the frame's source.
  void shared_source_frame(std::vector<Frame>& frames, const Cue& c, uint32_t si) {
    if (frames.empty() || c.kind != CueKind::kVerb || c.first_token == 0 || frames.back().source < 0) return;
    const Sentence& s = doc_.sentences[si];
    const uint32_t end = clause_end(s.first_token, s.end_token);
    Frame& last = frames.back();
    if (last.trailing || participle_after_quotation(last, c)) {
      if (!is_clause_comma(c.first_token - 1)) return;
      uint32_t k = skip_adjuncts(c.end_token, end, {});
      if (k >= end || word_count(k, end) < 2) return;
      Frame f;
      f.sentence = si;
      f.cue = &c;
      f.source = last.source;
      // ""…," he said, referring to the seats": the preposition a cue takes
      // belongs to the cue, as after any other cue; the content is its object.
      k = after_particle(k, end, f);
      if (word_count(k, end) < 2) return;
      f.content.push_back(trim({k, end}));
      f.origin = "shared-trailing";
      if (!shared_ok(f)) return;
      frames.push_back(std::move(f));
      return;
    }
    // "… criticized the accord, saying …" / "… but admitted …" / "… and he foreshadowed …":
    // a second cue joined to the first ends the first content and starts its own.
    Range& outer = last.content.back();
    if (c.first_token <= outer.begin || c.first_token >= outer.end || tok(c.first_token).in_quote) return;
    uint32_t p = c.first_token;
    for (int n = 0; n < 3 && p > outer.begin && skippable(p - 1); ++n) --p;
    int32_t source = last.source;
    if (p > outer.begin) {
      // "… and he foreshadowed …" / "… and Trump says …": a subject of its own.
      int32_t m = found_mention_at(p - 1);
      if (m >= 0 && doc_.mentions[m].end_token == p && doc_.mentions[m].first_token > outer.begin &&
          (doc_.mentions[m].kind != MentionKind::kPronoun || !pronoun_is_object(m))) {
        source = m;
        p = doc_.mentions[m].first_token;
      } else if (const int32_t own = joined_subject(p, outer.begin, si); own >= 0) {
        source = own;
        p = doc_.mentions[own].first_token;
      }
    }
    if (p <= outer.begin) return;
    const std::string_view joint = fw_[p - 1];
    if (!(is_clause_joint(p - 1) || (source != last.source && (text(p - 1) == ";" || is_dash(p - 1))))) return;
    uint32_t cut = p - 1;
    if ((joint == "and" || joint == "but") && cut > outer.begin && is_comma(cut - 1)) --cut;
    const CueEntry* entry = lex_.any_cue(fw_[c.first_token]);
    uint32_t k = skip_adjuncts(c.end_token, end, entry ? std::string_view(entry->lemma) : std::string_view());
    Frame f;
    k = after_particle(k, end, f);
    if (k >= end || word_count(k, end) < 2 || is_preposition(fw_[k])) return;
    Range first = trim({outer.begin, cut});
    if (first.empty() || word_count(first.begin, first.end) < 2) return;
    f.sentence = si;
    f.cue = &c;
    f.source = source;
    f.content.push_back({k, clause_cut(k, end)});
    f.origin = source != last.source ? "joined-subject" : "shared";
    choose_end(f, end, entry ? std::string_view(entry->lemma) : std::string_view());
    f.content.back() = trim(f.content.back());
    if (!shared_ok(f)) return;
    outer = first;
    frames.push_back(std::move(f));
  }

  bool is_clause_joint(uint32_t t) const { return is_clause_comma(t) || fw_[t] == "and" || fw_[t] == "but"; }

  // "…, others say he has never been healthier" / "… — the actress also
  // pointed that …" / "…; 26 percent say …": a noun phrase (not found by the
  // mention stage) right before a cue inside reported speech, opening a clause
  // after a comma, semicolon, dash or "and"/"but", is that cue's own source.
  int32_t joined_subject(uint32_t p, uint32_t outer_begin, uint32_t si) {
    if (p < outer_begin + 3) return -1;
    int32_t m = mention_ending_at(p - 1, outer_begin);
    if (m < 0) m = tagged_noun_phrase_ending_at(p - 1, outer_begin, si);
    if (m < 0 || pronoun_is_object(m)) return -1;
    const uint32_t first = doc_.mentions[m].first_token;
    if (first <= outer_begin + 1 || doc_.mentions[m].end_token != p) return -1;
    if (!(is_clause_joint(first - 1) || text(first - 1) == ";" || is_dash(first - 1))) return -1;
    return m;
  }

  // A second cue sharing a frame's source ("…, adding that …"): not for rare
  // cues, which inside reported speech are mostly part of it ("Labour was open
  // to … but it still wanted a review"), and the model's choice for reported speech.
  bool shared_ok(const Frame& f) {
    if (f.content.empty() || f.content.front().empty() || f.cue->prior < kMinFramePrior) return false;
    return kind_of(f.content) != QuoteKind::kIndirect || accepted(f);
  }

  // Drops quotation marks and outer punctuation from a content range.
  Range trim(Range r) const {
    while (r.begin < r.end && (tok(r.begin).kind == TokenKind::kQuote || text(r.begin) == "," || text(r.begin) == ":" ||
                               (fw_[r.begin][0] == '\'' && tok(r.begin).kind == TokenKind::kWord)))
      ++r.begin;
    while (r.end > r.begin) {
      const Token& t = tok(r.end - 1);
      std::string_view tt = text(r.end - 1);
      if (t.kind == TokenKind::kQuote || tt == "," || tt == ":" || tt == ";" || tt == "(" ||
          (!t.in_quote && (tt == "." || tt == "?" || tt == "!")))
        --r.end;
      else
        break;
    }
    return r;
  }

  Span byte_span(Range r) const { return {tok(r.begin).span.begin, tok(r.end - 1).span.end}; }

  QuoteKind kind_of(const std::vector<Range>& content) const {
    int quoted = 0, plain = 0;
    for (const Range& r : content)
      for (uint32_t t = r.begin; t < r.end; ++t) {
        if (tok(t).kind != TokenKind::kWord && tok(t).kind != TokenKind::kNumber) continue;
        (tok(t).in_quote ? quoted : plain)++;
      }
    if (quoted == 0) return QuoteKind::kIndirect;
    return plain == 0 ? QuoteKind::kDirect : QuoteKind::kMixed;
  }

  // Adds a quote described by the features in fv_; the model gives its confidence.
  void push_quote(Quote q, SpeakerLink link, const CandidateTrace* ends = nullptr) {
    if (model_ && !report_all_) q.confidence = model_->probability(fv_.ids());
    doc_.quotes.push_back(std::move(q));
    links_.push_back(link);
    if (trace_out_) {
      CandidateTrace t;
      t.features = fv_.ids();
      if (ends) {
        t.end_bytes = ends->end_bytes;
        t.end_features = ends->end_features;
        t.start_bytes = ends->start_bytes;
        t.start_features = ends->start_features;
        t.gated = ends->gated;
      }
      traces_.push_back(std::move(t));
    }
  }

  static const char* bucket(int n) {
    return n <= 0 ? "0" : n == 1 ? "1" : n == 2 ? "2" : n <= 4 ? "3-4" : n <= 8 ? "5-8" : n <= 16 ? "9-16"
           : n <= 32 ? "17-32" : "33+";
  }

  std::string_view tag_name(uint32_t t, uint32_t si) { return pos::penn_name(tag_of(t, si)); }

  static std::string_view mention_kind_name(MentionKind k) {
    switch (k) {
      case MentionKind::kName: return "name";
      case MentionKind::kPronoun: return "pronoun";
      case MentionKind::kNominal: return "nominal";
      case MentionKind::kOrganisation: return "org";
    }
    return "?";
  }

  // The features the model scores for a frame (docs/model.md lists them):
  // the cue and its neighbours, the source, the content, and how they sit.
  void frame_features(const Frame& f, FeatureVector& fv) {
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
    const CueEntry* entry = lex_.any_cue(cue_word);
    const std::string_view lemma = entry ? std::string_view(entry->lemma) : cue_word;
    fv.add("cue", cue_word);
    fv.add("lemma", lemma);
    fv.add("lemma*kind", lemma, kname);
    fv.add("prior", static_cast<int64_t>(c.prior * 10));
    fv.add("prior*kind", std::to_string(static_cast<int>(c.prior * 10)), kname);
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
      const std::string_view w = fw_[k - 1];
      if (w == "not" || w == "n't" || w == "never" || w == "declined" || w == "refused") fv.add("negated");
      if (w == "would" || w == "will" || w == "could" || w == "might" || w == "may" || w == "should" ||
          w == "can" || w == "to")
        fv.add("modal", w);
    }
    if (f.particle >= 0) {
      fv.add("particle", fw_[f.particle]);
      fv.add("lemma*particle", lemma, fw_[f.particle]);
    }
    fv.add("trailing", f.trailing ? "1" : "0");
    // A cue after another statement in the sentence is often inside it ("Goff said
    // Labour was open to … but it still wanted …"), and then not annotated.
    fv.add("frames-before", static_cast<int64_t>(std::min(frames_before_, 2)));
    fv.add("lemma*trailing", lemma, f.trailing ? "1" : "0");
    if (tagged) content_shape_features(f, lemma, fv);
    if (f.source < 0) {
      sourceless_features(f, lemma, fv);
      return;
    }
    fv.add("frames-before*src", std::to_string(std::min(frames_before_, 2)), mention_kind_name(doc_.mentions[f.source].kind));
    // Source.
    const Mention& src = doc_.mentions[f.source];
    const std::string_view skind = mention_kind_name(src.kind);
    fv.add("src", f.tagged_source ? std::string_view("tagged") : skind);
    if (f.noun_cue) fv.add("noun-cue", lemma);
    if (f.tagged_source) fv.add("lemma*tagged-src", lemma);
    fv.add("src*cue", skind, cue_word);
    fv.add("src*origin", skind, f.origin);
    fv.add("lemma*src", lemma, skind);
    const std::string_view head = fw_[src.end_token - 1];
    if (src.kind != MentionKind::kName) fv.add("src-head", head);
    fv.add("src-len", bucket(static_cast<int>(src.end_token - src.first_token)));
    const int gap = src.end_token <= c.first_token ? static_cast<int>(c.first_token - src.end_token)
                                                    : -static_cast<int>(src.first_token - c.end_token);
    fv.add("src-gap", gap < 0 ? std::string("after") + bucket(-gap) : std::string(bucket(gap)));
    fv.add("src-first", src.first_token == s.first_token ? "1" : "0");
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
    fv.add("c-to-end", whole.end >= end ? "1" : "0");
    if (whole.end < s.end_token) fv.add("c-next", fw_[whole.end]);
    if (s.end_token > s.first_token && text(s.end_token - 1) == "?") fv.add("question");
    const bool headline = doc_.paragraphs.empty() || tok(c.first_token).span.begin < doc_.paragraphs[0].span.end;
    fv.add("headline", headline ? "1" : "0");
    fv.add("cue*headline", cue_word, headline ? "1" : "0");

    fv.add("lemma*c-first", lemma, fw_[whole.begin]);
    if (src.kind != MentionKind::kName) fv.add("lemma*src-head", lemma, head);
    if (tagged) fv.add("lemma*c-first-tag", lemma, tag_name(whole.begin, si));
  }

  // The content after "Name:" is taken as said without the model only when
  // it reads as a statement ("Key: | SAS could join Isis fight"): a clause
  // with a finite verb that is not a question. Labels before a title, a
  // byline or an interview question ("The Ninth Circle: | The Hellish View
  // …", "Contributing: | Todd Spangler", "Q: | Have you talked to her?") are
  // the model's choice.
  bool colon_statement(const Frame& f) {
    const Sentence& s = doc_.sentences[f.sentence];
    if (s.end_token > s.first_token && text(s.end_token - 1) == "?") return false;
    for (const Range& r : f.content)
      for (uint32_t t = r.begin; t < r.end; ++t)
        if (pos::is_finite_verb(tag_of(t, f.sentence))) return true;
    return false;
  }

  // What a reported-speech candidate's content is made of, with the cue's
  // lemma: a clause with a finite verb ("said | the plan would fail"), only a
  // non-finite verb ("plans to | meet with Reid", "calling | himself Paul") or
  // no verb ("Contributing: | Todd Spangler", "show | the three islands");
  // whether it is only proper nouns (a name, not a statement); and the tag
  // right after the cue ("plan" + TO, "call" + PRP, "say" + IN).
  void content_shape_features(const Frame& f, std::string_view lemma, FeatureVector& fv) {
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

  // The first token of the subject whose last words start at t: back over
  // the words of the noun phrase ("The birth of the newest | Clinton"), up to
  // punctuation, a conjunction or a verb.
  uint32_t subject_start(uint32_t t, uint32_t si) {
    const uint32_t b = doc_.sentences[si].first_token;
    uint32_t k = t;
    while (k > b && t - k < 12) {
      const Token& pt = tok(k - 1);
      if (pt.in_quote || (pt.kind != TokenKind::kWord && pt.kind != TokenKind::kNumber)) break;
      const std::string_view w = fw_[k - 1];
      if (lex_.is(WordClass::kConj, w) || w == "that" || w == "who" || w == "which" || lex_.cue(w)) break;
      const uint8_t tg = tag_of(k - 1, si);
      if (pos::is_verbal(tg) || pos::is_conjunction(tg) || pos::is_adverb(tg)) break;
      --k;
    }
    return k;
  }

  // A frame without a source (has_sourceless_option): the cue and the words
  // around it say whether the subject is reported ("is expected to") or speaks.
  void sourceless_features(const Frame& f, std::string_view lemma, FeatureVector& fv) {
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

  // The features of a quotation that no frame claimed, by how it got its speaker.
  void standalone_features(const char* origin, const QuotedRegion& qr, Range range, uint32_t si, int para_gap,
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
    fv.add("whole-sentence", whole_sentence ? "1" : "0");
    fv.add("origin*whole", origin, whole_sentence ? "1" : "0");
    fv.add("continues", qr.continues_previous ? "1" : "0");
    fv.add("closed", qr.closed ? "1" : "0");
    fv.add("para-gap", static_cast<int64_t>(para_gap));
    fv.add("para-first", qr.first_token <= doc_.paragraphs[qr.paragraph].first_token + 1 ? "1" : "0");
  }

  void emit_frames(std::vector<Frame>& frames, size_t region_begin, size_t region_end) {
    const size_t first_quote = doc_.quotes.size();
    for (Frame& f : frames) {
      // Two cues never claim the same words ("Rob Andrew said: "…"" is one quote, not two).
      bool taken = false;
      for (size_t i = first_quote; i < doc_.quotes.size() && !taken; ++i)
        for (Span sp : doc_.quotes[i].spans)
          for (const Range& r : f.content) taken = taken || byte_span(r).overlaps(sp);
      if (taken) continue;
      QuoteKind kind = kind_of(f.content);
      // Regions inside the content belong to this frame.
      for (size_t r = region_begin; r < region_end; ++r) {
        const QuotedRegion& qr = doc_.quoted[r];
        for (const Range& cr : f.content)
          if (qr.first_token < cr.end && qr.end_token > cr.begin) region_used_[r] = true;
      }
      if (kind == QuoteKind::kIndirect && !opt_.indirect) continue;
      for (Range& r : f.content) r = drop_unmatched_close(r);
      Quote q;
      for (const Range& r : f.content) q.spans.push_back(byte_span(r));
      q.span = {q.spans.front().begin, q.spans.back().end};
      q.kind = kind;
      q.cue = f.cue->span;
      SpeakerLink link;
      if (f.source >= 0) {
        Speaker sp;
        sp.mention = doc_.mentions[f.source].span;
        q.speaker = sp;
        link.mention = f.source;
      }
      frame_features(f, fv_);
      if (f.sourceless_option) {
        // Training: the same candidate without its source, labelled on its own.
        Quote alt = q;
        const Frame g = sourceless(f);
        alt.spans.clear();
        for (const Range& r : g.content) alt.spans.push_back(byte_span(r));
        alt.span = {alt.spans.front().begin, alt.spans.back().end};
        alt.speaker.reset();
        push_quote(std::move(q), link, &f.ends);
        frame_features(g, fv_);
        push_quote(std::move(alt), SpeakerLink{});
        continue;
      }
      push_quote(std::move(q), link, &f.ends);
    }
  }

  void emit_standalone(const std::vector<Frame>& frames, uint32_t si, size_t region_begin, size_t region_end) {
    for (size_t r = region_begin; r < region_end; ++r) {
      if (region_used_[r]) continue;
      const QuotedRegion& qr = doc_.quoted[r];
      Range range = trim({qr.first_token, qr.end_token});
      if (range.empty()) continue;
      const int words = word_count(range.begin, range.end);
      const Sentence& s = doc_.sentences[si];
      const bool whole_sentence = qr.first_token <= s.first_token + 1 && qr.end_token + 2 >= s.end_token;
      if (words < 3 && !whole_sentence) continue;  // scare quotes, titles
      if (words < 2) continue;
      if (is_title(range) || markup_value(qr) || credited(qr)) continue;
      region_used_[r] = true;
      if (continues_previous_quote(qr)) {
        Quote* prevp = &doc_.quotes.back();
        // ""…," said X, who declined to run again. "…"": the reported speech
        // of a clause about the source is not what the quotation goes on
        // with; the quotation its sentence opened with is.
        const size_t n = doc_.quotes.size();
        if (prevp->kind == QuoteKind::kIndirect && n >= 2 && doc_.quotes[n - 2].kind != QuoteKind::kIndirect &&
            doc_.quotes[n - 2].speaker && sentence_of(doc_.quotes[n - 2].span.end) == sentence_of(prevp->span.begin))
          prevp = &doc_.quotes[n - 2];
        Quote& prev = *prevp;
        prev.spans.push_back(byte_span(range));
        prev.span.end = prev.spans.back().end;
        if (prev.kind == QuoteKind::kIndirect) prev.kind = QuoteKind::kMixed;
        continue;
      }
      Quote q;
      q.spans.push_back(byte_span(range));
      q.span = q.spans.front();
      q.kind = QuoteKind::kDirect;
      SpeakerLink link;
      const char* origin = "none";
      int para_gap = 0;
      if (intro_.source >= 0 && intro_.sentence + 1 == static_cast<int32_t>(si) &&
          qr.first_token <= s.first_token + 1) {
        // Introduced by the sentence before: "He said:" ¶ "…"
        link.mention = intro_.source;
        Speaker sp;
        sp.mention = doc_.mentions[intro_.source].span;
        q.speaker = sp;
        q.cue = intro_.cue->span;
        origin = "intro";
        intro_ = {};
      } else if (frames.empty() && sentence_subject(si, qr.first_token) >= 0) {
        // "Moore thanked him for "stepping up …"": the sentence's subject.
        const int32_t m = sentence_subject(si, qr.first_token);
        link.mention = m;
        Speaker sp;
        sp.mention = doc_.mentions[m].span;
        q.speaker = sp;
        origin = "subject";
      } else if (!frames.empty() && frames.front().source >= 0) {
        // "The process … "could lead to a debate" and Mr Key said …"
        const Frame& f = frames.front();
        link.mention = f.source;
        Speaker sp;
        sp.mention = doc_.mentions[f.source].span;
        q.speaker = sp;
        q.cue = f.cue->span;
        origin = "sentence-frame";
      } else if (!doc_.quotes.empty()) {
        // Carried over from the quote just before, within a few paragraphs.
        int32_t prev = -1;
        for (size_t i = doc_.quotes.size(); i-- > 0;) {
          if (doc_.quotes[i].span.begin < qr.open_mark.begin) { prev = static_cast<int32_t>(i); break; }
        }
        if (prev >= 0 && doc_.quotes[prev].speaker) {
          const uint32_t prev_para = paragraph_of(doc_.quotes[prev].span.begin);
          if (continues_in_next_paragraph(doc_.quotes[prev], qr)) {
            Quote& pq = doc_.quotes[prev];
            pq.spans.push_back(byte_span(range));
            pq.span.end = pq.spans.back().end;
            continue;
          }
          if (qr.paragraph - prev_para <= 3) {
            link.carried_from = prev;
            q.speaker = Speaker{};
            q.speaker->mention.reset();
            origin = "carried";
            para_gap = static_cast<int>(qr.paragraph - prev_para);
          }
        }
      }
      standalone_features(origin, qr, range, si, para_gap, fv_);
      push_quote(std::move(q), link);
    }
  }

  // A title in quotation marks ("Fox and Friends", "How the Grinch Stole
  // Christmas"): every content word capitalised, and short.
  bool is_title(Range r) const {
    int content = 0, capitalised = 0;
    for (uint32_t t = r.begin; t < r.end; ++t) {
      if (tok(t).kind != TokenKind::kWord) continue;
      const std::string_view w = fw_[t];
      if ((w.size() <= 3 && !tok(t).has(kCapitalized)) || is_preposition(w) || is_determiner(w) ||
          lex_.is(WordClass::kConj, w))
        continue;
      ++content;
      capitalised += tok(t).has(kCapitalized);
      if (content > 12) return false;
    }
    return content >= 2 && capitalised == content;
  }

  // "—"Met accused of whitewashing baby Jesus," by Post's Kathianne Boniello:
  // …": a headline or title credited to its author, not a statement.
  bool credited(const QuotedRegion& qr) const {
    if (!qr.closed) return false;
    uint32_t t = qr.end_token + 1;
    if (t < doc_.tokens.size() && is_comma(t)) ++t;
    return t < doc_.tokens.size() && fw_[t] == "by";
  }

  // tweet-date="March 10, 2016": an attribute value in markup, not a quotation.
  bool markup_value(const QuotedRegion& qr) const {
    return qr.open_mark.begin > 0 && doc_.text()[qr.open_mark.begin - 1] == '=';
  }

  // A quotation that follows the previous quote in the same paragraph with only
  // that quote's cue, source and a few words between ("Q1," Graham said. "Q2.")
  // is more of the same statement: one attribution, another span. A cue in
  // the words between starts another statement ("Q1," Graham said. Smith
  // disagreed. "Q2.") when it frames quotations, is a verb and is not in a
  // relative clause about the source (", who spoke on condition of
  // anonymity."); "a Colorado state director" or "a liberal think tank" is none.
  bool continues_previous_quote(const QuotedRegion& qr) {
    if (doc_.quotes.empty() || links_.empty()) return false;
    const Quote& prev = doc_.quotes.back();
    const SpeakerLink& link = links_.back();
    if (!prev.speaker || prev.span.end > qr.open_mark.begin) return false;
    if (paragraph_of(prev.span.end) != qr.paragraph) return false;
    Span cue = prev.cue.value_or(Span{});
    Span source = link.mention >= 0 ? doc_.mentions[link.mention].span : Span{};
    int extra_words = 0;
    for (uint32_t t = first_token_from(doc_, prev.span.end); t < doc_.tokens.size() && tok(t).span.begin < qr.open_mark.begin; ++t) {
      const Token& k = tok(t);
      if (k.kind != TokenKind::kWord && k.kind != TokenKind::kNumber) continue;
      if (cue.contains(k.span) || source.contains(k.span)) continue;
      const CueEntry* cue_word = lex_.cue(fw_[t]);
      if (cue_word && cue_word->prior >= kMinFramePrior && !fw_[t].ends_with("ing") &&
          pos::is_finite_verb(tag_of(t, sentence_containing(doc_, t))) &&
          !(fw_[t - 1] == "who" || fw_[t - 1] == "which" || fw_[t - 1] == "that"))
        return false;
      if (++extra_words > kMaxWordsBetweenSpans) return false;
    }
    return true;
  }

  // A quotation that is a whole paragraph, right after a paragraph that
  // opens with the previous quote, all in quotation marks (""Q1," X said. ¶
  // "Q2.""), goes on with that statement: PolNeAR annotates one attribution
  // with both fragments.
  bool continues_in_next_paragraph(const Quote& prev, const QuotedRegion& qr) const {
    const uint32_t prev_para = paragraph_of(prev.spans.back().begin);
    if (prev.kind != QuoteKind::kDirect || qr.paragraph != prev_para + 1) return false;
    const Paragraph& pp = doc_.paragraphs[prev_para];
    const Paragraph& qp = doc_.paragraphs[qr.paragraph];
    if (first_token_from(doc_, prev.spans.back().begin) > pp.first_token + 1) return false;
    return qr.first_token <= qp.first_token + 1 && qr.end_token + 2 >= qp.end_token;
  }

  uint32_t sentence_of(uint32_t offset) const { return segment_at(doc_.sentences, offset); }
  uint32_t paragraph_of(uint32_t offset) const { return segment_at(doc_.paragraphs, offset); }

  Document& doc_;
  const Lexicon& lex_;
  const ExtractorOptions& opt_;
  const FoldedWords& fw_;  // folded tokens
  const Tagger* tagger_;
  const AttributionModel* model_;
  std::vector<CandidateTrace>* trace_out_;
  bool report_all_;                     // training: report every candidate
  std::vector<CandidateTrace> traces_;  // per quote in doc_.quotes, when trace_out_
  FeatureVector fv_, efv_, qfv_;
  std::vector<uint32_t> ends_;  // scratch: candidate content ends
  bool opens_sub_ = false;  // scratch: the content opens with a subordinate clause (choose_end)
  bool fronted_ = false;   // scratch: the cue is in a fronted subordinate clause (choose_end)
  std::string kind_buf_;   // scratch: phrase_after()'s answer after a conjunction
  bool verb_counts_ = false;  // scratch: end_features() counts the verbs of reported speech (choose_end)
  std::vector<uint32_t> words_before_;  // per token: words before it
  SentenceScan scan_;                    // scan() of one sentence
  uint32_t finite_sentence_ = UINT32_MAX;                // the sentence finite_before_ counts
  std::vector<uint32_t> finite_before_;                  // finite verbs before each token of that sentence
  uint32_t end_sentence_ = UINT32_MAX;                   // the sentence next_end_ indexes
  std::vector<uint32_t> next_end_;                       // per token of it: next_end_candidate()
  std::vector<uint32_t> starts_;  // scratch: candidate content starts
  int frames_before_ = 0;  // frames already built in the sentence of the frame being built
  std::vector<bool> tagged_;
  std::vector<bool> region_used_;
  struct Intro {
    int32_t source = -1;
    const Cue* cue = nullptr;
    int32_t sentence = -2;
  } intro_;  // a cue ending its sentence with a colon, waiting for its quotation
  std::deque<Cue> pseudo_cues_;  // verbs standing in as cues (stable addresses)
  // Per token: whether the mark there opens or closes a quoted region; which
  // region, for the few marks, by (token, region) sorted by token.
  std::vector<bool> opens_region_, closes_region_;
  std::vector<std::pair<uint32_t, int32_t>> region_opened_at_, region_closed_at_;
  size_t sorted_mentions_ = 0;
  std::unordered_map<uint64_t, int32_t> added_mentions_;  // (first, end token) → index
  std::vector<SpeakerLink> links_;
};

}  // namespace

std::vector<SpeakerLink> attribute(Document& doc, const Lexicon& lexicon, const ExtractorOptions& options,
                                   const FoldedWords& folded, const Tagger* tagger,
                                   const AttributionModel* model, std::vector<CandidateTrace>* trace,
                                   bool report_all) {
  return Attributor(doc, lexicon, options, folded, tagger, model, trace, report_all).run();
}

}  // namespace whosaid
