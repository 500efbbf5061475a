// API tests for `whosaid serve`: an in-process whosaid::Server on a free loopback
// port over a database ingested from tests/fixtures/web, queried with httplib's
// client (and raw sockets where a client would normalise the request). Every
// endpoint, its error cases, static pages, path traversal, CORS, limits; and the
// CLI command end to end.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "ingest/ingest.h"
#include "store_fixtures.h"
#include "whosaid/error.h"
#include "whosaid/server.h"

extern char** environ;

namespace whosaid {
namespace {

using nlohmann::json;
using testing::TempDir;

const std::string kArticles = std::string(WHOSAID_FIXTURES) + "/web/articles.jsonl";

// UTF-8 → UTF-16 code units, as a browser decodes (invalid bytes → U+FFFD).
std::u16string utf16(std::string_view s) {
  std::u16string out;
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    uint32_t cp = 0xFFFD;
    size_t len = 1;
    if (c < 0x80) {
      cp = c;
    } else if ((c >> 5) == 6 && i + 1 < s.size()) {
      cp = ((c & 0x1F) << 6) | (s[i + 1] & 0x3F), len = 2;
    } else if ((c >> 4) == 14 && i + 2 < s.size()) {
      cp = ((c & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F), len = 3;
    } else if ((c >> 3) == 30 && i + 3 < s.size()) {
      cp = ((c & 0x07) << 18) | ((s[i + 1] & 0x3F) << 12) | ((s[i + 2] & 0x3F) << 6) |
           (s[i + 3] & 0x3F),
      len = 4;
    }
    if (cp >= 0x10000) {
      out += static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10));
      out += static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      out += static_cast<char16_t>(cp);
    }
    i += len;
  }
  return out;
}

// Sends `request` as is over a fresh connection; returns the raw response.
std::string raw_request(int port, const std::string& request) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return {};
  }
  timeval tv{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  (void)!::write(fd, request.data(), request.size());
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) out.append(buf, static_cast<size_t>(n));
  ::close(fd);
  return out;
}

int raw_status(const std::string& response) {
  return response.size() > 12 ? std::atoi(response.c_str() + 9) : 0;
}

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    signal(SIGPIPE, SIG_IGN);  // the server may close while a test still writes a refused body
    dir_ = new TempDir;
    db_ = dir_->file("web.db");
    Extractor extractor;
    ingest::IngestOptions opt;
    opt.db_path = db_;
    opt.quiet = true;
    opt.threads = 1;
    auto s = ingest::run_ingest({kArticles}, extractor, opt);
    ASSERT_EQ(s.added, 5u);
    server_ = start(ServerOptions{.db_path = db_, .port = 0, .read_timeout_seconds = 2});
  }
  static void TearDownTestSuite() {
    stop(server_);
    delete dir_;
  }

  struct Running {
    std::unique_ptr<Server> server;
    std::thread thread;
  };
  static Running* start(ServerOptions o) {
    auto* r = new Running;
    r->server = std::make_unique<Server>(o);
    r->server->bind();
    r->thread = std::thread([r] { r->server->run(); });
    return r;
  }
  static void stop(Running*& r) {
    if (!r) return;
    r->server->stop();
    r->thread.join();
    delete r;
    r = nullptr;
  }

  static httplib::Client client(int port = 0) {
    httplib::Client c("127.0.0.1", port ? port : server_->server->port());
    c.set_read_timeout(30, 0);
    return c;
  }

  // GET → (status, parsed JSON body).
  static std::pair<int, json> get(const std::string& path) {
    auto c = client();
    auto res = c.Get(path.c_str());
    if (!res) return {0, nullptr};
    return {res->status, json::parse(res->body, nullptr, false)};
  }

  static std::pair<int, json> post(const std::string& path, const std::string& body,
                                   const std::string& type = "application/json") {
    auto c = client();
    httplib::Headers h;
    // text/plain is taken from scripts that say so (a page on another site
    // cannot add a custom header without asking).
    if (type == "text/plain") h.emplace("X-Requested-With", "server_test");
    auto res = c.Post(path.c_str(), h, body, type.c_str());
    if (!res) return {0, nullptr};
    return {res->status, json::parse(res->body, nullptr, false)};
  }

  // Checks a JSON error naming `parameter` (when given).
  static void expect_error(const std::pair<int, json>& r, int status,
                           const std::string& parameter = {}) {
    EXPECT_EQ(r.first, status) << r.second.dump();
    ASSERT_TRUE(r.second.is_object()) << "error bodies are JSON";
    EXPECT_TRUE(r.second["error"].is_string());
    EXPECT_EQ(r.second["code"], status);
    if (!parameter.empty()) {
      EXPECT_EQ(r.second.value("parameter", ""), parameter) << r.second.dump();
      EXPECT_NE(r.second["error"].get<std::string>().find(parameter), std::string::npos)
          << "the message names the parameter: " << r.second["error"];
    }
  }

  // Every quote's spans16 selects, in the UTF-16 form of `text`, exactly what
  // its byte spans select in the original bytes.
  static void expect_consistent_spans(const json& data, std::string_view original) {
    std::u16string text16 = utf16(data["text"].get<std::string>());
    ASSERT_EQ(text16.size(), data["length16"].get<size_t>());
    for (const json& q : data["quotes"]) {
      ASSERT_EQ(q["spans"].size(), q["spans16"].size());
      for (size_t i = 0; i < q["spans"].size(); ++i) {
        auto b = q["spans"][i][0].get<size_t>(), e = q["spans"][i][1].get<size_t>();
        auto b16 = q["spans16"][i][0].get<size_t>(), e16 = q["spans16"][i][1].get<size_t>();
        ASSERT_LE(e16, text16.size());
        EXPECT_EQ(text16.substr(b16, e16 - b16), utf16(original.substr(b, e - b)))
            << "quote " << q["text"];
      }
    }
  }

  static int64_t article_id_of(const std::string& q) {
    auto r = get("/api/search?q=" + q);
    if (r.first != 200 || r.second["results"].empty()) return 0;
    return r.second["results"][0]["article"]["id"].get<int64_t>();
  }

  static TempDir* dir_;
  static std::string db_;
  static Running* server_;
};

