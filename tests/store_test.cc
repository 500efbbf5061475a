// Unit tests of whosaid::Store over hand-built documents (store_test_util.h):
// adding articles, who the speakers are, and statements across articles. The
// schema, search and text keys have their own store_*_test.cc files.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "store_test_util.h"
#include "whosaid/error.h"
#include "whosaid/store.h"

namespace whosaid {
namespace {

using namespace whosaid::testing;
namespace fs = std::filesystem;

// ---------------------------------------------------------------- articles

TEST(StoreArticles, SameUrlAndTextAddsNothing) {
  TempDir dir;
  Store s(dir.file("w.db"));
  Document doc = make_doc({{"We will build the bridge next year", "John Key"}});
  EXPECT_EQ(s.add(info("https://a.test/1", "Herald", "2014-05-02"), doc), AddOutcome::kAdded);
  EXPECT_TRUE(s.contains(info("https://a.test/1", "Herald", "2014-05-02"), doc.text()));
  EXPECT_EQ(s.add(info("https://a.test/1", "Herald", "2014-05-02"), doc), AddOutcome::kUnchanged);
  EXPECT_EQ(s.add(info("https://a.test/1#comments", "Herald", "2014-05-02"), doc),
            AddOutcome::kUnchanged);
  auto st = s.stats();
  EXPECT_EQ(st.articles, 1);
  EXPECT_EQ(st.quotes, 1);
}

TEST(StoreArticles, ChangedTextReplacesItsQuotes) {
  TempDir dir;
  Store s(dir.file("w.db"));
  auto a = info("https://a.test/1", "Herald", "2014-05-02");
  s.add(a, make_doc({{"We will build the bridge next year", "John Key"},
                     {"The bridge is a waste of money", "Helen Clark"}}));
  Document v2 = make_doc({{"We will build the tunnel next year", "John Key"}});
  EXPECT_FALSE(s.contains(a, v2.text()));
  EXPECT_EQ(s.add(a, v2), AddOutcome::kReplaced);
  auto st = s.stats();
  EXPECT_EQ(st.articles, 1);
  EXPECT_EQ(st.quotes, 1);
  SearchQuery q;
  q.text = "bridge";
  EXPECT_TRUE(s.search(q).empty());  // the FTS index followed the delete
  q.text = "tunnel";
  EXPECT_EQ(s.search(q).size(), 1u);
  EXPECT_EQ(s.integrity_check(), "ok");
  // Helen Clark has no quotes left, so she is not listed.
  auto people = s.speakers();
  ASSERT_EQ(people.size(), 1u);
  EXPECT_EQ(people[0].name, "John Key");
}

// Who said what: an indirect statement credited to no one is not stored;
// words in quotation marks are, speaker or not.
TEST(StoreArticles, AnIndirectStatementCreditedToNoOneIsNotStored) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.add(info("https://a.test/1", "Herald", "2014-05-02"),
        make_doc({{"growth is expected to slow next year", "", "", "", QuoteKind::kIndirect},
                  {"the budget will balance next year", "Bill English", "", "", QuoteKind::kIndirect},
                  {"The figures speak for themselves here", ""}}));
  EXPECT_EQ(s.stats().quotes, 2);
  SearchQuery q;
  q.text = "growth";
  EXPECT_TRUE(s.search(q).empty());
  q.text = "figures";
  EXPECT_EQ(s.search(q).size(), 1u);
}

// Nor one by a writer the article never names: an unresolved "I" or "we"
// (unsigned reader comments). Quotations are kept, and a resolved "I" too.
TEST(StoreArticles, AnIndirectStatementByAnUnnamedWriterIsNotStored) {
  TempDir dir;
  Store s(dir.file("w.db"));
  Q unnamed{"the song never deserved the prize", "I", "", "", QuoteKind::kIndirect};
  unnamed.resolved = false;
  Q quoted{"We never deserved the prize at all", "We"};
  quoted.resolved = false;
  s.add(info("https://a.test/2", "Herald", "2014-05-02"),
        make_doc({unnamed, quoted, {"the band earned every vote it got", "I", "", "", QuoteKind::kIndirect}}));
  EXPECT_EQ(s.stats().quotes, 2);
  SearchQuery q;
  q.text = "song";
  EXPECT_TRUE(s.search(q).empty());
  q.text = "band";
  EXPECT_EQ(s.search(q).size(), 1u);
}

TEST(StoreArticles, WithoutUrlIdentityIsTheSourceIdElseTheTextHash) {
  TempDir dir;
  Store s(dir.file("w.db"));
  Document doc = make_doc({{"Nothing has been decided yet on this", "Helen Clark"}});
  ArticleInfo none;
  EXPECT_EQ(s.add(none, doc), AddOutcome::kAdded);
  EXPECT_EQ(s.add(none, doc), AddOutcome::kUnchanged);
  ArticleInfo a, b;
  a.source_id = "politics/001";
  b.source_id = "politics/002";
  EXPECT_EQ(s.add(a, doc), AddOutcome::kAdded);
  EXPECT_EQ(s.add(b, doc), AddOutcome::kAdded);  // same text, another record
  EXPECT_EQ(s.add(b, doc), AddOutcome::kUnchanged);
  EXPECT_EQ(s.stats().articles, 3);
  EXPECT_EQ(Store::article_key(a, doc.text()), "id:/politics/001");
  EXPECT_EQ(Store::article_key(none, doc.text()).rfind("sha:", 0), 0u);
}

TEST(StoreArticles, RolledBackBatchLeavesNothing) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.begin();
  s.add(info("https://a.test/1", "H", "2014"), make_doc({{"one two three four five", "A Bee"}}));
  s.rollback();
  EXPECT_EQ(s.stats().articles, 0);
  s.begin();
  s.add(info("https://a.test/1", "H", "2014"), make_doc({{"one two three four five", "A Bee"}}));
  s.commit();
  EXPECT_EQ(s.stats().articles, 1);
}

