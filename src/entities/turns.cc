#include "entities/turns.h"

#include <algorithm>
#include <string_view>

namespace whosaid {
namespace {

// A floor-giving sentence is short: "Alright, Mr. Sova, please proceed.",
// "Mr Kim, you may begin." A longer one tells the person something
// ("Just to confirm, Mr. Sova, you've reserved 10 minutes for rebuttal, so …").
constexpr int kFloorWords = 10;
constexpr int kAfterNameWords = 6;
// A self-introduction comes at a turn's start.
constexpr uint32_t kIntroSentences = 3;
// A paragraph without final punctuation of at most this many words is a heading.
constexpr int kHeadingWords = 8;
// A paragraph that says "you" this often is someone speaking to the floor holder.
constexpr int kYouTimes = 4;

bool final_punct(std::string_view w) { return w == "." || w == "?" || w == "!"; }

class TurnFinder {
 public:
  TurnFinder(const Document& doc, const FoldedWords& folded, const std::vector<CorefMention>& ms,
             const std::vector<int32_t>& entity_of)
      : doc_(doc), fw_(folded), ms_(ms), ent_(entity_of) {}

  std::vector<Turn> run() {
    if (!laid_out_as_turns()) return {};
    std::vector<Turn> out(doc_.paragraphs.size());
    int32_t holder = -1;       // entity holding the floor
    bool holder_last = false;  // the last paragraph of talk was the holder's
    bool spoke = false;        // the holder has had a turn since given the floor
    for (uint32_t p = 0; p < doc_.paragraphs.size(); ++p) {
      if (!talk(p)) {
        if (spoke) holder = -1;  // a heading after the holder's talk: a new section
        continue;
      }
      if (const int32_t x = self_introduction(p); x >= 0) {
        holder = x;
        out[p].speaker = x;
        holder_last = spoke = true;
        continue;
      }
      if (const int32_t f = floor_given(p); f >= 0) {
        out[p].addressed = f;  // "Mr Kim, you may begin."; its "I" is the one giving the floor
        holder = f;
        holder_last = spoke = false;
        continue;
      }
      if (holder < 0) continue;
      bool mine;
      if (addresses_bench(p) || (holder_last && starts_with_quotation(p))) mine = true;
      else if (ends_in_question(p) || names_as_vocative(p, holder) || speaks_to_you(p)) mine = false;
      else mine = !holder_last;
      if (mine) out[p].speaker = holder, spoke = true;
      else out[p].addressed = holder;
      holder_last = mine;
    }
    return out;
  }

 private:
  // Several paragraphs of first-person talk outside quotation marks.
  bool laid_out_as_turns() const {
    std::vector<uint8_t> first_person(doc_.paragraphs.size(), 0);
    for (const CorefMention& m : ms_)
      if (m.form == CorefForm::kFirstSingular && !m.in_quote && m.paragraph < first_person.size())
        first_person[m.paragraph] = 1;
    size_t body = 0, talking = 0;
    for (uint32_t p = 0; p < doc_.paragraphs.size(); ++p) {
      const Paragraph& para = doc_.paragraphs[p];
      if (para.kind != ParagraphKind::kBody || para.first_token == para.end_token) continue;
      ++body;
      talking += first_person[p];
    }
    return talking >= 3 && talking * 4 >= body;
  }

  std::string_view word(uint32_t t) const { return fw_[t]; }

  // A body paragraph of talk, not a heading ("ORAL ARGUMENT OF GEN. …", "On NATO").
  bool talk(uint32_t p) const {
    const Paragraph& para = doc_.paragraphs[p];
    if (para.kind != ParagraphKind::kBody || para.first_token == para.end_token) return false;
    const std::string_view text = doc_.slice(para.span);
    if (std::none_of(text.begin(), text.end(), [](char c) { return c >= 'a' && c <= 'z'; })) return false;
    int words = 0;
    for (uint32_t t = para.first_token; t < para.end_token; ++t) words += doc_.tokens[t].kind == TokenKind::kWord;
    uint32_t last = para.end_token - 1;
    while (last > para.first_token && doc_.tokens[last].kind == TokenKind::kQuote) --last;
    const std::string_view w = word(last);
    return words > kHeadingWords || final_punct(w) || w == "…" || w == "..." || w == "--" || w == "—" || w == "–";
  }