TempDir* ServerTest::dir_ = nullptr;
std::string ServerTest::db_;
ServerTest::Running* ServerTest::server_ = nullptr;

// ---- /healthz, /api/stats

TEST_F(ServerTest, Healthz) {
  auto r = get("/healthz");
  EXPECT_EQ(r.first, 200);
  EXPECT_EQ(r.second["status"], "ok");
}

TEST_F(ServerTest, Stats) {
  auto r = get("/api/stats");
  ASSERT_EQ(r.first, 200);
  EXPECT_EQ(r.second["articles"], 5);
  EXPECT_GT(r.second["quotes"].get<int>(), 5);
  EXPECT_GT(r.second["speakers"].get<int>(), 3);
  EXPECT_EQ(r.second["outlets"], 4);
  EXPECT_EQ(r.second["first_date"], "2014-05-02");
  EXPECT_EQ(r.second["last_date"], "2014-10-01");
  EXPECT_EQ(r.second["top_outlets"][0]["outlet"], "NZ Herald");
  expect_error(get("/api/stats?x=1"), 400, "x");
}

// ---- /api/search

TEST_F(ServerTest, SearchFindsAQuoteByAWord) {
  auto r = get("/api/search?q=fortnight");
  ASSERT_EQ(r.first, 200) << r.second.dump();
  ASSERT_EQ(r.second["results"].size(), 1u);
  const json& hit = r.second["results"][0];
  EXPECT_NE(hit["text"].get<std::string>().find("fortnight"), std::string::npos);
  EXPECT_EQ(hit["speaker"]["name"], "John Key");
  EXPECT_EQ(hit["article"]["outlet"], "NZ Herald");
  EXPECT_EQ(hit["article"]["date"], "2014-05-02");
  EXPECT_FALSE(r.second["has_more"]);
}

TEST_F(ServerTest, SearchIgnoresAccentsAndCase) {
  auto r = get("/api/search?q=OTAKI");
  ASSERT_EQ(r.first, 200);
  ASSERT_FALSE(r.second["results"].empty());
  EXPECT_NE(r.second["results"][0]["text"].get<std::string>().find("Ōtaki"), std::string::npos);
}

TEST_F(ServerTest, SearchFilters) {
  auto by_speaker = get("/api/search?speaker=John%20Key&limit=100");
  ASSERT_EQ(by_speaker.first, 200);
  ASSERT_GE(by_speaker.second["results"].size(), 3u);
  for (const json& h : by_speaker.second["results"]) EXPECT_EQ(h["speaker"]["name"], "John Key");

  auto by_outlet = get("/api/search?outlet=nz%20herald&limit=100");
  ASSERT_FALSE(by_outlet.second["results"].empty());
  for (const json& h : by_outlet.second["results"]) EXPECT_EQ(h["article"]["outlet"], "NZ Herald");

  auto by_date = get("/api/search?from=2014-07&to=2014-09-20&limit=100");
  ASSERT_FALSE(by_date.second["results"].empty());
  for (const json& h : by_date.second["results"]) {
    std::string d = h["article"]["date"];
    EXPECT_GE(d, "2014-07");
    EXPECT_LE(d, "2014-09-20");
  }

  auto direct = get("/api/search?kind=direct&limit=100");
  ASSERT_FALSE(direct.second["results"].empty());
  for (const json& h : direct.second["results"]) EXPECT_EQ(h["kind"], "direct");
}

TEST_F(ServerTest, SearchPages) {
  auto all = get("/api/search?limit=100");
  size_t n = all.second["results"].size();
  ASSERT_GE(n, 4u);
  auto first = get("/api/search?limit=2");
  auto second = get("/api/search?limit=2&offset=2");
  ASSERT_EQ(first.second["results"].size(), 2u);
  EXPECT_TRUE(first.second["has_more"]);
  EXPECT_EQ(first.second["next_offset"], 2);
  EXPECT_EQ(second.second["results"][0]["id"], all.second["results"][2]["id"]);
  auto last = get("/api/search?limit=2&offset=" + std::to_string(n - 1));
  EXPECT_EQ(last.second["results"].size(), 1u);
  EXPECT_FALSE(last.second["has_more"]);
  EXPECT_TRUE(last.second["next_offset"].is_null());
  auto past = get("/api/search?offset=" + std::to_string(n + 5));
  EXPECT_EQ(past.first, 200);
  EXPECT_TRUE(past.second["results"].empty());
}

