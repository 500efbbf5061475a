// Tests for the dependency parser: relations, the arc-hybrid transition system
// and its dynamic oracle, training determinism, model loading, the Document
// API and tree helpers, the CLI, and the shipped model's accuracy.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/lexicon.h"
#include "parse/features.h"
#include "parse/model_format.h"
#include "parse/parser.h"
#include "parse/relations.h"
#include "parse/trainer.h"
#include "parse/transition.h"
#include "parse/tree.h"
#include "quotes/quote_finder.h"
#include "segment/segmenter.h"
#include "tagger/conllu.h"
#include "tagger/tag_set.h"
#include "tagger/tagger.h"
#include "test_data.h"
#include "test_util.h"
#include "whosaid/error.h"

namespace whosaid {
namespace {

using namespace parse_detail;

// --- relations -----------------------------------------------------------------

TEST(Relations, NamesRoundTrip) {
  for (int r = 1; r < dep::kNumRelations; ++r)
    EXPECT_EQ(dep::relation_id(dep::relation_name(uint8_t(r))), r) << r;
  EXPECT_EQ(dep::relation_id("nsubj:pass"), dep::kNsubjPass);
  EXPECT_EQ(dep::relation_id("obl:agent"), dep::kOblAgent);
  EXPECT_EQ(dep::relation_id("flat:name"), dep::kFlat);     // unknown subtype → base
  EXPECT_EQ(dep::relation_id("nmod:npmod"), dep::kNmod);
  EXPECT_EQ(dep::relation_id("bogus"), dep::kDep);
  EXPECT_EQ(dep::relation_id("_"), dep::kNone);
  EXPECT_STREQ(dep::relation_name(200), "");
  EXPECT_TRUE(dep::is_subject(dep::kNsubjPass));
  EXPECT_FALSE(dep::is_subject(dep::kObj));
}

TEST(Token, StaysSixteenBytes) { EXPECT_EQ(sizeof(Token), 16u); }

// --- transition system ---------------------------------------------------------

// A random projective tree over n words (heads 0-based, n for the root): each
// span picks a head, whose left and right parts are split recursively.
void random_projective(int32_t lo, int32_t hi, int32_t head, std::vector<int32_t>& heads, uint64_t& seed) {
  if (lo >= hi) return;
  seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
  const int32_t h = lo + int32_t((seed >> 33) % uint64_t(hi - lo));
  heads[h] = head;
  // Children of h to the left: split [lo, h) into consecutive subtrees.
  for (int32_t a = lo; a < h;) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    const int32_t b = a + 1 + int32_t((seed >> 33) % uint64_t(h - a));
    random_projective(a, b, h, heads, seed);
    a = b;
  }
  for (int32_t a = h + 1; a < hi;) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    const int32_t b = a + 1 + int32_t((seed >> 33) % uint64_t(hi - a));
    random_projective(a, b, h, heads, seed);
    a = b;
  }
}

std::vector<int32_t> random_tree(int32_t n, uint64_t seed) {
  std::vector<int32_t> heads(size_t(n), -1);
  random_projective(0, n, n, heads, seed);
  return heads;
}

// Follows zero-cost moves from the start; returns the heads built.
std::vector<int32_t> follow_oracle(const std::vector<int32_t>& gold) {
  ParseState st;
  st.reset(int32_t(gold.size()));
  while (!st.terminal()) {
    Move chosen = kShift;
    bool found = false;
    for (Move m : {kShift, kLeft, kRight})
      if (!found && st.legal(m) && move_cost(st, m, gold.data()) == 0) chosen = m, found = true;
    EXPECT_TRUE(found) << "no zero-cost move";
    if (!found) break;
    st.apply(chosen, dep::kDep);
  }
  return {st.head.begin(), st.head.begin() + int64_t(gold.size())};
}

TEST(Transition, OracleReproducesProjectiveTrees) {
  // "Hartley told the Times ." : told is the root.
  EXPECT_EQ(follow_oracle({1, 5, 3, 1, 1}), (std::vector<int32_t>{1, 5, 3, 1, 1}));
  for (uint64_t seed = 1; seed <= 300; ++seed) {
    const auto gold = random_tree(1 + int32_t(seed % 25), seed);
    ASSERT_TRUE(is_projective(gold));
    EXPECT_EQ(follow_oracle(gold), gold) << "seed " << seed;
  }
}

