#include "coref/coref.h"

#include <algorithm>
#include <cmath>

#include "core/model_bytes.h"
#include "core/positions.h"
#include "whosaid/error.h"

#ifdef WHOSAID_HAVE_BUILTIN_COREF
extern "C" const char whosaid_res_coref[];
extern "C" const unsigned long long whosaid_res_coref_size;
#endif

namespace whosaid {
namespace {

struct PronounEntry {
  std::string_view word;
  CorefForm form;
  bool possessive;
};

constexpr PronounEntry kPronouns[] = {
    {"i", CorefForm::kFirstSingular, false},   {"me", CorefForm::kFirstSingular, false},
    {"my", CorefForm::kFirstSingular, true},   {"mine", CorefForm::kFirstSingular, false},
    {"myself", CorefForm::kFirstSingular, false},
    {"we", CorefForm::kFirstPlural, false},    {"us", CorefForm::kFirstPlural, false},
    {"our", CorefForm::kFirstPlural, true},    {"ours", CorefForm::kFirstPlural, false},
    {"ourselves", CorefForm::kFirstPlural, false},
    {"you", CorefForm::kSecond, false},        {"your", CorefForm::kSecond, true},
    {"yours", CorefForm::kSecond, false},      {"yourself", CorefForm::kSecond, false},
    {"yourselves", CorefForm::kSecond, false},
    {"he", CorefForm::kMale, false},           {"him", CorefForm::kMale, false},
    {"his", CorefForm::kMale, true},           {"himself", CorefForm::kMale, false},
    {"she", CorefForm::kFemale, false},        {"her", CorefForm::kFemale, true},
    {"hers", CorefForm::kFemale, false},       {"herself", CorefForm::kFemale, false},
    {"it", CorefForm::kNeuter, false},         {"its", CorefForm::kNeuter, true},
    {"itself", CorefForm::kNeuter, false},
    {"they", CorefForm::kThirdPlural, false},  {"them", CorefForm::kThirdPlural, false},
    {"their", CorefForm::kThirdPlural, true},  {"theirs", CorefForm::kThirdPlural, false},
    {"themselves", CorefForm::kThirdPlural, false},
    {"who", CorefForm::kRelative, false},      {"whom", CorefForm::kRelative, false},
    {"whose", CorefForm::kRelative, true},
};

const PronounEntry* pronoun_entry(std::string_view w) {
  for (const PronounEntry& p : kPronouns)
    if (p.word == w) return &p;
  return nullptr;
}

Gender form_gender(CorefForm f) {
  switch (f) {
    case CorefForm::kMale: return Gender::kMale;
    case CorefForm::kFemale: return Gender::kFemale;
    case CorefForm::kNeuter: return Gender::kNeuter;
    case CorefForm::kThirdPlural:
    case CorefForm::kFirstPlural: return Gender::kPlural;
    default: return Gender::kUnknown;
  }
}

// Gender and number of a nominal head ("spokeswoman", "officials").
Gender nominal_gender(std::string_view head) {
  static constexpr std::string_view kMale[] = {"man", "father", "son", "husband", "king", "brother", "boy",
                                               "spokesman", "chairman", "businessman", "congressman", "prince"};
  static constexpr std::string_view kFemale[] = {"woman", "mother", "daughter", "wife", "queen", "sister", "girl",
                                                 "spokeswoman", "chairwoman", "businesswoman", "congresswoman",
                                                 "princess"};
  for (std::string_view w : kMale)
    if (w == head) return Gender::kMale;
  for (std::string_view w : kFemale)
    if (w == head) return Gender::kFemale;
  if (head == "people" || head == "police" || head == "men" || head == "women" || head == "staff")
    return Gender::kPlural;
  if (head.size() > 3 && head.back() == 's' && !head.ends_with("ss") && !head.ends_with("us")) return Gender::kPlural;
  return Gender::kUnknown;
}

std::string_view form_name(CorefForm f) {
  switch (f) {
    case CorefForm::kName: return "name";
    case CorefForm::kOrganisation: return "org";
    case CorefForm::kNominal: return "nom";
    case CorefForm::kFirstSingular: return "1s";
    case CorefForm::kFirstPlural: return "1p";
    case CorefForm::kSecond: return "2";
    case CorefForm::kMale: return "3m";
    case CorefForm::kFemale: return "3f";
    case CorefForm::kNeuter: return "3n";
    case CorefForm::kThirdPlural: return "3p";
    case CorefForm::kRelative: return "rel";
  }
  return "?";
}

std::string_view bucket(uint32_t d, std::initializer_list<uint32_t> bounds) {
  static constexpr std::string_view kNames[] = {"0", "1", "2", "3", "4", "5", "6", "7", "8"};
  size_t k = 0;
  for (uint32_t b : bounds) {
    if (d <= b) return kNames[k];
    ++k;
  }
  return kNames[k];
}

// Gender and number agreement: "y" agree, "n" disagree, "u" unknown.
std::string_view agreement(Gender a, Gender c) {
  if (a == Gender::kUnknown || c == Gender::kUnknown) return "u";
  return a == c ? std::string_view("y") : std::string_view("n");
}

constexpr uint32_t kHeadWordBits = 1u << static_cast<unsigned>(WordClass::kNominal) |
                                   1u << static_cast<unsigned>(WordClass::kRole) |
                                   1u << static_cast<unsigned>(WordClass::kOrgHead);

bool is_head_word(const Lexicon& lex, WordId w) { return (lex.info(w).classes & kHeadWordBits) != 0; }

// The pronoun entry of each form of a document (by FoldedWords::type()): the
// table is looked up once per pronoun, not scanned once per token.
class PronounTypes {
 public:
  explicit PronounTypes(const FoldedWords& fw) : fw_(fw), entry_(fw.type_count(), -1) {
    for (size_t k = std::size(kPronouns); k-- > 0;)  // the first entry of a word wins
      if (const uint32_t type = fw.find_type(kPronouns[k].word); type != FoldedWords::kNoType)
        entry_[type] = static_cast<int8_t>(k);
  }
  const PronounEntry* at(uint32_t t) const {
    const int8_t k = entry_[fw_.type(t)];
    return k < 0 ? nullptr : &kPronouns[k];
  }

