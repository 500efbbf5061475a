#include "entities/resolver.h"

#include <algorithm>
#include <optional>

#include "core/positions.h"
#include "core/utf8.h"
#include "core/word_map.h"
#include "coref/coref.h"
#include "entities/antecedent_rules.h"
#include "entities/continuing_speaker.h"
#include "entities/document_author.h"
#include "entities/entity_typer.h"
#include "entities/expletive.h"
#include "entities/relative_antecedent.h"
#include "entities/resolver_memory.h"
#include "entities/group_subject.h"
#include "entities/turns.h"
#include "entities/voice.h"
#include "mentions/mention_finder.h"
#include "parse/parser.h"
#include "parse/tree.h"
#include "tagger/tag_set.h"

namespace whosaid {
namespace {

constexpr size_t kKeptMentions = size_t{1} << 13;

ResolverMemory& resolver_memory() {
  thread_local ResolverMemory memory;
  return memory;
}

class Resolver {
 public:
  Resolver(Document& doc, const Lexicon& lex, const FoldedWords& folded, const CorefModel& model,
           const std::vector<SpeakerLink>& links)
      : doc_(doc), lex_(lex), folded_(folded), model_(model), links_(links) {
    by_surname_.clear();
    by_given_.clear();
    full_.clear();
    single_.clear();
    called_body_.clear();
  }
  ~Resolver() {
    if (doc_.mentions.size() > kKeptMentions) mem_ = ResolverMemory{};
  }
  Resolver(const Resolver&) = delete;
  Resolver& operator=(const Resolver&) = delete;

  void run() {
    mark_sources();
    group_names();
    resolve_coref();
    assign_speakers();
  }

 private:
  // The key of a full name in full_: its folded words, each followed by a space.
  static const std::string& name_key(const std::vector<FoldedWord>& words, std::string& key) {
    key.clear();
    for (const std::string_view w : words) {
      key += w;
      key += ' ';
    }
    return key;
  }

  void mark_sources() {
    is_source_.assign(doc_.mentions.size(), false);
    spokesperson_.assign(doc_.mentions.size(), false);
    quote_of_.assign(doc_.mentions.size(), -1);
    for (size_t qi = 0; qi < links_.size(); ++qi) {
      const int32_t m = links_[qi].mention;
      if (m < 0) continue;
      is_source_[m] = true;
      if (quote_of_[m] < 0) quote_of_[m] = static_cast<int32_t>(qi);
    }
  }

  // `lend`: the mention lends the entity its gender and role (not the name
  // of a body inside a spokesperson's phrase: attach()).
  int32_t new_entity(const Mention& m, int32_t mi, bool lend = true) {
    Entity e;
    e.name = std::string(doc_.slice(m.name));
    if (!e.name.empty() && e.name.size() > 2 && e.name.ends_with("'s")) e.name.resize(e.name.size() - 2);
    e.kind = m.kind;
    if (lend) e.gender = m.gender;
    doc_.entities.push_back(std::move(e));
    const int32_t id = static_cast<int32_t>(doc_.entities.size() - 1);
    attach(mi, id, !lend);
    return id;
  }

  // The entity a quote's source stands for, -1 if none.
  int32_t source_entity(const SpeakerLink& l) const {
    if (l.mention < 0) return -1;
    const Mention& m = doc_.mentions[l.mention];
    return m.kind == MentionKind::kPronoun ? resolved_[l.mention] : m.entity;
  }

  // A spokesperson's mention joins the body they speak for without lending
  // it their role or gender ("a spokeswoman" is not the firm's role).
  void attach(int32_t mi, int32_t id, bool spokesperson = false) {
    Mention& m = doc_.mentions[mi];
    Entity& e = doc_.entities[id];
    m.entity = id;
    e.mentions.push_back(static_cast<uint32_t>(mi));
    if (spokesperson && m.kind == MentionKind::kNominal) spokesperson_[mi] = true;
    if (spokesperson) return;
    if (e.gender == Gender::kUnknown) e.gender = m.gender;
    // The first role, or a fuller one of the same head written beside the
    // name ("leader", then "group leader, Sam Patel").
    if (!m.role.empty()) {
      const std::string_view role = doc_.slice(m.role);
      const auto fuller = [&] {
        if (role.size() <= e.role.size() || !role.ends_with(e.role) || role[role.size() - e.role.size() - 1] != ' ')
          return false;
        const std::string_view extra = role.substr(0, role.size() - e.role.size() - 1);
        return extra != "a" && extra != "A" && extra != "an" && extra != "An" && extra != "the" && extra != "The";
      };
      if (e.role.empty() || (m.kind == MentionKind::kName && fuller()))
        e.role = std::string(role);
    }
    if (e.org.empty() && !m.org.empty()) e.org = std::string(doc_.slice(m.org));
    if (is_source_[mi]) person_[id] = true;
  }

