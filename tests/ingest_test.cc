// Input readers: HTML article extraction, dates, JSONL, text files, WARC and
// WARC.gz (multi-member, chunked, gzip content, bad records), folder expansion.
#include "ingest/readers.h"

#include <chrono>

#include <gtest/gtest.h>

#include "ingest/html.h"
#include "io/jsonl.h"
#include "store_fixtures.h"
#include "whosaid/error.h"

namespace whosaid::ingest {
namespace {

using whosaid::testing::TempDir;

const std::string kFixtures = std::string(WHOSAID_FIXTURES) + "/store";

struct Collected {
  std::vector<Record> records;
  std::vector<std::pair<std::string, std::string>> rejects;
  RecordFn emit() {
    return [this](Record&& r) { records.push_back(std::move(r)); };
  }
  RejectFn reject() {
    return [this](const std::string& w, const std::string& why) { rejects.emplace_back(w, why); };
  }
};

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// ---------------------------------------------------------------- HTML

TEST(Html, ArticleBodyWithoutBoilerplate) {
  HtmlArticle a = parse_html_article(testing::read_file(kFixtures + "/page.html"));
  EXPECT_EQ(a.title, "Minister defends spy bill");
  EXPECT_EQ(a.date, "2014-08-19T07:45:00+12:00");
  EXPECT_EQ(a.url, "https://daily.example.net/politics/minister-defends-spy-bill");
  EXPECT_EQ(a.outlet, "The Daily Example");
  EXPECT_TRUE(has(a.text, "The Government has defended its surveillance legislation."));
  EXPECT_TRUE(has(a.text, "\u201CThis bill strikes the right balance between security and "
                          "privacy,\u201D Prime Minister John Key said on Tuesday."))
      << a.text;
  EXPECT_TRUE(has(a.text, "Opposition leader David Cunliffe said the bill was rushed. Read more"));
  for (const char* junk : {"cookies", "Politics", "Sport", "Share on", "Related", "Other story",
                           "Most read", "Cat stuck", "rights reserved", "tracking code",
                           "injected", "font-family", "Photo: File", "Home"})
    EXPECT_FALSE(has(a.text, junk)) << junk << " in:\n" << a.text;
  // Paragraphs are separated by one blank line; the repeated headline is dropped.
  EXPECT_TRUE(has(a.text, "legislation.\n\n\u201CThis bill")) << a.text;
  EXPECT_FALSE(has(a.text, "\n\n\n"));
  EXPECT_NE(a.text.rfind("Minister defends spy bill", 0), 0u);
}

TEST(Html, DateSourcesInOrder) {
  auto date = [](const std::string& head, const std::string& body = "<p>x</p>") {
    return parse_html_article("<html><head>" + head + "</head><body>" + body + "</body></html>")
        .date;
  };
  EXPECT_EQ(date("<meta property=\"og:published_time\" content=\"2013-02-03\">"), "2013-02-03");
  EXPECT_EQ(date("<meta itemprop=\"datePublished\" content=\"2012-01-02T10:00:00Z\">"),
            "2012-01-02T10:00:00Z");
  EXPECT_EQ(date("<meta name=\"pubdate\" content=\"20120102\">"), "");
  EXPECT_EQ(date("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
                 "\"datePublished\": \"2011-11-11T11:11:11Z\"}</script>"),
            "2011-11-11T11:11:11Z");
  EXPECT_EQ(date("", "<article><time datetime=\"2010-10-10\">Oct 10</time><p>x</p></article>"),
            "2010-10-10");
  EXPECT_EQ(date("<meta name=\"date\" content=\"2009-09-09\"><meta property=\"article:"
                 "published_time\" content=\"2008-08-08\">"),
            "2008-08-08");  // the specific tag wins over the generic one
}

TEST(Html, NoArticleElementFallsBackToBody) {
  HtmlArticle a = parse_html_article(
      "<html><body><div id=\"nav\">Menu</div><div class=\"story\"><p>First para.</p>"
      "<p>Second<br>line.</p></div><div class=\"footer\">(c)</div></body></html>");
  EXPECT_EQ(a.text, "First para.\n\nSecond line.");
}

TEST(Html, LimitNestingDropsOnlyDeepStartTags) {
  EXPECT_EQ(limit_nesting("<div><div><b>x</b></div></div>", 2), "<div><div>x</b></div></div>");
  // Optional-end and void elements do not count; comments and scripts are copied.
  EXPECT_EQ(limit_nesting("<div><p>a<p>b<br><img src=x><!-- <b><b> --></div>", 1),
            "<div><p>a<p>b<br><img src=x><!-- <b><b> --></div>");
  EXPECT_EQ(limit_nesting("<script>if (a<b) x='<div>';</script><i>y</i>", 1),
            "<script>if (a<b) x='<div>';</script><i>y</i>");
  EXPECT_EQ(limit_nesting("a < b <3 <a title='x>y'>z</a>", 0), "a < b <3 z</a>");
}

TEST(Html, HundredThousandUnclosedTagsParseQuickly) {
  std::string page = "<html><body><article>";
  for (int i = 0; i < 100000; ++i) page += "<b><i>";
  page += "\u201CWe will build it,\u201D Mayor Len Brown said.";
  auto t0 = std::chrono::steady_clock::now();
  HtmlArticle a = parse_html_article(page);
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(a.text, "\u201CWe will build it,\u201D Mayor Len Brown said.");
  EXPECT_LT(s, 5.0);
}

TEST(Html, NormaliseDate) {
  EXPECT_EQ(normalise_date("2014-05-02"), "2014-05-02");
  EXPECT_EQ(normalise_date("2014-05-02 09:30:00"), "2014-05-02T09:30:00");
  EXPECT_EQ(normalise_date("Fri, 02 May 2014 09:30:00 GMT"), "2014-05-02T09:30:00Z");
  EXPECT_EQ(normalise_date("May 2, 2014"), "2014-05-02");
  EXPECT_EQ(normalise_date("2 May 2014"), "2014-05-02");
  EXPECT_EQ(normalise_date("yesterday"), "");
  EXPECT_EQ(normalise_date(""), "");
}

TEST(Html, Latin1IsDecoded) {
  EXPECT_EQ(latin1_to_utf8("caf\xe9 \x93quoted\x94"), "caf\u00e9 \u201Cquoted\u201D");
  EXPECT_TRUE(is_valid_utf8("caf\u00e9"));
  EXPECT_FALSE(is_valid_utf8("caf\xe9"));
}

// ---------------------------------------------------------------- detection, folders

TEST(Readers, DetectFormat) {
  EXPECT_EQ(detect_format("a.jsonl", ""), InputFormat::kJsonl);
  EXPECT_EQ(detect_format("-", ""), InputFormat::kJsonl);
  EXPECT_EQ(detect_format("a.HTM", ""), InputFormat::kHtml);
  EXPECT_EQ(detect_format("crawl.warc.gz", ""), InputFormat::kWarc);
  EXPECT_EQ(detect_format("noext", "WARC/1.0\r\n"), InputFormat::kWarc);
  EXPECT_EQ(detect_format("noext", "\x1f\x8b\x08"), InputFormat::kWarc);
  EXPECT_EQ(detect_format("noext", "  <!DOCTYPE html><html>"), InputFormat::kHtml);
  EXPECT_EQ(detect_format("noext", "{\"text\": \"x\"}"), InputFormat::kJsonl);
  EXPECT_EQ(detect_format("story.txt", "{curly} text"), InputFormat::kText);
  EXPECT_EQ(detect_format("story", "Plain words"), InputFormat::kText);
}

TEST(Readers, FoldersExpandRecursivelySortedWithoutHiddenFiles) {
  Collected c;
  auto files = expand_inputs({kFixtures + "/articles", kFixtures + "/missing.txt"}, c.reject());
  ASSERT_EQ(files.size(), 2u);
  EXPECT_TRUE(has(files[0], "articles/bridge.txt"));
  EXPECT_TRUE(has(files[1], "articles/nested/tax.txt"));
  ASSERT_EQ(c.rejects.size(), 1u);
  EXPECT_TRUE(has(c.rejects[0].first, "missing.txt"));
}

// ---------------------------------------------------------------- JSONL and text

TEST(Readers, JsonlRecordsAndBadLines) {
  Collected c;
  read_input(kFixtures + "/feed.jsonl", c.emit(), c.reject());
  ASSERT_EQ(c.records.size(), 4u);
  const Record& r = c.records[0];
  EXPECT_EQ(r.info.source_id, "nz-001");
  EXPECT_EQ(r.info.url, "https://news.example.org/2014/05/02/sis-bill");
  EXPECT_EQ(r.info.outlet, "Example News");
  EXPECT_EQ(r.info.date, "2014-05-02");
  EXPECT_EQ(r.info.title, "SIS bill passes");
  EXPECT_TRUE(has(r.text, "Labour MP Phil Goff said"));
  EXPECT_TRUE(has(r.origin, "feed.jsonl:1"));
  EXPECT_EQ(c.records[1].info.date, "2015-06-01T09:30:00Z");
  EXPECT_TRUE(has(c.records[3].origin, "feed.jsonl:7"));  // blank line 6 skipped
  // Without "title": the headline, as for plain text (the page showed the id).
  EXPECT_EQ(c.records[2].info.source_id, "nz-004");
  EXPECT_EQ(c.records[2].info.title, "Review of spy law");
  EXPECT_EQ(c.records[3].info.title, "Short note");
  ASSERT_EQ(c.rejects.size(), 2u);
  EXPECT_TRUE(has(c.rejects[0].first, "feed.jsonl:3")) << c.rejects[0].first;
  EXPECT_TRUE(has(c.rejects[0].second, "bad JSON"));
  EXPECT_TRUE(has(c.rejects[1].first, "feed.jsonl:5"));
  EXPECT_TRUE(has(c.rejects[1].second, "no \"text\""));
}

TEST(Readers, JsonlOtherShapes) {
  Collected c;
  std::istringstream in(
      "[1,2]\n{\"text\": 5}\n{\"text\": \"   \"}\n{\"id\": 17, \"text\": \"ok\", \"date\": "
      "\"May 2, 2014\"}\r\n{\"text\": \"bad \xff utf8\"}\n");
  read_jsonl(in, "mem", c.emit(), c.reject());
  ASSERT_EQ(c.records.size(), 1u);
  EXPECT_EQ(c.records[0].info.source_id, "17");
  EXPECT_EQ(c.records[0].info.date, "2014-05-02");
  ASSERT_EQ(c.rejects.size(), 4u);
  EXPECT_EQ(c.rejects[0].first, "mem:1");
  EXPECT_EQ(c.rejects[0].second, "expected a JSON object, got array");
  EXPECT_EQ(c.rejects[1].second, "\"text\" must be a string, got number");
  EXPECT_EQ(c.rejects[2].second, "empty \"text\"");
  EXPECT_EQ(c.rejects[3].first, "mem:5");
}

// An "id" is a string or an integer, read alike by ingest and extract --jsonl:
// anything else is refused with the reason, never dropped or rounded (two
// records with one text and ids {} and [] used to collapse into one article;
// a 30-digit id came back as 1.2345678901234568e+29).
TEST(Readers, JsonlIdsAreStringsOrIntegers) {
  const std::string lines =
      "{\"id\": \"a-1\", \"text\": \"ok\"}\n"
      "{\"id\": 123456789012345678, \"text\": \"ok\"}\n"
      "{\"id\": {\"x\": 1}, \"text\": \"ok\"}\n"
      "{\"id\": [1], \"text\": \"ok\"}\n"
      "{\"id\": true, \"text\": \"ok\"}\n"
      "{\"id\": 123456789012345678901234567890, \"text\": \"ok\"}\n"
      "{\"id\": 1.5, \"text\": \"ok\"}\n"
      "{\"id\": null, \"text\": \"ok\"}\n";
  Collected c;
  std::istringstream in(lines);
  read_jsonl(in, "ids.jsonl", c.emit(), c.reject());
  ASSERT_EQ(c.records.size(), 3u);
  EXPECT_EQ(c.records[0].info.source_id, "a-1");
  EXPECT_EQ(c.records[1].info.source_id, "123456789012345678");
  EXPECT_EQ(c.records[2].info.source_id, "");
  ASSERT_EQ(c.rejects.size(), 5u);
  EXPECT_EQ(c.rejects[0].first, "ids.jsonl:3");
  EXPECT_TRUE(has(c.rejects[0].second, "must be a string or an integer, got object")) << c.rejects[0].second;
  EXPECT_TRUE(has(c.rejects[1].second, "got array"));
  EXPECT_TRUE(has(c.rejects[2].second, "got boolean"));
  EXPECT_TRUE(has(c.rejects[3].second, "quote it as a string")) << c.rejects[3].second;
  EXPECT_TRUE(has(c.rejects[4].second, "quote it as a string"));

  // The same verdicts from the reader of `whosaid extract --jsonl`.
  std::istringstream again(lines);
  JsonlReader reader(again, "ids.jsonl");
  ArticleRecord record;
  std::string error;
  std::vector<std::string> ids, errors;
  while (reader.next(record, error)) {
    if (!error.empty()) errors.push_back(error);
    else ids.push_back(record.id);
    error.clear();
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"a-1", "123456789012345678", ""}));
  ASSERT_EQ(errors.size(), 5u);
  EXPECT_TRUE(has(errors[0], "ids.jsonl:3")) << errors[0];
  EXPECT_TRUE(has(errors[3], "quote it as a string")) << errors[3];
}

