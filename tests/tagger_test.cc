// Tests for the part-of-speech tagger: tag set, CoNLL-U reader, training,
// model loading and the shipped model's accuracy on UD English EWT test.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tagger/conllu.h"
#include "tagger/features.h"
#include "tagger/model_format.h"
#include "tagger/tag_set.h"
#include "tagger/tagger.h"
#include "tagger/trainer.h"
#include "test_data.h"
#include "whosaid/error.h"

namespace whosaid {
namespace {

std::vector<std::string> tag_names(const Tagger& tagger, const std::vector<std::string>& words,
                                   bool upos = true) {
  std::vector<std::string_view> views(words.begin(), words.end());
  std::vector<uint8_t> tags(words.size());
  tagger.tag(views.data(), views.size(), tags.data());
  std::vector<std::string> out;
  for (uint8_t t : tags) out.push_back(upos ? pos::upos_name(t) : pos::penn_name(t));
  return out;
}

using Names = std::vector<std::string>;

// A document from tokens: each is followed by a space unless `glue` is set.
struct Tok {
  std::string form;
  TokenKind kind = TokenKind::kWord;
  bool glue = false;  // no space after
};
Document doc_from_tokens(const std::vector<Tok>& toks) {
  std::string text;
  std::vector<Token> tokens;
  bool space_before = true;
  for (const Tok& t : toks) {
    Token tok;
    tok.span = {uint32_t(text.size()), uint32_t(text.size() + t.form.size())};
    tok.kind = t.kind;
    if (space_before) tok.flags |= kSpaceBefore;
    if (!t.glue) tok.flags |= kSpaceAfter;
    text += t.form;
    if (!t.glue) text += ' ';
    space_before = !t.glue;
    tokens.push_back(tok);
  }
  Document doc(std::move(text));
  doc.tokens = std::move(tokens);
  return doc;
}
std::vector<std::string> penn_tags(const Document& doc) {
  std::vector<std::string> out;
  for (const Token& t : doc.tokens) out.push_back(pos::penn_name(t.tag));
  return out;
}

// --- tag set -------------------------------------------------------------------

TEST(TagSet, NamesRoundTrip) {
  for (int t = 1; t < pos::kNumTags; ++t) {
    auto id = static_cast<uint8_t>(t);
    EXPECT_EQ(pos::tag_id(pos::upos_name(id), pos::penn_name(id)), id) << t;
  }
  EXPECT_STREQ(pos::upos_name(uint8_t{0}), "");
  EXPECT_STREQ(pos::penn_name(uint8_t{0}), "");
  EXPECT_STREQ(pos::upos_name(uint8_t{250}), "");
  EXPECT_EQ(pos::tag_id("NOUN", "VBD"), 0);
}

TEST(TagSet, Helpers) {
  EXPECT_TRUE(pos::is_noun(pos::tag_id("NOUN", "NNS")));
  EXPECT_TRUE(pos::is_plural_noun(pos::tag_id("NOUN", "NNS")));
  EXPECT_TRUE(pos::is_proper_noun(pos::tag_id("PROPN", "NNP")));
  EXPECT_TRUE(pos::is_nominal(pos::tag_id("PROPN", "NNP")));
  EXPECT_TRUE(pos::is_verb(pos::tag_id("VERB", "VBD")));
  EXPECT_TRUE(pos::is_past_tense(pos::tag_id("VERB", "VBD")));
  EXPECT_TRUE(pos::is_finite_verb(pos::tag_id("VERB", "VBD")));
  EXPECT_TRUE(pos::is_finite_verb(pos::tag_id("AUX", "MD")));
  EXPECT_FALSE(pos::is_finite_verb(pos::tag_id("VERB", "VBG")));
  EXPECT_FALSE(pos::is_finite_verb(pos::tag_id("VERB", "VB")));
  EXPECT_FALSE(pos::is_verb(pos::tag_id("AUX", "VBD")));
  EXPECT_TRUE(pos::is_verbal(pos::tag_id("AUX", "VBD")));
  EXPECT_TRUE(pos::is_pronoun(pos::tag_id("PRON", "PRP")));
  EXPECT_TRUE(pos::is_possessive(pos::tag_id("PART", "POS")));
  EXPECT_TRUE(pos::is_determiner(pos::tag_id("DET", "DT")));
  EXPECT_TRUE(pos::is_adjective(pos::tag_id("ADJ", "JJ")));
  EXPECT_TRUE(pos::is_adverb(pos::tag_id("ADV", "RB")));
  EXPECT_FALSE(pos::is_noun(0));
  EXPECT_EQ(pos::default_tag("NOUN"), pos::tag_id("NOUN", "NN"));
  EXPECT_STREQ(pos::penn_name(pos::open_quote_tag()), "``");
  EXPECT_STREQ(pos::penn_name(pos::close_quote_tag()), "''");
}

// --- CoNLL-U -------------------------------------------------------------------

constexpr const char* kConllu =
    "# newdoc id = d1\n"
    "# sent_id = s1\n"
    "# text = I don't know.\n"
    "1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n"
    "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
    "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n"
    "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
    "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
    "4.1\tknow\tknow\tVERB\tVB\t_\t_\t_\t_\tCopyOf=4\n"
    "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n"
    "\n"
    "# sent_id = s2\r\n"
    "1\tUS\tUS\tPROPN\tNNP\t_\t3\tobl\t_\tSpaceAfter=No\r\n"
    "2\t-\t-\tPUNCT\tHYPH\t_\t3\tpunct\t_\tSpaceAfter=No\r\n"
    "3\tled\tlead\tVERB\tVBN\t_\t4\tamod\t_\t_\r\n"
    "4\tforces\tforce\tNOUN\tNNS\t_\t0\troot\t_\tSpaceAfter=No|Foo=Bar\r\n";  // no final blank line

TEST(Conllu, ParsesWordsCommentsAndMultiwordTokens) {
  std::istringstream in(kConllu);
  auto sentences = parse_conllu(in, "test.conllu");
  ASSERT_EQ(sentences.size(), 2u);
  const auto& s = sentences[0];
  EXPECT_EQ(s.id, "s1");
  EXPECT_EQ(s.text, "I don't know.");
  ASSERT_EQ(s.words.size(), 5u);  // the 2-3 range and the 4.1 empty node are not words
  EXPECT_EQ(s.words[1].form, "do");
  EXPECT_EQ(s.words[2].form, "n't");
  EXPECT_EQ(s.words[2].upos, "PART");
  EXPECT_EQ(s.words[2].xpos, "RB");
  EXPECT_EQ(s.words[2].head, 4u);
  EXPECT_TRUE(s.words[1].space_after);
  EXPECT_FALSE(s.words[2].space_after);  // from the multiword token line
  EXPECT_FALSE(s.words[3].space_after);
  EXPECT_TRUE(s.words[4].space_after);
  const auto& t = sentences[1];
  ASSERT_EQ(t.words.size(), 4u);
  EXPECT_EQ(t.words[3].form, "forces");  // CR stripped
  EXPECT_FALSE(t.words[3].space_after);
}

TEST(Conllu, MalformedLinesNameFileAndLine) {
  auto expect_bad = [](const std::string& text, const std::string& where) {
    std::istringstream in(text);
    try {
      parse_conllu(in, "bad.conllu");
      ADD_FAILURE() << "no error for: " << text;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kBadInput);
      EXPECT_NE(std::string(e.what()).find(where), std::string::npos) << e.what();
    }
  };
  expect_bad("1\tword\tword\tNOUN\n", "bad.conllu:1");                       // too few columns
  expect_bad("# c\n1\ta\ta\tDET\tDT\t_\t2\tdet\t_\t_\n3\tb\tb\tNOUN\tNN\t_\t0\troot\t_\t_\n",
             "bad.conllu:3");                                               // ID out of sequence
  expect_bad("x\ta\ta\tDET\tDT\t_\t2\tdet\t_\t_\n", "bad.conllu:1");         // bad ID
  expect_bad("1\ta\ta\tDET\tDT\t_\tz\tdet\t_\t_\n", "bad.conllu:1");         // bad HEAD
}

TEST(Conllu, MissingFileIsIoError) {
  try {
    read_conllu_file("/nonexistent/whosaid.conllu");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kIo);
  }
}