  void group_names() {
    person_.assign(doc_.mentions.size(), false);  // upper bound on entity count
    // The words of each name are folded again in the second pass rather than
    // kept: a vector of strings per mention was the largest share of memory
    // on text dense with names.
    // Full names first, so bare surnames anywhere can find them.
    std::vector<FoldedWord>& words = words_;
    for (size_t i = 0; i < doc_.mentions.size(); ++i) {
      const Mention& m = doc_.mentions[i];
      if (m.kind != MentionKind::kName) continue;
      name_words(doc_, folded_, m, words);
      if (words.size() < 2) continue;
      // "Daniel Bernoulli FRS", "Andrew Tyrie MP": letters after a name are
      // no part of whom it names.
      const std::string_view name = postnominal_free(m, words);
      const std::string& key = name_key(words, key_);
      const int32_t* known = full_.find(key);
      const bool fresh = known == nullptr;
      int32_t id = fresh ? new_entity(m, static_cast<int32_t>(i)) : *known;
      if (!fresh) attach(static_cast<int32_t>(i), id);
      full_.emplace(key, id);
      by_surname_[words.back()].keys.push_back({id, m.first_token});
      by_given_[words.front()].keys.push_back({id, m.first_token});
      Entity& e = doc_.entities[id];
      if (fresh || name.size() > e.name.size()) e.name = std::string(name);
      if (lex_.given_name_gender(words.front()) != Gender::kUnknown || !m.role.empty() ||
          m.gender != Gender::kUnknown)
        person_[id] = true;
    }
    // A given name alone ("Hillary") stands for a person only when one person has it.
    for (uint32_t g = 0; g < by_given_.size(); ++g) {
      const std::vector<NameKey>& list = by_given_.value(g).keys;
      for (const NameKey& k : list)
        if (k.entity != list.front().entity) {
          by_given_.value(g).ambiguous = true;
          break;
        }
    }
    acronyms();
    for (size_t i = 0; i < doc_.mentions.size(); ++i) {
      const Mention& m = doc_.mentions[i];
      if (m.kind != MentionKind::kName) continue;
      name_words(doc_, folded_, m, words);
      if (words.size() != 1) continue;
      const FoldedWord w = words[0];
      int32_t best = nearest_full_name(w, m);
      if (best >= 0) {
        attach(static_cast<int32_t>(i), best);
        if (m.gender != Gender::kUnknown) person_[best] = true;
        continue;
      }
      // A single name seen before on its own ("Trump" … "Trump").
      if (const int32_t* known = single_.find(w)) {
        attach(static_cast<int32_t>(i), *known);
      } else {
        int32_t id = new_entity(m, static_cast<int32_t>(i));
        single_.emplace(w, id);
      }
      if (m.gender != Gender::kUnknown) person_[doc_.mentions[i].entity] = true;
    }
  }

  // "Korean Central News Agency (KCNA) … KCNA said": initials in
  // parentheses after a name (mentions/mention_finder.h) stand for its
  // entity wherever they recur in the article.
  void acronyms() {
    for (size_t i = 0; i < doc_.mentions.size(); ++i) {
      const Mention& m = doc_.mentions[i];
      if (m.kind != MentionKind::kName && m.kind != MentionKind::kOrganisation) continue;
      uint32_t b = m.first_token;
      while (b < m.end_token && doc_.tokens[b].span.begin < m.name.begin) ++b;  // "The", a role
      const int64_t a = initials_after(doc_, b, m.end_token);
      if (a < 0) continue;
      const std::string_view acronym = folded_[a];
      if (single_.contains(acronym)) continue;
      single_.emplace(acronym, m.entity >= 0 ? m.entity : entity_named(static_cast<int32_t>(i)));
    }
  }

  // The name of mention m without a postnominal, dropping it from `words`
  // too: a last word of two to four capitals after two capitalised words or
  // more ("FRS", "QC", "MP", "OBE").
  std::string_view postnominal_free(const Mention& m, std::vector<FoldedWord>& words) const {
    const std::string_view name = doc_.slice(m.name);
    if (words.size() < 3 || m.end_token < m.first_token + 3) return name;
    const Token& last = doc_.tokens[m.end_token - 1];
    const size_t n = last.span.end - last.span.begin;
    if (!last.has(kAllCaps) || n < 2 || n > 4 || last.span.end != m.name.end) return name;
    // Not a firm's name after "of" ("Doug Williams of BT").
    for (uint32_t t = m.first_token; t + 1 < m.end_token; ++t)
      if (doc_.tokens[t].kind == TokenKind::kWord && doc_.tokens[t].span.begin >= m.name.begin &&
          !doc_.tokens[t].has(kCapitalized))
        return name;
    words.pop_back();
    const Token& before = doc_.tokens[m.end_token - 2];
    return doc_.slice(Span{m.name.begin, before.span.end});
  }

