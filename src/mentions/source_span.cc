#include "mentions/source_span.h"

#include <algorithm>
#include <string>

#include "core/positions.h"
#include "core/utf8.h"
#include "mentions/mention_finder.h"
#include "mentions/phrase_head.h"
#include "tagger/tag_set.h"
#include "tagger/tagger.h"

namespace whosaid {
namespace {

// Words that open a noun phrase: the phrase starts there ("the Commerce
// Department", "a Washington Post-ABC News survey", "one Trump confidant").
bool opens_phrase(std::string_view w) {
  static const char* kDet[] = {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your",
                               "some", "many", "several", "one", "two", "three", "four", "five",
                               "another", "other", "most", "few", "both", "all", "these", "those"};
  for (const char* d : kDet)
    if (w == d) return true;
  return false;
}

bool is_month(std::string_view w) {
  static const char* kMonths[] = {"january", "february", "march", "april", "may", "june", "july",
                                  "august", "september", "october", "november", "december"};
  for (const char* m : kMonths)
    if (w == m) return true;
  return false;
}

class SourceSpans {
 public:
  SourceSpans(Document& doc, const Lexicon& lex, const FoldedWords& folded, const Tagger* tagger)
      : doc_(doc), lex_(lex), folded_(folded), tagger_(tagger), tagged_(doc.sentences.size(), false) {}

  void run(const std::vector<SpeakerLink>& links) {
    for (size_t i = 0; i < doc_.quotes.size() && i < links.size(); ++i) {
      Quote& q = doc_.quotes[i];
      if (links[i].mention < 0 || !q.speaker || !q.speaker->mention) continue;
      const Mention& m = doc_.mentions[links[i].mention];
      if (m.kind == MentionKind::kPronoun || *q.speaker->mention != m.span) continue;
      const int32_t si = sentence_containing(doc_, m.first_token);
      if (si < 0) continue;
      const Sentence& s = doc_.sentences[si];
      if (m.end_token > s.end_token) continue;
      tag_sentence(static_cast<uint32_t>(si));
      cue_ = q.cue ? *q.cue : Span{};
      uint32_t b = phrase_start(m.first_token, s.first_token);
      uint32_t e = phrase_end(m, s, q);
      // "a new poll that shows": the relative pronoun before the cue is not
      // part of its antecedent.
      while (e > m.first_token + 1 && (word(e - 1) == "that" || is_relative(word(e - 1)))) --e;
      // "After campaign aides insisted …": a preposition or subordinator
      // opening a capitalised run is not part of the source (in capitals
      // only, it is a name: "AT&T").
      while (b + 1 < e && b < m.end_token && !tok(b).has(kAllCaps) &&
             ((is_adverbial_opener(word(b)) && word(b) != "according") || word(b) == "that" || word(b) == "what"))
        ++b;
      e = tail_kept_in_source(e, s, q);
      b = apposition_before(b, e, s, q);
      b = partitive_before(b, s);
      if (q.cue && tok(e - 1).span.end <= q.cue->begin) {
        b = coordination_before(b, s, q);
        b = subject_before(b, e, s, q);
      }
      q.speaker->mention = Span{tok(b).span.begin, tok(e - 1).span.end};
      // The name found is not who speaks when something else heads the
      // phrase (mentions/phrase_head.h): the phrase's own name does, or no
      // one: an unnamed person or group (the store keeps it unlinked).
      if (q.speaker->entity >= 0 && !name_heads_phrase(doc_, folded_, m, b, e)) {
        EntityType type = EntityType::kPerson;
        const int32_t head = name_heading_phrase(doc_, lex_, folded_, b, e, type);
        if (head >= 0) {
          q.speaker->entity = doc_.mentions[head].entity;
          q.speaker->name = doc_.entities[doc_.mentions[head].entity].name;
          q.speaker->type = type;
        } else {
          q.speaker->entity = -1;
          q.speaker->name = std::string(doc_.slice(*q.speaker->mention));
        }
      }
    }
  }

 private:
  const Token& tok(uint32_t t) const { return doc_.tokens[t]; }
  std::string_view text(uint32_t t) const { return doc_.slice(doc_.tokens[t].span); }
  FoldedWord word(uint32_t t) const { return folded_[t]; }
  bool is_quote(uint32_t t) const { return tok(t).in_quote || tok(t).kind == TokenKind::kQuote; }
  bool in_content(uint32_t t, const Quote& q) const {
    for (Span sp : q.spans)
      if (tok(t).span.overlaps(sp)) return true;
    return q.spans.empty() && tok(t).span.overlaps(q.span);
  }
  uint8_t tag(uint32_t t) const { return tok(t).tag; }

  void tag_sentence(uint32_t si) {
    if (!tagger_ || tagged_[si]) return;
    tagged_[si] = true;
    const Sentence& s = doc_.sentences[si];
    bool all = true;
    for (uint32_t k = s.first_token; k < s.end_token && all; ++k) all = tok(k).tag != 0;
    if (all) return;  // the attributor tagged it already
    tagger_->tag_tokens(doc_, s.first_token, s.end_token);
  }