TEST(Conllu, JoinsHyphenatedCompoundsWithTheHeadTag) {
  std::istringstream in(kConllu);
  auto sentences = parse_conllu(in, "test.conllu");
  EXPECT_EQ(join_hyphenated(sentences[0]), 0u);
  ASSERT_EQ(join_hyphenated(sentences[1]), 1u);
  const auto& w = sentences[1].words;
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0].form, "US-led");
  EXPECT_EQ(w[0].xpos, "VBN");  // "led" heads the compound
  EXPECT_EQ(w[0].head, 2u);     // renumbered
  EXPECT_EQ(w[1].form, "forces");
}

// --- training on a toy corpus --------------------------------------------------

// A deterministic toy corpus: DET NOUN VERB DET NOUN (ADP DET NOUN) . where "saw"
// is a verb after a noun and a noun after a determiner.
std::vector<TaggedSentence> toy_corpus(size_t n, uint64_t seed) {
  const uint8_t det = pos::tag_id("DET", "DT"), noun = pos::tag_id("NOUN", "NN"),
                verb = pos::tag_id("VERB", "VBD"), adp = pos::tag_id("ADP", "IN"),
                punct = pos::tag_id("PUNCT", ".");
  const char* dets[] = {"the", "a", "this"};
  const char* nouns[] = {"cat", "dog", "man", "park", "saw", "house", "child"};
  const char* verbs[] = {"saw", "liked", "found", "left"};
  const char* adps[] = {"in", "near", "behind"};
  uint64_t x = seed;
  auto pick = [&x](size_t k) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<size_t>((x >> 33) % k);
  };
  std::vector<TaggedSentence> out;
  for (size_t i = 0; i < n; ++i) {
    TaggedSentence s;
    auto add = [&s](const char* w, uint8_t t) {
      s.words.emplace_back(w);
      s.tags.push_back(t);
    };
    add(dets[pick(3)], det);
    add(nouns[pick(7)], noun);
    add(verbs[pick(4)], verb);
    add(dets[pick(3)], det);
    add(nouns[pick(7)], noun);
    if (pick(2)) {
      add(adps[pick(3)], adp);
      add(dets[pick(3)], det);
      add(nouns[pick(7)], noun);
    }
    add(".", punct);
    out.push_back(std::move(s));
  }
  return out;
}