  // The entity of a full name with surname (or, when unique, given name) `w`
  // nearest before mention m, else the first after it; -1 if none agrees.
  // Looks at a bounded number of candidates, so resolution stays linear.
  int32_t nearest_full_name(std::string_view w, const Mention& m) const {
    const std::vector<NameKey>* lists[2] = {nullptr, nullptr};
    if (const NameList* surname = by_surname_.find(w)) lists[0] = &surname->keys;
    if (const NameList* given = by_given_.find(w); given && !given->ambiguous) lists[1] = &given->keys;
    int32_t best = -1;
    uint32_t best_dist = UINT32_MAX;
    bool best_before = false;
    for (const std::vector<NameKey>* list : lists) {
      if (!list) continue;
      // Entries are in text order: look at a few on each side of the mention.
      auto at = std::lower_bound(list->begin(), list->end(), m.first_token,
                                 [](const NameKey& k, uint32_t t) { return k.token < t; });
      auto from = at - std::min<ptrdiff_t>(at - list->begin(), kCandidatesEachSide);
      auto to = at + std::min<ptrdiff_t>(list->end() - at, kCandidatesEachSide);
      for (auto s = from; s != to; ++s) {
        if (!genders_agree(m.gender, doc_.entities[s->entity].gender)) continue;
        const bool before = s->token < m.first_token;
        const uint32_t dist = before ? m.first_token - s->token : s->token - m.first_token;
        if (best < 0 || (before && !best_before) || (before == best_before && dist < best_dist)) {
          best = s->entity;
          best_dist = dist;
          best_before = before;
        }
      }
    }
    return best;
  }

  // Pronouns and nominals by the coreference model (coref/coref.h): each one
  // takes the entity of the antecedent the model picks. A nominal with none
  // starts an entity (one per wording: "the ministry" twice is one body), and
  // organisations not grouped by name too. "I"/"we" inside a quotation is that
  // quotation's speaker.
  void resolve_coref() {
    ms_ = coref_mentions(doc_, lex_, folded_);
    std::vector<CorefMention>& ms = ms_;
    for (CorefMention& m : ms) m.source = m.doc_mention >= 0 && is_source_[m.doc_mention];
    ent_.assign(ms.size(), -1);
    done_.assign(ms.size(), false);
    resolved_.assign(doc_.mentions.size(), -1);
    for (size_t i = 0; i < ms.size(); ++i)
      if (ms[i].doc_mention >= 0) ent_[i] = doc_.mentions[ms[i].doc_mention].entity;
    rules_.index_roles();
    turns_ = transcript_turns(doc_, folded_, ms_, ent_);
    find_interviewee();
    for (size_t i = 0; i < ms.size(); ++i) {
      const int32_t dm = ms[i].doc_mention;
      if (ent_[i] >= 0) continue;
      // Only what a speaker can depend on is resolved: nominal mentions (they
      // make entities) and pronoun sources, each with the anaphors its chain
      // of antecedents passes through (resolve()). Other pronouns ("his",
      // "you" in a quotation nobody's chain reaches) are never scored.
      // A definite body noun opening a sentence ("The company didn't give
      // details … but it said") is what a later source "it" may stand for
      // (nearest_speaking_body), found by the coreference mentions alone.
      const bool needed = (dm >= 0 && (ms[i].form == CorefForm::kNominal || ms[i].source || !is_anaphor(ms[i]))) ||
                          rules_.speaking_body_noun(ms[i]);
      if (is_anaphor(ms[i]) && needed) resolve(i);
      if (dm < 0 || !needed) continue;
      if (ms[i].form == CorefForm::kNominal || !is_anaphor(ms[i])) {
        if (ent_[i] < 0) ent_[i] = rules_.relative_head(i);  // "The club, which … said"
        if (ent_[i] < 0 && ms[i].sentence == 0) ent_[i] = rules_.role_holder(i);  // "Senator vows …"
        if (ent_[i] < 0 && rules_.spokesperson(ms[i]) && (ent_[i] = rules_.spoken_for_body(i)) >= 0)
          call_body(ent_[i]);  // "Ofcom says … But a spokesman said …"
        if (ent_[i] < 0 && (ent_[i] = named_spokes_body(i)) >= 0) call_body(ent_[i]);  // "A Delta spokesperson said"
        if (ent_[i] < 0) ent_[i] = rules_.coordinated_name(i);  // "Bos and colleagues describe …"
        if (ent_[i] < 0) ent_[i] = entity_named(dm);
        if (doc_.mentions[dm].entity < 0)  // a spokesperson joins the body they speak for (attach())
          attach(dm, ent_[i], speaks_for_body(i));
      } else {
        resolved_[dm] = ent_[i];
      }
    }
  }

  // The entity of the words of mention dm, a new one when no mention not
  // grouped by group_names() had them before ("the company", "Acme Corp").
  int32_t entity_named(int32_t dm, bool lend = true) {
    utf8::fold(doc_.slice(doc_.mentions[dm].name), key_);
    const int32_t* known = single_.find(key_);
    const int32_t e = known ? *known : new_entity(doc_.mentions[dm], dm, lend);
    single_.emplace(key_, e);
    return e;
  }

  void call_body(int32_t e) {
    if (called_body_.size() <= static_cast<size_t>(e)) called_body_.resize(static_cast<size_t>(e) + 1, 0);
    called_body_[e] = 1;
  }
  bool called_body(int32_t e) const { return static_cast<size_t>(e) < called_body_.size() && called_body_[e]; }

  // Whether coreference mention k is a spokesperson joined to the body
  // they speak for.
  bool speaks_for_body(size_t k) const {
    return ent_[k] >= 0 && called_body(ent_[k]) &&
           (rules_.spokesperson(ms_[k]) || rules_.spokes_name(k) >= 0);
  }

