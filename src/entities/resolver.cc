#include "entities/resolver.h"

#include <algorithm>

#include "core/positions.h"
#include "core/utf8.h"
#include "mentions/mention_finder.h"

namespace whosaid {
namespace {

bool compatible(Gender pronoun, Gender entity) {
  if (pronoun == Gender::kUnknown || entity == Gender::kUnknown) return true;
  return pronoun == entity;
}

class Resolver {
 public:
  Resolver(Document& doc, const Lexicon& lex, const std::vector<SpeakerLink>& links)
      : doc_(doc), lex_(lex), links_(links) {}

  void run() {
    mark_sources();
    group_names();
    resolve_nominals();
    assign_speakers();
  }

 private:
  std::vector<std::string> name_words(const Mention& m) const {
    std::vector<std::string> words;
    std::string w;
    for (uint32_t t = m.first_token; t < m.end_token; ++t) {
      if (doc_.tokens[t].span.begin < m.name.begin) continue;
      if (doc_.tokens[t].kind != TokenKind::kWord) continue;
      utf8::fold(doc_.slice(doc_.tokens[t].span), w);
      if (w == "'s") continue;
      words.push_back(w);
    }
    return words;
  }

  void mark_sources() {
    is_source_.assign(doc_.mentions.size(), false);
    for (const SpeakerLink& l : links_)
      if (l.mention >= 0) is_source_[l.mention] = true;
  }

  int32_t new_entity(const Mention& m, int32_t mi) {
    Entity e;
    e.name = std::string(doc_.slice(m.name));
    if (!e.name.empty() && e.name.size() > 2 && e.name.ends_with("'s")) e.name.resize(e.name.size() - 2);
    e.kind = m.kind;
    e.gender = m.gender;
    doc_.entities.push_back(std::move(e));
    const int32_t id = static_cast<int32_t>(doc_.entities.size() - 1);
    attach(mi, id);
    return id;
  }

  void attach(int32_t mi, int32_t id) {
    Mention& m = doc_.mentions[mi];
    Entity& e = doc_.entities[id];
    m.entity = id;
    e.mentions.push_back(static_cast<uint32_t>(mi));
    if (e.gender == Gender::kUnknown) e.gender = m.gender;
    if (e.role.empty() && !m.role.empty()) {
      e.role = std::string(doc_.slice(m.role));
      index_role(id);
    }
    if (e.org.empty() && !m.org.empty()) e.org = std::string(doc_.slice(m.org));
    if (is_source_[mi]) person_[id] = true;
  }

  void group_names() {
    person_.assign(doc_.mentions.size(), false);  // upper bound on entity count
    std::vector<std::vector<std::string>> words(doc_.mentions.size());
    // Full names first, so bare surnames anywhere can find them.
    for (size_t i = 0; i < doc_.mentions.size(); ++i) {
      const Mention& m = doc_.mentions[i];
      if (m.kind != MentionKind::kName) continue;
      words[i] = name_words(m);
      if (words[i].size() < 2) continue;
      std::string key;
      for (const auto& w : words[i]) key += w + " ";
      auto it = full_.find(key);
      int32_t id = it != full_.end() ? it->second : new_entity(m, static_cast<int32_t>(i));
      if (it != full_.end()) attach(static_cast<int32_t>(i), id);
      full_.emplace(key, id);
      by_surname_[words[i].back()].push_back({id, m.first_token});
      by_given_[words[i].front()].push_back({id, m.first_token});
      Entity& e = doc_.entities[id];
      if (doc_.slice(m.name).size() > e.name.size()) e.name = std::string(doc_.slice(m.name));
      if (lex_.given_name_gender(words[i].front()) != Gender::kUnknown || !m.role.empty() ||
          m.gender != Gender::kUnknown)
        person_[id] = true;
    }
    // A given name alone ("Hillary") stands for a person only when one person has it.
    for (const auto& [given, list] : by_given_)
      for (const NameKey& k : list)
        if (k.entity != list.front().entity) {
          ambiguous_given_.insert(given);
          break;
        }
    for (size_t i = 0; i < doc_.mentions.size(); ++i) {
      const Mention& m = doc_.mentions[i];
      if (m.kind != MentionKind::kName || words[i].size() != 1) continue;
      const std::string& w = words[i][0];
      int32_t best = nearest_full_name(w, m);
      if (best >= 0) {
        attach(static_cast<int32_t>(i), best);
        if (m.gender != Gender::kUnknown) person_[best] = true;
        continue;
      }
      // A single name seen before on its own ("Trump" … "Trump").
      auto it = single_.find(w);
      if (it != single_.end()) {
        attach(static_cast<int32_t>(i), it->second);
      } else {
        int32_t id = new_entity(m, static_cast<int32_t>(i));
        single_.emplace(w, id);
      }
      if (m.gender != Gender::kUnknown) person_[doc_.mentions[i].entity] = true;
    }
  }