TEST(TaggerTrainer, DeterministicAndLearnsTheToyCorpus) {
  const auto train = toy_corpus(300, 7);
  const auto dev = toy_corpus(30, 99);
  std::vector<int> epochs_seen;
  TrainOptions options;
  options.epochs = 4;
  options.seed = 3;
  options.on_epoch = [&](const EpochReport& r) { epochs_seen.push_back(r.epoch); };
  TaggerTrainer a(options);
  a.train(train, dev);
  TaggerTrainer b(options);
  b.train(train, dev);
  const std::string bytes = a.model_bytes();
  EXPECT_EQ(bytes, b.model_bytes());  // byte-identical
  EXPECT_EQ(epochs_seen, (std::vector<int>{1, 2, 3, 4, 1, 2, 3, 4}));

  std::ostringstream saved;
  a.save(saved);
  EXPECT_EQ(saved.str(), bytes);

  const Tagger tagger = Tagger::from_bytes(bytes);
  EXPECT_GT(tagger.num_features(), 0u);
  EXPECT_EQ(tag_names(tagger, {"a", "child", "saw", "the", "saw", "near", "this", "house", "."}),
            (Names{"DET", "NOUN", "VERB", "DET", "NOUN", "ADP", "DET", "NOUN", "PUNCT"}));
  EXPECT_EQ(tag_names(tagger, {"this", "saw", "liked", "a", "cat", "."}),
            (Names{"DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT"}));
  EXPECT_GT(evaluate(tagger, dev).upos(), 0.99);
}