  // The body a spokesperson's phrase names ("A Delta spokesperson", "a
  // spokesman for the BPI"), its name given an entity first; -1 if none.
  int32_t named_spokes_body(size_t i) {
    const int32_t j = rules_.spokes_name(i);
    if (j < 0) return -1;
    const int32_t dm = ms_[j].doc_mention;
    if (ent_[j] < 0) ent_[j] = doc_.mentions[dm].entity;
    if (ent_[j] < 0) {  // the spokesperson's role and gender are not the body's
      // A surname of a person named in full ("Tony Blair … a Blair
      // spokesman") speaks for no body. (Not the first word of a body's
      // name: "BBC" of "BBC Three" is another.)
      name_words(doc_, folded_, doc_.mentions[dm], words_);
      if (words_.size() == 1) {
        const int32_t full = nearest_full_name(words_.front(), doc_.mentions[dm]);
        if (full >= 0 && !rules_.speaks_as_body(full)) return -1;
      }
      ent_[j] = entity_named(dm, false);
      if (doc_.mentions[dm].entity < 0) attach(dm, ent_[j], true);
    }
    if (!rules_.speaks_as_body(ent_[j])) return -1;
    // Whoever speaks is a person, whom a later "he" or "she" may be (the
    // mention's gender came from the body's name at its end: "a spokesman
    // for the BPI").
    const std::string_view word = folded_[rules_.spokes_word(i)];
    ms_[i].gender = word == "spokesman" ? Gender::kMale : word == "spokeswoman" ? Gender::kFemale : Gender::kUnknown;
    return ent_[j];
  }

  // The interviewee of a question-and-answer article (voice.h), -1 if none. A
  // pronoun ("Wikinews interviewed him") is resolved first, by the model.
  void find_interviewee() {
    const std::vector<int32_t> found = interviewee_mentions(doc_, folded_, ms_);
    std::vector<int32_t> entities;
    if (found.empty()) {
      // No sentence says whom: the people it credits by name (voice.h). Not
      // in a transcript that gives the floor by name, where it passes among
      // several (turns.h).
      const bool floor_given = std::any_of(turns_.begin(), turns_.end(),
                                           [](const Turn& t) { return t.speaker >= 0 || t.addressed >= 0; });
      if (floor_given || !questions_throughout(doc_)) return;
      for (const SpeakerLink& l : links_)
        if (l.mention >= 0 && doc_.mentions[l.mention].kind == MentionKind::kName)
          entities.push_back(doc_.mentions[l.mention].entity);
      interviewee_ = pick_interviewee(doc_, entities);
      return;
    }
    for (const int32_t i : found) {
      if (is_anaphor(ms_[i]) && !done_[i]) {
        resolve(static_cast<size_t>(i));
        if (ms_[i].doc_mention >= 0) resolved_[ms_[i].doc_mention] = ent_[i];
      }
      entities.push_back(ent_[i]);
    }
    interviewee_ = pick_interviewee(doc_, entities);
  }