  bool ends_in_question(uint32_t p) const {
    const Paragraph& para = doc_.paragraphs[p];
    return word(para.end_token - 1) == "?";
  }

  bool starts_with_quotation(uint32_t p) const {
    return doc_.tokens[doc_.paragraphs[p].first_token].kind == TokenKind::kQuote;
  }

  // The floor holder speaking to the bench: "Your Honor", "my Lords", "this
  // Court", "may it please the Court" (outside quotation marks).
  bool addresses_bench(uint32_t p) const {
    const Paragraph& para = doc_.paragraphs[p];
    for (uint32_t t = para.first_token; t + 1 < para.end_token; ++t) {
      if (doc_.tokens[t].in_quote) continue;
      const std::string_view a = word(t), b = word(t + 1);
      if ((a == "your" || a == "my") &&
          (b == "honor" || b == "honour" || b == "honors" || b == "honours" || b == "lord" || b == "lords" ||
           b == "lordship" || b == "lordships" || b == "ladyship"))
        return true;
      if ((a == "this" || (a == "the" && t > para.first_token && word(t - 1) == "please")) && b == "court")
        return true;
    }
    return false;
  }

  // Whether coreference mention i is a name said to someone: set off by the
  // sentence's start or a comma before, and a comma or the sentence's end
  // after ("Alright, Mr. Sova, please proceed.", "Miss Rosenthal?").
  bool vocative(size_t i) const {
    const CorefMention& m = ms_[i];
    if (m.form != CorefForm::kName || m.in_quote || ent_[i] < 0 || !person_name(m)) return false;
    const Sentence& s = doc_.sentences[m.sentence];
    if (m.first_token != s.first_token && word(m.first_token - 1) != ",") return false;
    if (m.end_token == s.end_token) return true;
    const std::string_view after = word(m.end_token);
    return after == "," || (final_punct(after) && m.end_token + 1 == s.end_token);
  }

  // A name that reads as a person's: with a title or role ("Mr. Sova",
  // "General Prelogar"), a gender, or two words or more ("Jane Roe") — not a
  // capitalised word alone ("Alright.", "Correct.").
  bool person_name(const CorefMention& m) const {
    if (m.doc_mention < 0) return false;
    const Mention& dm = doc_.mentions[m.doc_mention];
    if (dm.gender == Gender::kMale || dm.gender == Gender::kFemale || !dm.role.empty() ||
        dm.span.begin < dm.name.begin)
      return true;
    int words = 0;
    for (uint32_t t = m.first_token; t < m.end_token; ++t) words += doc_.tokens[t].kind == TokenKind::kWord;
    return words >= 2;
  }

  // The entity given the floor at the end of paragraph p, or -1.
  int32_t floor_given(uint32_t p) const {
    const Paragraph& para = doc_.paragraphs[p];
    if (para.first_sentence == para.end_sentence) return -1;
    const Sentence& s = doc_.sentences[para.end_sentence - 1];
    int words = 0;
    for (uint32_t t = s.first_token; t < s.end_token; ++t) {
      if (doc_.tokens[t].kind != TokenKind::kWord) continue;
      ++words;
      // "Thank you, Mr. Sova." closes a turn; "I'm sorry, Jonathan Bell" is no floor.
      if (word(t) == "thank" || word(t) == "thanks" || word(t) == "i" || word(t) == "sorry") return -1;
    }
    if (words > kFloorWords) return -1;
    for (size_t i = first_at(s.first_token); i < ms_.size() && ms_[i].first_token < s.end_token; ++i) {
      if (!vocative(i)) continue;
      int after = 0;
      for (uint32_t t = ms_[i].end_token; t < s.end_token; ++t) after += doc_.tokens[t].kind == TokenKind::kWord;
      if (after <= kAfterNameWords) return ent_[i];
    }
    return -1;
  }