// The dynamic oracle's costs are exact: along any complete sequence of legal
// moves (without the single-root rule) they add up to the wrong heads.
TEST(Transition, CostsAddUpToErrors) {
  uint64_t r = 99;
  for (uint64_t seed = 1; seed <= 300; ++seed) {
    const auto gold = random_tree(1 + int32_t(seed % 20), seed);
    ParseState st;
    st.reset(int32_t(gold.size()));
    int total = 0;
    while (!st.terminal()) {
      std::vector<Move> legal;
      for (Move m : {kShift, kLeft, kRight})
        if (st.legal(m, /*single_root=*/false)) legal.push_back(m);
      ASSERT_FALSE(legal.empty());
      r = r * 6364136223846793005ULL + 1442695040888963407ULL;
      const Move m = legal[(r >> 33) % legal.size()];
      const int cost = move_cost(st, m, gold.data());
      EXPECT_GE(cost, 0);
      total += cost;
      st.apply(m, dep::kDep);
    }
    int errors = 0;
    for (size_t d = 0; d < gold.size(); ++d) errors += st.head[d] != gold[d];
    EXPECT_EQ(total, errors) << "seed " << seed;
  }
}

TEST(Transition, SingleRootAndTermination) {
  ParseState st;
  st.reset(3);
  EXPECT_FALSE(st.legal(kLeft));
  EXPECT_FALSE(st.legal(kRight));
  EXPECT_TRUE(st.legal(kShift));
  st.apply(kShift, 0);
  st.apply(kShift, 0);
  st.apply(kShift, 0);
  EXPECT_EQ(st.b0, 3);                  // ROOT
  EXPECT_FALSE(st.legal(kShift));
  EXPECT_FALSE(st.legal(kLeft));        // three on the stack: only one may go to ROOT
  EXPECT_TRUE(st.legal(kLeft, false));
  st.apply(kRight, dep::kObj);
  st.apply(kRight, dep::kObj);
  EXPECT_TRUE(st.legal(kLeft));
  st.apply(kLeft, dep::kRoot);
  EXPECT_TRUE(st.terminal());
  EXPECT_EQ(st.head[0], 3);
  EXPECT_EQ(st.head[1], 0);
  EXPECT_EQ(st.head[2], 1);
  EXPECT_EQ(st.rc1[0], 1);
  EXPECT_EQ(st.rc2[0], st.none());
  EXPECT_EQ(st.right_labels[1], uint64_t{1} << dep::kObj);
}

// best_relation() picks what the loop the model was trained with picks,
// ties included (scores drawn from a few values so that ties are common).
TEST(Transition, BestRelationAsTheTrainingLoop) {
  std::mt19937 rng(7);
  for (int round = 0; round < 20000; ++round) {
    int32_t scores[64];
    const int spread = 1 + round % 5;
    for (int32_t& x : scores) x = static_cast<int32_t>(rng() % spread) - 2;
    uint8_t want = dep::kDep;
    for (int r = dep::kRoot + 1; r < dep::kNumRelations; ++r)
      if (scores[r] > scores[want]) want = static_cast<uint8_t>(r);
    ASSERT_EQ(best_relation(scores), want) << "round " << round;
  }
}

TEST(Transition, ProjectivizeLiftsCrossingArcs) {
  // 0 ← 2 (head 2), 1 → 3 crosses 0..2? Tree: heads {2, 3, 4(root), 2}: the arc
  // 3 → 1 spans word 2, which 3 does not dominate.
  std::vector<int32_t> heads = {2, 3, 4, 2};
  EXPECT_FALSE(is_projective(heads));
  EXPECT_EQ(projectivize(heads), 1u);
  EXPECT_TRUE(is_projective(heads));
  EXPECT_EQ(heads, (std::vector<int32_t>{2, 2, 4, 2}));
}

// --- training ----------------------------------------------------------------