  // Resolves anaphor i: first the rules ("I" in a quotation, a continuing
  // speaker), else the model's antecedent, whose entity it takes. An
  // antecedent that is itself an anaphor not yet resolved is resolved first,
  // down the chain (iteratively: a chain may be long); each anaphor at most once.
  void resolve(size_t i) {
    const std::vector<CorefMention>& ms = ms_;
    chain_.clear();
    size_t cur = i;
    for (;;) {
      done_[cur] = true;
      int32_t e = quotation_speaker(ms[cur]);
      if (e < 0) e = rules_.relative_head(cur);
      if (e < 0 && (e = rules_.apposition_head(cur)) >= 0 && rules_.body_noun(ms[cur])) call_body(e);
      if (e < 0 && (e = named_spokes_body(cur)) >= 0) call_body(e);  // "The BPI spokesman"
      if (e < 0) e = voice(ms[cur]);
      if (e < 0) e = continuity_.resumed_name(cur);
      if (e < 0) e = continuity_.continuing_speaker(ms[cur]);
      if (e >= 0) {
        ent_[cur] = e;
        break;
      }
      // ("he" of "a BBC spokesman" who speaks for the BBC is that spokesman.)
      int32_t j = model_.antecedent(ms, cur, folded_, [&](size_t k) {
        return rules_.impersonal(ms[cur], ent_[k]) && !speaks_for_body(k);
      });
      // "he said", "she told BBC News" outside quotation marks: news names
      // its speakers before it calls them "he" or "she", so "none" is no
      // answer; the best candidate that already stands for a person and was
      // a subject or a source (not "the Daily Star" in "an expert for the
      // Daily Star") is.
      if (j < 0 && he_or_she_said(ms[cur]))
        j = model_.best_candidate(ms, cur, folded_, [&](size_t k) {
          return ent_[k] < 0 || (ms[k].in_quote && is_pronoun(ms[k].form)) || !(ms[k].subject || ms[k].source) ||
                 (!typer_.named_as_person(ent_[k]) && !speaks_for_body(k)) || rules_.group(ent_[k]) ||
                 author_as_third_person(ms[cur], ent_[k]);
        });
      if (j < 0) {
        ent_[cur] = rules_.role_holder(cur);
        if (ent_[cur] < 0) ent_[cur] = rules_.salient_person(cur);
        if (ent_[cur] < 0) ent_[cur] = rules_.lede_person(cur);
        if (ent_[cur] < 0 && ms[cur].org_head) ent_[cur] = rules_.nearest_body(cur);
        if (ent_[cur] < 0 && AntecedentRules::bare(ms[cur]) && ms[cur].definite &&
            AntecedentRules::publication_noun(ms[cur].head(folded_)))
          ent_[cur] = rules_.nearest_publication(cur);  // "the FT reports … the paper said"
        if (ent_[cur] < 0 && rules_.spokesperson(ms[cur]) && (ent_[cur] = rules_.spoken_for_body(cur)) >= 0)
          call_body(ent_[cur]);
        if (ent_[cur] < 0 && !is_pronoun(ms[cur].form) && !plural(ms[cur].head(folded_)) && AntecedentRules::bare(ms[cur]) &&
            !AntecedentRules::unnamed_body(ms[cur].head(folded_)))
          if ((ent_[cur] = rules_.nearest_named_body(cur)) >= 0) call_body(ent_[cur]);
        break;
      }
      chain_.emplace_back(cur, static_cast<size_t>(j));
      if (done_[j] || !is_anaphor(ms[j]) || ent_[j] >= 0) break;
      cur = static_cast<size_t>(j);
    }
    for (size_t k = chain_.size(); k-- > 0;) {
      const size_t a = chain_[k].first;
      const size_t b = chain_[k].second;
      ent_[a] = ent_[b];
      if (other_turn(ms[a], ent_[a]) || (rules_.impersonal(ms[a], ent_[a]) && !speaks_for_body(b)) ||
          author_as_third_person(ms[a], ent_[a]))
        ent_[a] = -1;
    }
    // Such a "he" or "she" the chain still leaves to no one (a group or body
    // it ended in): a named person of that gender (or of no known
    // gender, with a role or a given name) in this and the three sentences
    // before is: the only one, else the nearest that is a subject or a
    // source (the centre of attention). Otherwise the pronoun stays as
    // written: a wrong name is worse than none.
    if (ent_[i] < 0 && he_or_she_said(ms[i])) {
      int32_t only = -1, centre = -1;
      bool several = false;
      for (size_t k = i; k-- > CorefModel::first_candidate(i) && ms[k].sentence + 3 >= ms[i].sentence;) {
        const int32_t e = ent_[k];
        if (e < 0 || (ms[k].in_quote && is_pronoun(ms[k].form))) continue;
        const Gender g = doc_.entities[e].gender;
        if (!(g == ms[i].gender || (g == Gender::kUnknown && typer_.person_evidence(e))) ||
            !typer_.named_as_person(e) || rules_.impersonal(ms[i], e) || other_turn(ms[i], e) ||
            author_as_third_person(ms[i], e))
          continue;
        if (centre < 0 && (ms[k].subject || ms[k].source)) centre = e;
        several = several || (only >= 0 && e != only);
        only = e;
      }
      ent_[i] = several ? centre : only;
    }
    // A bare body noun whose chain ends in no one ("… had forced the company
    // into bankruptcy. Zentrix was fighting … The company said": linked to an
    // earlier "the company" that stands for no one): the named body before
    // it, as when the model says none.
    if (ent_[i] < 0 && ms[i].form == CorefForm::kNominal && !chain_.empty() && AntecedentRules::bare(ms[i]) &&
        ms[i].definite && !plural(ms[i].head(folded_)) && !AntecedentRules::unnamed_body(ms[i].head(folded_)) &&
        rules_.body_noun(ms[i]))
      if ((ent_[i] = rules_.nearest_named_body(i)) >= 0) call_body(ent_[i]);
    // A source "it" stands for a body: when the model links it to none, or to
    // something that is no body ("its new software"), the nearest speaking body.
    if (ms[i].form == CorefForm::kNeuter && ms[i].source && !ms[i].in_quote && (ent_[i] < 0 || !rules_.body(ent_[i]))) {
      const int32_t b = rules_.nearest_speaking_body(i);
      if (b >= 0) ent_[i] = b, call_body(b);  // "it" said: a body (EntityTyper::type)
    }
    // A source "they" the model links to no one: the group that is the
    // subject of a sentence just before ("Opponents say … They said").
    if (ms[i].form == CorefForm::kThirdPlural && ms[i].source && !ms[i].in_quote && ent_[i] < 0)
      ent_[i] = rules_.nearest_plural_subject(i);
    // Else, unless a group is the subject before (group_subject.h), a body.
    if (ms[i].form == CorefForm::kThirdPlural && ms[i].source && !ms[i].in_quote && ent_[i] < 0 &&
        ms[i].doc_mention >= 0 && folded_[ms[i].first_token] == "they" && !group_subject(doc_, lex_, folded_, doc_.mentions[ms[i].doc_mention]))
      ent_[i] = rules_.body_they_stand_for(i);
  }

  // A "he" or "she" that is a source outside quotation marks ("he said").
  static bool he_or_she_said(const CorefMention& m) {
    return m.source && !m.in_quote && (m.form == CorefForm::kMale || m.form == CorefForm::kFemale);
  }