TEST_F(ServerTest, SearchBadParameters) {
  expect_error(get("/api/search?limit=0"), 400, "limit");
  expect_error(get("/api/search?limit=101"), 400, "limit");
  expect_error(get("/api/search?limit=ten"), 400, "limit");
  expect_error(get("/api/search?limit=5x"), 400, "limit");
  expect_error(get("/api/search?offset=-1"), 400, "offset");
  expect_error(get("/api/search?offset=99999999999999999999"), 400, "offset");
  expect_error(get("/api/search?kind=shouted"), 400, "kind");
  expect_error(get("/api/search?from=2014-13"), 400, "from");
  expect_error(get("/api/search?from=14"), 400, "from");
  expect_error(get("/api/search?to=2014-05-02T10:00"), 400, "to");
  expect_error(get("/api/search?from=2015&to=2014"), 400, "to");
  expect_error(get("/api/search?q=%22unbalanced&raw=1"), 400, "q");
  expect_error(get("/api/search?q=AND&raw=1"), 400, "q");
  expect_error(get("/api/search?raw=yes"), 400, "raw");
  expect_error(get("/api/search?min_confidence=1.5"), 400, "min_confidence");
  expect_error(get("/api/search?min_confidence=high"), 400, "min_confidence");
  expect_error(get("/api/search?sort=random"), 400, "sort");
  expect_error(get("/api/search?q=" + std::string(1001, 'a')), 400, "q");
  expect_error(get("/api/search?colour=red"), 400, "colour");
  expect_error(get("/api/search?q=a&q=b"), 400, "q");
}

TEST_F(ServerTest, SearchIsParameterised) {
  // SQL in every parameter is data: no error, no rows, and the table is still there.
  for (const char* p : {"speaker", "outlet", "role"}) {
    auto r = get(std::string("/api/search?") + p +
                 "=x%27%29%3B%20DROP%20TABLE%20quotes%3B%20--");
    EXPECT_EQ(r.first, 200) << p;
    EXPECT_TRUE(r.second["results"].empty()) << p;
  }
  EXPECT_EQ(get("/api/search?q=%27%3B%20DROP%20TABLE%20quotes").first, 200);  // words
  expect_error(get("/api/search?q=%27%3B%20DROP%20TABLE%20quotes&raw=1"), 400, "q");  // bad FTS5
  EXPECT_EQ(get("/api/stats").second["articles"], 5);
}

// Ordinary queries were FTS5 syntax errors (400, "bad search query
// \"co-leader\": leader"); only raw=1 takes FTS5 syntax now.
TEST_F(ServerTest, SearchTakesWhatPeopleType) {
  for (const char* q : {"don%27t", "Blair%27s", "U.S.", "co-leader", "Kilroy-Silk", "e-mail", "50%25",
                        "9%2F11", "Mr.%20Blair", "what%3F", "NOT%20tax", "tax%20OR", "%22unbalanced",
                        "AND", "t*%20t*%20t*"}) {
    auto r = get(std::string("/api/search?q=") + q);
    EXPECT_EQ(r.first, 200) << q << ": " << r.second.dump();
    EXPECT_TRUE(r.second["total"].is_number()) << q;
  }
}

TEST_F(ServerTest, SearchTotalConfidenceAndSort) {
  auto all = get("/api/search?limit=2");
  ASSERT_EQ(all.first, 200);
  EXPECT_GT(all.second["total"].get<int>(), 2);
  EXPECT_FALSE(all.second["total_capped"]);
  EXPECT_TRUE(all.second["results"][0]["other_articles"].is_number());
  auto sure = get("/api/search?min_confidence=0.7&limit=100");
  ASSERT_EQ(sure.first, 200);
  for (const json& h : sure.second["results"]) EXPECT_GE(h["confidence"].get<double>(), 0.7);
  EXPECT_LT(sure.second["total"].get<int>(), get("/api/search?limit=100").second["total"].get<int>() + 1);
  auto by_conf = get("/api/search?sort=confidence&limit=100");
  const json& hits = by_conf.second["results"];
  for (size_t i = 1; i < hits.size(); ++i)
    EXPECT_GE(hits[i - 1]["confidence"].get<double>(), hits[i]["confidence"].get<double>());
  auto by_date = get("/api/search?q=said%20OR%20the&sort=date&limit=100");
  const json& dated = by_date.second["results"];
  for (size_t i = 1; i < dated.size(); ++i)
    EXPECT_GE(dated[i - 1]["article"]["date"].get<std::string>(),
              dated[i]["article"]["date"].get<std::string>());
}

// ---- /api/speakers, /api/speakers/{id}