  // Paragraph p talks to someone as "you" again and again ("Can you explain
  // to me, how is it that you're divorcing …"): the bench questioning the
  // floor holder, who speaks to the bench as "Your Honor". Not "you know".
  bool speaks_to_you(uint32_t p) const {
    const Paragraph& para = doc_.paragraphs[p];
    int you = 0;
    for (size_t i = first_at(para.first_token); i < ms_.size() && ms_[i].first_token < para.end_token; ++i) {
      const CorefMention& m = ms_[i];
      if (m.form != CorefForm::kSecond || m.in_quote) continue;
      if (m.end_token < para.end_token && word(m.end_token) == "know") continue;
      ++you;
    }
    return you >= kYouTimes;
  }

  // Whether paragraph p says the name of `holder` to them ("Dr. Guruswamy, but …").
  bool names_as_vocative(uint32_t p, int32_t holder) const {
    const Paragraph& para = doc_.paragraphs[p];
    for (size_t i = first_at(para.first_token); i < ms_.size() && ms_[i].first_token < para.end_token; ++i)
      if (ent_[i] == holder && vocative(i)) return true;
    return false;
  }

  // "My name is Amy Sells", "I am Jane Roe, counsel for …", "This is Jane
  // Roe." in the first sentences of paragraph p: that person's entity, or -1.
  int32_t self_introduction(uint32_t p) const {
    const Paragraph& para = doc_.paragraphs[p];
    const uint32_t last = std::min(para.end_sentence, para.first_sentence + kIntroSentences);
    if (last <= para.first_sentence) return -1;
    for (uint32_t si = para.first_sentence; si < last; ++si) {
      // Opening a sentence: "… say, 'Hey Frank, my name is John,'" is no introduction.
      const uint32_t t = doc_.sentences[si].first_token;
      if (t + 2 >= doc_.sentences[si].end_token || doc_.tokens[t].in_quote) continue;
      const std::string_view a = word(t), b = word(t + 1);
      uint32_t at = 0;
      bool bare = false;  // "I am X" / "This is X": the name must stand alone
      if (a == "my" && b == "name" && word(t + 2) == "is") at = t + 3;
      else if ((a == "i" && (b == "am" || b == "'m")) || (a == "this" && b == "is")) at = t + 2, bare = true;
      else continue;
      const size_t i = first_at(at);
      if (i >= ms_.size() || ms_[i].first_token != at || ms_[i].form != CorefForm::kName || ent_[i] < 0) continue;
      if (bare) {
        const Sentence& s = doc_.sentences[ms_[i].sentence];
        if (ms_[i].end_token < s.end_token && word(ms_[i].end_token) != "," && !final_punct(word(ms_[i].end_token)))
          continue;
      }
      return ent_[i];
    }
    return -1;
  }

  size_t first_at(uint32_t token) const {
    return static_cast<size_t>(
        std::lower_bound(ms_.begin(), ms_.end(), token,
                         [](const CorefMention& m, uint32_t t) { return m.first_token < t; }) -
        ms_.begin());
  }

  const Document& doc_;
  const FoldedWords& fw_;
  const std::vector<CorefMention>& ms_;
  const std::vector<int32_t>& ent_;
};

}  // namespace

std::vector<Turn> transcript_turns(const Document& doc, const FoldedWords& folded,
                                   const std::vector<CorefMention>& mentions, const std::vector<int32_t>& entity_of) {
  return TurnFinder(doc, folded, mentions, entity_of).run();
}

}  // namespace whosaid