  // The index of the quote whose span holds mention m (in quotation marks), or -1.
  int32_t quote_holding(const CorefMention& m) const {
    if (!m.in_quote) return -1;
    const uint32_t at = doc_.tokens[m.first_token].span.begin;
    auto it = std::upper_bound(doc_.quotes.begin(), doc_.quotes.end(), at,
                               [](uint32_t b, const Quote& q) { return b < q.span.begin; });
    if (it == doc_.quotes.begin()) return -1;
    const size_t qi = static_cast<size_t>(it - doc_.quotes.begin() - 1);
    return at < doc_.quotes[qi].span.end ? static_cast<int32_t>(qi) : -1;
  }

  // The named speaker of the quotation holding a first-person pronoun, or -1.
  int32_t quotation_speaker(const CorefMention& m) const {
    if (m.form != CorefForm::kFirstSingular && m.form != CorefForm::kFirstPlural) return -1;
    const int32_t qi = quote_holding(m);
    if (qi < 0 || links_[qi].mention < 0) return -1;
    const Mention& src = doc_.mentions[links_[qi].mention];
    return src.kind == MentionKind::kPronoun ? -1 : src.entity;
  }

  // The document's own voice (voice.h) for a pronoun outside quotation marks:
  // in an interview, the interviewee is the "I" of the answers and the "you"
  // of the questions; elsewhere the byline's author is the "I". -1: none.
  int32_t voice(const CorefMention& m) {
    if (m.in_quote) return -1;
    if (m.paragraph < turns_.size()) {  // a transcript's turn (turns.h)
      const Turn& t = turns_[m.paragraph];
      if (m.form == CorefForm::kFirstSingular && t.speaker >= 0) return t.speaker;
      if (m.form == CorefForm::kSecond && t.addressed >= 0) return t.addressed;
    }
    if (m.form == CorefForm::kSecond && m.question) return interviewee_;
    // An answer's "we" is the interviewee speaking for a group: the one who says it.
    if (m.form == CorefForm::kFirstPlural && !m.question && m.source) return interviewee_;
    if (m.form != CorefForm::kFirstSingular || m.question) return -1;
    return interviewee_ >= 0 ? interviewee_ : author();
  }

  // Whether entity e, reached through the model's chain, is the wrong side
  // of a transcript's turn: the others' "I" is not the floor holder, nor is
  // the holder's own "you" (a chain of "I"s runs across turns).
  bool other_turn(const CorefMention& m, int32_t e) const {
    if (e < 0 || m.in_quote || m.paragraph >= turns_.size()) return false;
    const Turn& t = turns_[m.paragraph];
    if (m.form == CorefForm::kFirstSingular) return t.speaker < 0 && t.addressed == e;
    if (m.form == CorefForm::kSecond) return t.speaker == e;
    return false;
  }

  // Whether a "he", "she" or "they" outside quotation marks would stand for
  // the author, whose voice is "I" (a chain "she … I" across a column that
  // writes about someone: "Anne could not … I do not think Anne is alone").
  bool author_as_third_person(const CorefMention& m, int32_t e) const {
    return e >= 0 && e == author_ && !m.in_quote &&
           (m.form == CorefForm::kMale || m.form == CorefForm::kFemale || m.form == CorefForm::kThirdPlural);
  }

  // The entity of the byline's first author, made on first use; -1 if the
  // article has no byline.
  int32_t author() {
    if (doc_.authors.empty()) return -1;
    if (author_ >= 0) return author_;
    Entity e;
    e.name = std::string(doc_.slice(doc_.authors.front()));
    key_.clear();  // the key of full_: the byline's folded words, each followed by a space
    for (const Token& t : doc_.tokens) {
      if (t.span.begin < doc_.authors.front().begin || t.kind != TokenKind::kWord) continue;
      if (t.span.end > doc_.authors.front().end) break;
      utf8::fold_append(doc_.slice(t.span), key_);
      key_ += ' ';
    }
    // The same person named in the text ("Sarah Jones, our correspondent").
    if (const int32_t* known = full_.find(key_)) return author_ = *known;
    doc_.entities.push_back(std::move(e));
    return author_ = static_cast<int32_t>(doc_.entities.size() - 1);
  }

  void fill(Speaker& sp, int32_t id) {
    sp.entity = id;
    if (id < 0) return;
    const Entity& e = doc_.entities[id];
    sp.name = e.name;
    sp.type = e.type;
  }

  // "the International Air Transport Association (IATA), which has attacked
  // …", "President George W Bush himself, who told …": a relative pronoun
  // that is a source and that nothing resolved takes the entity of the noun
  // the tree hangs its clause from (acl:relcl). Only such sentences are parsed.
  void resolve_relatives_by_tree() {
    for (const SpeakerLink& l : links_) {
      if (l.mention < 0 || resolved_[l.mention] >= 0) continue;
      const Mention& m = doc_.mentions[l.mention];
      const FoldedWord w = folded_[m.first_token];
      if (m.kind != MentionKind::kPronoun || m.end_token != m.first_token + 1 ||
          (w != "who" && w != "which" && w != "that"))
        continue;
      const int32_t si = sentence_containing(doc_, m.first_token);
      if (si < 0) continue;
      const Sentence& s = doc_.sentences[si];
      if (!is_parsed(doc_.tokens[m.first_token])) Parser::builtin().parse(doc_, s.first_token, s.end_token);
      const int64_t noun = relative_clause_noun(doc_, m.first_token);
      if (noun < 0 || noun >= m.first_token) continue;
      for (size_t j = static_cast<size_t>(l.mention), steps = 0; j-- > 0 && steps < 64; ++steps) {
        const Mention& c = doc_.mentions[j];
        if (c.end_token <= s.first_token) break;
        if (c.first_token > noun || noun >= c.end_token) continue;
        resolved_[l.mention] = c.kind == MentionKind::kPronoun ? resolved_[j] : c.entity;
        break;
      }
    }
  }