  // The entity of a full name with surname (or, when unique, given name) `w`
  // nearest before mention m, else the first after it; -1 if none agrees.
  // Looks at a bounded number of candidates, so resolution stays linear.
  int32_t nearest_full_name(const std::string& w, const Mention& m) const {
    const std::vector<NameKey>* lists[2] = {nullptr, nullptr};
    if (auto it = by_surname_.find(w); it != by_surname_.end()) lists[0] = &it->second;
    if (auto it = by_given_.find(w); it != by_given_.end() && !ambiguous_given_.count(w)) lists[1] = &it->second;
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
        if (!compatible(m.gender, doc_.entities[s->entity].gender)) continue;
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




  // Entities by their folded role and every word-final part of it ("prime
  // minister" and "minister" for "Prime Minister"): the highest entity id for
  // each, which resolve_nominals() takes (the entity seen last).
  void index_role(int32_t id) {
    utf8::fold(doc_.entities[id].role, role_buf_);
    const std::string_view role = role_buf_;
    if (role.empty()) return;
    const auto keep_latest = [&](std::string_view key) {
      auto [it, added] = by_role_.try_emplace(std::string(key), id);
      if (!added && it->second < id) it->second = id;
    };
    keep_latest(role);
    for (size_t p = role.find(' '); p != std::string_view::npos; p = role.find(' ', p + 1)) keep_latest(role.substr(p + 1));
  }

  void resolve_nominals() {
    std::string head;
    for (size_t i = 0; i < doc_.mentions.size(); ++i) {
      Mention& m = doc_.mentions[i];
      if (m.entity >= 0 || m.kind == MentionKind::kPronoun) continue;
      if (m.kind == MentionKind::kNominal) {
        // "the Prime Minister" → the entity whose role is Prime Minister (nearest before).
        utf8::fold(doc_.slice(m.role.empty() ? m.name : m.role), head);
        if (head.starts_with("the ")) head = head.substr(4);
        if (!head.empty()) {
          if (auto it = by_role_.find(head); it != by_role_.end()) {
            attach(static_cast<int32_t>(i), it->second);
            continue;
          }
        }
      }
      std::string key;
      utf8::fold(doc_.slice(m.name), key);
      auto it = single_.find(key);
      if (it != single_.end()) attach(static_cast<int32_t>(i), it->second);
      else single_.emplace(key, new_entity(m, static_cast<int32_t>(i)));
    }
  }

  bool is_person(int32_t id) const {
    return id >= 0 && doc_.entities[id].kind == MentionKind::kName && (person_[id] ||
                                                                       doc_.entities[id].gender != Gender::kUnknown);
  }

  // Resolves a pronoun source by salience; -1 when nothing agrees.
  int32_t resolve_pronoun(const Mention& p, int32_t last_speaker) {
    std::string w;
    utf8::fold(doc_.slice(p.span), w);
    if (w == "i" || w == "we" || w == "it") return -1;
    if (w == "who") {
      // "X, who …" — the name just before.
      uint32_t t = p.first_token;
      while (t > 0 && doc_.slice(doc_.tokens[t - 1].span) == ",") --t;
      if (t > 0) {
        int32_t m = mention_at(doc_, t - 1);
        if (m >= 0 && doc_.mentions[m].entity >= 0) return doc_.mentions[m].entity;
      }
      return last_speaker;
    }
    const bool plural = p.gender == Gender::kPlural;
    auto agrees = [&](int32_t id) {
      if (id < 0) return false;
      const Entity& e = doc_.entities[id];
      if (plural) return e.kind != MentionKind::kName || e.gender == Gender::kPlural;
      return is_person(id) && compatible(p.gender, e.gender);
    };
    // (a) the subject of the previous sentence.
    const int32_t si = sentence_containing(doc_, p.first_token);
    if (si > 0) {
      const Sentence& prev = doc_.sentences[si - 1];
      for (uint32_t t = prev.first_token; t < prev.end_token; ++t) {
        if (doc_.tokens[t].in_quote) continue;
        int32_t m = mention_at(doc_, t);
        if (m < 0) continue;
        const Mention& mm = doc_.mentions[m];
        int32_t id = mm.entity;
        if (agrees(id)) return id;
        if (mm.kind != MentionKind::kPronoun) break;  // only the first mention is the subject
        t = mm.end_token - 1;
      }
    }
    // (b) the speaker of the quote before.
    if (agrees(last_speaker)) return last_speaker;
    // (c) the latest person mentioned before.
    for (int32_t m = mention_at_or_before(p.first_token); m >= 0; --m) {
      const Mention& mm = doc_.mentions[m];
      if (mm.first_token >= p.first_token || doc_.tokens[mm.first_token].in_quote) continue;
      if (agrees(mm.entity)) return mm.entity;
      if (p.first_token - mm.first_token > 400) break;
    }
    return -1;
  }

  int32_t mention_at_or_before(uint32_t t) const {
    auto it = std::upper_bound(doc_.mentions.begin(), doc_.mentions.end(), t,
                               [](uint32_t tk, const Mention& m) { return tk < m.first_token; });
    return static_cast<int32_t>(it - doc_.mentions.begin()) - 1;
  }

  void fill(Speaker& sp, int32_t id) {
    sp.entity = id;
    if (id < 0) return;
    const Entity& e = doc_.entities[id];
    sp.name = e.name;
    sp.role = e.role;
    sp.org = e.org;
  }

  void assign_speakers() {
    int32_t last_speaker = -1;
    for (size_t qi = 0; qi < doc_.quotes.size(); ++qi) {
      Quote& q = doc_.quotes[qi];
      const SpeakerLink& l = links_[qi];
      if (l.mention >= 0 && q.speaker) {
        Mention& m = doc_.mentions[l.mention];
        int32_t id = m.entity;
        if (m.kind == MentionKind::kPronoun) {
          id = resolve_pronoun(m, last_speaker);
          if (id >= 0 && doc_.entities[id].gender == Gender::kUnknown &&
              (m.gender == Gender::kMale || m.gender == Gender::kFemale))
            doc_.entities[id].gender = m.gender;
        }
        fill(*q.speaker, id);
        if (id < 0) q.speaker->name = std::string(doc_.slice(m.span));  // "I", "we": as written
        if (id >= 0) last_speaker = id;
      } else if (l.carried_from >= 0 && doc_.quotes[l.carried_from].speaker) {
        Speaker sp = *doc_.quotes[l.carried_from].speaker;
        sp.mention.reset();
        q.speaker = sp;
        if (sp.entity >= 0) last_speaker = sp.entity;
      }
    }
  }

  struct NameKey {
    int32_t entity;
    uint32_t token;
  };
  static constexpr ptrdiff_t kCandidatesEachSide = 8;

  Document& doc_;
  const Lexicon& lex_;
  const std::vector<SpeakerLink>& links_;
  std::vector<bool> is_source_;
  std::vector<bool> person_;
  StringMap<std::vector<NameKey>> by_surname_, by_given_;  // full names, in text order
  StringSet ambiguous_given_;
  StringMap<int32_t> full_, single_;
  StringMap<int32_t> by_role_;  // index_role()
  std::string role_buf_;
};

}  // namespace

void resolve_speakers(Document& doc, const Lexicon& lexicon, const std::vector<SpeakerLink>& links) {
  Resolver(doc, lexicon, links).run();
}

}  // namespace whosaid
