// Internal to the attribution stage: the Attributor behind attribute() (see
// attributor.h), one object per document. Its member functions are defined by
// concern, one file each in src/attribution/:
//   attributor.cc     the stage driver: sentence by sentence, frames then quotes; mentions sorted at the end
//   sentence_scan.cc  per-token and per-sentence tables, tags on demand
//   tree.cc           the dependency tree on demand, and frames checked against it
//   frames.cc         frames from cues: the verb, its object and its content
//   frame_joins.cc    frames that meet in one sentence: nested, shared-source and split frames
//   sources.cc        sources: mentions at a cue, subjects, tagged noun phrases, appositives
//   content_bounds.cc where content starts and ends: clause boundaries, trailing statements, candidate ends
//   features.cc       features for the model: of frames, candidate ends and starts, standalone quotations
//   quotes.cc         quotes from frames and standalone quotations; continuation across sentences
//   words.h           the word lists the rules share
// A frame is a cue with its source (a mention) and content (token ranges);
// the rules build frames per sentence, then quotes are emitted from them.
// TokenView is the read-only part every rule shares (tokens, folded words,
// lexicon); a rule that needs no other state can be a free function over it.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "attribution/attributor.h"
#include "attribution/model.h"
#include "attribution/words.h"
#include "core/positions.h"
#include "core/utf8.h"
#include "tagger/tag_set.h"

namespace whosaid {

class Parser;
class Tagger;

namespace attribution {

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
  std::string_view origin = "frame";  // which rule built it: a model feature
  bool tagged_source = false;    // source found only by its part-of-speech tags
  int32_t particle = -1;         // token of a preposition taken by the cue ("called for"), -1 if none
  bool sourceless_option = false;  // training: also emit the frame without its source (sourceless())
  bool noun_cue = false;         // the cue word is tagged as a noun ("calls", "claims")
  CandidateTrace ends;           // candidate content ends, kept for training
};

// What every rule reads and none changes: the document's tokens and text,
// their folded forms and the lexicon, with the token tests all rules share.
// Rules written as free functions take it by const reference; the Attributor
// is one (it also writes the document: mentions it adds, quotes).
struct TokenView {
  const Document& document_;
  const Lexicon& lex_;
  const FoldedWords& fw_;  // folded tokens

  const Token& tok(uint32_t t) const { return document_.tokens[t]; }
  std::string_view text(uint32_t t) const { return document_.slice(document_.tokens[t].span); }
  bool is_comma(uint32_t t) const { return text(t) == ","; }
  // The "(" nearest before the ")" at token `close`, at most `reach` tokens
  // before it and not before token `lowest`; -1 when there is none.
  int32_t paren_opening(uint32_t close, uint32_t lowest, uint32_t reach) const {
    for (uint32_t d = 1; d <= reach && d <= close && close - d >= lowest; ++d)
      if (text(close - d) == "(") return static_cast<int32_t>(close - d);
    return -1;
  }
  bool is_dash(uint32_t t) const { return utf8::is_dash_token(text(t)); }
  // A hyphen standing alone between spaces for a dash ("$275 billion - half of
  // what …", "Mrs. Clinton - "Born …"").
  bool is_spaced_hyphen(uint32_t t) const {
    const Span sp = document_.tokens[t].span;
    const std::string_view all = document_.text();
    return text(t) == "-" && sp.begin > 0 && sp.end < all.size() && all[sp.begin - 1] == ' ' &&
           all[sp.end] == ' ';
  }
  // A comma, semicolon, colon, opening parenthesis or dash: where a clause may end.
  bool is_boundary_punct(uint32_t t) const {
    const std::string_view w = text(t);
    return w == "," || w == ";" || w == ":" || w == "(" || is_dash(t);
  }
  Span byte_span(Range r) const { return {tok(r.begin).span.begin, tok(r.end - 1).span.end}; }
  uint32_t sentence_of(uint32_t offset) const { return segment_at(document_.sentences, offset); }
  uint32_t paragraph_of(uint32_t offset) const { return segment_at(document_.paragraphs, offset); }
};

class Attributor : private TokenView {
 public:
  Attributor(Document& doc, const Lexicon& lex, const ExtractorOptions& opt, const FoldedWords& folded,
             const Tagger* tagger, const AttributionModel* model, std::vector<CandidateTrace>* trace,
             bool report_all);
  // Frees the per-thread memory (Memory) after a document longer than
  // kKeptTokens: what is kept for the next document stays bounded.
  ~Attributor();
  Attributor(const Attributor&) = delete;
  Attributor& operator=(const Attributor&) = delete;
  std::vector<SpeakerLink> run();

 private:
  // Per token of sentence si (indexes from its first token): the next token
  // inside or opening a quotation, the next clause boundary (absolute indexes,
  // the sentence end when none), the commas and the quotation openings before
  // it, and the token after the last closing mark before it (0 when none).
  // (The counts are made only for a sentence where one is asked for:
  // `counted`; most sentences ask for the next quotation and boundary only.)
  struct SentenceScan {
    uint32_t sentence = UINT32_MAX, first = 0, end = 0, counted = UINT32_MAX;
    std::vector<uint32_t> next_quoted, next_boundary, commas_before, openings_before, after_close_before;
  };