  // The full stop of "Sen.", of an initial ("George W. Bush") or of a
  // dotted abbreviation ("U.S"), which ends no phrase.
  bool abbrev_dot(uint32_t t, uint32_t b) const {
    if (text(t) != "." || t <= b) return false;
    const Token& p = tok(t - 1);
    if (p.kind != TokenKind::kWord || p.span.end != tok(t).span.begin) return false;
    // Inside a word: "MoveOn.org", "Ph.D".
    if (t + 1 < doc_.tokens.size() && tok(t + 1).span.begin == tok(t).span.end &&
        tok(t + 1).kind == TokenKind::kWord)
      return true;
    const FoldedWord w = word(t - 1);
    return lex_.is(WordClass::kAbbrev, w) || lex_.is(WordClass::kAbbrevEnd, w) ||
           (p.span.size() == 1 && p.has(kCapitalized)) ||
           (w.find('.') != std::string::npos && p.has(kCapitalized)) || (p.has(kCapitalized) && state_abbrev(w));
  }

  // AP-style state abbreviations: "Tampa, Fla., who …", "Ava, Mo."
  static bool state_abbrev(std::string_view w) {
    static const char* kStates[] = {"ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill",
                                    "ind", "kan", "ky", "la", "md", "mass", "mich", "minn", "miss", "mo",
                                    "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "tex", "va", "vt",
                                    "wash", "wis", "wyo", "ft"};
    for (const char* a : kStates)
      if (w == a) return true;
    return false;
  }

  // A word that modifies the head of a noun phrase before it: "former",
  // "Republican presidential", "Florida Gov.", "billionaire hedge fund".
  bool premodifier(uint32_t t) const {
    const Token& pt = tok(t);
    if (pt.kind != TokenKind::kWord && pt.kind != TokenKind::kNumber) return false;
    const FoldedWord w = word(t);
    if (lex_.is(WordClass::kTime, w) || lex_.is(WordClass::kSkip, w) || lex_.is(WordClass::kStarter, w) ||
        lex_.is(WordClass::kConj, w) || is_month(w) || pronoun_gender(lex_, w))
      return false;
    if (lex_.is(WordClass::kRole, w) || lex_.is(WordClass::kNominal, w) || lex_.is(WordClass::kHonorific, w) ||
        lex_.is(WordClass::kHonorificM, w) || lex_.is(WordClass::kHonorificF, w))
      return true;
    // "said Rep. Smith": the cue is never part of the source ("the White House
    // press secretary" is, though "press" is a cue word too).
    if (tok(t).span.overlaps(cue_) || (lex_.cue(w) && !pos::is_nominal(tag(t)))) return false;
    const pos::Upos u = pos::upos(tag(t));
    return u == pos::Upos::kADJ || u == pos::Upos::kNOUN || u == pos::Upos::kPROPN || u == pos::Upos::kNUM;
  }

  // Steps back from the first token of the source over what opens its noun
  // phrase: determiners, adjectives and titles, a possessor ("CNN's Dana Bash",
  // "the Trump campaign's spokesman").
  uint32_t phrase_start(uint32_t t, uint32_t b) const {
    uint32_t k = t;
    for (int n = 0; n < 8 && k > b; ++n) {
      const uint32_t p = k - 1;
      if (p > b && text(p) == "\xE2\x80\x99" && tok(p - 1).span.end == tok(p).span.begin &&
          tok(p - 1).has(kCapitalized) && text(p - 1).ends_with("s")) {
        k = p;  // "Sanders’ spokesman": an apostrophe, not a closing quotation mark
        continue;
      }
      if (is_quote(p)) break;
      if (abbrev_dot(p, b)) { k = p; continue; }
      const FoldedWord w = word(p);
      if (w == "'s" || ((w == "'" || w == "\xE2\x80\x99") && p > b && tok(p - 1).has(kCapitalized))) {
        k = p;  // "CNN's Dana Bash", "Sanders' spokesman", "Reuters’ Luciana Lopez"
        continue;
      }
      if (opens_phrase(w)) {
        // "the", "a", but not a sentence-opening "One" of "One day, …"-style adverbials.
        k = p;
        // A predeterminer or degree word: "all the Democrats", "virtually all analysts".
        if (k > b && (word(k - 1) == "all" || word(k - 1) == "both" || word(k - 1) == "half") && w != "all" &&
            w != "both")
          --k;
        if (k > b && degree_word(word(k - 1)) && quantity_word(word(k))) --k;
        break;
      }
      if (w == "super" && tok(k).has(kCapitalized)) {  // "a newly formed super PAC"
        k = p;
        continue;
      }
      if (!premodifier(p)) {
        // "retired neurosurgeon Ben Carson", "a newly elected Bush", "leading Democrats".
        const std::string_view penn = pos::penn_name(tag(p));
        if ((!tok(p).has(kCapitalized) || p == b) && (penn == "VBN" || penn == "VBG" || penn == "JJ") &&
            !lex_.is(WordClass::kTime, w) && !lex_.is(WordClass::kSkip, w) && !lex_.is(WordClass::kStarter, w) &&
            !lex_.is(WordClass::kConj, w) &&
            !tok(p).span.overlaps(cue_) && !opens_phrase(word(k)) && !pronoun_gender(lex_, word(k)) &&
            (tok(k).has(kCapitalized) || premodifier(k)) &&
            (p == b || opens_phrase(word(p - 1)) || clause_start(p, b)))
          k = p;
        else if (tok(k).kind == TokenKind::kNumber || quantity_word(word(k)) || pos::upos(tag(k)) == pos::Upos::kNUM) {
          // "nearly 140 House members", "more than 40 lawmakers", "at least a dozen members"
          if (degree_word(w)) {
            k = p;
          } else if (p > b && ((w == "than" && (word(p - 1) == "more" || word(p - 1) == "fewer" ||
                                                word(p - 1) == "less")) ||
                               (w == "least" && word(p - 1) == "at"))) {
            k = p - 1;
          }
        }
        break;
      }
      k = p;
    }
    return k;
  }