 private:
  const FoldedWords& fw_;
  std::vector<int8_t> entry_;
};

constexpr std::string_view kModelName = "coref model";  // in error messages
using model_bytes::get;
using model_bytes::put;

constexpr std::string_view kMagic = "whosaid coref model 1\n";

}  // namespace

std::vector<CorefMention> coref_mentions(const Document& doc, const Lexicon& lex, const FoldedWords& fw) {
  std::vector<CorefMention> out;
  out.reserve(doc.mentions.size());
  std::vector<bool> covered(doc.tokens.size(), false);
  const PronounTypes pronouns(fw);
  auto add = [&](uint32_t first, uint32_t end, CorefForm form, int32_t dm) {
    CorefMention c;
    c.first_token = first;
    c.end_token = end;
    c.doc_mention = dm;
    c.form = form;
    out.push_back(std::move(c));
    for (uint32_t t = first; t < end && t < covered.size(); ++t) covered[t] = true;
  };
  for (size_t i = 0; i < doc.mentions.size(); ++i) {
    const Mention& m = doc.mentions[i];
    CorefForm form = CorefForm::kName;
    const PronounEntry* p = m.end_token == m.first_token + 1 && !doc.tokens[m.first_token].has(kAllCaps)
                                ? pronouns.at(m.first_token)
                                : nullptr;  // "US" is a name
    if (m.kind == MentionKind::kPronoun || p) {
      if (!p) continue;
      form = p->form;
    } else if (m.kind == MentionKind::kOrganisation) {
      // "the company" (a lower-case head) refers back; "The New York Times" names.
      form = doc.tokens[m.end_token - 1].has(kCapitalized) ? CorefForm::kOrganisation : CorefForm::kNominal;
    } else if (m.kind == MentionKind::kNominal) {
      form = CorefForm::kNominal;
    }
    add(m.first_token, m.end_token, form, static_cast<int32_t>(i));
    out.back().gender = p ? form_gender(form) : m.gender;
  }
  // The determiners of a nominal mention, by type: compared at every word,
  // which a string comparison did with two or three memcmp calls.
  const uint32_t the = fw.find_type("the"), this_ = fw.find_type("this"), that = fw.find_type("that");
  for (uint32_t t = 0; t < doc.tokens.size(); ++t) {
    if (covered[t] || doc.tokens[t].kind != TokenKind::kWord) continue;
    const PronounEntry* p = doc.tokens[t].has(kAllCaps) ? nullptr : pronouns.at(t);  // not "US", "IT"
    if (p) {
      add(t, t + 1, p->form, -1);
      out.back().gender = form_gender(p->form);
      continue;
    }
    // "the company", "the prime minister", "this researcher"
    if (const uint32_t type = fw.type(t); type != the && type != this_ && type != that) continue;
    for (uint32_t k = t + 1; k < t + 4 && k < doc.tokens.size(); ++k) {
      if (covered[k] || doc.tokens[k].kind != TokenKind::kWord) break;
      if (!is_head_word(lex, fw.id(k))) continue;
      if (k + 1 < doc.tokens.size() && doc.tokens[k + 1].kind == TokenKind::kWord && is_head_word(lex, fw.id(k + 1)))
        continue;  // "the company spokesman": the head is further on
      add(t, k + 1, CorefForm::kNominal, -1);
      t = k;
      break;
    }
  }
  std::sort(out.begin(), out.end(), [](const CorefMention& a, const CorefMention& b) {
    return a.first_token != b.first_token ? a.first_token < b.first_token : a.end_token < b.end_token;
  });
  // A name takes the gender of any other name with its surname in the article,
  // before or after it: "Lopez" after "Senator Maria Lopez", "Flic Everett"
  // before "Ms Everett". A surname seen with both genders ("Mr and Mrs Smith")
  // lends none. By the surname's type: bit 1 male seen, bit 2 female seen.
  auto surname_type = [&](const CorefMention& c) {
    uint32_t h = c.end_token - 1;
    while (h > c.first_token && (doc.tokens[h].kind != TokenKind::kWord || fw[h] == "'s")) --h;
    return fw.type(h);
  };
  std::vector<uint8_t> name_gender(fw.type_count(), 0);
  for (const CorefMention& c : out)
    if (c.form == CorefForm::kName && (c.gender == Gender::kMale || c.gender == Gender::kFemale))
      name_gender[surname_type(c)] |= c.gender == Gender::kMale ? 1 : 2;
  for (CorefMention& c : out) {
    if (c.form != CorefForm::kName || c.gender != Gender::kUnknown) continue;
    const uint8_t seen_as = name_gender[surname_type(c)];
    if (seen_as == 1) c.gender = Gender::kMale;
    else if (seen_as == 2) c.gender = Gender::kFemale;
  }
  // Earlier mentions per head word: by type, or (a head without its "'s" that
  // is no token's form) by string.
  std::vector<uint32_t> seen(fw.type_count(), 0);
  StringMap<uint32_t> seen_other;
  int32_t last_sentence = -1;
  bool sentence_has_subject = false;
  for (CorefMention& c : out) {
    const int32_t s = sentence_containing(doc, c.first_token);
    c.sentence = s < 0 ? 0 : static_cast<uint32_t>(s);
    c.paragraph = s < 0 ? 0 : doc.sentences[s].paragraph;
    c.in_quote = doc.tokens[c.first_token].in_quote > 0;
    if (s >= 0) {
      const std::string_view par = doc.slice(doc.paragraphs[c.paragraph].span);
      size_t e = par.size();
      while (e > 0 && (par[e - 1] == ' ' || par[e - 1] == '"' || par[e - 1] == ')')) --e;
      c.question = e > 0 && par[e - 1] == '?' && short_enough_for_a_question(doc.paragraphs[c.paragraph]);
    }
    // The head: the last word (of the name, for "Mr Key's").
    uint32_t h = c.end_token - 1;
    while (h > c.first_token && (doc.tokens[h].kind != TokenKind::kWord || fw[h] == "'s")) --h;
    c.head_token = h;
    c.head_drops_s = fw[h].size() > 2 && fw[h].ends_with("'s");
    const std::string_view head = c.head(fw);
    const WordId head_id = c.head_drops_s ? lex.id(head) : fw.id(h);
    c.org_head = lex.is(WordClass::kOrgHead, head_id);
    const std::string_view first = fw[c.first_token];
    c.indefinite = first == "a" || first == "an" ||
                   (c.first_token > 0 && (fw[c.first_token - 1] == "a" || fw[c.first_token - 1] == "an"));
    auto demonstrative = [](std::string_view w) {
      return w == "the" || w == "this" || w == "that" || w == "these" || w == "those";
    };
    // "the Secretary": a capitalised role is a mention without its article.
    c.definite = demonstrative(first) || (c.first_token > 0 && demonstrative(fw[c.first_token - 1]));
    // A body is "it" (its number is not marked reliably: "the police are").
    if (c.gender == Gender::kUnknown && (c.form == CorefForm::kOrganisation || (c.org_head && !is_pronoun(c.form))))
      c.gender = Gender::kNeuter;
    if (is_pronoun(c.form)) {
      // (The head token's entry by type when the head is its whole form.)
      const PronounEntry* p = c.head_drops_s ? pronoun_entry(head) : pronouns.at(h);
      c.possessive = p && p->possessive;
    } else {
      c.possessive = c.end_token < doc.tokens.size() && fw[c.end_token] == "'s";
      if (c.form == CorefForm::kNominal && c.gender == Gender::kUnknown) c.gender = nominal_gender(head);
      // A head that WordNet knows, in none of its senses as a person, is no
      // "he" or "she": "the decision document", "the plan".
      if (c.form == CorefForm::kNominal && c.gender == Gender::kUnknown) {
        const NounSenses ns = lex.noun_senses(head);
        if (ns.lexfile[0] != 0 && !ns.any_is(NounSenses::kPerson)) c.gender = Gender::kNeuter;
      }
      if (c.form == CorefForm::kName && c.gender == Gender::kUnknown && c.end_token - c.first_token == 1 &&
          lex.given_name_gender(head_id) != Gender::kUnknown)
        c.gender = lex.given_name_gender(head_id);
      const uint32_t type = c.head_drops_s ? fw.find_type(head) : fw.type(h);
      if (type != FoldedWords::kNoType) {
        c.head_count = seen[type]++;
      } else {
        auto it = seen_other.find(head);
        if (it == seen_other.end()) it = seen_other.emplace(std::string(head), 0).first;
        c.head_count = it->second++;
      }
    }
    // The first mention outside quotation marks in its sentence, by position
    // alone: the model is trained on unparsed text, and the pipeline parses
    // only the sentences where attribution needs the tree, so a parse-based
    // subject here would differ between training and use.
    if (static_cast<int32_t>(c.sentence) != last_sentence) sentence_has_subject = false;
    c.subject = !sentence_has_subject && !c.in_quote && !c.possessive;
    if (!c.in_quote) sentence_has_subject = true;
    last_sentence = static_cast<int32_t>(c.sentence);
  }
  return out;
}

using namespace std::string_view_literals;  // one-letter feature values as views, without a strlen

void CorefModel::pair_features(const std::vector<CorefMention>& ms, size_t i, size_t j, const FoldedWords& fw,
                                FeatureVector& f) {
  CloserMentions closer;
  for (size_t k = j + 1; k < i; ++k) closer.add(ms[i], ms[k]);
  pair_features(AnaphorHashes(ms[i], fw), closer, ms, i, j, fw, f);
}

CorefModel::AnaphorHashes::AnaphorHashes(const CorefMention& a, const FoldedWords& fw) {
  const std::string_view A = form_name(a.form);
  bias = feature_hash::fnv(FeatureName("bias").joined(), A);
  ac = FeatureName("ac").with(A);
  ac_pd = FeatureName("ac_pd").with(A);
  ac_sd = FeatureName("ac_sd").with(A);
  a_md = FeatureName("a_md").with(A);
  g = FeatureName("g").with(A);
  q = FeatureName("q").with(A);
  subj = FeatureName("subj").with(A);
  dlg = FeatureName("dlg").with(A);
  src = FeatureName("src").with(A);
  last_src = FeatureName("last_src").with(A);
  c_indef = FeatureName("c_indef").with(A);
  poss = FeatureName("poss").with(A);
  cnt = FeatureName("cnt").with(A);
  pp = FeatureName("pp").with(a.head(fw));
  nh = FeatureName("nh").with(a.head(fw));
  ncls = feature_hash::fnv(FeatureName("ncls").joined(), a.org_head ? "o"sv : "p"sv);
  rank = FeatureName("rank").with(A);
}

// Each feature is the one add_parts(name, {A}, {…}) gave (FeatureVector::add_after
// from the anaphor's hash of name and A).
void CorefModel::pair_features(const AnaphorHashes& h, const CloserMentions& closer,
                                const std::vector<CorefMention>& ms, size_t i, size_t j, const FoldedWords& fw,
                                FeatureVector& f) {
  const CorefMention& a = ms[i];
  const CorefMention& c = ms[j];
  const std::string_view C = form_name(c.form);
  const uint32_t sd = a.sentence - c.sentence, pd = a.paragraph - c.paragraph;
  const uint32_t md = static_cast<uint32_t>(i - j);
  const std::string_view g = agreement(a.gender, c.gender);
  f.add_after(h.bias, {});
  f.add_after(h.ac, {C});
  f.add_after(h.ac_pd, {C, bucket(pd, {0, 1, 2})});
  f.add_after(h.ac_sd, {C, bucket(sd, {0, 1, 2, 4})});
  f.add_after(h.a_md, {bucket(md, {1, 2, 3, 6, 10, 20})});
  f.add_after(h.g, {g, C});
  f.add_after(h.q, {a.in_quote ? "q"sv : "-"sv, c.in_quote ? "q"sv : "-"sv, C});
  f.add_after(h.subj, {c.subject ? "s"sv : "-"sv, C, bucket(sd, {0, 1, 2})});
  if (a.form == CorefForm::kFirstSingular || a.form == CorefForm::kFirstPlural || a.form == CorefForm::kSecond)
    f.add_after(h.dlg, {C, a.question ? "q"sv : "a"sv, c.question ? "q"sv : "a"sv, bucket(pd, {0, 1, 2})});
  f.add_after(h.src, {c.source ? "s"sv : "-"sv, C, bucket(sd, {0, 1, 2, 4})});
  // The source of the latest attribution before the anaphor: who speaks on.
  if (closer.latest_source(c)) f.add_after(h.last_src, {C, a.in_quote ? "q"sv : "-"sv});
  if (c.indefinite) f.add_after(h.c_indef, {C});
  f.add_after(h.poss, {c.possessive ? "p"sv : "-"sv, a.possessive ? "p"sv : "-"sv});
  if (!is_pronoun(c.form)) f.add_after(h.cnt, {C, bucket(c.head_count, {0, 1, 2, 5})});
  if (is_pronoun(c.form)) f.add_after(h.pp, {c.head(fw)});
  if (a.form == CorefForm::kNominal) {
    f.add("hm", a.head(fw) == c.head(fw) ? "y"sv : "n"sv, C);
    f.add_after(h.nh, {C});
    f.add_after(h.ncls, {C, "\x1f"sv, c.org_head ? "o"sv : "p"sv, bucket(sd, {0, 1, 3})});
  }
  // How many closer candidates of the same kind agree as well as this one.
  f.add_after(h.rank, {g, C, bucket(closer.rank(a, c), {0, 1, 2})});
  // "Phil Goff, who": the relative pronoun right after its antecedent.
  if (a.form == CorefForm::kRelative) f.add("rel_adj", c.end_token + 1 >= a.first_token ? "y"sv : "n"sv, C);
}

void CorefModel::none_features(const std::vector<CorefMention>& ms, size_t i, const FoldedWords& fw,
                                FeatureVector& f) {
  const CorefMention& a = ms[i];
  const std::string_view A = form_name(a.form);
  f.add("none", A);
  f.add("none_head", A, a.head(fw));
  f.add("none_q", A, a.in_quote ? "q"sv : "-"sv);
  f.add("none_sent", A, bucket(a.sentence, {0, 1, 3}));
  f.add("none_dlg", A, a.question ? "q"sv : "a"sv);
  uint32_t agreeing = 0, matching = 0;
  for (size_t k = first_candidate(i); k < i; ++k) {
    if (is_pronoun(ms[k].form)) continue;
    const std::string_view g = agreement(a.gender, ms[k].gender);
    agreeing += g != "n";
    matching += g == "y";
  }
  f.add("none_cands", A, bucket(agreeing, {0, 1, 3}));
  f.add("none_match", A, bucket(matching, {0, 1, 3}));
}

float CorefModel::score(const std::vector<uint32_t>& features) const {
  float z = 0;
  if (packed_.empty())
    for (uint32_t id : features) z += weights_[id];
  else
    for (uint32_t id : features) z += packed_[id];
  return z;
}

std::string CorefModel::serialize() const {
  std::string out(kMagic);
  put<uint32_t>(out, kFeatureBits);
  uint32_t nonzero = 0;
  for (float v : weights_) nonzero += v != 0.0f;
  put<uint32_t>(out, nonzero);
  for (uint32_t k = 0; k < weights_.size(); ++k) {
    if (weights_[k] == 0.0f) continue;
    put<uint32_t>(out, k);
    put<float>(out, weights_[k]);
  }
  return out;
}

CorefModel CorefModel::parse(std::string_view bytes) {
  if (!bytes.starts_with(kMagic)) throw Error(ErrorCode::kModel, "coref model: bad magic line (not a whosaid coref model 1)");
  size_t at = kMagic.size();
  if (get<uint32_t>(bytes, at, kModelName) != kFeatureBits) throw Error(ErrorCode::kModel, "coref model: wrong feature bits");
  CorefModel m;
  const auto n = get<uint32_t>(bytes, at, kModelName);
  int64_t previous = -1;
  for (uint32_t k = 0; k < n; ++k) {
    const auto slot = get<uint32_t>(bytes, at, kModelName);
    const auto v = get<float>(bytes, at, kModelName);
    // serialize() writes only non-zero weights, in increasing slot order.
    if (slot >= m.weights_.size() || static_cast<int64_t>(slot) <= previous || !std::isfinite(v) || v == 0.0f)
      throw Error(ErrorCode::kModel, "coref model: bad weight entry " + std::to_string(k));
    m.weights_[slot] = v;
    previous = slot;
  }
  if (at != bytes.size()) throw Error(ErrorCode::kModel, "coref model: trailing bytes at " + std::to_string(at));
  m.packed_ = core_detail::PackedWeights<float>(m.weights_);
  return m;
}

const CorefModel& CorefModel::builtin() {
#ifdef WHOSAID_HAVE_BUILTIN_COREF
  static const CorefModel model =
      parse(std::string_view(whosaid_res_coref, static_cast<size_t>(whosaid_res_coref_size)));
  return model;
#else
  throw Error(ErrorCode::kModel, "no built-in coref model: this build had no data/coref.bin (`whosaid train coref`)");
#endif
}

}  // namespace whosaid