  // The marks of quoted regions.
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
  int word_count(uint32_t b, uint32_t e) const {
    return e <= b ? 0 : static_cast<int>(words_before_[e] - words_before_[b]);
  }
  bool is_clause_joint(uint32_t t) const { return is_clause_comma(t) || fw_[t] == "and" || fw_[t] == "but"; }
  std::string_view tag_name(uint32_t t, uint32_t si) { return penn_view(tag_of(t, si)); }
  // pos::penn_name() as a view without its strlen: tag names are in the
  // features of every candidate end and start.
  static std::string_view penn_view(uint8_t tag) {
    return tag < pos::kNumTags ? kPennViews[tag] : std::string_view(pos::penn_name(tag));
  }
  static const std::array<std::string_view, pos::kNumTags> kPennViews;  // (sentence_scan.cc)

  // ---- attributor.cc: the stage driver: sentence by sentence, frames then quotes; mentions sorted at the end.
  void sort_mentions(std::vector<SpeakerLink>& links);

  // ---- sentence_scan.cc: per-token and per-sentence tables, tags on demand.
  // The part-of-speech tag of token t in sentence si, tagging the sentence on
  // first use: only the few sentences where a rule asks are ever tagged.
  // (Inline: the features of every candidate end and start ask for tags.)
  uint8_t tag_of(uint32_t t, uint32_t si) {
    if (!tagger_) return 0;
    if (!tagged_[si]) [[unlikely]]
      tag_sentence(si);
    return tok(t).tag;
  }
  void tag_sentence(uint32_t si);
  // Tables that make the scans of every cue's candidates O(1): a sentence of
  // cue words holds hundreds of cues, each with up to 32 candidate ends, and
  // scanning the sentence for each made dense text slow. Words before each
  // token for the document (4 bytes a token); the rest per sentence (scan()),
  // so that memory stays a few bytes per input byte on dense text.
  void index_tokens();
  const SentenceScan& scan(uint32_t si);
  const SentenceScan& scan_counts(uint32_t si);  // scan() with the counts
  // The first token from t in sentence si that choose_end() may take as a
  // content end for some stop (a superset: the loop there still checks each);
  // t itself when t lies outside the sentence.
  uint32_t next_end_candidate(uint32_t t, uint32_t si);
  // The first token in [b, limit) inside or opening a quotation; limit if none.
  uint32_t first_quoted(uint32_t b, uint32_t limit, uint32_t si);
  // The first clause boundary in [b, limit); limit if none.
  uint32_t first_boundary(uint32_t b, uint32_t limit, uint32_t si);
  // Commas among the tokens [b, e).
  uint32_t commas(uint32_t b, uint32_t e, uint32_t si);
  // Quotation openings among the tokens [b, e) of sentence si.
  uint32_t openings(uint32_t b, uint32_t e, uint32_t si);
  // The token after the last closing mark in [b, e) of sentence si; b if none.
  uint32_t after_last_close(uint32_t b, uint32_t e, uint32_t si);
  // Finite verbs (tagged words) among the tokens [b, e) of sentence si.
  uint32_t finite_verbs(uint32_t b, uint32_t e, uint32_t si);
  bool skippable(uint32_t t) const;

  // ---- tree.cc: the dependency tree of a sentence, parsed on first use, and the checks of frames against it.
  // Parses sentence si (tagging it first) on first use: only the sentences a
  // check below needs. False without a tagger.
  bool parsed(uint32_t si);
  // The word of cue c that heads it in the tree ("according" of "according
  // to", "pointed" of "pointed out"): the first whose head lies outside it.
  uint32_t cue_root(const Cue& c) const;
  // How the phrase [first, end) (a source, a content) hangs from the cue's
  // word `root`: its relation when its head word is a child of the cue
  // ("nsubj", "obj", "iobj", "ccomp"…), "under" when deeper below the cue,
  // "above" when it dominates the cue, "apart" otherwise.
  std::string_view relation_to(uint32_t first, uint32_t end, uint32_t root) const;
  // The subject of the cue word `root` in sentence si: its nsubj; for "who"
  // or "which" of a relative clause the noun the clause is about ("officials
  // who said"); for a second verb of a coordination or an xcomp without a
  // subject of its own ("… and said", "went on to say"), the first verb's.
  // -1 when there is none.
  int64_t tree_subject(uint32_t root, uint32_t si) const;
  // Who speaks for source m of a frame in sentence si: m itself, or -1 when
  // it cannot speak (a year, "Asked", "Following": a lone cue word capitalised
  // by the sentence start), or, when m is an occasion or a message that a verb
  // takes as its object or place ("said in a phone interview: …", "issued a
  // statement calling …", "at a news conference announcing …"), the subject
  // of that verb when a mention stands there.
  int32_t speaking_source(int32_t m, uint32_t si);
  // The noun phrase headed by word n without what the tree hangs after a
  // comma: its left dependents and the phrases after it ("Fans of the club"
  // of "Fans of the club, who travelled to Madrid,").
  Range head_phrase(uint32_t n, uint32_t si) const;
  // Checks a verb cue's frame against the tree of its sentence, where the
  // rules reached past the words next to the cue:
  // - the source is the cue's subject (tree_subject), not a name inside an
  //   apposition or relative clause before it ("Fans of the club, who
  //   travelled to Madrid, said" → "Fans of the club");
  // - a statement before the cue that the tree reads as an adjunct of it ("In
  //   an interview with the Guardian, Ms Smith said she would stand") is not
  //   what was said: the content is the cue's clausal complement after it.
  // Sentences where the source stands next to the cue are not parsed.
  void check_with_tree(Frame& f);
  // A cue in a fronted clause ("Asked about the vote, Smith told the BBC he
  // was confident", "While promising to reverse job losses, Mrs. Clinton has
  // run …"): its content lies inside the cue's own clause in the tree, so the
  // candidate ends (ends_) past that clause are dropped.
  void within_cue_clause(const Frame& f);
  // "According to the head of the union, Bob Crow, …": the name the tree
  // reads as an apposition to nominal source m (a name the mention stage
  // found right after m's comma) is who speaks; else m.
  int32_t appositive_name(int32_t m, uint32_t si);
  // "According to Bob Crow, the head of the union, …", "According to an
  // official, who spoke on condition of anonymity, …": the token after the
  // apposition or relative clause that the tree hangs from mention m, where
  // m's phrase ends; `after` (the token after m) when none follows.
  uint32_t past_apposition(uint32_t after, int32_t m, uint32_t si);
  // The first token of [from, limit) that the tree hangs from mention src as
  // an apposition (or, with `clause`, a relative clause); -1 if none (both
  // checks above look for one).
  int64_t apposition_to(const Mention& src, uint32_t from, uint32_t limit, bool clause = false) const;
  // Whether mention m stands next to cue c: right before it (past adverbs and
  // auxiliaries) or right after it.
  bool next_to_cue(const Mention& m, const Cue& c) const;
  // Whether only an apposition stands between mention m and the cue after it
  // ("Stephen Toulouse, a security manager at Microsoft, said"): words set off
  // by commas without a verb, a relative pronoun or a conjunction. The rules'
  // source is the subject there; the sentence is not parsed for it.
  bool apposition_between(const Mention& m, const Cue& c, uint32_t si);