  static bool degree_word(std::string_view w) {
    return w == "about" || w == "nearly" || w == "almost" || w == "roughly" || w == "virtually" ||
           w == "some" || w == "over" || w == "approximately";
  }
  static bool quantity_word(std::string_view w) {
    return w == "all" || w == "most" || w == "half" || w == "every" || w == "many" || w == "two" ||
           w == "three" || w == "four" || w == "five" || w == "six" || w == "ten" || w == "a" || w == "one" ||
           w.ends_with("thirds") || w.ends_with("quarters") || w == "dozen" || w == "dozens";
  }

  // Ends the source after what completes its noun phrase: a parenthesis
  // ("(R-Fla.)"), an apposition or relative clause between commas ("Phil Goff,
  // a Labour MP, said"; "said Weld, who added that …"), a possessed head
  // ("Cruz's campaign"), a head noun after a name ("Sanders supporters").
  uint32_t phrase_end(const Mention& m, const Sentence& s, const Quote& q) const {
    uint32_t e = m.end_token;
    // A web address: "MoveOn.org", "Mic.com".
    if (e + 1 < s.end_token && text(e) == "." && tok(e - 1).span.end == tok(e).span.begin &&
        tok(e).span.end == tok(e + 1).span.begin) {
      const FoldedWord tld = word(e + 1);
      if (tld == "com" || tld == "org" || tld == "net" || tld == "gov" || tld == "edu" || tld == "fr" ||
          tld == "uk" || tld == "io" || tld == "co")
        e += 2;
    }
    uint32_t cue_first = UINT32_MAX, cue_end = UINT32_MAX;
    if (q.cue && !q.cue->empty()) {
      cue_first = first_token_from(doc_, q.cue->begin);
      cue_end = first_token_from(doc_, q.cue->end);
    }
    // The head noun after a name or possessor: "Sanders supporters said",
    // "Cruz's campaign also went on the offensive", "according to a Quinnipiac
    // poll"; then the name after a title or possessor ("election lawyer Joe
    // Birkenstock", "Clinton's top foreign policy aide Jake Sullivan").
    const uint32_t limit = cue_first != UINT32_MAX && cue_first >= e ? std::min(cue_first, s.end_token) : s.end_token;
    // "Hundreds of pro-Sanders demonstrators back …": a quantity takes its "of" phrase.
    if (e + 1 < limit && word(e) == "of" && e - m.first_token == 1) {
      const FoldedWord qw = word(e - 1);
      if (qw == "hundreds" || qw == "thousands" || qw == "dozens" || qw == "millions" || qw == "most" ||
          qw == "many" || qw == "some" || qw == "half" || qw == "all" || qw == "none" || qw == "majority") {
        const uint32_t k = conjunct_end(e + 1, limit, q);
        if (k > e + 1) return k;
      }
    }
    // "Trump's claim that …": a possessor of the cue noun is the source with its "'s".
    if (cue_first != UINT32_MAX && cue_first == e + 1 &&
        (word(e) == "'s" || word(e) == "\xE2\x80\x99s" || word(e) == "'" || word(e) == "\xE2\x80\x99"))
      return e + 1;
    bool nominal_head = m.kind == MentionKind::kNominal;
    {
      uint32_t k = e;
      if (k < limit && (word(k) == "'s" || word(k) == "'")) ++k;
      if (k < limit && abbrev_dot(k, m.first_token)) ++k;  // "former Rep. George Miller
      uint32_t h = k;
      while (h < limit && !is_quote(h) && !in_content(h, q) && tok(h).kind == TokenKind::kWord &&
             !tok(h).has(kCapitalized) && h < k + 4) {
        const FoldedWord w = word(h);
        const bool noun = lex_.is(WordClass::kNominal, w) || lex_.is(WordClass::kRole, w) ||
                          lex_.is(WordClass::kOrgHead, w) || pos::upos(tag(h)) == pos::Upos::kNOUN ||
                          (pos::upos(tag(h)) == pos::Upos::kADJ && h + 1 < limit);
        if (!noun || lex_.cue(w) || lex_.is(WordClass::kTime, w) || lex_.is(WordClass::kSkip, w)) break;
        ++h;
      }
      // Keep it only if it ends on a noun ("Cruz's younger sister", not "Cruz's new").
      while (h > k && pos::upos(tag(h - 1)) != pos::Upos::kNOUN && !lex_.is(WordClass::kNominal, word(h - 1)) &&
             !lex_.is(WordClass::kRole, word(h - 1)) && !lex_.is(WordClass::kOrgHead, word(h - 1)))
        --h;
      if (h > k) {
        e = h;
        nominal_head = true;
      }
      const bool titled = h > k || k > e || lex_.is(WordClass::kRole, word(e - 1)) ||
                          (m.kind == MentionKind::kNominal && lex_.is(WordClass::kNominal, word(e - 1)));
      const uint32_t n_at = h > k ? h : k;
      if (titled && n_at < limit) {
        const int32_t nm = mention_at(doc_, n_at);
        if (nm >= 0 && doc_.mentions[nm].first_token == n_at && doc_.mentions[nm].kind == MentionKind::kName &&
            doc_.mentions[nm].end_token <= limit && !in_content(n_at, q)) {
          e = doc_.mentions[nm].end_token;
          nominal_head = false;
        }
      }
    }
    if (cue_first != UINT32_MAX && cue_first >= e && cue_first < s.end_token) {
      // Source before its cue: the words between them belong to the source when
      // they are appositions, relative clauses or a parenthesis closed by the
      // cue ("Phil Goff, a Labour MP, said"; "Rep. John Mica (R-Fla.) said"), or a
      // post-modifier ("Meenakshi Ganguly of Human Rights Watch said", "officials
      // involved at the time said").
      uint32_t p = cue_first;
      while (p > e && skippable(p - 1)) --p;
      if (p == e || p - e > 40) return e;
      for (uint32_t k = e; k < p; ++k)
        if (is_quote(k) || in_content(k, q) || text(k) == ";") return e;
      const FoldedWord first = word(e);
      if (first == "," || first == "(") {
        // "Donald Trump, who is battling Carson …, has picked up on …, telling":
        // up to the first comma segment that is not part of the noun phrase.
        uint32_t k = modifiers_after(e, p, s, q);
        while (k > e && is_trailing_punct(k - 1)) --k;
        return k > e ? k : e;
      }
      if (first == "and") {
        // "Bernie Sanders and Ted Cruz both campaigned": a second conjunct,
        // followed by the predicate.
        const uint32_t k = conjunct_end(e + 1, p, q);
        if (k > e + 1 && (k == p || (text(k) == "," && k + 1 == cue_first) || pos::upos(tag(k)) == pos::Upos::kVERB ||
                          pos::upos(tag(k)) == pos::Upos::kAUX || pos::upos(tag(k)) == pos::Upos::kADV ||
                          word(k) == "both" || word(k) == "all"))
          return k;
        return e;
      }
      const bool post_modifier = first == "who" || first == "whose" || first == "of" || first == "from" ||
                                 first == "at" || first == "for" || first == "with" || first == "in" ||
                                 (first == "by" && m.kind != MentionKind::kName) ||
                                 (m.kind != MentionKind::kName && first.size() > 3 && first.ends_with("ed"));
      if (!post_modifier || !no_comma(e, p)) return e;
      while (p > e && is_trailing_punct(p - 1)) --p;
      return p;
    }
    if (cue_end == UINT32_MAX || m.first_token < cue_end) return e;
    // Source after its cue: ""…," said Sen. Amy Klobuchar (D-Minn.), who sponsored
    // the act." The phrase runs on through parentheses, appositions and relative
    // clauses, up to the end of the clause or what is not part of it: a split
    // quote (", "Q2"), a participle (", adding …"), an adverbial (", after …").
    // A noun head takes its post-modifiers: "according to a Quinnipiac poll
    // conducted in February", "said a person close to the Clintons", "according
    // to people in attendance".
    const bool post_modifier =
        e + 1 < s.end_token && nominal_head &&
        (pos::penn_name(tag(e)) == std::string_view("VBN") || word(e) == "in" || word(e) == "at" ||
         word(e) == "from" || word(e) == "with" || word(e) == "for" || word(e) == "of" || word(e) == "by" ||
         (pos::upos(tag(e)) == pos::Upos::kADJ && pos::upos(tag(e + 1)) == pos::Upos::kADP));
    if (e < s.end_token && (is_relative(word(e)) || post_modifier ||
                            (word(e) == "of" && e + 1 < s.end_token &&
                             (tok(e + 1).has(kCapitalized) ||
                              (word(e + 1) == "the" && e + 2 < s.end_token && tok(e + 2).has(kCapitalized)))))) {
      uint32_t k = e + 1;
      while (k < s.end_token && !is_quote(k) && !in_content(k, q) && !phrase_break(k, s)) ++k;
      if (k > e + 1) e = k;
    }
    // ""…," said Ann Moss and Tom Hall."
    if (e + 1 < s.end_token && word(e) == "and") {
      const uint32_t k = conjunct_end(e + 1, s.end_token, q);
      if (k > e + 1 && (k == s.end_token || is_quote(k) || text(k) == "," || text(k) == "." || text(k) == ";"))
        e = k;
    }
    e = modifiers_after(e, s.end_token, s, q);
    while (e > m.end_token && is_trailing_punct(e - 1)) --e;
    return e;
  }