// A tiny treebank: sentences of a toy grammar with gold tags.
const char kToyConllu[] =
    "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n"
    "2\tminister\tminister\tNOUN\tNN\t_\t3\tnsubj\t_\t_\n"
    "3\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_\n"
    "5\tplan\tplan\tNOUN\tNN\t_\t7\tnsubj\t_\t_\n"
    "6\twould\twould\tAUX\tMD\t_\t7\taux\t_\t_\n"
    "7\tfail\tfail\tVERB\tVB\t_\t3\tccomp\t_\tSpaceAfter=No\n"
    "8\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n"
    "\n"
    "1\tHartley\tHartley\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
    "2\ttold\ttell\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_\n"
    "4\tTimes\tTimes\tPROPN\tNNP\t_\t2\tobj\t_\tSpaceAfter=No\n"
    "5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
    "\n"
    "1\tShe\tshe\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n"
    "2\twas\tbe\tAUX\tVBD\t_\t3\taux:pass\t_\t_\n"
    "3\tinterviewed\tinterview\tVERB\tVBN\t_\t0\troot\t_\t_\n"
    "4\tby\tby\tADP\tIN\t_\t6\tcase\t_\t_\n"
    "5\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\t_\n"
    "6\tpolice\tpolice\tNOUN\tNN\t_\t3\tobl:agent\t_\tSpaceAfter=No\n"
    "7\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n"
    "\n";

std::vector<ParsedSentence> toy_treebank() {
  std::istringstream in(kToyConllu);
  return to_parsed(parse_conllu(in, "toy"), nullptr);
}

TEST(Conllu, ReadsDeprel) {
  std::istringstream in(kToyConllu);
  const auto tb = parse_conllu(in, "toy");
  ASSERT_EQ(tb.size(), 3u);
  EXPECT_EQ(tb[2].words[5].deprel, "obl:agent");
  EXPECT_EQ(tb[0].words[2].deprel, "root");
  const auto parsed = toy_treebank();
  EXPECT_EQ(parsed[2].relations[5], dep::kOblAgent);
  EXPECT_EQ(parsed[0].heads[2], 8);  // the root points past the last word
}

std::string toy_model(uint64_t seed = 3, int min_relation_weight = 0) {
  ParserTrainOptions options;
  options.epochs = 8;
  options.seed = seed;
  options.min_weight = 0;
  options.min_relation_weight = min_relation_weight;
  options.min_count = 1;
  ParserTrainer trainer(options);
  trainer.train(toy_treebank(), {});
  return trainer.model_bytes();
}

TEST(ParserTrainer, DeterministicAndLearnsTheToyTreebank) {
  const std::string a = toy_model(), b = toy_model();
  EXPECT_EQ(a, b);
  EXPECT_NE(a, toy_model(4));  // the seed matters
  const Parser parser = Parser::from_bytes(a);
  const ParseAccuracy acc = evaluate(parser, toy_treebank());
  EXPECT_EQ(acc.words, 20u);
  EXPECT_EQ(acc.uas(), 1.0);
  EXPECT_EQ(acc.las(), 1.0);
}

// min_relation_weight prunes the relation table alone: the move table, and
// the relation weights it keeps, stay as they were.
TEST(ParserTrainer, MinRelationWeightPrunesOnlyTheRelationTable) {
  const std::string all = toy_model(3, 0), pruned = toy_model(3, 8000);
  auto field = [](const std::string& m, int i) { return parse_detail::get_u32(m.data() + 8 + 4 * i); };
  EXPECT_EQ(field(pruned, 6), field(all, 6));  // move rows
  EXPECT_EQ(field(pruned, 7), field(all, 7));  // move weights
  EXPECT_LT(field(pruned, 9), field(all, 9));  // relation weights
  EXPECT_GT(field(pruned, 9), 0u);
  const size_t move_bytes = parse_detail::kParserHeaderSize + size_t{field(all, 6)} * 9 + size_t{field(all, 7)} * 3;
  EXPECT_EQ(pruned.compare(parse_detail::kParserHeaderSize, move_bytes - parse_detail::kParserHeaderSize, all,
                           parse_detail::kParserHeaderSize, move_bytes - parse_detail::kParserHeaderSize),
            0);
  EXPECT_LT(Parser::from_bytes(pruned).num_weights(), Parser::from_bytes(all).num_weights());
}

TEST(ParserTrainer, RejectsBadSentences) {
  auto bad = toy_treebank();
  bad[0].heads[1] = 1;  // its own head
  ParserTrainer trainer;
  EXPECT_THROW(trainer.train(bad, {}), Error);
  bad = toy_treebank();
  bad[1].relations.pop_back();
  EXPECT_THROW(trainer.train(bad, {}), Error);
}

// --- model loading -------------------------------------------------------------