TEST(StoreArticles, QuoteFieldsRoundTrip) {
  TempDir dir;
  Store s(dir.file("w.db"));
  Document doc = make_doc({{"The economy is growing faster than expected", "Bill English",
                            "Finance Minister", "National", QuoteKind::kMixed}});
  s.add(info("https://a.test/e", "Stuff", "2015-03-04"), doc);
  std::vector<StoredQuote> all;
  s.for_each_quote([&](const StoredQuote& q) {
    all.push_back(q);
    return true;
  });
  ASSERT_EQ(all.size(), 1u);
  const StoredQuote& q = all[0];
  EXPECT_EQ(q.text, "The economy is growing faster than expected");
  EXPECT_EQ(q.kind, QuoteKind::kMixed);
  EXPECT_EQ(q.speaker, "Bill English");
  EXPECT_EQ(q.role, "Finance Minister");
  EXPECT_EQ(q.org, "National");
  EXPECT_EQ(q.cue, "said");
  EXPECT_EQ(q.mention, "Bill English");
  EXPECT_EQ(q.outlet, "Stuff");
  EXPECT_EQ(q.date, "2015-03-04");
  ASSERT_EQ(q.spans.size(), 1u);
  EXPECT_EQ(doc.slice(q.spans[0]), q.text);
  EXPECT_NEAR(q.confidence, 0.8f, 1e-6);
}

// ---------------------------------------------------------------- speakers

TEST(StoreSpeakers, FullNameWithAndWithoutTitleIsOnePerson) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.add(info("u1", "Herald", "2014-01-01"),
        make_doc({{"We are committed to the SIS reforms", "John Key", "Prime Minister", "National"}}));
  s.add(info("u2", "Stuff", "2014-02-01"),
        make_doc({{"The legislation strikes the right balance", "Prime Minister John Key"}}));
  int64_t a = speaker_of(s, "committed to the SIS reforms");
  int64_t b = speaker_of(s, "strikes the right balance");
  EXPECT_GT(a, 0);
  EXPECT_EQ(a, b);
  auto p = s.speaker(a);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->summary.name, "John Key");
  EXPECT_EQ(p->summary.quotes, 2);
  EXPECT_EQ(p->aliases.size(), 2u);
}

TEST(StoreSpeakers, SurnameWithAgreeingRoleJoinsThePerson) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.add(info("u1", "Herald", "2014-01-01"),
        make_doc({{"We are committed to the SIS reforms", "John Key", "Prime Minister", "National"}}));
  s.add(info("u2", "Radio NZ", "2014-03-01"),
        make_doc({{"I have full confidence in the director", "Mr Key", "Prime Minister"}}));
  EXPECT_EQ(speaker_of(s, "committed to the SIS reforms"), speaker_of(s, "full confidence"));
}

