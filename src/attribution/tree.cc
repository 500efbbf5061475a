// The dependency tree of a sentence, parsed on first use, and the checks of frames against it.
#include <algorithm>

#include "attribution/attributor_impl.h"
#include "mentions/mention_finder.h"
#include "parse/parser.h"
#include "parse/tree.h"
#include "tagger/tag_set.h"

namespace whosaid::attribution {

bool Attributor::parsed(uint32_t si) {
  if (!tagger_) return false;
  if (!parsed_[si]) {
    parsed_[si] = true;
    const Sentence& s = doc_.sentences[si];
    if (s.end_token <= s.first_token) return false;
    tag_of(s.first_token, si);  // tags the sentence
    if (!parser_) parser_ = &Parser::builtin();
    parser_->parse(doc_, s.first_token, s.end_token);
  }
  return true;
}

uint32_t Attributor::cue_root(const Cue& c) const {
  for (uint32_t t = c.first_token; t < c.end_token; ++t) {
    const int64_t h = head_of(doc_, t);
    if (h < c.first_token || h >= c.end_token) return t;
  }
  return c.first_token;
}

std::string_view Attributor::relation_to(uint32_t first, uint32_t end, uint32_t root) const {
  // The phrase's head word: the first whose head lies outside it.
  int64_t head = -1;
  for (uint32_t t = first; t < end; ++t) {
    const int64_t h = head_of(doc_, t);
    if (h < first || h >= end) {
      head = t;
      break;
    }
  }
  if (head < 0) return "apart";
  const int64_t up = head_of(doc_, static_cast<uint32_t>(head));
  if (up == root) return dep::relation_name(doc_.tokens[head].dep);
  if (dominates(doc_, root, up)) return "under";
  if (dominates(doc_, head, root)) return "above";
  return "apart";
}

int32_t Attributor::speaking_source(int32_t m, uint32_t si) {
  if (m < 0) return m;
  const Mention& mm = doc_.mentions[m];
  if (mm.kind == MentionKind::kPronoun) return m;
  // A date or a year ("who in 2010 said", "in March said"), not a share of
  // people ("70% said") nor an acronym ("DEC").
  bool dates = true, year = false;
  for (uint32_t t = mm.first_token; t < mm.end_token && dates; ++t) {
    if (tok(t).kind == TokenKind::kNumber) {
      const std::string_view n = text(t);
      year = year || (n.size() == 4 && (n.starts_with("19") || n.starts_with("20")));
      dates = year;
    } else if (tok(t).kind == TokenKind::kWord) {
      dates = !tok(t).has(kAllCaps) && (lex_.is(WordClass::kDateWord, fw_.id(t)) || lex_.is(WordClass::kTime, fw_.id(t)));
    }
  }
  if (dates) {
    // The name the date follows speaks: "Bob Geldof in July said", "who in
    // 2010 said" (the relative pronoun, resolved later).
    uint32_t k = mm.first_token;
    if (k > 0 && (fw_[k - 1] == "in" || fw_[k - 1] == "on" || fw_[k - 1] == "during" || fw_[k - 1] == "since")) --k;
    const int32_t before = k > 0 ? found_mention_at(k - 1) : -1;
    return before >= 0 && doc_.mentions[before].end_token == k && before != m ? before : -1;
  }
  // A verb form opening the sentence ("Asked to describe …", "Following a
  // meeting, …"), not a noun ("Reports suggest").
  if (mm.end_token == mm.first_token + 1 && mm.first_token == doc_.sentences[si].first_token &&
      lex_.cue(fw_.id(mm.first_token)) && tagger_ && pos::is_verbal(tag_of(mm.first_token, si)))
    return -1;
  const uint32_t head = mm.end_token - 1;
  const NounSenses senses = lex_.noun_senses(fw_[head]);
  if (mm.kind != MentionKind::kNominal || !(senses.first_is(NounSenses::kCommunication) ||
                                            senses.first_is(NounSenses::kAct) || senses.first_is(NounSenses::kGroup)))
    return m;
  if (lex_.is(WordClass::kDocument, fw_.id(head)) || senses.body || !parsed(si)) return m;  // "the report said"
  const uint8_t rel = doc_.tokens[head].dep;
  if (!(rel == dep::kObj || rel == dep::kObl || rel == dep::kNmod)) return m;
  int64_t verb = head_of(doc_, head);
  if (rel == dep::kNmod && verb >= 0) verb = head_of(doc_, static_cast<uint32_t>(verb));
  if (verb < 0 || !pos::is_verbal(doc_.tokens[verb].tag)) return m;
  const int64_t subject = tree_subject(static_cast<uint32_t>(verb), si);
  if (subject < 0 || subject == head) return m;
  const int32_t found = found_mention_at(static_cast<uint32_t>(subject));
  return found >= 0 && found != m ? found : m;
}

int64_t Attributor::tree_subject(uint32_t root, uint32_t si) const {
  const Sentence& s = doc_.sentences[si];
  int64_t v = root;
  for (int hop = 0; hop < 2 && v >= 0; ++hop) {
    int64_t n = child_with(doc_, s.first_token, s.end_token, v, dep::kNsubj);
    if (n >= 0) {
      const FoldedWord w = fw_[n];
      if (w == "who" || w == "which" || w == "that")
        if (const int64_t noun = relative_clause_noun(doc_, static_cast<uint32_t>(n)); noun >= 0) return noun;
      return n;
    }
    const uint8_t r = doc_.tokens[v].dep;
    if (r != dep::kConj && r != dep::kXcomp) return -1;
    v = head_of(doc_, static_cast<uint32_t>(v));
  }
  return -1;
}

Range Attributor::head_phrase(uint32_t n, uint32_t si) const {
  const Sentence& s = doc_.sentences[si];
  const TokenRange whole = subtree(doc_, s.first_token, s.end_token, n);
  Range r{whole.first, n + 1};
  // Left dependents are all before n; of those after it, the phrases up to a comma.
  for (uint32_t t = n + 1; t < whole.end; ++t) {
    const Token& tk = tok(t);
    if (tk.kind == TokenKind::kPunct || tk.dep == dep::kAclRelcl || tk.dep == dep::kAppos || tk.dep == dep::kAcl ||
        tk.dep == dep::kConj || tk.dep == dep::kCc || tk.in_quote)
      break;
    r.end = t + 1;
  }
  return r;
}

bool Attributor::next_to_cue(const Mention& m, const Cue& c) const {
  if (m.first_token == c.end_token) return true;
  if (m.end_token > c.first_token) return false;
  for (uint32_t t = m.end_token; t < c.first_token; ++t)
    if (!skippable(t)) return false;
  return true;
}

void Attributor::within_cue_clause(const Frame& f) {
  if (ends_.size() < 2 || !parsed(f.sentence)) return;
  const Sentence& s = doc_.sentences[f.sentence];
  const uint32_t root = cue_root(*f.cue);
  if (is_root(tok(root))) return;  // the main clause: nothing after it is outside
  const uint32_t clause_end = subtree(doc_, s.first_token, s.end_token, root).end;
  const auto past = std::find_if(ends_.begin(), ends_.end(), [&](uint32_t e) { return e > clause_end; });
  if (past != ends_.begin()) ends_.erase(past, ends_.end());
}

int32_t Attributor::appositive_name(int32_t m, uint32_t si) {
  const Mention& src = doc_.mentions[m];
  const uint32_t comma = src.end_token;
  if (src.kind == MentionKind::kName || src.kind == MentionKind::kPronoun || comma + 1 >= doc_.sentences[si].end_token ||
      !is_comma(comma))
    return m;
  const int32_t name = found_mention_at(comma + 1);
  if (name < 0 || doc_.mentions[name].kind != MentionKind::kName || doc_.mentions[name].first_token != comma + 1 ||
      !parsed(si))
    return m;
  return apposition_to(src, comma + 1, doc_.mentions[name].end_token) >= 0 ? name : m;
}

uint32_t Attributor::past_apposition(uint32_t after, int32_t m, uint32_t si) {
  const Sentence& s = doc_.sentences[si];
  const Mention& src = doc_.mentions[m];
  if (after + 1 >= s.end_token || !is_comma(after) || !parsed(si)) return after;
  uint32_t limit = after + 1;
  while (limit < s.end_token && !is_comma(limit)) ++limit;
  const int64_t t = apposition_to(src, after + 1, limit, true);
  if (t < 0) {
    // A relative pronoun right after the comma opens a clause about the
    // source whatever the parse made of it ("who chairs" read as a noun).
    const FoldedWord w = fw_[after + 1];
    const bool relative = w == "who" || w == "which" || w == "whose";
    return relative && limit < s.end_token ? limit : after;
  }
  const uint32_t end = subtree(doc_, s.first_token, s.end_token, static_cast<uint32_t>(t)).end;
  return is_comma(end - 1) ? end - 1 : end;  // at the comma closing it
}

int64_t Attributor::apposition_to(const Mention& src, uint32_t from, uint32_t limit, bool clause) const {
  for (uint32_t t = from; t < limit; ++t) {
    const int64_t h = head_of(doc_, t);
    const uint8_t rel = tok(t).dep;
    if ((rel == dep::kAppos || (clause && rel == dep::kAclRelcl)) && h >= src.first_token && h < src.end_token)
      return t;
  }
  return -1;
}

bool Attributor::apposition_between(const Mention& m, const Cue& c, uint32_t si) {
  if (m.end_token + 2 >= c.first_token || !is_comma(m.end_token) || !is_comma(c.first_token - 1)) return false;
  for (uint32_t t = m.end_token; t < c.first_token; ++t) {
    const FoldedWord w = fw_[t];
    if (tok(t).in_quote || w == "who" || w == "which" || w == "that" || w == "whose" || w == "whom" || w == "and" ||
        w == "or" || w == "nor" || w == "but")
      return false;
  }
  return finite_verbs(m.end_token, c.first_token, si) == 0;
}

void Attributor::check_with_tree(Frame& f) {
  const Cue& c = *f.cue;
  if (c.kind != CueKind::kVerb || f.source < 0 || f.noun_cue || !tagger_) return;
  const uint32_t si = f.sentence;
  // A statement before the cue without quotation marks or a finite verb ("In an interview with the Guardian").
  const Range before = f.content.empty() ? Range{} : f.content.front();
  const bool phrase_before = f.trailing && f.content.size() == 1 && before.end <= c.first_token &&
                             first_quoted(before.begin, before.end, si) >= before.end &&
                             finite_verbs(before.begin, before.end, si) == 0;
  if ((next_to_cue(doc_.mentions[f.source], c) || apposition_between(doc_.mentions[f.source], c, si)) &&
      !phrase_before)
    return;
  if (!parsed(si)) return;
  const uint32_t root = cue_root(c);
  if (!pos::is_verbal(tok(root).tag)) return;
  const auto in_content = [&](int64_t t) {
    for (const Range& r : f.content)
      if (r.begin <= t && t < r.end) return true;
    return false;
  };
  // The statement before the cue is one of its adjuncts: the content is its complement.
  if (phrase_before) {
    const std::string_view rel = relation_to(before.begin, before.end, root);
    const Sentence& s = doc_.sentences[si];
    const int64_t comp = child_with(doc_, s.first_token, s.end_token, root, dep::kCcomp);
    if ((rel == "obl" || rel == "obl:tmod" || rel == "obl:unmarked" || rel == "advmod") && comp > c.first_token) {
      const TokenRange cr = subtree(doc_, s.first_token, s.end_token, static_cast<uint32_t>(comp));
      const Range content = trim({std::max(cr.first, c.end_token), cr.end});
      if (word_count(content.begin, content.end) >= 2) {
        f.content = {content};
        f.trailing = false;
        f.origin = "complement";
      }
    }
  }
  if (next_to_cue(doc_.mentions[f.source], c)) return;
  const Mention& src = doc_.mentions[f.source];
  const int64_t n = tree_subject(root, si);
  if (n < 0 || tok(n).in_quote || in_content(n)) return;
  // A subject that names no one ("this morning said", a misparse) leaves the rules' source.
  const uint8_t nt = tok(static_cast<uint32_t>(n)).tag;
  if (!(pos::is_nominal(nt) || pos::is_pronoun(nt)) || lex_.is(WordClass::kTime, fw_.id(n))) return;
  if (child_with(doc_, doc_.sentences[si].first_token, static_cast<uint32_t>(n), n, dep::kCase) >= 0)
    return;  // a noun after a preposition ("of lending") is no subject: a misparse
  if (src.first_token <= n && n < src.end_token) return;  // the rules and the tree agree
  // "The head of the CBI, Digby Jones, warned": a phrase of the subject is
  // it, unless a clause ("who travelled to Madrid") lies between.
  {
    int64_t t = src.first_token;
    while (t + 1 < src.end_token && head_of(doc_, static_cast<uint32_t>(t)) >= src.first_token &&
           head_of(doc_, static_cast<uint32_t>(t)) < src.end_token)
      ++t;  // the source's head word
    for (int steps = 0; t >= 0 && t != n && steps < 64; ++steps) {
      const uint8_t r = tok(static_cast<uint32_t>(t)).dep;
      if (r == dep::kAcl || r == dep::kAclRelcl || r == dep::kAdvcl || r == dep::kCcomp || r == dep::kXcomp ||
          r == dep::kParataxis || r == dep::kRoot)
        break;
      t = head_of(doc_, static_cast<uint32_t>(t));
    }
    if (t == n) return;
  }
  int32_t m = found_mention_at(static_cast<uint32_t>(n));
  if (m < 0) {
    const Range phrase = head_phrase(static_cast<uint32_t>(n), si);
    if (in_content(phrase.begin) || in_content(phrase.end - 1)) return;
    m = phrase_mention(phrase.begin, phrase.end);
  }
  if (m < 0) return;
  f.source = m;
  f.tagged_source = false;
}

}  // namespace whosaid::attribution