  // PolNeAR keeps in the source a time that dates a document, poll or
  // release before the cue ("New polls released Sunday show", "A Quinnipiac
  // poll last week found") and an intensifying reflexive ("Sanders himself
  // said"). A time after a person ("Trump on Sunday said") stays out.
  uint32_t tail_kept_in_source(uint32_t e, const Sentence& s, const Quote& q) const {
    if (e >= s.end_token || is_quote(e) || in_content(e, q)) return e;
    const FoldedWord w = word(e);
    if (w == "himself" || w == "herself" || w == "itself" || w == "themselves") return e + 1;
    if (!q.cue || q.cue->empty()) return e;
    const uint32_t cue_first = first_token_from(doc_, q.cue->begin);
    if (cue_first <= e || cue_first > e + 4) return e;
    const FoldedWord last = word(e - 1);
    const bool dated = std::string_view(pos::penn_name(tag(e - 1))) == "VBN" || last == "poll" || last == "polls" ||
                       last == "survey" || last == "surveys" || last == "report" || last == "reports" ||
                       last == "study" || last == "ad" || last == "ads" || last == "figures";
    if (!dated) return e;
    uint32_t k = e;
    if (word(k) == "on" || word(k) == "earlier") ++k;
    if (k == cue_first) return e;
    for (; k < cue_first; ++k)
      if (!lex_.is(WordClass::kTime, word(k)) || is_quote(k) || in_content(k, q)) return e;
    return cue_first;
  }