TEST_F(ServerTest, Speakers) {
  auto r = get("/api/speakers?top=2");
  ASSERT_EQ(r.first, 200);
  ASSERT_EQ(r.second["speakers"].size(), 2u);
  EXPECT_EQ(r.second["speakers"][0]["name"], "John Key");
  EXPECT_GE(r.second["speakers"][0]["quotes"].get<int>(),
            r.second["speakers"][1]["quotes"].get<int>());
  EXPECT_GT(get("/api/speakers").second["speakers"].size(), 2u);
  expect_error(get("/api/speakers?top=0"), 400, "top");
  expect_error(get("/api/speakers?top=many"), 400, "top");
  expect_error(get("/api/speakers?limit=3"), 400, "limit");
}

TEST_F(ServerTest, Speaker) {
  int64_t id = get("/api/speakers?top=1").second["speakers"][0]["id"];
  auto r = get("/api/speakers/" + std::to_string(id));
  ASSERT_EQ(r.first, 200);
  const json& s = r.second;
  EXPECT_EQ(s["name"], "John Key");
  EXPECT_FALSE(s["aliases"].empty());
  std::vector<std::string> months;
  for (const json& m : s["per_month"]) months.push_back(m["month"]);
  EXPECT_EQ(months, (std::vector<std::string>{"2014-05", "2014-07", "2014-09"}));
  EXPECT_FALSE(s["outlets"].empty());
  ASSERT_FALSE(s["latest"].empty());
  EXPECT_EQ(s["latest"][0]["article"]["date"], "2014-09-20") << "newest first";
  for (const json& q : s["latest"]) EXPECT_EQ(q["speaker_id"], id);
  bool prime_minister = false;
  for (const json& role : s["roles"]) prime_minister |= role["role"] == "Prime Minister";
  EXPECT_TRUE(prime_minister) << s["roles"].dump();
  EXPECT_EQ(get("/api/speakers/" + std::to_string(id) + "?latest=1").second["latest"].size(), 1u);

  expect_error(get("/api/speakers/abc"), 400, "id");
  expect_error(get("/api/speakers/0"), 400, "id");
  expect_error(get("/api/speakers/-3"), 400, "id");
  expect_error(get("/api/speakers/99999999"), 404);
  expect_error(get("/api/speakers/" + std::to_string(id) + "?latest=500"), 400, "latest");
}

// ---- /api/articles/{id}

TEST_F(ServerTest, ArticleSpansIndexTheTextInUtf16) {
  int64_t id = article_id_of("Kia");
  ASSERT_GT(id, 0);
  auto r = get("/api/articles/" + std::to_string(id));
  ASSERT_EQ(r.first, 200) << r.second.dump();
  const json& a = r.second;
  EXPECT_EQ(a["article"]["title"], "Key: Cabinet, not Parliament, will decide on Iraq");
  EXPECT_EQ(a["article"]["url"], "https://news.example.org/2014/05/iraq-decision");
  std::string text = a["text"];
  ASSERT_NE(text.find("🎉"), std::string::npos);
  ASSERT_GE(a["quotes"].size(), 3u);
  expect_consistent_spans(a, text);
  // Byte and UTF-16 offsets differ here (macrons and an emoji come first), and the
  // UTF-16 span of the Flavell quote is where JavaScript would find it.
  bool found = false;
  std::u16string text16 = utf16(text);
  for (const json& q : a["quotes"]) {
    if (q["text"].get<std::string>().find("Kia ora") == std::string::npos) continue;
    found = true;
    size_t b16 = q["spans16"][0][0], b = q["spans"][0][0];
    EXPECT_NE(b16, b);
    EXPECT_EQ(b16, text16.find(u"Kia ora"));
    ASSERT_TRUE(q["speaker"].is_object());
    EXPECT_EQ(q["speaker"]["name"], "Te Ururoa Flavell");
    ASSERT_GE(q["speaker_index"].get<int>(), 0);
    EXPECT_EQ(a["speakers"][q["speaker_index"].get<size_t>()]["name"], "Te Ururoa Flavell");
  }
  EXPECT_TRUE(found);
  // Speakers are listed once each, with quote counts adding up.
  int total = 0;
  for (const json& s : a["speakers"]) total += s["quotes"].get<int>();
  int attributed = 0;
  for (const json& q : a["quotes"]) attributed += q["speaker_index"].get<int>() >= 0;
  EXPECT_EQ(total, attributed);

  expect_error(get("/api/articles/abc"), 400, "id");
  expect_error(get("/api/articles/1.5"), 400, "id");
  expect_error(get("/api/articles/99999999"), 404);
  expect_error(get("/api/articles/" + std::to_string(id) + "?x=1"), 400, "x");
}

TEST_F(ServerTest, ScriptInAQuoteIsReturnedAsText) {
  int64_t id = article_id_of("policy");
  ASSERT_GT(id, 0);
  auto r = get("/api/articles/" + std::to_string(id));
  ASSERT_EQ(r.first, 200);
  EXPECT_NE(r.second["text"].get<std::string>().find("<script>window.__xss = 1</script>"),
            std::string::npos);
}