TEST(Readers, TextFiles) {
  Collected c;
  read_input(kFixtures + "/articles/bridge.txt", c.emit(), c.reject());
  ASSERT_EQ(c.records.size(), 1u);
  EXPECT_EQ(c.records[0].info.title, "Harbour bridge plan approved");
  EXPECT_TRUE(c.records[0].info.url.empty());
  EXPECT_TRUE(c.records[0].info.source_id.empty());  // identity: the text hash
  read_text(std::string("bin\0ary", 7), "b.txt", c.emit(), c.reject());
  read_text("  \n", "e.txt", c.emit(), c.reject());
  read_text("Caf\xe9 owner said \x93no\x94.", "l.txt", c.emit(), c.reject());
  ASSERT_EQ(c.rejects.size(), 2u);
  EXPECT_TRUE(has(c.rejects[0].second, "binary"));
  EXPECT_TRUE(has(c.rejects[1].second, "empty"));
  ASSERT_EQ(c.records.size(), 2u);
  EXPECT_EQ(c.records[1].text, "Caf\u00e9 owner said \u201Cno\u201D.");
}

TEST(Readers, HtmlFile) {
  Collected c;
  read_input(kFixtures + "/page.html", c.emit(), c.reject());
  ASSERT_EQ(c.records.size(), 1u);
  EXPECT_EQ(c.records[0].info.outlet, "The Daily Example");
  EXPECT_EQ(c.records[0].info.date, "2014-08-19T07:45:00+12:00");
  TempDir dir;
  testing::write_file(dir.file("empty.html"), "<html><body><nav>only a menu</nav></body></html>");
  read_input(dir.file("empty.html"), c.emit(), c.reject());
  ASSERT_EQ(c.rejects.size(), 1u);
  EXPECT_TRUE(has(c.rejects[0].second, "no article text"));
}