  static bool is_relative(std::string_view w) { return w == "who" || w == "whom" || w == "whose" || w == "which"; }

  // Parentheses and comma-separated appositions and relative clauses from token
  // e on (before `limit`): returns the end of the last one that belongs to the
  // noun phrase. A segment belongs when it opens like a noun phrase or a
  // relative clause (", the Alabama Republican who heads …", ", 67, of Exeter",
  // ", who …") and has no finite verb of its own (not ", Teck wants the gap
  // narrowed", ", has rejected the label").
  uint32_t modifiers_after(uint32_t e, uint32_t limit, const Sentence& s, const Quote& q) const {
    for (int n = 0; n < 8 && e < limit; ++n) {
      if (text(e) == "(") {
        uint32_t k = e + 1;
        while (k < limit && k < e + 12 && text(k) != ")" && !is_quote(k)) ++k;
        if (k >= limit || text(k) != ")") break;
        e = k + 1;
        continue;
      }
      if (text(e) != ",") break;
      const uint32_t j = e + 1;
      if (j >= limit || !segment_opener(j, q)) break;
      uint32_t k = j;
      bool finite = false, relative = false;
      while (k < limit && !is_quote(k) && !in_content(k, q) && !phrase_break(k, s)) {
        // A verb after a relative pronoun or inside a prepositional phrase is
        // embedded: ", a group that favors …", ", the minister of finance at
        // the time the tax was introduced".
        relative = relative || is_relative(word(k)) ||
                   (k > j + 1 && (word(k) == "that" || pos::upos(tag(k)) == pos::Upos::kADP));
        if (!relative) {
          const std::string_view penn = pos::penn_name(tag(k));
          finite = finite || penn == "VBD" || penn == "VBZ" || penn == "VBP" || penn == "MD";
        }
        ++k;
      }
      if (k == j || finite) break;
      e = k;
    }
    return e;
  }

  bool segment_opener(uint32_t j, const Quote& q) const {
    if (is_quote(j) || in_content(j, q)) return false;
    if (tok(j).kind == TokenKind::kNumber) return true;
    if (tok(j).kind != TokenKind::kWord) return false;
    const FoldedWord v = word(j);
    if (is_relative(v) || v == "of" || opens_phrase(v) || v == "himself" || v == "herself" || v == "now") return true;
    if (lex_.is(WordClass::kRole, v) || lex_.is(WordClass::kNominal, v) || lex_.is(WordClass::kHonorific, v))
      return true;
    // Titles that look like participles: ", managing director of …", ", acting chairman".
    if (v == "managing" || v == "acting" || v == "founding" || v == "ranking" || v == "outgoing" ||
        v == "incoming" || v == "presiding" || v == "supervising" || v == "visiting" || v == "executive")
      return true;
    if (v == "including") return true;  // "Other candidates, including Ben Carson, said"

    // ", then ambassador to Israel", ", then 38": a former role or age.
    if (v == "then" && j + 1 < doc_.tokens.size()) {
      const FoldedWord n = word(j + 1);
      if (tok(j + 1).kind == TokenKind::kNumber || opens_phrase(n) || lex_.is(WordClass::kRole, n) ||
          lex_.is(WordClass::kNominal, n) || pos::upos(tag(j + 1)) == pos::Upos::kNOUN ||
          pos::upos(tag(j + 1)) == pos::Upos::kADJ)
        return true;
    }
    if (lex_.cue(v) || lex_.is(WordClass::kTime, v) || lex_.is(WordClass::kConj, v) ||
        lex_.is(WordClass::kStarter, v) || lex_.is(WordClass::kSkip, v) || is_adverbial_opener(v) ||
        v.ends_with("ing"))
      return false;
    if (tok(j).has(kCapitalized)) return true;
    const pos::Upos u = pos::upos(tag(j));
    return u == pos::Upos::kADJ || u == pos::Upos::kNOUN || u == pos::Upos::kPROPN || u == pos::Upos::kNUM;
  }

