// Mention types (src/types, docs/types.md): what becomes a speaker, the model
// file format, and the shipped data/types.bin retraining byte for byte.
#include <filesystem>
#include <fstream>
#include <iostream>

#include <gtest/gtest.h>

#include "test_data.h"
#include "test_util.h"
#include "types/mention_type.h"
#include "types/trainer.h"
#include "whosaid/error.h"

namespace whosaid {
namespace {

using testing::extractor;
using testing::quote_containing;
using testing::CommandResult;
using testing::run_whosaid;

// The speaker of the quote holding `needle`, or null when it has none.
const Speaker* speaker_at(const Document& doc, std::string_view needle) {
  const Quote* q = quote_containing(doc, needle);
  return q && q->speaker ? &*q->speaker : nullptr;
}

EntityType type_of(std::string_view words) {
  std::vector<std::string_view> ws;
  for (size_t b = 0; b < words.size();) {
    size_t e = words.find(' ', b);
    if (e == std::string_view::npos) e = words.size();
    ws.push_back(words.substr(b, e - b));
    b = e + 1;
  }
  FeatureVector f;
  head_phrase(ws);
  type_features(ws, Lexicon::builtin(), f);
  return TypeModel::builtin().classify(f.ids());
}

TEST(MentionTypes, ModelTypesCommonMentions) {
  EXPECT_EQ(type_of("Ms Ross"), EntityType::kPerson);
  EXPECT_EQ(type_of("John Key"), EntityType::kPerson);
  EXPECT_EQ(type_of("the ministry"), EntityType::kOrganisation);
  EXPECT_EQ(type_of("the report"), EntityType::kDocument);
  EXPECT_EQ(type_of("the history of art"), EntityType::kOther);
  EXPECT_EQ(type_of("Early results"), EntityType::kOther);
}

// Issue 14: on news-bench, times and abstractions were speakers ("The last
// week of December 2004", "Early results"). The quote keeps its content and
// has no speaker. ("Aviator", a film, is still typed person: docs/types.md.)
TEST(MentionTypes, ATimeOrAnAbstractionIsNoSpeaker) {
  const Document doc = extractor().extract(
      "The last week of December 2004 said it all about the market, traders noted. "
      "Early results said the turnout was high.");
  const Quote* q = quote_containing(doc, "it all about the market");
  ASSERT_NE(q, nullptr);
  EXPECT_FALSE(q->speaker.has_value()) << q->speaker->name;
  q = quote_containing(doc, "turnout was high");
  ASSERT_NE(q, nullptr);
  EXPECT_FALSE(q->speaker.has_value()) << q->speaker->name;
}

TEST(MentionTypes, TheReportIsADocument) {
  const Document doc = extractor().extract(
      "The report said unemployment would rise to 6% by the end of the year.");
  const Speaker* sp = speaker_at(doc, "unemployment would rise");
  ASSERT_NE(sp, nullptr);
  ASSERT_GE(sp->entity, 0);
  EXPECT_EQ(sp->type, EntityType::kDocument);
}

TEST(MentionTypes, ACompanyIsAnOrganisation) {
  const Document doc = extractor().extract(
      "Acme Corp said it would close two factories in Ohio next spring.");
  const Speaker* sp = speaker_at(doc, "close two factories");
  ASSERT_NE(sp, nullptr);
  ASSERT_GE(sp->entity, 0);
  EXPECT_EQ(sp->type, EntityType::kOrganisation);
  EXPECT_EQ(doc.entities[sp->entity].kind, MentionKind::kOrganisation);
}

// An apposition headed by a noun of a body types the name before it (a
// person noun in WordNet, which the model reading the name alone took for a
// person's), and a later "it" stands for that body.
TEST(MentionTypes, AnAppositionNamesABody) {
  const Document doc = extractor().extract(
      "Voyager, a Nevada-based company, pleaded guilty to falsifying its accounts. "
      "It agreed to pay $4m in penalties, as well as $2m to settle a civil lawsuit.");
  const Speaker* sp = speaker_at(doc, "to pay $4m");
  ASSERT_NE(sp, nullptr);
  EXPECT_EQ(sp->name, "Voyager");
  EXPECT_EQ(sp->type, EntityType::kOrganisation);
}

TEST(MentionTypes, MsRossIsAPerson) {
  const Document doc = extractor().extract(
      "Ms Ross said the council had ignored the residents for years.");
  const Speaker* sp = speaker_at(doc, "ignored the residents");
  ASSERT_NE(sp, nullptr);
  ASSERT_GE(sp->entity, 0);
  EXPECT_EQ(sp->type, EntityType::kPerson);
  EXPECT_EQ(sp->name, "Ross");
}

TEST(TypeModel, BuiltinParsesAndRoundTrips) {
  const TypeModel& m = TypeModel::builtin();
  const std::string bytes = m.serialize();
  EXPECT_EQ(TypeModel::parse(bytes).serialize(), bytes);
  EXPECT_THROW(TypeModel::parse("not a model"), Error);
  EXPECT_THROW(TypeModel::parse(bytes.substr(0, bytes.size() - 3)), Error);
  EXPECT_THROW(TypeModel::parse(bytes + "x"), Error);
  try {
    TypeModel::parse(bytes.substr(0, 40));
    FAIL() << "a truncated model loaded";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kModel);
    EXPECT_NE(std::string(e.what()).find("types model"), std::string::npos) << e.what();
  }
}

// An entry whose weights are all zero is refused: the writer never writes one,
// and it would load as a model that does not serialize back to its bytes (a
// fuzzer find).
TEST(TypeModel, AllZeroEntryIsRefused) {
  std::string bytes = "whosaid types model 1\n";
  auto put32 = [&](uint32_t v) { bytes.append(reinterpret_cast<const char*>(&v), sizeof v); };
  put32(kFeatureBits);
  put32(static_cast<uint32_t>(kEntityTypes));
  put32(1);   // one entry
  put32(64);  // slot
  for (size_t k = 0; k < kEntityTypes; ++k) bytes.append(sizeof(float), '\0');
  try {
    TypeModel::parse(bytes);
    FAIL() << "an all-zero entry loaded";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kModel);
    EXPECT_NE(std::string(e.what()).find("empty entry 0"), std::string::npos) << e.what();
  }
}