// ---------------------------------------------------------------- WARC

std::vector<std::string> sample_warc_records() {
  using namespace whosaid::testing;
  std::string page1 = news_page("Bridge approved", "2014-05-02T08:00:00Z",
                                "<p>\u201CWe will build it,\u201D Mayor Len Brown said.</p>");
  std::string page2 = news_page("Tax plans", "", "<p>Caf\xe9 owners said taxes were too high.</p>");
  std::string page3 = news_page("Chunked", "2015-01-01", "<p>Chunked and gzipped body text.</p>");
  std::string gz = gzip_member(page3);
  char hex[16];
  std::snprintf(hex, sizeof hex, "%zx", gz.size());
  std::string chunked = std::string(hex) + "\r\n" + gz + "\r\n0\r\n\r\n";
  std::string chunked_http = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: "
                             "chunked\r\nContent-Encoding: gzip\r\n\r\n" + chunked;
  return {
      warc_record("warcinfo", "", "2016-01-01T00:00:00Z", "software: test\r\n",
                  "application/warc-fields"),
      warc_record("request", "https://a.example/bridge", "2016-01-01T00:00:00Z",
                  "GET /bridge HTTP/1.1\r\nHost: a.example\r\n\r\n",
                  "application/http; msgtype=request"),
      warc_record("response", "https://a.example/bridge", "2016-01-01T00:00:00Z",
                  http_response(200, "text/html; charset=utf-8", page1)),
      warc_record("response", "https://a.example/logo.png", "2016-01-01T00:00:01Z",
                  http_response(200, "image/png", "\x89PNG....")),
      warc_record("response", "https://a.example/gone", "2016-01-01T00:00:02Z",
                  http_response(404, "text/html", "<html><body>Not found</body></html>")),
      "this is not a WARC record at all\r\n\r\n",
      warc_record("response", "<https://www.b.example/tax>", "2016-02-03T04:05:06Z",
                  http_response(200, "text/html; charset=ISO-8859-1", page2)),
      warc_record("response", "https://a.example/broken", "2016-01-01T00:00:03Z",
                  "garbage without HTTP\r\n"),
      warc_record("response", "https://c.example/chunked", "2016-01-01T00:00:04Z", chunked_http),
  };
}