// Autocomplete: ?q= is the start of the name, of a word of it, or of an alias.
TEST_F(ServerTest, SpeakersByPrefix) {
  auto names = [](const std::string& path) {
    auto r = get(path);
    EXPECT_EQ(r.first, 200) << path;
    std::vector<std::string> out;
    for (const json& s : r.second["speakers"]) {
      EXPECT_TRUE(s.contains("quotes") && s.contains("role") && s.contains("first_seen")) << s;
      out.push_back(s["name"]);
    }
    return out;
  };
  EXPECT_EQ(names("/api/speakers?q=Phil"), std::vector<std::string>{"Phil Goff"});
  EXPECT_EQ(names("/api/speakers?q=ph"), std::vector<std::string>{"Phil Goff"});     // any case
  EXPECT_EQ(names("/api/speakers?q=goff"), std::vector<std::string>{"Phil Goff"});   // surname
  EXPECT_EQ(names("/api/speakers?q=Ururoa"), std::vector<std::string>{"Te Ururoa Flavell"});
  EXPECT_TRUE(names("/api/speakers?q=hil").empty());  // not inside a word
  EXPECT_TRUE(names("/api/speakers?q=%25").empty());  // % is a plain character
  EXPECT_TRUE(names("/api/speakers?q=_").empty());
  auto j = names("/api/speakers?q=J");
  ASSERT_FALSE(j.empty());
  EXPECT_EQ(j.front(), "John Key");  // most quoted first
  EXPECT_LE(names("/api/speakers?q=J&top=1").size(), 1u);
  expect_error(get("/api/speakers?q=" + std::string(1001, 'a')), 400, "q");
}

// ---- /api/conflicts

TEST_F(ServerTest, ConflictsLinkEachSideToAnArticle) {
  auto r = get("/api/conflicts");
  ASSERT_EQ(r.first, 200);
  ASSERT_FALSE(r.second["conflicts"].empty());
  for (const json& c : r.second["conflicts"]) {
    std::set<int64_t> articles;
    for (const json& s : c["speakers"]) {
      ASSERT_TRUE(s["article_id"].is_number_integer()) << s;
      articles.insert(s["article_id"].get<int64_t>());
      auto a = get("/api/articles/" + std::to_string(s["article_id"].get<int64_t>()));
      ASSERT_EQ(a.first, 200);
      bool attributed = false;
      for (const json& q : a.second["quotes"])
        attributed |= q["statement_id"] == c["statement_id"] && q["speaker_id"] == s["speaker_id"];
      EXPECT_TRUE(attributed) << s;
    }
    EXPECT_EQ(articles.size(), c["speakers"].size());
  }
}

// ---- GET /api/search?format=csv|jsonl

TEST_F(ServerTest, SearchExportsCsvAndJsonl) {
  auto c = client();
  auto page = get("/api/search?speaker=John%20Key&limit=3");
  ASSERT_EQ(page.first, 200);
  const json& hits = page.second["results"];
  ASSERT_EQ(hits.size(), 3u);

  auto jl = c.Get("/api/search?speaker=John%20Key&limit=3&format=jsonl");
  ASSERT_TRUE(jl);
  EXPECT_EQ(jl->status, 200);
  EXPECT_EQ(jl->get_header_value("Content-Type"), "application/x-ndjson; charset=utf-8");
  EXPECT_EQ(jl->get_header_value("Content-Disposition"), "attachment; filename=\"quotes.jsonl\"");
  std::vector<json> lines;
  for (size_t at = 0, nl; (nl = jl->body.find('\n', at)) != std::string::npos; at = nl + 1)
    lines.push_back(json::parse(jl->body.substr(at, nl - at)));
  ASSERT_EQ(lines.size(), hits.size());
  for (size_t i = 0; i < hits.size(); ++i) EXPECT_EQ(lines[i], hits[i]);

  auto csv = c.Get("/api/search?speaker=John%20Key&limit=3&format=csv");
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->status, 200);
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv->get_header_value("Content-Disposition"), "attachment; filename=\"quotes.csv\"");
  EXPECT_EQ(csv->body.substr(0, csv->body.find("\r\n")),
            "id,text,kind,speaker,speaker_id,role,org,mention,speaker_type,cue,confidence,start,end,"
            "statement_id,other_articles,article_id,source_id,outlet,date,title,url");
  size_t rows = 0;
  for (size_t at = 0; (at = csv->body.find("\r\n", at)) != std::string::npos; at += 2) ++rows;
  EXPECT_EQ(rows, hits.size() + 1);
  std::string first = "\r\n" + std::to_string(hits[0]["id"].get<int64_t>()) + ",";
  EXPECT_NE(csv->body.find(first), std::string::npos);

  // Text as stored (cell quoting: tests/export_test.cc).
  auto odd = c.Get("/api/search?q=policy&format=csv");
  ASSERT_TRUE(odd);
  EXPECT_NE(odd->body.find("<script>window.__xss = 1</script>"), std::string::npos);

  expect_error(get("/api/search?format=xml"), 400, "format");
  // The default and format=json are the JSON response, without "format" in its query.
  auto js = get("/api/search?speaker=John%20Key&limit=3&format=json");
  EXPECT_EQ(js.second["results"], hits);
  EXPECT_FALSE(js.second["query"].contains("format"));
}