  // ---- frames.cc: frames from cues: the verb, its object and its content.
  std::optional<Frame> build_frame(const Cue& c, uint32_t si);
  // "The NEA estimates that …", "The candidate plans to be back …": a cue the
  // tagger read as a noun still heads the clause when its subject ends right
  // before it and a complement ("that", "to", an object) follows; the model
  // weighs it (feature noun-cue).
  bool verb_slot(const Frame& f, const Cue& c) const;
  // "Christie endorsed Trump", "supported her", "75 percent said yes": one
  // word of reported speech is content when it is the object of a verb cue,
  // a noun, pronoun or number (not "that", "about", "out" left by a short end).
  bool nominal_object(const Frame& f, const Cue& c);
  // "The birth of the newest Clinton is expected to coincide with …", "The
  // speaker appeared closer to …": a subject right before a passive or
  // raising cue is often what is reported, not who reports it (PolNeAR: an
  // attribution without a source whose content is the subject and the rest).
  // Such frames are scored both ways and the model picks.
  bool has_sourceless_option(const Frame& f) const;
  Frame sourceless(const Frame& f);
  // A frame around a quotation that the rules alone do not trust: its cue is
  // rare ("heralded", "mocked") or its source was found only by its tags
  // ("Proponents of the bill say"). The model takes it as it takes reported
  // speech, at its threshold (always, when training, so that it learns them;
  // the trainer counts it among the candidates the threshold decides).
  bool accepted_quoting(const Frame& f);
  // Whether the model takes an indirect candidate (always, when training).
  bool accepted(const Frame& f);
  bool verb_frame(const Cue& c, const Sentence& s, uint32_t end, Frame& f);
  // "Asked about his paid speeches, Huckabee's campaign said …", "… he said
  // when asked whether he would run": a question put to someone, with no
  // asker named (PolNeAR: an attribution without a source whose content is
  // the question). Only "asked" with no subject: opening the sentence, or after
  // "when", "after", "if" or a comma; adjuncts ("on Monday", "at a briefing")
  // are stepped over up to "about" or an indirect question.
  bool asked_question(const Cue& c, const Sentence& s, uint32_t end, std::string_view lemma, Frame& f);
  // "called for the impeachment of …", "talked about how …", "railed against
  // …": a preposition right after the cue (and its adverbials) belongs to the
  // cue, and its object is the content. Returns where the content starts and
  // records the preposition in f.particle.
  uint32_t after_particle(uint32_t k, uint32_t end, Frame& f);
  // "asked Clinton | if Trump benefits …", "told them | how …": an indirect
  // question after the object of an object-taking cue.
  bool opens_question(uint32_t t) const;
  uint32_t skip_adjuncts(uint32_t k, uint32_t end, std::string_view lemma) const;
  // A quotation inside "<subject> <verb> …" with no listed cue: the verb is the
  // cue and what follows it the content ("critics quickly compared Mr. Rubio's
  // repetitiousness to … ''Oops''", "the BLM group is calling on Hillary Clinton
  // to "stop pimping black votes"").
  void subject_verb_frame(uint32_t si, size_t region_begin, size_t region_end, std::vector<Frame>& frames);
  // The source of verb cue v written before it ("Another user, Roland Z, wrote"),
  // for cues that lean on it (a colon after the verb's object).
  bool verb_frame_source(const Cue& v, uint32_t b, Frame& probe);