void check_sample(const Collected& c, const std::string& path, const std::vector<size_t>& offs) {
  ASSERT_EQ(c.records.size(), 3u);
  EXPECT_EQ(c.records[0].info.url, "https://a.example/bridge");
  EXPECT_EQ(c.records[0].info.date, "2014-05-02T08:00:00Z");  // the page's own date
  EXPECT_EQ(c.records[0].info.outlet, "a.example");
  EXPECT_EQ(c.records[0].info.title, "Bridge approved");
  EXPECT_EQ(c.records[0].text, "\u201CWe will build it,\u201D Mayor Len Brown said.");
  EXPECT_EQ(c.records[0].origin, path + "@" + std::to_string(offs[2]));
  EXPECT_EQ(c.records[1].info.url, "https://www.b.example/tax");
  EXPECT_EQ(c.records[1].info.date, "2016-02-03T04:05:06Z");  // no page date: WARC-Date
  EXPECT_EQ(c.records[1].info.outlet, "b.example");
  EXPECT_EQ(c.records[1].text, "Caf\u00e9 owners said taxes were too high.");
  EXPECT_EQ(c.records[2].text, "Chunked and gzipped body text.");
  EXPECT_EQ(c.records[2].info.date, "2015-01-01");
  ASSERT_EQ(c.rejects.size(), 2u);
  EXPECT_EQ(c.rejects[0].first, path + "@" + std::to_string(offs[5]));
  EXPECT_TRUE(has(c.rejects[0].second, "not a WARC record header"));
  EXPECT_EQ(c.rejects[1].first, path + "@" + std::to_string(offs[7]));
  EXPECT_TRUE(has(c.rejects[1].second, "HTTP"));
}