// The shipped data/types.bin retrains byte for byte (docs/types.md), and the
// accuracy on GUM dev and test stays at the measured level.
TEST(TypeRetrain, ShippedModelRetrainsByteForByte) {
  WHOSAID_REQUIRE_DATA(conll, "gum/coref/train.conll");
  namespace fs = std::filesystem;
  const fs::path gum = fs::path(conll).parent_path().parent_path();
  const fs::path out = fs::temp_directory_path() / ("types_retrain_" + std::to_string(::getpid()) + ".bin");
  const CommandResult r = run_whosaid("train types --gum " + gum.string() + " --out " + out.string(), "types_retrain");
  ASSERT_EQ(r.status, 0) << r.out << r.err;
  auto slurp = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  const std::string fresh = slurp(out), shipped = slurp(fs::path(WHOSAID_SOURCE_DIR) / "data" / "types.bin");
  fs::remove(out);
  EXPECT_FALSE(fresh.empty());
  EXPECT_TRUE(fresh == shipped) << "retrained model differs from data/types.bin; log:\n" << r.out;
  std::cout << r.out;
  const TypeModel& model = TypeModel::builtin();
  const TypeScores dev = score_types(model, read_gum_types((gum / "coref/dev.conll").string(), Lexicon::builtin()));
  const TypeScores test = score_types(model, read_gum_types((gum / "coref/test.conll").string(), Lexicon::builtin()));
  EXPECT_GE(dev.accuracy(), 0.87);
  EXPECT_GE(test.accuracy(), 0.85);
}

}  // namespace
}  // namespace whosaid