  // ---- frame_joins.cc: frames that meet in one sentence: nested, shared-source and split frames.
  // "Trump asserted that France had lost its identity: "France is no longer
  // France," he claimed.": a trailing quotation with its own source after a
  // break ends the content of the frame before it, which ran into it.
  void end_before_trailing_quotation(std::vector<Frame>& frames, const Frame& f);
  // Ends the last content range of `outer` at token `cut`, where a statement of
  // its own begins. Whether what is left is still an attribution: at least two
  // words and, for reported speech, taken by the model.
  bool cut_content(Frame& outer, uint32_t cut);
  // A cue inside an earlier frame's content that brings its own source and a
  // quotation ("…, to which O'Malley interjected: "It's just not true."") is a
  // statement of its own: the earlier content ends before that source.
  bool nested_frame(std::vector<Frame>& frames, const Cue& c, uint32_t si);
  // "Netanyahu said that he would go ahead with the meeting, although he
  // tweeted that he "rejects …"" / "…, which he declared "a total disaster"":
  // a cue with its own source after a clause break inside an earlier frame's
  // content, quoting words the earlier part does not, is a statement of its
  // own; the earlier content ends at the break.
  bool split_for_quoting_frame(std::vector<Frame>& frames, Frame& inner);
  // "Ash described the move as a "major breach of trust," adding: "…"": a
  // participle right after the quotation that ends a frame's content shares
  // the frame's source.
  bool participle_after_quotation(const Frame& last, const Cue& c) const;
  // "(A spokeswoman disputed their account.)": a closing parenthesis whose
  // opening one is outside the content is not part of it, nor is the period
  // before it.
  Range drop_unmatched_close(Range r) const;
  // "…, he said, adding that …": a second cue sharing the frame's source.
  void shared_source_frame(std::vector<Frame>& frames, const Cue& c, uint32_t si);
  // "…, others say he has never been healthier" / "… — the actress also
  // pointed that …" / "…; 26 percent say …": a noun phrase (not found by the
  // mention stage) right before a cue inside reported speech, opening a clause
  // after a comma, semicolon, dash or "and"/"but", is that cue's own source.
  int32_t joined_subject(uint32_t p, uint32_t outer_begin, uint32_t si);
  // A second cue sharing a frame's source ("…, adding that …"): not for rare
  // cues, which inside reported speech are mostly part of it ("Labour was open
  // to … but it still wanted a review"), and the model's choice for reported speech.
  bool shared_ok(const Frame& f);
  static bool covered(const std::vector<Frame>& frames, uint32_t t);