void expect_model_error(const std::string& bytes, const std::string& fragment) {
  try {
    Parser::from_bytes(bytes);
    ADD_FAILURE() << "loaded a corrupt model (" << fragment << ")";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kModel);
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

// Parser::builtin() does not recompute the payload's checksum of the bytes
// compiled in: this checks the file they come from.
TEST(ParserModel, ShippedModelPassesItsChecksum) {
  std::ifstream in(std::filesystem::path(WHOSAID_SOURCE_DIR) / "data" / "parser.bin", std::ios::binary);
  if (!in) GTEST_SKIP() << "no data/parser.bin";
  std::ostringstream bytes;
  bytes << in.rdbuf();
  EXPECT_NO_THROW(Parser::from_bytes(bytes.str()));
}

TEST(ParserModel, CorruptModelsAreRejected) {
  const std::string good = toy_model();
  ASSERT_NO_THROW(Parser::from_bytes(good));
  expect_model_error("", "truncated header");
  expect_model_error(good.substr(0, 20), "truncated header");
  std::string bad = good;
  bad[0] = 'X';
  expect_model_error(bad, "bad magic");
  expect_model_error(good.substr(0, good.size() - 1), "size");
  expect_model_error(good + "x", "size");
  bad = good;
  bad[bad.size() - 1] ^= 0x40;
  expect_model_error(bad, "checksum");
  bad = good;
  bad[8] = 9;  // version
  expect_model_error(bad, "format version");
  bad = good;
  bad[12] = 99;  // feature set
  expect_model_error(bad, "feature set");
  bad = good;
  bad[24] ^= 1;  // relation count
  expect_model_error(bad, "relation set");
  // A well-formed header over keys out of order: rebuilt checksum, payload corrupt.
  bad = good;
  const size_t payload = kParserHeaderSize;
  std::swap_ranges(bad.begin() + payload, bad.begin() + payload + 8, bad.begin() + payload + 8);
  std::string fixed = bad.substr(0, 48);
  put_u64(fixed, tagger_detail::hash_bytes(bad.data() + payload, bad.size() - payload));
  expect_model_error(fixed + bad.substr(payload), "out of order");
}

// --- the built-in model --------------------------------------------------------

// Segments, tags and parses text as `whosaid parse` does.
Document parse_text(const std::string& text) {
  Document doc(text);
  segment(doc);
  find_quotes(doc);
  split_sentences(doc, Lexicon::builtin());
  Tagger::builtin().tag(doc);
  Parser::builtin().parse(doc);
  return doc;
}

int64_t find_token(const Document& doc, std::string_view form) {
  for (size_t i = 0; i < doc.tokens.size(); ++i)
    if (doc.slice(doc.tokens[i].span) == form) return int64_t(i);
  return -1;
}

std::string arc(const Document& doc, std::string_view form) {
  const int64_t i = find_token(doc, form);
  if (i < 0) return "missing";
  const int64_t h = head_of(doc, uint32_t(i));
  return std::string(dep::relation_name(doc.tokens[size_t(i)].dep)) + " " +
         (h < 0 ? std::string("ROOT") : std::string(doc.slice(doc.tokens[size_t(h)].span)));
}

// The words under the nsubj of the token `verb`.
std::string subject_of(const Document& doc, std::string_view verb) {
  const int64_t v = find_token(doc, verb);
  if (v < 0) return "missing";
  const int64_t subject = child_with(doc, 0, uint32_t(doc.tokens.size()), v, dep::kNsubj);
  if (subject < 0) return "none";
  return std::string(doc.slice(subtree_span(doc, 0, uint32_t(doc.tokens.size()), uint32_t(subject))));
}

TEST(BuiltinParser, NewsSentences) {
  Document doc = parse_text("\"We will win,\" Hartley told the New York Times.");
  EXPECT_EQ(arc(doc, "Hartley"), "nsubj told");
  EXPECT_EQ(subject_of(doc, "told"), "Hartley");
  EXPECT_EQ(arc(doc, "told"), "root ROOT");
  const std::string times = arc(doc, "Times");
  EXPECT_TRUE(times == "obj told" || times == "iobj told") << times;
  EXPECT_EQ(arc(doc, "win"), "ccomp told");

  doc = parse_text("Mr Kennedy said the plan would fail.");
  EXPECT_EQ(arc(doc, "fail"), "ccomp said");
  EXPECT_EQ(subject_of(doc, "said"), "Mr Kennedy");  // UD heads a titled name on its first word
  EXPECT_EQ(arc(doc, "plan"), "nsubj fail");

  doc = parse_text("The minister told reporters the deal was dead.");
  EXPECT_EQ(arc(doc, "reporters"), "iobj told");
  EXPECT_EQ(arc(doc, "dead"), "ccomp told");
  EXPECT_EQ(arc(doc, "minister"), "nsubj told");

  doc = parse_text("The report was written by the commission's lawyers.");
  EXPECT_EQ(arc(doc, "report"), "nsubj:pass written");
  const std::string lawyers = arc(doc, "lawyers");
  EXPECT_TRUE(lawyers == "obl:agent written" || lawyers == "obl written") << lawyers;
  EXPECT_EQ(arc(doc, "commission"), "nmod:poss lawyers");
}

TEST(BuiltinParser, TreeHelpers) {
  Document doc = parse_text("Mr Kennedy said the plan would fail. It did.");
  ASSERT_EQ(doc.sentences.size(), 2u);
  const Sentence& s = doc.sentences[0];
  for (uint32_t i = s.first_token; i < s.end_token; ++i) EXPECT_TRUE(is_parsed(doc.tokens[i]));
  const auto said = uint32_t(find_token(doc, "said"));
  EXPECT_TRUE(is_root(doc.tokens[said]));
  const int64_t fail = child_with(doc, s.first_token, s.end_token, said, dep::kCcomp);
  ASSERT_GE(fail, 0);
  EXPECT_EQ(doc.slice(subtree_span(doc, s.first_token, s.end_token, uint32_t(fail))), "the plan would fail");
  std::vector<std::string> children;
  for_each_child(doc, s.first_token, s.end_token, said,
                 [&](uint32_t c) { children.emplace_back(doc.slice(doc.tokens[c].span)); });
  ASSERT_EQ(children.size(), 3u);  // the subject (Mr Kennedy), fail, .
  EXPECT_EQ(children[1], "fail");
  EXPECT_EQ(children[2], ".");
  const TokenRange all = subtree(doc, s.first_token, s.end_token, said);
  EXPECT_EQ(all.first, s.first_token);
  EXPECT_EQ(all.end, s.end_token);
  // The second sentence has its own root; heads never leave a sentence.
  for (const Sentence& sentence : doc.sentences)
    for (uint32_t i = sentence.first_token; i < sentence.end_token; ++i) {
      const int64_t h = head_of(doc, i);
      EXPECT_TRUE(h < 0 || (h >= sentence.first_token && h < sentence.end_token));
    }
}

TEST(BuiltinParser, WordsAndTagsOverloadAgreesAndIsThreadSafe) {
  const Parser& parser = Parser::builtin();
  std::vector<std::string_view> words = {"Hartley", "told", "the", "New", "York", "Times", "."};
  std::vector<uint8_t> tags(words.size());
  Tagger::builtin().tag(words.data(), words.size(), tags.data());
  std::vector<int32_t> heads(words.size());
  std::vector<uint8_t> rels(words.size());
  parser.parse(words.data(), tags.data(), words.size(), heads.data(), rels.data());
  EXPECT_EQ(heads[0], 1);
  EXPECT_EQ(rels[0], dep::kNsubj);
  EXPECT_EQ(heads[1], -1);
  EXPECT_EQ(rels[1], dep::kRoot);
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      std::vector<int32_t> h(words.size());
      std::vector<uint8_t> r(words.size());
      for (int k = 0; k < 200; ++k) {
        parser.parse(words.data(), tags.data(), words.size(), h.data(), r.data());
        mismatches[size_t(t)] += h != heads || r != rels;
      }
    });
  for (auto& t : threads) t.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
  parser.parse(words.data(), tags.data(), 0, heads.data(), rels.data());  // no words: no-op
}

