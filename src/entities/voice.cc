#include "entities/voice.h"

#include <algorithm>
#include <string_view>

namespace whosaid {
namespace {

// How far after (or before) the verb the interviewee's name may start:
// "interviewed Assistant Professor in Educational Leadership, Sport Studies
// and Educational Policy at the University of Florida, Simon Ličen".
constexpr uint32_t kReach = 16;

bool interview_word(std::string_view w) {
  return w == "interview" || w == "interviews" || w == "interviewed" || w == "interviewing";
}

bool talk_word(std::string_view w) {
  return w == "spoke" || w == "speaks" || w == "spoken" || w == "talked" || w == "talks";
}

// An interview alternates questions and answers: at least one paragraph in
// kShareOfQuestions is a question. (A letter or column that asks a few
// questions along the way has a smaller share.)
constexpr size_t kShareOfQuestions = 5;

// Words that end the reach: what follows is the topic ("interviews Marymegan
// Daly on unusual new sea anemone", "about the site").
bool topic_word(std::string_view w) {
  return w == "about" || w == "on" || w == "regarding" || w == "concerning" || w == "for" || w == "over";
}

// The question paragraphs of an interview: a paragraph of body text that ends
// in "?" and holds no quotation mark.
bool is_question(const Document& doc, const Paragraph& p) {
  if (p.kind != ParagraphKind::kBody || p.end_token == p.first_token) return false;
  if (doc.slice(doc.tokens[p.end_token - 1].span) != "?") return false;
  for (uint32_t t = p.first_token; t < p.end_token; ++t)
    if (doc.tokens[t].kind == TokenKind::kQuote) return false;
  return true;
}

// Laid out as questions and answers: two question paragraphs at least.
bool laid_out_as_interview(const Document& doc) {
  int questions = 0;
  for (const Paragraph& p : doc.paragraphs)
    if ((questions += is_question(doc, p)) >= 2) return true;
  return false;
}

class Finder {
 public:
  Finder(const Document& doc, const FoldedWords& folded, const std::vector<CorefMention>& ms)
      : doc_(doc), fw_(folded), ms_(ms) {}

  std::vector<int32_t> run() {
    if (!laid_out_as_interview(doc_)) return {};
    for (const Sentence& s : doc_.sentences)
      for (uint32_t t = s.first_token; t + 1 < s.end_token; ++t) at(s, t);
    return std::move(out_);
  }

 private:
  void at(const Sentence& s, uint32_t t) {
    const FoldedWord w = fw_[t], next = fw_[t + 1];
    // "She told us why.", "Marsh spoke to us": the publication's "us" is
    // the interviewer; the one before the verb is interviewed.
    if ((next == "us" && (w == "told" || w == "tells")) ||
        (t + 2 < s.end_token && talk_word(w) && (next == "to" || next == "with") && fw_[t + 2] == "us")) {
      before(t > s.first_token + kReach ? t - kReach : s.first_token, t);
      return;
    }
    const bool interview = interview_word(w);
    if (!interview && !talk_word(w)) return;
    if (interview && next == "by") {  // "Jack Herrick, wikiHow founder interviewed by Wikinews"
      before(t > s.first_token + kReach ? t - kReach : s.first_token, t);
      return;
    }
    // "In an interview with the BBC, Key said": the one named is the interviewer.
    if (next == "with" && t >= s.first_token + 2 && (fw_[t - 1] == "an" || fw_[t - 1] == "a") &&
        fw_[t - 2] == "in")
      return;
    // "Frank Messina: An Interview with the 'Mets Poet'"
    if (next == "with" && t >= s.first_token + 2 && (fw_[t - 1] == "an" || fw_[t - 1] == "a") &&
        doc_.slice(doc_.tokens[t - 2].span) == ":") {
      before(s.first_token, t - 2);
      return;
    }
    if (next == "with" || next == "to") after(t + 2, s.end_token);
    else if (interview && w != "interview") after(t + 1, s.end_token);  // "Wikinews interviewed Tina McKenzie", "… him"
  }