  // ---- sources.cc: sources: mentions at a cue, subjects, tagged noun phrases, appositives.
  // The mention covering token t among those found by the mention stage.
  int32_t found_mention_at(uint32_t t) const;
  // The mention ending at token t, creating a nominal one when the words there
  // look like "a spokesman for the ministry" / "officials" / "the report".
  int32_t mention_ending_at(uint32_t t, uint32_t sentence_begin);
  // "A spokesman for the Commerce Department": a name that completes a nominal
  // source through "for/of/at" is that source, not the named body.
  int32_t with_head_noun(int32_t m, uint32_t sentence_begin);
  int32_t mention_starting_at(uint32_t t, uint32_t sentence_end);
  // Nominal mentions made here are appended; run() sorts them into place.
  int32_t add_mention(const Mention& m);
  // Whether mention m is a body, place or nationality describing the
  // lower-case person noun right after it, before token `end`: "the British
  // actor", "a Conservative spokeswoman" (mentions/mention_finder.cc types
  // such a name an organisation). The phrase is the source, not the name.
  bool describes_person_noun(int32_t m, uint32_t end) const;
  // A noun phrase starting at token t by its tags: determiner? adjectives,
  // nouns, numbers, possessives, and one "of"/"by" phrase ("a new poll by the
  // Harvard University Institute of Politics"), ending at a noun or number.
  int32_t tagged_noun_phrase_starting_at(uint32_t t, uint32_t e, uint32_t si);
  // A quantity standing for the people counted, whatever its tag: "Nearly
  // half said", "26% say", "a third said", "many believe", "few think".
  bool quantity_head(uint32_t t) const;
  // A noun phrase ending at token t by its tags: determiner? adjectives, nouns,
  // numbers, possessives, and one "of" phrase ("the top candidates of both
  // parties"), headed by a noun, number or pronoun ("another says").
  int32_t tagged_noun_phrase_ending_at(uint32_t t, uint32_t b, uint32_t si);
  // Whether token t of sentence si is a plural noun for people ("nurses",
  // "officials"), by its tag and WordNet.
  bool plural_people(uint32_t t, uint32_t si);
  // "A Des Moines Register poll released Saturday found …", "A court document
  // filed Thursday says …": a subject whose noun is followed by a past
  // participle and its adjuncts (a few words, no punctuation) before the cue at
  // p. The source is the whole phrase.
  int32_t reduced_relative_subject(uint32_t p, uint32_t b, uint32_t si);
  // Start of the noun phrase whose head mention starts at t: steps back over a
  // possessive or title ("The Post's Dana Milbank", "Twitter's Adam Sharp").
  uint32_t np_start(uint32_t t, uint32_t b) const;
  // The first token of a short subject between a closing quotation mark (and
  // its comma) and the cue at p: ""…," the real estate developer said". p when
  // there is none: more than 7 words, a comma, a conjunction or a verb-like word.
  uint32_t subject_after_quote(uint32_t p, uint32_t b, uint32_t si);
  // Its walk back from p, reading tags (verb-like words) or not.
  uint32_t subject_after_quote_walk(uint32_t p, uint32_t b, uint32_t si, bool tags);
  // "Wednesday on Fox News Channel's "Hannity," Newt Gingrich said if …": the
  // quotation closing before the subject (at q - 1 or q - 2) is a title
  // ending a phrase that opens the sentence, not a statement; the cue's
  // content comes after it.
  bool title_closes_phrase(uint32_t q, uint32_t b) const;
  // ""…," the email read." / ""…," it reads, "…"": a rare cue still closes the
  // statement when a short subject follows the quotation and the sentence or
  // clause ends right after it.
  bool closes_quote_statement(const Cue& c, uint32_t si);
  // ""…," tweeted another." / ""…," concluded a 2013 article in the journal.": the
  // words after an inverted cue up to the clause end are its source.
  // The person's name mention right after mention `body` (a body's name, not
  // a person's) and lower-case premodifiers that end in a person noun or role
  // ("BBC['s] labour affairs correspondent | Stephen Cape"), or -1.
  int32_t name_after_premodifiers(int32_t body, uint32_t end) const;
  int32_t subject_after_cue(const Cue& c, uint32_t e);
  // Whether the clause ends at token k: punctuation, or an adverbial ("in a
  // statement", "on Monday", "who …") after an inverted source.
  bool ends_clause_after(uint32_t k, uint32_t e) const;
  // "Another source familiar with Cruz's thinking said, "…"": when the cue opens
  // a quotation (after a comma or colon) and only a short phrase without a verb
  // comes before it in the sentence, that phrase is the source.
  int32_t subject_before_quote(const Cue& c, uint32_t si, uint32_t p, uint32_t end);
  // The last mention found by the mention stage inside tokens [b, e).
  int32_t last_mention_in(uint32_t b, uint32_t e) const;
  // A source made of the words [b, e) when the mention stage found none there
  // ("the suit", "it", "another"): a nominal mention, or a pronoun for "it".
  int32_t phrase_mention(uint32_t b, uint32_t e);
  // Whether a name ends right before the comma at `comma` ("Sarandon, 69, told"),
  // or an apposition opens after a role or person noun ("Its general
  // secretary, Pat Cullen, called"): then the cue's source is before the
  // cue, not the words after it.
  bool found_source_before_comma(uint32_t comma, uint32_t b) const;
  // The subject of sentence si when it is a person or body named (or a
  // pronoun) at the start, before token `before`: "On Monday, Trump groused …".
  int32_t sentence_subject(uint32_t si, uint32_t before) const;
  // A name that labels the quotation right after it at the start of a
  // paragraph, before a colon (or nothing, after a bullet): "Rovers boss Sam
  // Allen: "We deserved more."", "- Bolton boss Sam Allardyce "I am
  // disappointed."" (lists of reactions in match reports and round-ups). The
  // mention, or -1; `colon` is set to the colon token when there is one.
  int32_t label_source(uint32_t si, const QuotedRegion& qr, int32_t& colon) const;
  // A transcript's speaker label opening a quotation: ""WALLACE: If I may,
  // sir …"", ""PENCE: Well, …"" (a broadcast transcript quoted paragraph by
  // paragraph). One to three words in capitals and a colon at the quotation's
  // start: returns the mention of the name (adding one if the mention finder
  // made none) and sets `colon` to the colon token; -1 when there is none.
  int32_t transcript_label(Range range, uint32_t& colon);
  // "After Clinton suffered a concussion, Axelrod emailed her …": a subject
  // found inside an opening subordinate clause gives way to the one after the
  // clause's comma, when a name stands there.
  int32_t past_subordinate_clause(int32_t m, uint32_t before) const;
  // The subject of the main clause of sentence si, before token `before`: the
  // first name or pronoun followed by a verb, past a parenthesis or an
  // apposition ("Speaking in Salem, New Hampshire, Trump went after Bush,
  // calling him …", "Ed Rendell (D), a Clinton supporter, praised …").
  int32_t clause_subject(uint32_t si, uint32_t before);
  // The source before a comma that closes an apposition ending right before the
  // cue at p. Among names followed by a comma, a name in subject position (after
  // the sentence start, a comma or a conjunction) beats one inside the
  // apposition ("Zimmerman, who identifies as Hispanic, told …").
  int32_t appositive_source(uint32_t p, uint32_t b);
  // "Many speakers at the service — including Muslims, Christians, Jews —
  // said …", "Three-in-five GOP insiders — and two-thirds of Republicans in New
  // Hampshire — said …": the words before an aside set off by dashes ending
  // right before the cue at p are its source when they hold no verb.
  int32_t subject_before_aside(uint32_t p, uint32_t b, uint32_t si);
  // "The complaint, which was filed in federal court in Washington, alleged":
  // the cue after a relative clause set off by commas takes the noun phrase
  // before the clause, not a name inside it.
  int32_t relative_clause_source(uint32_t p, uint32_t b, uint32_t si);
  bool pronoun_is_object(int32_t m) const;
  // The first token of the subject whose last words start at t: back over
  // the words of the noun phrase ("The birth of the newest | Clinton"), up to
  // punctuation, a conjunction or a verb.
  uint32_t subject_start(uint32_t t, uint32_t si);