  void assign_speakers() {
    resolve_relatives_by_tree();
    // Only the entities that sources stand for are typed (the model costs a
    // few microseconds a mention), all before any pronoun lends one its gender.
    std::vector<uint8_t> typed(doc_.entities.size(), 0);
    personal_.assign(doc_.entities.size(), 0);
    for (size_t i = 0; i < ms_.size(); ++i) {
      if (ent_[i] >= 0 && (ms_[i].form == CorefForm::kMale || ms_[i].form == CorefForm::kFemale)) personal_[ent_[i]] = 1;
      // An "I" in a quotation: the speaker is a person (a body says "we").
      if (const int32_t q = ms_[i].form == CorefForm::kFirstSingular ? quote_holding(ms_[i]) : -1; q >= 0)
        if (const int32_t e = source_entity(links_[q]); e >= 0) personal_[e] = 1;
    }
    auto type_once = [&](int32_t id) {
      if (id >= 0 && !typed[id]) typer_.type(doc_.entities[id], called_body(id), personal_[id]), typed[id] = 1;
    };
    for (size_t qi = 0; qi < doc_.quotes.size(); ++qi) type_once(doc_.quotes[qi].speaker ? source_entity(links_[qi]) : -1);
    std::optional<DocumentAuthors> authors;  // built for the first document that speaks
    for (size_t qi = 0; qi < doc_.quotes.size(); ++qi) {
      Quote& q = doc_.quotes[qi];
      const SpeakerLink& l = links_[qi];
      if (l.mention >= 0 && q.speaker) {
        Mention& m = doc_.mentions[l.mention];
        // "It is thought that …": no one is credited (expletive.h).
        if (m.kind == MentionKind::kPronoun && expletive_source(doc_, folded_, m, q)) {
          q.speaker.reset();
          continue;
        }
        int32_t id = m.entity;
        if (m.kind == MentionKind::kPronoun || (id < 0 && resolved_[l.mention] >= 0)) {  // "you": found by the attributor
          id = resolved_[l.mention];
          if (id >= 0 && doc_.entities[id].gender == Gender::kUnknown &&
              (m.gender == Gender::kMale || m.gender == Gender::kFemale))
            doc_.entities[id].gender = m.gender;
        }
        // "The report predicted", "according to a survey by YouGov": the
        // document's author, when the article names one (document_author.h).
        // Not "experts from Leeds University": people, whom no one wrote.
        // So is an "it" resolved to one ("The report, carried out by
        // consultants X, … It showed"), and a report whose other mentions
        // name its author.
        if ((m.kind == MentionKind::kNominal &&
             (id >= 0 ? doc_.entities[id].type : typer_.mention_type(l.mention)) == EntityType::kDocument) ||
            (m.kind == MentionKind::kPronoun && id >= 0 && doc_.entities[id].type == EntityType::kDocument)) {
          if (!authors) {
            // A body named only in passing becomes an entity (entity_named()).
            const size_t before = doc_.entities.size();
            authors.emplace(
                doc_, lex_, folded_,
                [&](uint32_t dm) {
                  const int32_t e = entity_named(static_cast<int32_t>(dm));
                  if (doc_.mentions[dm].entity < 0) attach(static_cast<int32_t>(dm), e);
                  return e;
                },
                [&](uint32_t si, bool last) { return body_speaking_in(si, last); });
            if (doc_.entities.size() != before) typed.resize(doc_.entities.size(), 0), personal_.resize(doc_.entities.size(), 0);
          }
          int32_t author = m.kind == MentionKind::kNominal ? authors->author(static_cast<uint32_t>(l.mention)) : -1;
          constexpr size_t kMentionsRead = 16;  // a bounded cost per quote
          for (size_t k = 0; author < 0 && id >= 0 && k < doc_.entities[id].mentions.size() && k < kMentionsRead; ++k) {
            const uint32_t mi = doc_.entities[id].mentions[k];
            if (mi != static_cast<uint32_t>(l.mention) && doc_.mentions[mi].kind == MentionKind::kNominal)
              author = authors->author(mi);
          }
          type_once(author);
          if (author >= 0 && doc_.entities[author].type != EntityType::kOther) id = author;
        }
        // A place, work, event or abstraction never speaks: a pronoun resolved
        // to one stays as written, and any other source leaves the quote
        // without a speaker.
        if (id >= 0 && doc_.entities[id].type == EntityType::kOther) {
          if (m.kind != MentionKind::kPronoun) {
            q.speaker.reset();
            continue;
          }
          id = -1;
        }
        fill(*q.speaker, id);
        // Unresolved: "I", "we" as written; "who" by its noun phrase; "they"
        // by the group that is the subject before (group_subject.h).
        if (id < 0) {
          std::optional<Span> words = relative_antecedent(doc_, folded_, m);
          if (!words && m.kind == MentionKind::kPronoun) words = group_subject(doc_, lex_, folded_, m);
          q.speaker->name = std::string(doc_.slice(words.value_or(m.span)));
        }
      } else if (l.carried_from >= 0 && doc_.quotes[l.carried_from].speaker) {
        Speaker sp = *doc_.quotes[l.carried_from].speaker;
        sp.mention.reset();
        q.speaker = sp;
      }
    }
  }