TEST(TaggerTrainer, OtherSeedStillDeterministic) {
  const auto train = toy_corpus(100, 1);
  TrainOptions options;
  options.epochs = 2;
  options.seed = 12345;
  TaggerTrainer a(options), b(options);
  a.train(train, {});
  b.train(train, {});
  EXPECT_EQ(a.model_bytes(), b.model_bytes());
}

TEST(TaggerTrainer, RejectsMismatchedSentences) {
  std::vector<TaggedSentence> bad(1);
  bad[0].words = {"a", "b"};
  bad[0].tags = {1};
  TaggerTrainer t;
  EXPECT_THROW(t.train(bad, {}), Error);
}

#ifdef WHOSAID_BINARY
// `whosaid train tagger` on a small treebank, twice: byte-identical models.
TEST(TrainCommand, SmallRunIsReproducible) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("whosaid_tagger_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path conllu = dir / "toy.conllu";
  {
    std::ofstream out(conllu);
    size_t n = 0;
    for (const TaggedSentence& s : toy_corpus(200, 11)) {
      out << "# sent_id = toy-" << ++n << "\n";
      for (size_t i = 0; i < s.words.size(); ++i)
        out << i + 1 << "\t" << s.words[i] << "\t_\t" << pos::upos_name(s.tags[i]) << "\t"
            << pos::penn_name(s.tags[i]) << "\t_\t0\t_\t_\t_\n";
      out << "\n";
    }
  }
  auto run = [&](const std::string& args) {
    const std::string cmd = std::string(WHOSAID_BINARY) + " train tagger " + args + " > " +
                            (dir / "log.txt").string() + " 2>&1";
    return std::system(cmd.c_str());
  };
  auto slurp = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  };
  const std::string base = "--train " + conllu.string() + " --dev " + conllu.string() + " --epochs 3 --seed 9";
  ASSERT_EQ(run(base + " --out " + (dir / "a.bin").string()), 0) << slurp(dir / "log.txt");
  EXPECT_NE(slurp(dir / "log.txt").find("epoch 3/3"), std::string::npos) << slurp(dir / "log.txt");
  ASSERT_EQ(run(base + " --out " + (dir / "b.bin").string()), 0) << slurp(dir / "log.txt");
  const std::string a = slurp(dir / "a.bin");
  EXPECT_FALSE(a.empty());
  EXPECT_EQ(a, slurp(dir / "b.bin"));
  EXPECT_NO_THROW(Tagger::from_bytes(a));

  ASSERT_EQ(run("--eval " + conllu.string() + " --model " + (dir / "a.bin").string()), 0);
  EXPECT_NE(slurp(dir / "log.txt").find("UPOS 100.00%"), std::string::npos) << slurp(dir / "log.txt");
  EXPECT_NE(run("--train " + (dir / "missing.conllu").string() + " --out " + (dir / "c.bin").string()), 0);
  fs::remove_all(dir);
}
#endif

// --- model loading -------------------------------------------------------------

std::string toy_model() {
  TrainOptions options;
  options.epochs = 2;
  TaggerTrainer t(options);
  t.train(toy_corpus(100, 5), {});
  return t.model_bytes();
}

void expect_model_error(const std::string& bytes, const std::string& reason) {
  try {
    Tagger::from_bytes(bytes);
    ADD_FAILURE() << "no error (expected " << reason << ")";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kModel);
    EXPECT_NE(std::string(e.what()).find(reason), std::string::npos) << e.what();
  }
}

// Tagger::builtin() does not recompute the payload's checksum of the bytes
// compiled in: this checks the file they come from.
TEST(Tagger, ShippedModelPassesItsChecksum) {
  std::ifstream in(std::filesystem::path(WHOSAID_SOURCE_DIR) / "data" / "tagger.bin", std::ios::binary);
  if (!in) GTEST_SKIP() << "no data/tagger.bin";
  std::ostringstream bytes;
  bytes << in.rdbuf();
  EXPECT_NO_THROW(Tagger::from_bytes(bytes.str()));
}