  // ---- content_bounds.cc: where content starts and ends: clause boundaries, trailing statements, candidate ends.
  // Token index just past the content of a clause ending at the sentence end:
  // drops final punctuation outside quotation marks.
  uint32_t clause_end(uint32_t begin, uint32_t end) const;
  // Where reported speech ends before the sentence does: at a clause boundary
  // (";", a dash, ", and …", ", adding …") after the last quotation in it, so
  // "… "dangerously wrong" -- all without speaking his name" stops at the dash.
  uint32_t clause_cut(uint32_t begin, uint32_t end) const;
  // Where a statement before its cue starts in a sentence starting at b:
  // after a dateline ("TALLAHASSEE — …"), which is the reporter's. (An
  // opening "But" stays: PolNeAR's content keeps it.)
  uint32_t statement_begin(uint32_t b, uint32_t ce) const;
  // Whether a quotation opens at token t (at its opening mark or first word).
  bool opens_quotation(uint32_t t) const;
  // Whether the words from token t open a quotation right after a colon, a
  // dash or a semicolon: "… lost its identity: "France is no longer France," he
  // claimed." The quotation is a statement of its own there.
  bool opens_quotation_after_break(uint32_t t) const;
  // ""…," X said" / "…, X said.": the statement [b, ce) before the cue makes
  // f a trailing frame (a comma after the closing mark is left out; the
  // statement starts after a dateline or at a quotation after a break). The
  // origin stays as it is when `origin` is null. A split quote from token
  // `after` (past the cue and its source) joins it (after_trailing()).
  void trailing_statement(Frame& f, uint32_t b, uint32_t ce, const char* origin, uint32_t after, uint32_t e);
  // The start of a trailing statement ""…," he said" in [b, ce): the
  // quotation itself when it follows a colon, dash or semicolon after words of
  // the reporter's, and runs to the end ("Neither man was impressed - "Born
  // with a silver spoon," Mr. Elkins said"); else b.
  uint32_t quotation_after_break(uint32_t b, uint32_t ce) const;
  // "Democrats had "put the biggest crack" yet in the glass ceiling, she said
  // in a video message.": a clause quoting someone before ", X said" is the
  // statement also when an adverbial, not a clause, follows the cue.
  bool quoted_clause_before_cue(uint32_t b, uint32_t ce, uint32_t after_cue, uint32_t end) const;
  // "She called for getting the program "back on track"" / "He railed
  // against its "Great Wall of Protectionism"": a cue and its preposition
  // take the object as content when the object quotes someone; "said on
  // Monday" and "spoke of the past" without a quotation are left over.
  uint32_t quoted_object_after_preposition(const Cue& c, uint32_t k, uint32_t end) const;
  // Where reported speech ends: the rules cut at the first clause boundary
  // after the last quotation (clause_cut); the model instead scores every
  // boundary up to the next quotation mark (", and …", ", which …", "; ", a
  // dash, the sentence end) and takes the best. Content with quotation marks
  // keeps the rules' end.
  void choose_end(Frame& f, uint32_t limit, std::string_view lemma);
  template <typename Features>
  void pick_end(Frame& f, Features features);
  // Where reported speech starts: the rules start right after the cue (and a
  // preposition it takes); PolNeAR's cues are often longer ("pointed out |
  // that", "expressed concern | about", "sought to | ease", "urged the State
  // Department | to review"). Every token a few words on, up to a clause
  // boundary or quotation, is a candidate start; a third set of weights picks
  // one (`start_features`). Content with quotation marks keeps its start.
  void choose_start(Frame& f, uint32_t limit, std::string_view lemma);
  // Where reported speech with quotation marks ends ("Sanders said the trip
  // was "absolutely" a worthwhile diversion | , where he trails …", "called
  // Palin a "clown" | on his radio show …"): every clause boundary after the
  // first quotation closes, and the end of each later quotation, are
  // candidates, scored by the end weights with features of their own. The
  // content never ends inside a quotation or before the first one closes.
  void choose_quoted_end(Frame& f, uint32_t limit, uint32_t first_quote, std::string_view lemma);
  // Whether the cue sits in a fronted subordinate or participial clause
  // ("While promising to reverse job losses, Mrs. Clinton has run …"): the
  // sentence opens with a subordinator (or the cue, a participle) and no
  // comma comes before the content.
  bool fronted_cue(const Frame& f, uint32_t content_begin);
  // A time or "when" adverbial after an object: "agreed to take a second look
  // at it | last June", "countered with a breakfast | the next morning".
  bool adverbial_start(uint32_t t, uint32_t stop) const;
  // After a trailing cue and its source: a split quote (", "Q2") joins the frame.
  void after_trailing(Frame& f, uint32_t k, uint32_t e);