// ---- /api/conflicts

TEST_F(ServerTest, Conflicts) {
  auto r = get("/api/conflicts");
  ASSERT_EQ(r.first, 200);
  ASSERT_TRUE(r.second["conflicts"].is_array());
  bool books = false;
  for (const json& c : r.second["conflicts"]) {
    if (c["text"].get<std::string>().find("books are in good shape") == std::string::npos) continue;
    books = true;
    std::set<std::string> who;
    for (const json& s : c["speakers"]) who.insert(s["speaker"]);
    EXPECT_EQ(who, (std::set<std::string>{"John Key", "Bill English"}));
  }
  EXPECT_TRUE(books) << r.second.dump();
  EXPECT_LE(get("/api/conflicts?limit=1").second["conflicts"].size(), 1u);
  expect_error(get("/api/conflicts?limit=0"), 400, "limit");
  expect_error(get("/api/conflicts?limit=501"), 400, "limit");
}

// ---- POST /api/extract

const char* kPasted =
    "Résumé of the day 🎉\n\n"
    "\"Wir schaffen das — we will manage this,\" Chancellor Angela Merkel said on Monday.\n\n"
    "Opposition leader Martin Schulz said the plan was too vague.";

TEST_F(ServerTest, ExtractJson) {
  auto r = post("/api/extract", json{{"text", kPasted}}.dump());
  ASSERT_EQ(r.first, 200) << r.second.dump();
  const json& d = r.second;
  EXPECT_EQ(d["text"], kPasted);
  ASSERT_GE(d["quotes"].size(), 2u);
  expect_consistent_spans(d, kPasted);
  std::set<std::string> speakers;
  for (const json& s : d["speakers"]) speakers.insert(s["name"]);
  EXPECT_TRUE(speakers.count("Angela Merkel")) << d["speakers"].dump();
  EXPECT_TRUE(speakers.count("Martin Schulz")) << d["speakers"].dump();
  for (const json& q : d["quotes"]) EXPECT_TRUE(q["id"].is_null()) << "nothing is stored";
  EXPECT_EQ(get("/api/stats").second["articles"], 5) << "nothing is stored";

  auto direct = post("/api/extract", json{{"text", kPasted}, {"indirect", false}}.dump());
  ASSERT_EQ(direct.first, 200);
  ASSERT_FALSE(direct.second["quotes"].empty());
  for (const json& q : direct.second["quotes"]) EXPECT_NE(q["kind"], "indirect");
  auto confident = post("/api/extract", json{{"text", kPasted}, {"min_confidence", 1.0}}.dump());
  ASSERT_EQ(confident.first, 200);
  EXPECT_LE(confident.second["quotes"].size(), d["quotes"].size());
}

TEST_F(ServerTest, ExtractPlainTextAndInvalidUtf8) {
  std::string text = std::string("Caf\xE9 owners \xFF met.\n\n") + kPasted;  // Latin-1 é, stray byte
  auto r = post("/api/extract", text, "text/plain");
  ASSERT_EQ(r.first, 200) << r.second.dump();
  std::string shown = r.second["text"];
  EXPECT_EQ(shown.substr(0, 14), "Caf\xEF\xBF\xBD owners ");
  EXPECT_FALSE(r.second["diagnostics"].empty());
  ASSERT_FALSE(r.second["quotes"].empty());
  expect_consistent_spans(r.second, text);
}

TEST_F(ServerTest, ExtractErrors) {
  expect_error(post("/api/extract", "{not json"), 400, "body");
  expect_error(post("/api/extract", "[1, 2]"), 400, "text");
  expect_error(post("/api/extract", R"({"txt": "hello"})"), 400, "text");
  expect_error(post("/api/extract", R"({"text": 12})"), 400, "text");
  expect_error(post("/api/extract", R"({"text": "  \n "})"), 400, "text");
  expect_error(post("/api/extract", R"({"text": "a", "indirect": "yes"})"), 400, "indirect");
  expect_error(post("/api/extract", R"({"text": "a", "min_confidence": 2})"), 400,
               "min_confidence");
  expect_error(post("/api/extract", R"({"text": "a", "colour": 1})"), 400, "colour");
  expect_error(post("/api/extract", "", "text/plain"), 400, "body");
  expect_error(post("/api/extract?x=1", "text", "text/plain"), 400, "x");
}

TEST_F(ServerTest, ExtractBodyLimit) {
  // The limit is checked from Content-Length, before the body is read.
  std::string resp = raw_request(server_->server->port(),
                                 "POST /api/extract HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                                 "text/plain\r\nContent-Length: 999999999\r\n"
                                 "Connection: close\r\n\r\nabc");
  EXPECT_EQ(raw_status(resp), 413) << resp.substr(0, 200);
}

// ---- methods, unknown paths, static pages