TEST(Tagger, CorruptModelsThrowModelErrors) {
  const std::string good = toy_model();
  ASSERT_NO_THROW(Tagger::from_bytes(good));
  expect_model_error("", "truncated header");
  expect_model_error(good.substr(0, 20), "truncated header");
  expect_model_error(good.substr(0, good.size() - 1), "size");
  expect_model_error(good + "x", "size");
  std::string bad_magic = good;
  bad_magic[0] = 'X';
  expect_model_error(bad_magic, "magic");
  std::string bad_version = good;
  bad_version[8] = 99;
  expect_model_error(bad_version, "version");
  std::string bad_tags = good;
  bad_tags[20] ^= 1;  // tag set checksum
  expect_model_error(bad_tags, "tag set");
  std::string flipped = good;
  flipped[good.size() / 2] ^= 0x10;
  expect_model_error(flipped, "checksum");
  std::string garbage(good.size(), '\xAB');
  expect_model_error(garbage, "magic");
}

// Rewrites the payload checksum so that a deliberately bad payload reaches the
// checks behind it.
void fix_checksum(std::string& model) {
  using namespace tagger_detail;
  std::string sum;
  put_u64(sum, hash_bytes(model.data() + kModelHeaderSize, model.size() - kModelHeaderSize));
  model.replace(kModelHeaderSize - 8, 8, sum);
}

TEST(Tagger, BadPayloadsBehindAValidChecksum) {
  const std::string good = toy_model();
  ASSERT_GT(tagger_detail::get_u32(good.data() + 32), 0u);  // the toy model has a lexicon
  std::string bad_sure = good;
  bad_sure[good.size() - 8] = '\xFF';  // the last word's sure tag (low byte of its class)
  fix_checksum(bad_sure);
  expect_model_error(bad_sure, "sure tag");
  std::string bad_order = good;
  std::swap(bad_order[tagger_detail::kModelHeaderSize], bad_order[tagger_detail::kModelHeaderSize + 8]);
  bad_order[tagger_detail::kModelHeaderSize + 7] = '\xFF';  // first key now the largest
  fix_checksum(bad_order);
  expect_model_error(bad_order, "out of order");
}

TEST(Tagger, QuotationMarksAreAlwaysQuoteTags) {
  const Tagger tagger = Tagger::from_bytes(toy_model());
  EXPECT_EQ(tag_names(tagger, {"\xE2\x80\x9C", "the", "cat", "\xE2\x80\x9D", "``", "''",
                               "\xE2\x80\x98\xE2\x80\x98", "\xE2\x80\x99\xE2\x80\x99"},
                      false),
            (Names{"``", "DT", "NN", "''", "``", "''", "``", "''"}));
  auto quote = tag_names(tagger, {"\"", "the", "cat", "\""}, false);
  EXPECT_TRUE(quote[0] == "``" || quote[0] == "''");
  EXPECT_TRUE(quote[3] == "``" || quote[3] == "''");
}

TEST(Tagger, TagsDocumentSentencesAndQuoteTokens) {
  const Tagger tagger = Tagger::from_bytes(toy_model());
  Document doc("the cat saw a dog . \xE2\x80\x98" "a man left .");
  auto add = [&doc](uint32_t b, uint32_t e, TokenKind kind = TokenKind::kWord) {
    Token t;
    t.span = {b, e};
    t.kind = kind;
    doc.tokens.push_back(t);
  };
  add(0, 3); add(4, 7); add(8, 11); add(12, 13); add(14, 17); add(18, 19, TokenKind::kPunct);
  add(20, 23, TokenKind::kQuote);  // ‘ : a single quotation mark
  add(23, 24); add(25, 28); add(29, 33); add(34, 35, TokenKind::kPunct);
  doc.sentences.push_back(Sentence{{0, 19}, 0, 6, 0});
  doc.sentences.push_back(Sentence{{20, 35}, 6, 11, 0});
  tagger.tag(doc);
  std::vector<std::string> got;
  for (const Token& t : doc.tokens) got.push_back(pos::upos_name(t.tag));
  EXPECT_EQ(got, (Names{"DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT", "PUNCT", "DET", "NOUN",
                        "VERB", "PUNCT"}));
  const std::string q = pos::penn_name(doc.tokens[6].tag);
  EXPECT_TRUE(q == "``" || q == "''") << q;

  // Without sentences, all tokens are tagged as one sequence.
  doc.sentences.clear();
  for (Token& t : doc.tokens) t.tag = 0;
  tagger.tag(doc);
  for (const Token& t : doc.tokens) EXPECT_NE(t.tag, 0);
}