TEST(StoreSpeakers, SurnameInTheSameOutletJoinsTheOnlyPersonOfThatName) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.add(info("u1", "Herald", "2014-01-01"),
        make_doc({{"We are committed to the SIS reforms", "John Key", "Prime Minister"}}));
  s.add(info("u2", "Herald", "2014-03-01"), make_doc({{"That is simply not true at all", "Mr Key"}}));
  s.add(info("u3", "Otago Daily Times", "2014-03-01"),
        make_doc({{"The harbour needs dredging this winter", "Mr Key"}}));
  int64_t john = speaker_of(s, "committed to the SIS reforms");
  EXPECT_EQ(speaker_of(s, "simply not true"), john);
  // Another outlet and nothing else in common: not enough evidence.
  EXPECT_NE(speaker_of(s, "harbour needs dredging"), john);
}

TEST(StoreSpeakers, DifferentFirstNamesTitlesOrRolesStayApart) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.add(info("u1", "Herald", "2014-01-01"),
        make_doc({{"We are committed to the SIS reforms", "John Key", "Prime Minister", "National",
                   QuoteKind::kDirect, MentionKind::kName, true, Gender::kMale}}));
  s.add(info("u2", "Herald", "2014-01-02"),
        make_doc({{"The school will reopen on Monday morning", "Jane Key", "principal"}}));
  s.add(info("u3", "Herald", "2014-01-03"),
        make_doc({{"Our caucus will vote against the bill", "Ms Key", "Labour MP", "Labour"}}));
  int64_t john = speaker_of(s, "committed to the SIS reforms");
  int64_t jane = speaker_of(s, "school will reopen");
  int64_t ms = speaker_of(s, "caucus will vote against");
  EXPECT_NE(john, jane);
  EXPECT_NE(john, ms);
  EXPECT_NE(jane, ms);  // a principal is not a Labour MP
}

TEST(StoreSpeakers, SurnameOnlyPersonIsUpgradedByAFullNameWithTheSameRole) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.add(info("u1", "Herald", "2014-01-01"),
        make_doc({{"Our caucus will vote against the bill", "Ms Key", "Labour MP"}}));
  s.add(info("u2", "Stuff", "2014-01-05"),
        make_doc({{"We were never consulted on any of it", "Jane Key", "Labour MP"}}));
  int64_t a = speaker_of(s, "caucus will vote against");
  EXPECT_EQ(a, speaker_of(s, "never consulted"));
  EXPECT_EQ(s.speaker(a)->summary.name, "Jane Key");
}

TEST(StoreSpeakers, PronounsAndCommonNounsNeverCreateAPerson) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.add(info("u1", "Herald", "2014-01-01"),
        make_doc({{"It is far too early to say anything", "he", "", "", QuoteKind::kDirect,
                   MentionKind::kName, /*resolved=*/false},
                  {"We have nothing more to add today", "She", "", "", QuoteKind::kDirect,
                   MentionKind::kPronoun},
                  {"The matter is before the courts now", "a spokesman", "", "",
                   QuoteKind::kDirect, MentionKind::kNominal},
                  {"The figures speak for themselves here", ""}}));
  EXPECT_EQ(s.stats().quotes, 4);
  EXPECT_EQ(s.stats().speakers, 0);
  EXPECT_TRUE(s.speakers().empty());
  EXPECT_EQ(speaker_of(s, "far too early"), 0);
}

// A pronoun the extractor named by a description ("They" → "Angry dock
// workers", "who" → "Those on low pay") is a group, not a person to create.
TEST(StoreSpeakers, APronounNamedByADescriptionCreatesNoPerson) {
  TempDir dir;
  Store s(dir.file("w.db"));
  Document doc = make_doc({{"The offer from the owners is an insult", "They", "", "", QuoteKind::kDirect,
                            MentionKind::kName, /*resolved=*/false},
                           {"We cannot live on this wage any more", "who", "", "", QuoteKind::kDirect,
                            MentionKind::kName, /*resolved=*/false}});
  doc.quotes[0].speaker->name = "Angry dock workers";
  doc.quotes[1].speaker->name = "Those on low pay";
  s.add(info("u1", "Herald", "2014-01-01"), doc);
  EXPECT_EQ(speaker_of(s, "is an insult"), 0);
  EXPECT_EQ(speaker_of(s, "cannot live on this wage"), 0);
  EXPECT_EQ(s.stats().speakers, 0);
}