  // "Clinton's campaign chairman, John Podesta, said": a descriptive phrase
  // opening the sentence, set off by the comma before the name, is part of
  // the source when the name is closed by a comma too.
  uint32_t apposition_before(uint32_t b, uint32_t e, const Sentence& s, const Quote& q) const {
    if (b < s.first_token + 2 || text(b - 1) != "," || e >= s.end_token || text(e) != ",") return b;
    const uint32_t comma = b - 1;
    const FoldedWord head = word(comma - 1);
    if (!(lex_.is(WordClass::kRole, head) || lex_.is(WordClass::kNominal, head) ||
          pos::upos(tag(comma - 1)) == pos::Upos::kNOUN))
      return b;
    uint32_t k = phrase_start(comma, s.first_token);
    // At the start of the sentence or clause: "''…,'' the White House press
    // secretary, Josh Earnest, said"; "In October, Trump's state director, Mike Rubino, wrote".
    if (k == comma || !(k == s.first_token || is_quote(k - 1) || text(k - 1) == ",")) return b;
    for (uint32_t t = k; t < comma; ++t)
      if (in_content(t, q)) return b;
    return k;
  }

  // "62 percent of voters", "Some of the women", "A number of readers": the
  // quantity is the head of the source phrase.
  uint32_t partitive_before(uint32_t b, const Sentence& s) const {
    if (b < s.first_token + 2 || word(b - 1) != "of") return b;
    const uint32_t h = b - 2;
    const FoldedWord w = word(h);
    const bool quantity = tok(h).kind == TokenKind::kNumber || pos::upos(tag(h)) == pos::Upos::kNUM ||
                          w == "percent" || w == "half" || w == "most" || w == "some" || w == "many" ||
                          w == "all" || w == "majority" || w == "number" || w == "share" || w == "none" ||
                          w == "few" || w == "several" || w == "each" || w == "both" || w.ends_with("thirds") ||
                          w.ends_with("quarters") || w == "dozens" || w == "hundreds" || w == "thousands";
    if (!quantity || is_quote(h)) return b;
    uint32_t k = phrase_start(h, s.first_token);
    // "about half of", "nearly three in 10 of": a degree word before the quantity.
    if (k > s.first_token) {
      const FoldedWord d = word(k - 1);
      if (d == "about" || d == "nearly" || d == "almost" || d == "roughly" || d == "just" || d == "only" ||
          d == "some" || d == "over")
        --k;
    }
    return k;
  }

  // "Cruz and Trump have slammed …", "Current and former officials said": a
  // source coordinated with what opens the sentence is one source phrase.
  uint32_t coordination_before(uint32_t b, const Sentence& s, const Quote& q) const {
    if (b < s.first_token + 2 || word(b - 1) != "and") return b;
    const uint32_t end = b - 1;
    uint32_t k = end;
    const int32_t nm = mention_at(doc_, end - 1);
    if (nm >= 0 && doc_.mentions[nm].end_token == end && doc_.mentions[nm].kind != MentionKind::kPronoun)
      k = doc_.mentions[nm].first_token;
    else if (pos::upos(tag(end - 1)) != pos::Upos::kADJ && !premodifier(end - 1))
      return b;
    k = phrase_start(k == end ? end - 1 : k, s.first_token);
    if (k != s.first_token) return b;
    for (uint32_t t = k; t < end; ++t)
      if (is_quote(t) || in_content(t, q) || tok(t).kind == TokenKind::kPunct) return b;
    return k;
  }