TEST(Warc, PlainFile) {
  TempDir dir;
  std::string path = dir.file("sample.warc");
  auto offs = testing::write_warc(path, sample_warc_records(), false);
  Collected c;
  std::atomic<uint64_t> bytes{0};
  read_input(path, c.emit(), c.reject(), &bytes);
  check_sample(c, path, offs);
  EXPECT_EQ(bytes.load(), std::filesystem::file_size(path));
}

TEST(Warc, GzipOneMemberPerRecordReportsMemberOffsets) {
  TempDir dir;
  std::string path = dir.file("sample.warc.gz");
  auto offs = testing::write_warc(path, sample_warc_records(), true);
  Collected c;
  std::atomic<uint64_t> bytes{0};
  read_input(path, c.emit(), c.reject(), &bytes);
  check_sample(c, path, offs);
  EXPECT_EQ(bytes.load(), std::filesystem::file_size(path));
}

TEST(Warc, SingleGzipMemberWorksToo) {
  TempDir dir;
  std::string all;
  for (const auto& r : sample_warc_records()) all += r;
  std::string path = dir.file("one.warc.gz");
  testing::write_file(path, testing::gzip_member(all));
  Collected c;
  read_input(path, c.emit(), c.reject());
  EXPECT_EQ(c.records.size(), 3u);
  EXPECT_EQ(c.rejects.size(), 2u);
}

TEST(Warc, TruncatedGzipKeepsEarlierRecordsAndReportsTheRest) {
  TempDir dir;
  std::string path = dir.file("cut.warc.gz");
  testing::write_warc(path, sample_warc_records(), true);
  std::string bytes = testing::read_file(path);
  testing::write_file(path, bytes.substr(0, bytes.size() - 40));
  Collected c;
  read_input(path, c.emit(), c.reject());
  EXPECT_EQ(c.records.size(), 2u);
  ASSERT_FALSE(c.rejects.empty());
  EXPECT_TRUE(has(c.rejects.back().second, "truncated")) << c.rejects.back().second;
}

TEST(Warc, TruncatedRecordIsReported) {
  TempDir dir;
  std::string path = dir.file("cut.warc");
  auto recs = sample_warc_records();
  std::string all = recs[2];
  all.resize(all.size() - 100);
  testing::write_file(path, recs[0] + all);
  Collected c;
  read_input(path, c.emit(), c.reject());
  EXPECT_TRUE(c.records.empty());
  ASSERT_EQ(c.rejects.size(), 1u);
  EXPECT_EQ(c.rejects[0].first, path + "@" + std::to_string(recs[0].size()));
  EXPECT_TRUE(has(c.rejects[0].second, "truncated WARC record"));
}

TEST(Readers, UnreadableFileIsAnIoError) {
  Collected c;
  EXPECT_THROW(read_input("/nonexistent/file.txt", c.emit(), c.reject()), Error);
}

}  // namespace
}  // namespace whosaid::ingest