TEST(StoreSpeakers, OrganisationsAreSpeakersByName) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.add(info("u1", "Herald", "2014-01-01"),
        make_doc({{"Safety is our first priority always", "the Ministry of Health", "", "",
                   QuoteKind::kDirect, MentionKind::kOrganisation}}));
  s.add(info("u2", "Stuff", "2014-01-01"),
        make_doc({{"All staff have been told to stay home", "Ministry of Health", "", "",
                   QuoteKind::kDirect, MentionKind::kOrganisation}}));
  EXPECT_EQ(speaker_of(s, "first priority"), speaker_of(s, "stay home"));
  EXPECT_GT(speaker_of(s, "first priority"), 0);
}

// An unnamed spokesperson speaks for a body the store knows as an
// organisation; never for a person, and no organisation is created from them.
TEST(StoreSpeakers, ASpokespersonIsLinkedToTheBodyTheySpeakFor) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.add(info("u1", "Herald", "2014-01-01"),
        make_doc({{"Safety is our first priority always", "Ministry of Health", "", "", QuoteKind::kDirect,
                   MentionKind::kOrganisation},
                  {"All staff have been told to stay home", "A Ministry of Health spokeswoman",
                   "Ministry of Health spokeswoman", "Ministry of Health", QuoteKind::kDirect, MentionKind::kNominal},
                  {"The minister will reply in due course", "A Blair spokesman", "Blair spokesman", "Blair",
                   QuoteKind::kDirect, MentionKind::kNominal},
                  {"The board has not met since March", "A Fonterra spokesman", "Fonterra spokesman", "Fonterra",
                   QuoteKind::kDirect, MentionKind::kNominal}}));
  EXPECT_GT(speaker_of(s, "first priority"), 0);
  EXPECT_EQ(speaker_of(s, "stay home"), speaker_of(s, "first priority"));
  EXPECT_EQ(speaker_of(s, "reply in due course"), 0);
  EXPECT_EQ(speaker_of(s, "has not met since"), 0);
  EXPECT_EQ(s.stats().speakers, 1);
}

// Words that name a body by themselves (an acronym, or capitalised words with
// a body's head: "Association", "Police") make the organisation a
// spokesperson speaks for, known before or not; a person or a portfolio does not.
TEST(StoreSpeakers, ASpokespersonForANamedBodyCreatesIt) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.add(info("u1", "Herald", "2014-01-01"),
        make_doc({{"Members will not accept the new levy", "A spokesman for the Tarnwick Growers Association",
                   "spokesman", "Tarnwick Growers Association", QuoteKind::kDirect, MentionKind::kNominal},
                  {"The checks will continue all week long", "A KRPF spokeswoman", "KRPF spokeswoman", "KRPF",
                   QuoteKind::kDirect, MentionKind::kNominal},
                  {"The minister has no plans to resign", "A spokesman for Mr Vollan", "spokesman", "Mr Vollan",
                   QuoteKind::kDirect, MentionKind::kNominal},
                  {"The figures will be published on Friday", "A Pensions spokeswoman", "Pensions spokeswoman",
                   "Pensions", QuoteKind::kDirect, MentionKind::kNominal}}));
  EXPECT_GT(speaker_of(s, "accept the new levy"), 0);
  EXPECT_GT(speaker_of(s, "checks will continue"), 0);
  EXPECT_EQ(speaker_of(s, "no plans to resign"), 0);
  EXPECT_EQ(speaker_of(s, "published on Friday"), 0);
  EXPECT_EQ(s.stats().speakers, 2);
}

// A clipped party name and the full one are one organisation, shown by the
// full one, in either order; never a person of similar name.
TEST(StoreSpeakers, ClippedAndFullOrganisationNamesAreOne) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.add(info("u1", "Herald", "2014-01-01"),
        make_doc({{"The tax plan does not add up at all", "Lib Dems", "", "", QuoteKind::kDirect,
                   MentionKind::kOrganisation}}));
  s.add(info("u2", "Stuff", "2014-01-02"),
        make_doc({{"Local services need more money this year", "Liberal Democrats", "", "", QuoteKind::kDirect,
                   MentionKind::kOrganisation}}));
  s.add(info("u3", "Stuff", "2014-01-03"),
        make_doc({{"We will not support the budget vote", "Lib Dem", "", "", QuoteKind::kDirect,
                   MentionKind::kName}}));
  const int64_t id = speaker_of(s, "does not add up");
  ASSERT_GT(id, 0);
  EXPECT_EQ(speaker_of(s, "need more money"), id);
  EXPECT_NE(speaker_of(s, "support the budget"), id);
  const std::optional<SpeakerProfile> p = s.speaker(id);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->summary.name, "Liberal Democrats");
}