TEST_F(ServerTest, UnknownPathsAndMethods) {
  expect_error(get("/api/nothing"), 404);
  expect_error(get("/api/articles"), 404);
  expect_error(post("/api/search", "{}"), 405);
  expect_error(get("/api/extract"), 405);
}

TEST_F(ServerTest, PagesAndAssetsAreEmbedded) {
  auto c = client();
  for (const char* page :
       {"/", "/search", "/paste", "/articles/1", "/speakers/1", "/speakers", "/conflicts"}) {
    auto res = c.Get(page);
    ASSERT_TRUE(res) << page;
    EXPECT_EQ(res->status, 200) << page;
    EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8") << page;
    EXPECT_NE(res->body.find("<!doctype html>"), std::string::npos) << page;
    std::string csp = res->get_header_value("Content-Security-Policy");
    EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << page;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << page;
    EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
    // No CDN: every script and stylesheet is ours.
    EXPECT_EQ(res->body.find("http://"), std::string::npos) << page;
    EXPECT_EQ(res->body.find("https://"), std::string::npos) << page;
  }
  for (const char* asset : {"/static/style.css", "/static/common.js", "/static/search.js",
                            "/static/article.js", "/static/speaker.js", "/static/paste.js",
                            "/static/overview.js", "/static/speakers.js", "/static/conflicts.js",
                            "/static/favicon.svg"}) {
    auto res = c.Get(asset);
    ASSERT_TRUE(res) << asset;
    EXPECT_EQ(res->status, 200) << asset;
    EXPECT_GT(res->body.size(), 100u) << asset;
  }
  EXPECT_EQ(c.Get("/static/style.css")->get_header_value("Content-Type"), "text/css; charset=utf-8");
  EXPECT_EQ(c.Get("/static/common.js")->get_header_value("Content-Type"),
            "text/javascript; charset=utf-8");
  for (const char* missing : {"/static/missing.js", "/articles/abc", "/articles/999999",
                              "/speakers/999999", "/nothing"}) {
    auto res = c.Get(missing);
    ASSERT_TRUE(res) << missing;
    EXPECT_EQ(res->status, 404) << missing;
    EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8") << missing;
    EXPECT_NE(res->body.find("<title>Not found"), std::string::npos) << missing;
  }
}

TEST_F(ServerTest, OpenApiDescribesEveryEndpoint) {
  auto r = get("/api/openapi.json");
  ASSERT_EQ(r.first, 200);
  ASSERT_TRUE(r.second.is_object());
  EXPECT_EQ(r.second["openapi"].get<std::string>().substr(0, 2), "3.");
  for (const char* p : {"/api/search", "/api/speakers", "/api/speakers/{id}", "/api/articles/{id}",
                        "/api/conflicts", "/api/stats", "/api/extract", "/healthz"})
    EXPECT_TRUE(r.second["paths"].contains(p)) << p;
  std::vector<std::string> params;
  for (const json& p : r.second["paths"]["/api/search"]["get"]["parameters"])
    params.push_back(p["name"]);
  for (const char* p : {"q", "speaker", "outlet", "from", "to", "kind", "limit", "offset"})
    EXPECT_NE(std::find(params.begin(), params.end(), p), params.end()) << p;
}