TEST(BuiltinParser, UntaggedRangeIsTaggedFirst) {
  Document doc("Officials said it rained.");
  segment(doc);
  Parser::builtin().parse(doc, 0, uint32_t(doc.tokens.size()));
  for (const Token& t : doc.tokens) {
    EXPECT_NE(t.tag, 0);
    EXPECT_NE(t.dep, 0);
  }
  EXPECT_EQ(arc(doc, "Officials"), "nsubj said");
}

// The floor the shipped model must keep on UD English EWT test, with the
// tags of the built-in tagger (data/README-parser.md has the measured numbers).
TEST(BuiltinParser, AccuracyFloorOnEwtTest) {
  WHOSAID_REQUIRE_DATA(path, "ud/en_ewt-ud-test.conllu");
  const auto test = to_parsed(read_conllu_file(path), &Tagger::builtin());
  const ParseAccuracy acc = evaluate(Parser::builtin(), test);
  EXPECT_GT(acc.words, 25000u);
  EXPECT_GE(acc.uas(), 0.85);
  EXPECT_GE(acc.las(), 0.81);
  std::cout << "EWT test: UAS " << acc.uas() << " LAS " << acc.las() << "\n";
}

// --- CLI ---------------------------------------------------------------------

#ifdef WHOSAID_BINARY
using testing::CommandResult;
using testing::run_whosaid;