TEST(StoreSpeakers, MergeAndSplit) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.add(info("u1", "Herald", "2014-01-01"),
        make_doc({{"We are committed to the SIS reforms", "John Key", "Prime Minister"}}));
  s.add(info("u2", "Otago Daily Times", "2014-02-01"),
        make_doc({{"The harbour needs dredging this winter", "Mr Key"}}));
  int64_t john = speaker_of(s, "committed to the SIS reforms");
  int64_t mr = speaker_of(s, "harbour needs dredging");
  ASSERT_NE(john, mr);
  s.merge_speakers(john, mr);
  EXPECT_EQ(speaker_of(s, "harbour needs dredging"), john);
  EXPECT_FALSE(s.speaker(mr));
  EXPECT_EQ(s.speaker(john)->summary.quotes, 2);
  EXPECT_EQ(s.speaker(john)->summary.name, "John Key");
  // The next "Mr Key" in that outlet now finds John Key there.
  s.add(info("u3", "Otago Daily Times", "2014-03-01"),
        make_doc({{"The port company must pay for it", "Mr Key"}}));
  EXPECT_EQ(speaker_of(s, "port company must pay"), john);

  int64_t fresh = s.split_speaker(john, {"Mr Key"});
  EXPECT_NE(fresh, john);
  EXPECT_EQ(speaker_of(s, "harbour needs dredging"), fresh);
  EXPECT_EQ(speaker_of(s, "port company must pay"), fresh);
  EXPECT_EQ(speaker_of(s, "committed to the SIS reforms"), john);
  EXPECT_EQ(s.speaker(john)->summary.quotes, 1);
  EXPECT_EQ(s.speaker(fresh)->summary.name, "Mr Key");

  EXPECT_THROW(s.split_speaker(john, {"John Key"}), Error);       // nothing would be left
  EXPECT_THROW(s.split_speaker(john, {"Helen Clark"}), Error);    // not an alias
  EXPECT_THROW(s.merge_speakers(john, john), Error);
  EXPECT_THROW(s.merge_speakers(john, 9999), Error);
  EXPECT_EQ(s.integrity_check(), "ok");
}

// Found by fuzz/server_api_fuzzer: "#2144…442" (past int64) threw std::out_of_range.
TEST(StoreSpeakers, HugeSpeakerIdFindsNobodyAndDoesNotThrow) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.add(info("u1", "Herald", "2014-01-10"), make_doc({{"We are committed to the reforms", "John Key"}}));
  EXPECT_TRUE(s.find_speakers("#" + std::string(120, '4')).empty());
  EXPECT_TRUE(s.find_speakers("99999999999999999999").empty());
}

TEST(StoreSpeakers, FindAndProfile) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.add(info("u1", "Herald", "2014-01-10"),
        make_doc({{"We are committed to the SIS reforms", "John Key", "Prime Minister", "National"}}));
  s.add(info("u2", "Stuff", "2014-03-02"),
        make_doc({{"I have full confidence in the director", "Mr Key", "Prime Minister"},
                  {"The bill will pass with support", "John Key", "National leader"}}));
  auto ids = s.find_speakers("john key");
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ(s.find_speakers("Key"), ids);
  EXPECT_EQ(s.find_speakers("#" + std::to_string(ids[0])), ids);
  EXPECT_TRUE(s.find_speakers("Helen Clark").empty());
  auto p = s.speaker(ids[0]);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->summary.quotes, 3);
  EXPECT_EQ(p->summary.articles, 2);
  EXPECT_EQ(p->summary.first_seen, "2014-01-10");
  EXPECT_EQ(p->summary.last_seen, "2014-03-02");
  ASSERT_EQ(p->per_month.size(), 2u);
  EXPECT_EQ(p->per_month[0], (std::pair<std::string, int64_t>{"2014-01", 1}));
  EXPECT_EQ(p->per_month[1], (std::pair<std::string, int64_t>{"2014-03", 2}));
  ASSERT_EQ(p->outlets.size(), 2u);
  EXPECT_EQ(p->outlets[0].first, "Stuff");
  EXPECT_GE(p->roles.size(), 2u);
  EXPECT_EQ(p->roles[0].role, "Prime Minister");
  EXPECT_EQ(p->roles[0].first_seen, "2014-01-10");
}

// ---------------------------------------------------------------- statements