  // ---- features.cc: features for the model: of frames, candidate ends and starts, standalone quotations.
  // The hashes of the features of a frame's candidate starts that stay the
  // same from one candidate to the next, hashed once per frame: a feature
  // name with the cue's lemma or the frame's origin (add_after() goes on with
  // the candidate's value), and whole features of the words the rules chose
  // (add_after(h, {})). They give the features add() gave.
  struct StartHashes {
    StartHashes(const Attributor& a, const Frame& f, uint32_t rule_begin, std::string_view lemma);
    uint64_t lemma_shift, origin_shift, lemma_first, lemma_first_tag, lemma_prev, lemma_skipped_tags,
        lemma_taken_tags, lemma_taken_first;
    uint64_t skipped_first, lemma_skipped_first, particle_skipped_first = 0, particle = 0;  // whole features
  };
  void start_features(const Frame& f, const StartHashes& h, uint32_t rule_begin, uint32_t s, uint32_t end,
                      FeatureVector& fv);
  // The same for a frame's candidate ends.
  struct EndHashes {
    EndHashes(const Frame& f, std::string_view lemma);
    uint64_t origin, origin_tok, lemma_next, lemma_verbs_in;  // end_features()
    uint64_t q_origin, q_lemma_next;                           // quoted_end_features()
  };
  // The features of a candidate end of quoted reported speech, apart from
  // those of plain reported speech (the weights are shared, the names not):
  // the boundary and what follows it, whether it comes right after a
  // quotation, how many quotations it keeps and leaves, the words after it.
  void quoted_end_features(const Frame& f, const EndHashes& h, uint32_t begin, uint32_t e, uint32_t rule_end,
                           uint32_t limit, size_t index, size_t count, FeatureVector& fv);
  void end_features(const Frame& f, const EndHashes& h, uint32_t begin, uint32_t e, uint32_t rule_end, uint32_t limit,
                    uint32_t stop, size_t index, size_t count, FeatureVector& fv);
  // What follows a candidate end, up to the next clause boundary: a relative
  // clause (", which …"), a participle (", saying …", ", including …"), a
  // clause with its own subject (", but he is", "Mrs. Clinton has run"), a
  // noun phrase alone (an apposition: ", the first two states to vote") or
  // something else.
  std::string_view phrase_after(uint32_t e, uint32_t stop, uint32_t si);
  static std::string_view bucket(int n);
  // A yes/no feature value, "1" or "0" (as a view, without a strlen).
  static std::string_view flag(bool b) { return b ? std::string_view("1") : std::string_view("0"); }
  static std::string_view mention_kind_name(MentionKind k);
  // The features the model scores for a frame (docs/model.md lists them):
  // the cue and its neighbours, the source, the content, and how they sit.
  void frame_features(const Frame& f, FeatureVector& fv);
  // The content after "Name:" is taken as said without the model only when
  // it reads as a statement ("Key: | SAS could join Isis fight"): a clause
  // with a finite verb that is not a question. Labels before a title, a
  // byline or an interview question ("The Ninth Circle: | The Hellish View
  // …", "Contributing: | Todd Spangler", "Q: | Have you talked to her?") are
  // the model's choice.
  bool colon_statement(const Frame& f);
  // What a reported-speech candidate's content is made of, with the cue's
  // lemma: a clause with a finite verb ("said | the plan would fail"), only a
  // non-finite verb ("plans to | meet with Reid", "calling | himself Paul") or
  // no verb ("Contributing: | Todd Spangler", "show | the three islands");
  // whether it is only proper nouns (a name, not a statement); and the tag
  // right after the cue ("plan" + TO, "call" + PRP, "say" + IN).
  void content_shape_features(const Frame& f, std::string_view lemma, FeatureVector& fv);
  // A frame without a source (has_sourceless_option): the cue and the words
  // around it say whether the subject is reported ("is expected to") or speaks.
  void sourceless_features(const Frame& f, std::string_view lemma, FeatureVector& fv);
  // The features of a quotation that no frame claimed, by how it got its speaker.
  void standalone_features(const char* origin, const QuotedRegion& qr, Range range, uint32_t si, int para_gap,
                           FeatureVector& fv);

  // ---- quotes.cc: quotes from frames and standalone quotations; continuation across sentences.
  // Drops quotation marks and outer punctuation from a content range.
  Range trim(Range r) const;
  QuoteKind kind_of(const std::vector<Range>& content) const;
  // Adds a quote described by the features in fv_; the model gives its confidence.
  void push_quote(Quote q, SpeakerLink link, const CandidateTrace* ends = nullptr);
  void emit_frames(std::vector<Frame>& frames, size_t region_begin, size_t region_end);
  void emit_standalone(const std::vector<Frame>& frames, uint32_t si, size_t region_begin, size_t region_end);
  // A transcript's turn: "Reyes: Because it spends money we do not have. I
  // was elected to balance the books." A label opening the paragraph (and
  // another paragraph too: a transcript's speakers recur) speaks every
  // sentence of it, so the quote of its first sentence takes
  // the later ones that hold no quotation (which other rules report).
  // Called for each sentence after its frames were emitted, from quote
  // `first_quote` on.
  void continue_turn(const std::vector<Frame>& frames, uint32_t si, size_t first_quote, bool quoted);
  // Whether two paragraphs or more open with the words of label m and a colon.
  bool repeated_label(const Mention& m);
  // The person a quotation opening its sentence goes on from: the named
  // subject (a person by a role, honorific or given name) of the sentence
  // before in its paragraph, which quotes no one itself, introduced with a
  // role or a phrase set off after the name; -1 if none.
  int32_t introducing_subject(uint32_t si, const QuotedRegion& qr) const;
  // A title in quotation marks ("Fox and Friends", "How the Grinch Stole
  // Christmas"): every content word capitalised, and short.
  bool is_title(Range r) const;
  // "—"Met accused of whitewashing baby Jesus," by Post's Kathianne Boniello:
  // …": a headline or title credited to its author, not a statement.
  bool credited(const QuotedRegion& qr) const;
  // tweet-date="March 10, 2016": an attribute value in markup, not a quotation.
  bool markup_value(const QuotedRegion& qr) const;
  // A quotation that follows the previous quote in the same paragraph with only
  // that quote's cue, source and a few words between ("Q1," Graham said. "Q2.")
  // is more of the same statement: one attribution, another span. A cue in
  // the words between starts another statement ("Q1," Graham said. Smith
  // disagreed. "Q2.") when it frames quotations, is a verb and is not in a
  // relative clause about the source (", who spoke on condition of
  // anonymity."); "a Colorado state director" or "a liberal think tank" is none.
  bool continues_previous_quote(const QuotedRegion& qr);
  // A quotation that is a whole paragraph, right after a paragraph that
  // opens with the previous quote, all in quotation marks (""Q1," X said. ¶
  // "Q2.""), goes on with that statement: PolNeAR annotates one attribution
  // with both fragments.
  bool continues_in_next_paragraph(const Quote& prev, const QuotedRegion& qr) const;