  // The names (and pronouns: "interviewed him") starting in [from, end), up to
  // kReach tokens on and before a topic word.
  void after(uint32_t from, uint32_t end) {
    uint32_t to = std::min(end, from + kReach);
    for (uint32_t k = from; k < to; ++k)
      if (topic_word(fw_[k])) to = k;
    auto it = first_at(from);
    for (; it != ms_.end() && it->first_token < to; ++it)
      if (it->form == CorefForm::kName || is_pronoun(it->form)) {
        out_.push_back(static_cast<int32_t>(it - ms_.begin()));
        if (is_pronoun(it->form)) return;  // "interviewed him for …"
      }
  }

  // The names starting at or after `from` and ending by `end` ("Aner Shalev,
  // a mathematician from Jerusalem, was interviewed by"), or the pronoun
  // right before ("He was interviewed by").
  void before(uint32_t from, uint32_t end) {
    auto it = first_at(end);
    bool nearest = true;
    while (it != ms_.begin()) {
      --it;
      if (it->first_token < from) return;
      if (it->end_token > end) continue;
      if (is_pronoun(it->form)) {
        if (nearest) out_.push_back(static_cast<int32_t>(it - ms_.begin()));
        return;
      }
      if (it->form == CorefForm::kName) out_.push_back(static_cast<int32_t>(it - ms_.begin()));
      nearest = false;
    }
  }

  std::vector<CorefMention>::const_iterator first_at(uint32_t token) const {
    return std::lower_bound(ms_.begin(), ms_.end(), token,
                            [](const CorefMention& m, uint32_t t) { return m.first_token < t; });
  }

  const Document& doc_;
  const FoldedWords& fw_;
  const std::vector<CorefMention>& ms_;
  std::vector<int32_t> out_;
};

}  // namespace

std::vector<int32_t> interviewee_mentions(const Document& doc, const FoldedWords& folded,
                                          const std::vector<CorefMention>& mentions) {
  return Finder(doc, folded, mentions).run();
}

bool questions_throughout(const Document& doc) {
  size_t questions = 0, body = 0;
  for (const Paragraph& p : doc.paragraphs) {
    body += p.kind == ParagraphKind::kBody;
    questions += is_question(doc, p);
  }
  return questions >= 2 && questions * kShareOfQuestions >= body;
}

int32_t pick_interviewee(const Document& doc, const std::vector<int32_t>& entities) {
  std::vector<std::pair<int32_t, uint32_t>> seen;  // entity, order named
  for (uint32_t i = 0; i < entities.size(); ++i)
    if (entities[i] >= 0) seen.emplace_back(entities[i], i);
  std::sort(seen.begin(), seen.end());
  // Ranked by: a known person (gender, role), votes, mentions, first named.
  struct Rank {
    bool person;
    size_t votes, mentions;
    uint32_t order;
    bool operator>(const Rank& o) const {
      if (person != o.person) return person;
      if (votes != o.votes) return votes > o.votes;
      if (mentions != o.mentions) return mentions > o.mentions;
      return order < o.order;
    }
  };
  int32_t best = -1;
  Rank best_rank{};
  for (size_t i = 0; i < seen.size();) {
    size_t j = i;
    while (j < seen.size() && seen[j].first == seen[i].first) ++j;
    const Entity& e = doc.entities[seen[i].first];
    const bool person = e.gender == Gender::kMale || e.gender == Gender::kFemale || !e.role.empty();
    // A body or a one-word name of unknown kind is no interviewee.
    const bool candidate = person || (e.kind == MentionKind::kName && e.name.find(' ') != std::string::npos);
    const Rank r{person, j - i, e.mentions.size(), seen[i].second};
    if (candidate && (best < 0 || r > best_rank)) {
      best = seen[i].first;
      best_rank = r;
    }
    i = j;
  }
  return best;
}

}  // namespace whosaid