TEST(StoreStatements, NearIdenticalQuotesAcrossArticlesAreOneStatement) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.add(info("u1", "Herald", "2014-05-02"),
        make_doc({{"We will not be raising GST this term, full stop.", "John Key"}}));
  s.add(info("u2", "Stuff", "2014-05-01"),
        make_doc({{"we will NOT be raising  GST this term — full stop", "John Key"}}));
  s.add(info("u3", "Radio NZ", "2014-05-03"),
        make_doc({{"Let me say this again: we will not be raising GST this term full stop, "
                   "whatever the critics claim",
                   "John Key"}}));
  s.add(info("u4", "Radio NZ", "2014-05-03"),
        make_doc({{"We will be raising the pension age", "John Key"}, {"Yes", "John Key"}}));
  std::map<std::string, int64_t> st;
  s.for_each_quote([&](const StoredQuote& q) {
    st[q.text] = q.statement_id;
    return true;
  });
  int64_t gst = st["We will not be raising GST this term, full stop."];
  EXPECT_GT(gst, 0);
  EXPECT_EQ(st["we will NOT be raising  GST this term — full stop"], gst);
  EXPECT_EQ(st["Let me say this again: we will not be raising GST this term full stop, whatever "
               "the critics claim"],
            gst);
  EXPECT_NE(st["We will be raising the pension age"], gst);
  EXPECT_EQ(st["Yes"], 0);  // too short to link
  auto info = s.statement(gst);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->quotes, 3);
  EXPECT_EQ(info->first_seen, "2014-05-01");
  EXPECT_EQ(info->outlets.size(), 3u);
  EXPECT_TRUE(s.conflicts().empty());  // one speaker only
}

TEST(StoreStatements, SameStatementByDifferentPeopleIsAConflict) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.add(info("u1", "Herald", "2014-05-02"),
        make_doc({{"A week is a long time in politics, as they say", "John Key"}}));
  s.add(info("u2", "Stuff", "2014-05-04"),
        make_doc({{"A week is a long time in politics as they say", "Helen Clark"}}));
  s.add(info("u3", "Radio NZ", "2014-05-05"),
        make_doc({{"A week is a long time in politics, as they say!", "Helen Clark"}}));
  s.add(info("u4", "Radio NZ", "2014-05-05"),
        make_doc({{"There will be no new taxes this term", "Helen Clark"}}));
  auto c = s.conflicts();
  ASSERT_EQ(c.size(), 1u);
  ASSERT_EQ(c[0].sides.size(), 2u);
  EXPECT_EQ(c[0].sides[0].speaker, "Helen Clark");
  EXPECT_EQ(c[0].sides[0].quotes, 2);
  EXPECT_EQ(c[0].sides[1].speaker, "John Key");
  EXPECT_EQ(c[0].first_seen, "2014-05-02");
  EXPECT_NE(c[0].text.find("long time in politics"), std::string::npos);
  // Merging the two people (if they were one) resolves the conflict.
  s.merge_speakers(c[0].sides[0].speaker_id, c[0].sides[1].speaker_id);
  EXPECT_TRUE(s.conflicts().empty());
}

TEST(StoreStatements, TwoSpeakersInOneArticleAreNotAConflict) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.add(info("u1", "Herald", "2014-05-02"),
        make_doc({{"A week is a long time in politics, as they say", "John Key"},
                  {"A week is a long time in politics, as they say", "Helen Clark"}}));
  s.add(info("u2", "Stuff", "2014-05-03"),
        make_doc({{"There will be no new taxes in this term", "John Key"}}));
  EXPECT_TRUE(s.conflicts().empty());
  s.add(info("u3", "Stuff", "2014-05-04"),
        make_doc({{"A week is a long time in politics as they say!", "Helen Clark"}}));
  EXPECT_EQ(s.conflicts().size(), 1u);
}

TEST(StoreStatements, ReplacedArticleDropsOrphanStatements) {
  TempDir dir;
  Store s(dir.file("w.db"));
  auto a = info("u1", "Herald", "2014-05-02");
  s.add(a, make_doc({{"There will be no new taxes this term", "Helen Clark"}}));
  EXPECT_EQ(s.stats().statements, 1);
  s.add(a, make_doc({{"There will be several new taxes next term", "Helen Clark"}}));
  EXPECT_EQ(s.stats().statements, 1);
  EXPECT_EQ(s.integrity_check(), "ok");
}

}  // namespace
}  // namespace whosaid