  Document& doc_;
  const ExtractorOptions& opt_;
  const Tagger* tagger_;
  const Parser* parser_ = nullptr;  // Parser::builtin(), loaded when a sentence is first parsed
  const AttributionModel* model_;
  std::vector<CandidateTrace>* trace_out_;
  bool report_all_;                     // training: report every candidate
  // The tables and scratch space below, kept per thread from one document to
  // the next (the constructor or each use resets them): an attributor with
  // its own allocated them anew for every document, and grew them again.
  struct Memory {
    FeatureVector fv, efv, qfv;
    std::vector<uint32_t> ends, starts, words_before, finite_before, next_end;
    std::string kind_buf, tags_buf;
    std::vector<bool> name_ends, tagged, parsed, region_used, opens_region, closes_region;
    SentenceScan scan;
    std::vector<std::pair<uint32_t, int32_t>> region_opened_at, region_closed_at;
  };
  static Memory& memory();  // this thread's
  static constexpr size_t kKeptTokens = size_t{1} << 16;
  Memory& mem_ = memory();
  std::vector<CandidateTrace> traces_;  // per quote in doc_.quotes, when trace_out_
  FeatureVector &fv_ = mem_.fv, &efv_ = mem_.efv, &qfv_ = mem_.qfv;
  std::vector<uint32_t>& ends_ = mem_.ends;  // scratch: candidate content ends
  bool opens_sub_ = false;  // scratch: the content opens with a subordinate clause (choose_end)
  bool fronted_ = false;   // scratch: the cue is in a fronted subordinate clause (choose_end)
  std::string& kind_buf_ = mem_.kind_buf;  // scratch: phrase_after()'s answer after a conjunction
  std::string& tags_buf_ = mem_.tags_buf;  // scratch: start_features()' tags of the words a start skips or takes
  bool verb_counts_ = false;  // scratch: end_features() counts the verbs of reported speech (choose_end)
  std::vector<uint32_t>& words_before_ = mem_.words_before;  // per token: words before it
  // transcript_label(): by word type, the last words of names outside
  // capitals ("Pence" of "Mike Pence"); filled on first use.
  std::vector<bool>& name_ends_ = mem_.name_ends;
  bool name_ends_filled_ = false;
  SentenceScan& scan_ = mem_.scan;  // scan() of one sentence
  uint32_t finite_sentence_ = UINT32_MAX;  // the sentence finite_before_ counts
  std::vector<uint32_t>& finite_before_ = mem_.finite_before;  // finite verbs before each token of that sentence
  uint32_t end_sentence_ = UINT32_MAX;  // the sentence next_end_ indexes
  std::vector<uint32_t>& next_end_ = mem_.next_end;  // per token of it: next_end_candidate()
  std::vector<uint32_t>& starts_ = mem_.starts;  // scratch: candidate content starts
  int frames_before_ = 0;  // frames already built in the sentence of the frame being built
  std::vector<bool>& tagged_ = mem_.tagged;
  std::vector<bool>& parsed_ = mem_.parsed;
  std::vector<bool>& region_used_ = mem_.region_used;
  struct Intro {
    int32_t source = -1;
    const Cue* cue = nullptr;
    int32_t sentence = -2;
  } intro_;  // a cue ending its sentence with a colon, waiting for its quotation
  struct Turn {
    size_t quote = SIZE_MAX;  // the quote of the label's first sentence
    uint32_t paragraph = 0;
  } turn_;  // continue_turn()
  bool labels_counted_ = false;
  std::unordered_map<std::string_view, int> label_counts_;  // repeated_label(): paragraphs per label
  std::deque<Cue> pseudo_cues_;  // verbs standing in as cues (stable addresses)
  // Per token: whether the mark there opens or closes a quoted region; which
  // region, for the few marks, by (token, region) sorted by token.
  std::vector<bool>& opens_region_ = mem_.opens_region;
  std::vector<bool>& closes_region_ = mem_.closes_region;
  std::vector<std::pair<uint32_t, int32_t>>& region_opened_at_ = mem_.region_opened_at;
  std::vector<std::pair<uint32_t, int32_t>>& region_closed_at_ = mem_.region_closed_at;
  size_t sorted_mentions_ = 0;
  std::unordered_map<uint64_t, int32_t> added_mentions_;  // (first, end token) → index
  std::vector<SpeakerLink> links_;
};

}  // namespace attribution
}  // namespace whosaid