  // The body that is the source of the first (or `last`) statement in
  // sentence si, outside quotation marks: a name (capitalised) typed
  // organisation with nothing personal about it ("The Chartered Institute of
  // Purchasing and Supply (CIPS) said"); -2 if that source is anything else,
  // -1 if there is none.
  int32_t body_speaking_in(uint32_t si, bool last) const {
    if (si >= doc_.sentences.size()) return -1;
    const Sentence& s = doc_.sentences[si];
    int32_t best = -1;
    uint32_t best_token = UINT32_MAX;
    for (const SpeakerLink& l : links_) {
      if (l.mention < 0) continue;
      const Mention& m = doc_.mentions[l.mention];
      if (m.first_token < s.first_token || m.first_token >= s.end_token) continue;
      if (best_token != UINT32_MAX && (last ? m.first_token <= best_token : m.first_token >= best_token)) continue;
      if (doc_.tokens[m.first_token].in_quote) continue;
      best_token = m.first_token;
      best = -2;
      // A pronoun ("…, the OECD said. "…," it added") by the body it stands for.
      int32_t mi = l.mention;
      if (m.kind == MentionKind::kPronoun) {
        const int32_t e = resolved_[l.mention];
        if (e < 0 || doc_.entities[e].mentions.empty()) continue;
        mi = static_cast<int32_t>(doc_.entities[e].mentions.front());
      }
      const Mention& n = doc_.mentions[mi];
      if ((n.kind != MentionKind::kName && n.kind != MentionKind::kOrganisation) || n.entity < 0 ||
          !doc_.tokens[n.end_token - 1].has(kCapitalized))  // not "the government"
        continue;
      if (typer_.mention_type(mi) != EntityType::kOrganisation || typer_.person_evidence(n.entity)) continue;
      best = n.entity;
    }
    return best;
  }

  static constexpr ptrdiff_t kCandidatesEachSide = 8;

  Document& doc_;
  const Lexicon& lex_;
  const FoldedWords& folded_;
  const CorefModel& model_;
  ResolverMemory& mem_ = resolver_memory();
  EntityTyper typer_{doc_, lex_, folded_};
  const std::vector<SpeakerLink>& links_;
  std::vector<int32_t>& resolved_ = mem_.resolved;  // entity of each pronoun mention, -1 if none
  std::vector<CorefMention> ms_;                    // resolve_coref(): the coreference mentions
  std::vector<int32_t>& ent_ = mem_.ent;            // … the entity of each (-1: none yet)
  AntecedentRules rules_{doc_, lex_, folded_, typer_, ms_, ent_};  // what the model leaves
  std::vector<bool>& done_ = mem_.done;             // … whether resolve() has seen it
  std::vector<std::pair<size_t, size_t>>& chain_ = mem_.chain;  // resolve(): anaphor → antecedent, in chain order
  int32_t interviewee_ = -1;  // entity, voice.h
  std::vector<Turn> turns_;   // per paragraph, a transcript's turns (turns.h); empty if none
  int32_t author_ = -1;       // entity of the byline's first author, author()
  std::vector<bool>& is_source_ = mem_.is_source;
  std::vector<int32_t>& quote_of_ = mem_.quote_of;  // per mention: the first quote it is the source of, -1 if none
  std::vector<bool>& person_ = mem_.person;
  // Per mention: a spokesperson joined to the body they speak for (attach()).
  std::vector<bool>& spokesperson_ = mem_.spokesperson;
  WordMap<NameList>& by_surname_ = mem_.by_surname;
  WordMap<NameList>& by_given_ = mem_.by_given;
  std::vector<FoldedWord>& words_ = mem_.words;  // group_names(): a name's words
  WordMap<int32_t>& full_ = mem_.full;      // entity by name_key()
  WordMap<int32_t>& single_ = mem_.single;  // entity by a name's folded words (entity_named())
  std::string& key_ = mem_.key;             // name_key()'s and entity_named()'s key
  // assign_speakers(): entities a "he" or "she" was resolved to, or whose quotation says "I".
  std::vector<uint8_t>& personal_ = mem_.personal;
  // Per entity, 1: a body noun was resolved to it (nearest_named_body); see call_body().
  std::vector<uint8_t>& called_body_ = mem_.called_body;
  ContinuingSpeaker continuity_{doc_, lex_, folded_, typer_, rules_, ms_, ent_, links_,
                                resolved_, is_source_, quote_of_, spokesperson_};
};

}  // namespace

void resolve_speakers(Document& doc, const Lexicon& lexicon, const FoldedWords& folded, const CorefModel& model,
                      const std::vector<SpeakerLink>& links) {
  Resolver(doc, lexicon, folded, model, links).run();
}

}  // namespace whosaid