  // A source before its cue is the whole subject of the cue: the mention
  // found may be only the object of a preposition or the last conjunct in it
  // ("aides to Clinton say", "a spokesman for the campaign said", "Nine in 10
  // voters say", "he and Brafman said", "a CNN/ORC poll found"). The phrase
  // is widened only when it then starts a clause.
  uint32_t subject_before(uint32_t b, uint32_t e, const Sentence& s, const Quote& q) const {
    uint32_t best = b, k = b;
    bool listed = false, oxford = false;
    int listed_commas = 0;
    for (int n = 0; n < 6 && k > s.first_token + 1; ++n) {
      const uint32_t p = k - 1;
      const FoldedWord w = word(p);
      uint32_t h = UINT32_MAX;
      if (w == "," && !listed) {
        // Only a closed apposition, or one the cue follows.
        if (!(e < s.end_token && (text(e) == "," || tok(e).span.overlaps(cue_)))) break;
        // An apposition: "state Rep. Ann Moss, a member of the committee,
        // said"; "the city's mayor, Tom Hall, said".
        h = p - 1;
        if (text(h) == ")") {
          uint32_t o = h;
          while (o > s.first_token && o + 8 > h && text(o) != "(") --o;
          if (text(o) != "(" || o == s.first_token) break;
          h = o - 1;
        }
        const int32_t before = mention_at(doc_, h);
        const int32_t here = mention_at(doc_, k);
        const FoldedWord kw = word(k);
        bool named = false;  // a name before the comma, the description after it
        if (before >= 0 && doc_.mentions[before].end_token == h + 1 &&
            doc_.mentions[before].kind == MentionKind::kName &&
            doc_.mentions[before].end_token - doc_.mentions[before].first_token >= 2 &&
            (opens_phrase(kw) || lex_.is(WordClass::kRole, kw) || lex_.is(WordClass::kNominal, kw))) {
          h = doc_.mentions[before].first_token;
          named = true;
        } else if (here >= 0 && doc_.mentions[here].first_token == k &&
                   doc_.mentions[here].kind == MentionKind::kName) {
          // The description before the comma may end in a prepositional
          // phrase: "His former business partner at Lenox, Lawrence Cummings".
          auto titled = [&](uint32_t t) {
            return lex_.is(WordClass::kRole, word(t)) || lex_.is(WordClass::kNominal, word(t));
          };
          if (!titled(h)) {
            uint32_t t = h;
            while (t > s.first_token + 1 && t + 5 > h && !is_quote(t) && tok(t).kind == TokenKind::kWord &&
                   pos::upos(tag(t)) != pos::Upos::kADP)
              --t;
            if (pos::upos(tag(t)) != pos::Upos::kADP || !titled(t - 1)) break;
            h = t - 1;
          }
        } else {
          break;
        }
        if (is_quote(h) || in_content(h, q)) break;
        k = phrase_start(h, s.first_token);
        // "The author of the book, Ann Moss": a head noun before the preposition.
        while (k > s.first_token + 1 && pos::upos(tag(k - 1)) == pos::Upos::kADP && word(k - 1) != "in" &&
               nominal_head(k - 2) && !is_quote(k - 2))
          k = phrase_start(k - 2, s.first_token);
        const std::string_view pw = k > s.first_token ? word(k - 1) : std::string_view();
        const bool start = k == s.first_token || is_quote(k - 1);
        if (!named && text(e) != ",") {
          // Unclosed: only a whole-sentence subject, not a parenthetical
          // ("Voters, Ann Moss argued, do not …").
          const uint32_t after = first_token_from(doc_, cue_.end);
          if (!start || (after < s.end_token && text(after) == ",")) break;
        }
        if (start || pw == ";" || pw == ":" || pw == "and" || pw == "but" || pw == "that" ||
            (!named && pw == ","))
          best = k;
        break;
      }
      if (w == "of" || w == "in" || w == "to" || w == "for" || w == "by" || w == "on" || w == "from" ||
          w == "at" || w == "with" || w == "among") {
        h = p - 1;
        // "a survey conducted by", "people close to", "a person familiar with"
        if (h > s.first_token && (pos::penn_name(tag(h)) == std::string_view("VBN") ||
                                  word(h) == "close" || word(h) == "familiar" || word(h) == "privy" ||
                                  word(h) == "loyal" || word(h) == "opposed" || word(h) == "allied"))
          --h;
        if (!nominal_head(h)) break;
      } else if (w == "and" || w == "nor" || w == "/" || (w == "," && listed)) {
        listed = listed || w != "/";
        h = p - 1;
        if (w == "and" && text(h) == "," && h > s.first_token + 1) {
          --h;  // "A, B, and C"
          oxford = true;
        }
        if (w == ",") ++listed_commas;
        if (text(h) == ")") {  // "Sen. Bernie Sanders (Vt.) and"
          uint32_t o = h;
          while (o > s.first_token && o + 8 > h && text(o) != "(") --o;
          if (text(o) != "(" || o == s.first_token) break;
          h = o - 1;
        }
        const int32_t nm = mention_at(doc_, h);
        if (nm >= 0 && doc_.mentions[nm].end_token == h + 1 && doc_.mentions[nm].first_token >= s.first_token)
          h = doc_.mentions[nm].first_token;
        else if (!nominal_head(h) && !(w == "/" && tok(h).has(kCapitalized)))
          break;
      } else {
        break;
      }
      if (is_quote(h) || in_content(h, q)) break;
      k = phrase_start(h, s.first_token);
      if (clause_start(k, s) && (!oxford || listed_commas > 0)) best = k;
    }
    return best;
  }

  // The end of a noun phrase from j (before `limit`): determiners and
  // premodifiers, then a name (with its party parenthesis) or a noun; j when
  // there is none.
  uint32_t conjunct_end(uint32_t j, uint32_t limit, const Quote& q) const {
    uint32_t k = j;
    if (k < limit && opens_phrase(word(k))) ++k;
    for (int n = 0; n < 8 && k < limit; ++n) {
      if (is_quote(k) || in_content(k, q)) return j;
      const int32_t nm = mention_at(doc_, k);
      if (nm >= 0 && doc_.mentions[nm].first_token == k && doc_.mentions[nm].end_token <= limit &&
          doc_.mentions[nm].kind != MentionKind::kPronoun) {
        k = doc_.mentions[nm].end_token;
        if (k < limit && text(k) == "(") {
          uint32_t c = k + 1;
          while (c < limit && c < k + 8 && text(c) != ")") ++c;
          if (c < limit && text(c) == ")") k = c + 1;
        }
        return k;
      }
      if (abbrev_dot(k, j) || (premodifier(k) && pos::upos(tag(k)) != pos::Upos::kPROPN)) {
        ++k;
        continue;
      }
      break;
    }
    // A common noun phrase: it ends on its head noun.
    while (k > j && !(pos::upos(tag(k - 1)) == pos::Upos::kNOUN || lex_.is(WordClass::kRole, word(k - 1)) ||
                      lex_.is(WordClass::kNominal, word(k - 1))))
      --k;
    return k;
  }