TEST(Tagger, StraightQuotesFaceByTheirSpaces) {
  const Tagger tagger = Tagger::from_bytes(toy_model());
  // "the cat saw a dog," "a man" left "the house".
  Document doc("\"the cat saw a dog,\" \"a man\" left \"the house\".");
  const std::string_view text = doc.text();
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    size_t j = i + 1;
    if (std::isalpha(static_cast<unsigned char>(text[i])))
      while (j < text.size() && std::isalpha(static_cast<unsigned char>(text[j]))) ++j;
    Token t;
    t.span = {uint32_t(i), uint32_t(j)};
    t.kind = text[i] == '"' ? TokenKind::kQuote
             : std::isalpha(static_cast<unsigned char>(text[i])) ? TokenKind::kWord
                                                                 : TokenKind::kPunct;
    if (i == 0 || text[i - 1] == ' ') t.flags |= kSpaceBefore;
    if (j == text.size() || text[j] == ' ') t.flags |= kSpaceAfter;
    doc.tokens.push_back(t);
    i = j;
  }
  tagger.tag(doc);
  std::string quotes;
  for (const Token& t : doc.tokens)
    if (t.kind == TokenKind::kQuote) quotes += std::string(pos::penn_name(t.tag)) + " ";
  EXPECT_EQ(quotes, "`` '' `` '' `` '' ");
}

TEST(Tagger, EmptyInputs) {
  const Tagger tagger = Tagger::from_bytes(toy_model());
  tagger.tag(nullptr, 0, nullptr);
  Document doc("");
  tagger.tag(doc);
  // Odd bytes and very long words do not crash.
  std::string long_word(5000, 'x');
  std::string junk = "\xFF\xFE\xE2\x80";
  EXPECT_EQ(tag_names(tagger, {long_word, junk, "\xE2\x80\x99s"}).size(), 3u);
}

// The tagger caches the rows of a word's one-word slots (kStaticSource) and
// copies them to each position: a slot said to read one word must give the
// same key wherever that word stands.
TEST(TaggerFeatures, OneWordSlotsReadOnlyTheirWord) {
  using namespace tagger_detail;
  const std::vector<std::string_view> words = {"“", "We", "do", "n't", "accept", "that", ",",
                                               "”", "Labour", "'s", "co-leader", "told", "U.S.", "."};
  const size_t n = words.size();
  std::vector<WordInfo> infos(n + 2 * kPadding);
  analyse_sentence(words.data(), n, Lexicon(), infos.data());
  int checked = 0;
  for (size_t i = 0; i < n; ++i) {
    uint64_t keys[kNumStaticFeatures];
    static_features(infos.data() + kPadding + i, keys);
    for (size_t j = 0; j < kNumStaticFeatures; ++j) {
      const int source = kStaticSource[j];
      if (source == kPairSlot || source == kBiasSlot || (i == 0 && source == 0 && j == 7)) continue;
      const WordInfo& word = infos[kPadding + i + source];
      const WordInfo window[5] = {word, word, word, word, word};
      uint64_t alone[kNumStaticFeatures];
      static_features(window + 2, alone);
      EXPECT_EQ(alone[j], keys[j]) << "slot " << j << " token " << i;
      ++checked;
    }
  }
  EXPECT_GT(checked, 300);
}

// The word cache is per thread and per model: switching models, and forms too
// long to cache, tag as a fresh tagger would.
TEST(Tagger, WordCacheFollowsTheModel) {
  const Tagger toy = Tagger::from_bytes(toy_model());
  const Tagger& builtin = Tagger::builtin();
  const std::vector<std::string> words = {"Labour", "'s", "extraordinarily-long-hyphenated-word",
                                          "said", "the", "plan", "was", "fine", "."};
  // Fresh threads have empty caches.
  std::vector<std::string> first, toy_first;
  std::thread([&] { first = tag_names(builtin, words, false); }).join();
  std::thread([&] { toy_first = tag_names(toy, words, false); }).join();
  EXPECT_EQ(tag_names(builtin, words, false), first);
  EXPECT_EQ(tag_names(toy, words, false), toy_first);
  EXPECT_EQ(tag_names(builtin, words, false), first);
  EXPECT_EQ(tag_names(builtin, words, false), first);
  EXPECT_EQ(tag_names(toy, words, false), toy_first);
}