TEST(ParseCommand, PrintsConllu) {
  namespace fs = std::filesystem;
  const fs::path file = fs::temp_directory_path() / ("parse_cli_" + std::to_string(::getpid()) + ".txt");
  {
    std::ofstream out(file);
    out << "Mr Kennedy said the plan would fail.\n\n\"We will win,\" Hartley told the Times.\n";
  }
  const CommandResult r = run_whosaid("parse " + file.string(), "cli");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("# sent_id = " + file.string() + "#1\n# text = Mr Kennedy said the plan would fail.\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("1\tMr\t_\tPROPN\tNNP\t"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\t_\t_\tOffset=0:2\n2\tKennedy\t"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("7\tfail\t_\tVERB\tVB\t3\tccomp\t_\t_\tSpaceAfter=No|Offset=31:35\n"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("# sent_id = " + file.string() + "#2\n"), std::string::npos);
  EXPECT_NE(r.out.find("7\tHartley\t_\tPROPN\tNNP\t8\tnsubj\t_\t_\tOffset=53:60\n"), std::string::npos) << r.out;
  // Standard input gives the same trees.
  const CommandResult piped = run_whosaid("parse - < " + file.string(), "stdin");
  EXPECT_EQ(piped.status, 0);
  EXPECT_NE(piped.out.find("# sent_id = stdin#1\n"), std::string::npos);
  fs::remove(file);

  const CommandResult missing = run_whosaid("parse /nonexistent/article.txt", "missing");
  EXPECT_EQ(missing.status, 74);  // kExitIo
  EXPECT_NE(missing.err.find("/nonexistent/article.txt: cannot open"), std::string::npos) << missing.err;
}

// The shipped data/parser.bin retrains byte for byte (the command of
// data/README-parser.md). Labelled `slow` in tests/CMakeLists.txt.
TEST(ParserRetrain, ShippedModelRetrainsByteForByte) {
  if (!std::getenv("WHOSAID_SLOW_TESTS"))
    GTEST_SKIP() << "retraining takes minutes: run `ctest -L slow` (or set WHOSAID_SLOW_TESTS=1)";
  WHOSAID_REQUIRE_DATA(ewt_train, "ud/en_ewt-ud-train.conllu");
  WHOSAID_REQUIRE_DATA(ewt_dev, "ud/en_ewt-ud-dev.conllu");
  WHOSAID_REQUIRE_DATA(gum_train, "gum/ud/train.conllu");
  namespace fs = std::filesystem;
  const fs::path out = fs::temp_directory_path() / ("parser_retrain_" + std::to_string(::getpid()) + ".bin");
  const CommandResult r = run_whosaid("train parser --train " + ewt_train + "," + gum_train + " --dev " + ewt_dev +
                                          " --out " + out.string(),
                                      "retrain");
  ASSERT_EQ(r.status, 0) << r.out << r.err;
  auto slurp = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  const std::string fresh = slurp(out), shipped = slurp(fs::path(WHOSAID_SOURCE_DIR) / "data" / "parser.bin");
  fs::remove(out);
  EXPECT_FALSE(fresh.empty());
  EXPECT_TRUE(fresh == shipped) << "retrained model differs from data/parser.bin (" << fresh.size() << " vs "
                                << shipped.size() << " bytes); log:\n"
                                << r.out;
}
#endif

}  // namespace
}  // namespace whosaid