  // A word that can head a noun phrase: "aides", "voters", "Nine", "some".
  bool nominal_head(uint32_t h) const {
    if (tok(h).kind == TokenKind::kNumber) return true;
    if (tok(h).kind != TokenKind::kWord || tok(h).in_quote) return false;
    const FoldedWord w = word(h);
    if (lex_.is(WordClass::kRole, w) || lex_.is(WordClass::kNominal, w) || lex_.is(WordClass::kOrgHead, w) ||
        w == "he" || w == "she" || w == "they" || w == "we" || w == "i" || w == "some" || w == "many" ||
        w == "most" || w == "all" || w == "those" || w == "none" || w == "each" || w == "both" || w == "half" ||
        w == "majority" || w == "majorities" || w == "one")
      return true;
    if (lex_.is(WordClass::kTime, w) || lex_.is(WordClass::kSkip, w) || lex_.is(WordClass::kConj, w) ||
        lex_.cue(w) != nullptr)
      return false;
    const pos::Upos u = pos::upos(tag(h));
    return u == pos::Upos::kNOUN || u == pos::Upos::kPROPN || u == pos::Upos::kNUM;
  }

  // Where a subject can start: the sentence start, after punctuation or a
  // quotation mark, or after a conjunction or subordinator.
  bool clause_start(uint32_t k, const Sentence& s) const { return clause_start(k, s.first_token); }
  bool clause_start(uint32_t k, uint32_t first) const {
    if (k <= first) return true;
    const uint32_t p = k - 1;
    if (is_quote(p)) return true;
    if (tok(p).kind == TokenKind::kPunct) return text(p) != "/" && text(p) != "'s" && text(p) != "-";
    if (tok(p).kind != TokenKind::kWord) return false;
    static const char* kOpeners[] = {"that", "as", "while", "when", "if", "because",
                                     "although", "though", "whether", "where", "and", "but", "or", "so", "yet",
                                     "now", "then", "still", "also", "however", "why", "how", "unless",
                                     "once", "than", "meanwhile", "instead", "indeed", "thus", "even"};
    const FoldedWord w = word(p);
    for (const char* o : kOpeners)
      if (w == o) return true;
    return false;
  }

  bool no_comma(uint32_t b, uint32_t e) const {
    for (uint32_t k = b; k < e; ++k)
      if (text(k) == ",") return false;
    return true;
  }

  bool is_trailing_punct(uint32_t t) const {
    std::string_view w = text(t);
    return w == "," || w == "." || w == ":" || w == ";" || utf8::is_dash_or_hyphen_token(w);
  }

  // What ends an apposition after the source: ";", a dash, a comma or the
  // final full stop (not the one of "Calif.").
  bool phrase_break(uint32_t t, const Sentence& s) const {
    std::string_view w = text(t);
    if (w == "," || w == ";" || w == ":" || utf8::is_dash_token(w) || w == "?" || w == "!")
      return true;
    if (w == ".") return !abbrev_dot(t, s.first_token);
    return false;
  }

  static bool is_adverbial_opener(std::string_view w) {
    return w == "in" || w == "on" || w == "at" || w == "after" || w == "before" || w == "during" || w == "when" ||
           w == "while" || w == "as" || w == "because" || w == "though" || w == "although" || w == "according" ||
           w == "if" || w == "since" || w == "until" || w == "where" || w == "referring" || w == "noting" ||
           w == "speaking" || w == "to" || w == "than" || w == "so" || w == "then";
  }

  bool skippable(uint32_t t) const {
    if (tok(t).kind != TokenKind::kWord || tok(t).in_quote) return false;
    const FoldedWord w = word(t);
    if (lex_.is(WordClass::kSkip, w) || lex_.is(WordClass::kTime, w)) return true;
    if (w == "'s" || w == "'ve" || w == "'d" || w == "'ll" || w == "has" || w == "have" || w == "had" ||
        w == "is" || w == "was" || w == "will" || w == "would" || w == "also" || w == "later")
      return true;
    return w.size() > 4 && w.ends_with("ly") && !tok(t).has(kCapitalized);
  }

  Document& doc_;
  const Lexicon& lex_;
  const FoldedWords& folded_;  // per token, as utf8::fold gives it
  const Tagger* tagger_;
  std::vector<bool> tagged_;
  Span cue_;  // the cue of the quote being widened
};

}  // namespace

void widen_source_spans(Document& doc, const Lexicon& lexicon, const std::vector<SpeakerLink>& links,
                        const FoldedWords& folded, const Tagger* tagger) {
  SourceSpans(doc, lexicon, folded, tagger).run(links);
}

}  // namespace whosaid