// --- the shipped model ---------------------------------------------------------

TEST(BuiltinTagger, TagsNewsText) {
  const Tagger& tagger = Tagger::builtin();
  EXPECT_EQ(&tagger, &Tagger::builtin());
  EXPECT_EQ(tag_names(tagger, {"\xE2\x80\x9C", "We", "do", "n't", "accept", "that", ",",
                               "\xE2\x80\x9D", "Labour", "'s", "leader", "said", "."},
                      false),
            (Names{"``", "PRP", "VBP", "RB", "VB", "DT", ",", "''", "NNP", "POS", "NN", "VBD",
                   "."}));
  // Curly apostrophes are read as straight ones.
  EXPECT_EQ(tag_names(tagger, {"We", "do", "n\xE2\x80\x99t", "know", "."}),
            tag_names(tagger, {"We", "do", "n't", "know", "."}));
  EXPECT_EQ(tag_names(tagger, {"Labour", "\xE2\x80\x99s", "leader"}, false),
            (Names{"NNP", "POS", "NN"}));
  // Hyphenated compounds kept whole, as whosaid's tokenizer does.
  auto compound = tag_names(tagger, {"the", "US-led", "coalition", "and", "its", "co-leader"});
  EXPECT_EQ(compound[2], "NOUN");
  EXPECT_EQ(compound[5], "NOUN");
}

TEST(BuiltinTagger, SingleMarksOpenQuoteOrArePossessive) {
  const auto Q = TokenKind::kQuote;
  const auto P = TokenKind::kPunct;
  // The Joneses' house was sold. 'I know,' she said.
  Document doc = doc_from_tokens({{"The"}, {"Joneses", {}, true}, {"'", Q}, {"house"}, {"was"},
                                  {"sold", {}, true}, {".", P}, {"'", Q, true}, {"I"},
                                  {"know", {}, true}, {",", P, true}, {"'", Q}, {"she"},
                                  {"said", {}, true}, {".", P}});
  Tagger::builtin().tag(doc);
  const auto tags = penn_tags(doc);
  EXPECT_EQ(tags[2], "POS");
  EXPECT_EQ(tags[7], "``");
  EXPECT_EQ(tags[11], "''");
}

TEST(BuiltinTagger, TagTokensTagsOnlyTheRangeAsTheWordsWould) {
  Document doc = doc_from_tokens({{"Officials"}, {"said"}, {"the"}, {"plan"}, {"would"}, {"fail", {}, true},
                                  {".", TokenKind::kPunct}, {"She"}, {"agreed", {}, true},
                                  {".", TokenKind::kPunct}});
  const Tagger& tagger = Tagger::builtin();
  tagger.tag_tokens(doc, 0, 7);
  const Names words_tags =
      tag_names(tagger, {"Officials", "said", "the", "plan", "would", "fail", "."}, /*upos=*/false);
  const auto tags = penn_tags(doc);
  for (size_t i = 0; i < 7; ++i) EXPECT_EQ(tags[i], words_tags[i]) << i;
  EXPECT_EQ(doc.tokens[7].tag, 0);  // outside the range: untouched
  EXPECT_EQ(doc.tokens[9].tag, 0);
  tagger.tag_tokens(doc, 7, 99);  // the end is clamped to the document
  EXPECT_EQ(penn_tags(doc)[7], "PRP");
  tagger.tag_tokens(doc, 5, 5);  // an empty range does nothing
}