TEST_F(ServerTest, NoPathReachesTheFileSystem) {
  const char* attempts[] = {
      "/../../../../etc/passwd",
      "/static/../../../../etc/passwd",
      "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
      "/static/..%2f..%2f..%2fetc%2fpasswd",
      "/static/%2e%2e%2f%2e%2e%2fCMakeLists.txt",
      "/static/....//....//etc/passwd",
      "/static//etc/passwd",
      "/static/style.css/../../CMakeLists.txt",
      "//etc/passwd",
      "/etc/passwd",
      "/web/index.html",
      "/index.html",
      "/static/../web/index.html",
      "/static/%00style.css",
      "/static/style.css%00.txt",
      "/CMakeLists.txt",
      "/api/../../CMakeLists.txt",
      "/articles/1/../../../etc/passwd",
      "/static/..\\..\\etc\\passwd",
  };
  for (const char* path : attempts) {
    std::string resp = raw_request(server_->server->port(), std::string("GET ") + path +
                                                                " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                                                "Connection: close\r\n\r\n");
    int status = raw_status(resp);
    EXPECT_TRUE(status == 404 || status == 400) << path << " → " << resp.substr(0, 100);
    EXPECT_EQ(resp.find("root:"), std::string::npos) << path;
    EXPECT_EQ(resp.find("cmake_minimum_required"), std::string::npos) << path;
    if (resp.find("<!doctype html>") != std::string::npos)  // only the 404 page
      EXPECT_NE(resp.find("<title>Not found"), std::string::npos) << path;
  }
}

// ---- CORS, limits

TEST_F(ServerTest, CorsIsOffByDefault) {
  auto c = client();
  auto res = c.Get("/api/stats", {{"Origin", "https://elsewhere.example"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_FALSE(res->has_header("Access-Control-Allow-Origin"));
  auto pre = c.Options("/api/extract", {{"Origin", "https://elsewhere.example"},
                                        {"Access-Control-Request-Method", "POST"}});
  ASSERT_TRUE(pre);
  EXPECT_FALSE(pre->has_header("Access-Control-Allow-Origin"));
  EXPECT_GE(pre->status, 400);
}

// stop() is never lost: not before run() is called, not while run() is
// starting up (ctest once hung in the suite's teardown when it lost that race).
TEST_F(ServerTest, StopBeforeRunMakesRunReturnAtOnce) {
  Server server(ServerOptions{.db_path = db_, .port = 0});
  server.bind();
  server.stop();
  EXPECT_TRUE(server.run());
}

TEST_F(ServerTest, StopRightAfterRunStartsIsNotLost) {
  for (int i = 0; i < 50; ++i) {
    auto* r = start(ServerOptions{.db_path = db_, .port = 0});
    stop(r);  // joins the thread: returns only if run() returned
    EXPECT_EQ(r, nullptr);
  }
}

TEST_F(ServerTest, CorsWhenAllowed) {
  auto* other = start(ServerOptions{.db_path = db_, .port = 0,
                                    .cors_origin = "https://newsroom.example"});
  auto c = client(other->server->port());
  auto res = c.Get("/api/stats", {{"Origin", "https://newsroom.example"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("Access-Control-Allow-Origin"), "https://newsroom.example");
  auto pre = c.Options("/api/extract", {{"Origin", "https://newsroom.example"},
                                        {"Access-Control-Request-Method", "POST"}});
  ASSERT_TRUE(pre);
  EXPECT_EQ(pre->status, 204);
  EXPECT_EQ(pre->get_header_value("Access-Control-Allow-Origin"), "https://newsroom.example");
  EXPECT_NE(pre->get_header_value("Access-Control-Allow-Methods").find("POST"), std::string::npos);
  // Pages are not shared cross-origin.
  EXPECT_FALSE(c.Get("/")->has_header("Access-Control-Allow-Origin"));
  stop(other);
}

TEST_F(ServerTest, SlowClientsAreDropped) {
  // Half a request line, then silence: the server hangs up after its read
  // timeout (2 s here) instead of holding a worker forever.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(server_->server->port()));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  timeval tv{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  (void)!::write(fd, "GET /api/st", 11);
  auto t0 = std::chrono::steady_clock::now();
  char buf[256];
  ssize_t n = ::read(fd, buf, sizeof buf);
  double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ::close(fd);
  EXPECT_LE(n, 0) << "closed without a response";
  EXPECT_LT(waited, 8.0);
}

TEST_F(ServerTest, UriTooLongIsRefused) {
  auto r = get("/api/search?q=" + std::string(10000, 'a'));
  EXPECT_GE(r.first, 400);
  EXPECT_LT(r.first, 500);
}

// ---- opening the database

TEST(ServerOpen, MissingDatabaseIsAnErrorAndIsNotCreated) {
  TempDir dir;
  std::string path = dir.file("missing.db");
  try {
    Server s(ServerOptions{.db_path = path, .port = 0});
    FAIL() << "opened a missing database";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("missing.db"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(ServerOpen, NotAWhosaidDatabase) {
  TempDir dir;
  std::string path = dir.file("notes.txt");
  testing::write_file(path, "just some notes, not a database\n");
  EXPECT_THROW(Server(ServerOptions{.db_path = path, .port = 0}), Error);
  EXPECT_EQ(testing::read_file(path), "just some notes, not a database\n") << "left untouched";
}

// ---- the CLI command

TEST(ServeCommand, ServesUntilSigterm) {
  TempDir dir;
  std::string db = dir.file("cli.db");
  {
    Extractor extractor;
    ingest::IngestOptions opt;
    opt.db_path = db;
    opt.quiet = true;
    ingest::run_ingest({kArticles}, extractor, opt);
  }
  std::string out = dir.file("stdout"), err = dir.file("stderr");
  std::vector<std::string> args = {WHOSAID_BINARY, "serve", "--db", db, "--port", "0"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&fa, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&fa);

  int port = 0;
  for (int i = 0; i < 200 && !port; ++i) {
    std::string line = testing::read_file(out);
    auto at = line.find("http://127.0.0.1:");
    if (at != std::string::npos && line.find('\n') != std::string::npos)
      port = std::atoi(line.c_str() + at + 17);
    else
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_GT(port, 0) << testing::read_file(err);
  httplib::Client c("127.0.0.1", port);
  auto res = c.Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(c.Get("/api/speakers/abc")->status, 400);
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << testing::read_file(err);
  std::string log = testing::read_file(err);
  EXPECT_NE(log.find("GET /healthz 200"), std::string::npos) << "access log: " << log;
  EXPECT_NE(log.find("stopped"), std::string::npos) << log;
}

TEST(ServeCommand, MissingDatabaseExitCode) {
  TempDir dir;
  std::string cmd = std::string(WHOSAID_BINARY) + " serve --port 0 --db " + dir.file("none.db") +
                    " >/dev/null 2>&1";
  int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_NE(WEXITSTATUS(status), 0);
  EXPECT_FALSE(std::filesystem::exists(dir.file("none.db")));
}

}  // namespace
}  // namespace whosaid