TEST(BuiltinTagger, PairedMarksFollowTheQuotationStage) {
  // A mark the spacing would read as opening, paired as a closing one.
  Document doc = doc_from_tokens({{"He"}, {"said", {}, true}, {",", TokenKind::kPunct},
                                  {"\"", TokenKind::kQuote, true}, {"yes"},
                                  {"\"", TokenKind::kQuote, true}, {".", TokenKind::kPunct}});
  Tagger::builtin().tag(doc);
  EXPECT_EQ(penn_tags(doc)[3], "``");
  EXPECT_EQ(penn_tags(doc)[5], "``");  // space before, none after
  QuotedRegion q;
  q.open_mark = doc.tokens[3].span;
  q.close_mark = doc.tokens[5].span;
  q.closed = true;
  doc.quoted.push_back(q);
  Tagger::builtin().tag(doc);
  EXPECT_EQ(penn_tags(doc)[3], "``");
  EXPECT_EQ(penn_tags(doc)[5], "''");
}

TEST(BuiltinTagger, SameTagsFromManyThreads) {
  const Tagger& tagger = Tagger::builtin();
  const std::vector<std::vector<std::string>> sentences = {
      {"\xE2\x80\x9C", "We", "will", "not", "back", "down", ",", "\xE2\x80\x9D", "she", "said", "."},
      {"The", "minister", "'s", "office", "declined", "to", "comment", "on", "Tuesday", "."},
      {"Officials", "said", "the", "US-led", "talks", "would", "resume", "next", "week", "."},
  };
  std::vector<std::vector<std::string>> expected;
  for (const auto& s : sentences) expected.push_back(tag_names(tagger, s, false));
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < 200; ++round)
        for (size_t i = 0; i < sentences.size(); ++i)
          mismatches[t] += tag_names(tagger, sentences[(i + t) % 3], false) != expected[(i + t) % 3];
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches, (std::vector<int>{0, 0, 0, 0}));
}

// The scoring pass is compiled for several instruction sets (tagger/scoring.h):
// every one the processor runs tags EWT test as the portable reference does.
TEST(Tagger, ScoringIsasAgree) {
  WHOSAID_REQUIRE_DATA(path, "ud/en_ewt-ud-test.conllu");
  std::ifstream in(std::filesystem::path(WHOSAID_SOURCE_DIR) / "data" / "tagger.bin", std::ios::binary);
  if (!in) GTEST_SKIP() << "no data/tagger.bin";
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const auto sentences = read_conllu_file(path);
  const char* old = std::getenv("WHOSAID_TAGGER_ISA");
  const std::string saved = old ? old : "";
  std::vector<std::vector<uint8_t>> reference;
  for (const char* isa : {"portable", "sse2", "avx2"}) {
    ::setenv("WHOSAID_TAGGER_ISA", isa, 1);
    const Tagger tagger = Tagger::from_bytes(bytes.str());
    size_t differ = 0;
    for (size_t s = 0; s < sentences.size(); ++s) {
      std::vector<std::string_view> words;
      for (const auto& w : sentences[s].words) words.push_back(w.form);
      std::vector<uint8_t> tags(words.size());
      tagger.tag(words.data(), words.size(), tags.data());
      if (reference.size() <= s) reference.push_back(tags);
      else differ += tags != reference[s];
    }
    EXPECT_EQ(differ, 0u) << isa;
  }
  if (old) ::setenv("WHOSAID_TAGGER_ISA", saved.c_str(), 1);
  else ::unsetenv("WHOSAID_TAGGER_ISA");
}

TEST(BuiltinTagger, AccuracyOnEwtTest) {
  WHOSAID_REQUIRE_DATA(path, "ud/en_ewt-ud-test.conllu");
  const auto gold = to_tagged(read_conllu_file(path));
  const TagAccuracy acc = evaluate(Tagger::builtin(), gold);
  EXPECT_GT(acc.words, 25000u);
  EXPECT_GE(acc.upos(), 0.95) << "UPOS accuracy " << acc.upos();
  EXPECT_GE(acc.penn(), 0.94) << "Penn accuracy " << acc.penn();
  std::cout << "EWT test: UPOS " << acc.upos() << ", Penn " << acc.penn() << " over " << acc.words
            << " words\n";
}

}  // namespace
}  // namespace whosaid
