#include "ingest/html.h"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

namespace whosaid::ingest {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string attr(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a ? std::string(a->value) : std::string();
}

std::string collapse(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// Class/id words that mark page furniture rather than the story.
bool is_boilerplate_name(std::string_view value) {
  static constexpr std::array<std::string_view, 28> kWords = {
      "nav", "navbar", "navigation", "menu", "footer", "header", "masthead", "sidebar",
      "aside", "share", "sharing", "social", "related", "recommended", "comments", "comment",
      "cookie", "cookies", "newsletter", "subscribe", "subscription", "advert", "advertisement",
      "ad", "ads", "promo", "breadcrumb", "breadcrumbs"};
  std::string v = lower(value);
  size_t i = 0;
  while (i < v.size()) {
    while (i < v.size() && !std::isalnum(static_cast<unsigned char>(v[i]))) ++i;
    size_t j = i;
    while (j < v.size() && std::isalnum(static_cast<unsigned char>(v[j]))) ++j;
    if (j > i) {
      std::string_view w(v.data() + i, j - i);
      if (std::find(kWords.begin(), kWords.end(), w) != kWords.end()) return true;
    }
    i = j;
  }
  return false;
}

bool is_skipped_tag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM:
    case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG: case GUMBO_TAG_BUTTON: case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_HEAD: case GUMBO_TAG_MATH:
    case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_INPUT:
      return true;
    default:
      return false;
  }
}

bool is_block_tag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
    case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_LI: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN: case GUMBO_TAG_TR:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_PRE: case GUMBO_TAG_DD: case GUMBO_TAG_DT:
    case GUMBO_TAG_DL: case GUMBO_TAG_BODY: case GUMBO_TAG_HR: case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_CAPTION: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
      return true;
    default:
      return false;
  }
}

bool is_skipped_element(const GumboElement& e) {
  if (is_skipped_tag(e.tag)) return true;
  if (gumbo_get_attribute(&e.attributes, "hidden")) return true;
  if (lower(attr(e, "aria-hidden")) == "true") return true;
  std::string role = lower(attr(e, "role"));
  if (role == "navigation" || role == "banner" || role == "contentinfo" ||
      role == "complementary" || role == "search")
    return true;
  // Never drop the container that holds the story itself.
  if (e.tag == GUMBO_TAG_ARTICLE || e.tag == GUMBO_TAG_MAIN || e.tag == GUMBO_TAG_BODY)
    return false;
  if (lower(attr(e, "itemprop")) == "articlebody") return false;
  return is_boilerplate_name(attr(e, "class")) || is_boilerplate_name(attr(e, "id"));
}

// Collects text into paragraphs; a block element boundary ends a paragraph.
class TextCollector {
 public:
  void text(std::string_view s) { current_ += s; }
  void line_break() { current_ += ' '; }
  void end_paragraph() {
    std::string p = collapse(current_);
    current_.clear();
    if (p.empty()) return;
    if (!out_.empty()) out_ += "\n\n";
    out_ += p;
  }
  std::string finish() {
    end_paragraph();
    return std::move(out_);
  }

 private:
  std::string current_, out_;
};

// The tree walks below recurse; elements nested deeper than this are skipped
// (like browsers, which cap DOM depth at a few hundred), so a hostile page with
// 100,000 nested tags cannot overflow the stack (hostile_test: HtmlNestedTagsStackOverflow).
constexpr int kMaxDepth = 1000;

void collect(const GumboNode* node, TextCollector& tc, int depth = 0) {
  if (depth > kMaxDepth) return;
  switch (node->type) {
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_CDATA:
      tc.text(node->v.text.text);
      return;
    case GUMBO_NODE_WHITESPACE:
      tc.text(" ");
      return;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE:
      break;
    default:
      return;
  }
  const GumboElement& e = node->v.element;
  if (is_skipped_element(e)) return;
  if (e.tag == GUMBO_TAG_BR) {
    tc.line_break();
    return;
  }
  bool block = is_block_tag(e.tag);
  if (block) tc.end_paragraph();
  for (unsigned i = 0; i < e.children.length; ++i)
    collect(static_cast<const GumboNode*>(e.children.data[i]), tc, depth + 1);
  if (block) tc.end_paragraph();
}

size_t text_length(const GumboNode* node, int depth = 0) {
  if (depth > kMaxDepth) return 0;
  if (node->type == GUMBO_NODE_TEXT) return std::strlen(node->v.text.text);
  if (node->type != GUMBO_NODE_ELEMENT) return 0;
  const GumboElement& e = node->v.element;
  if (is_skipped_tag(e.tag)) return 0;
  size_t n = 0;
  for (unsigned i = 0; i < e.children.length; ++i)
    n += text_length(static_cast<const GumboNode*>(e.children.data[i]), depth + 1);
  return n;
}

struct Found {
  const GumboNode* body = nullptr;
  const GumboNode* title = nullptr;
  std::vector<const GumboNode*> articles;     // <article>, itemprop=articleBody
  std::vector<const GumboNode*> mains;        // <main>, role=main
  std::vector<const GumboNode*> times;        // <time datetime>
  std::vector<const GumboNode*> ld_json;      // <script type=application/ld+json>
  std::string meta_date[6];                   // by priority, see kDateMeta
  std::string og_title, og_url, canonical, site_name;
};

// Meta tags naming the publication date, most specific first.
constexpr std::array<std::string_view, 6> kDateMeta = {
    "article:published_time", "og:published_time", "datepublished", "pubdate",
    "publishdate", "date"};

void scan(const GumboNode* node, Found& f, int depth = 0) {
  if (node->type != GUMBO_NODE_ELEMENT || depth > kMaxDepth) return;
  const GumboElement& e = node->v.element;
  switch (e.tag) {
    case GUMBO_TAG_BODY: if (!f.body) f.body = node; break;
    case GUMBO_TAG_TITLE: if (!f.title) f.title = node; break;
    case GUMBO_TAG_ARTICLE: f.articles.push_back(node); break;
    case GUMBO_TAG_MAIN: f.mains.push_back(node); break;
    case GUMBO_TAG_TIME: if (!attr(e, "datetime").empty()) f.times.push_back(node); break;
    case GUMBO_TAG_SCRIPT:
      if (lower(attr(e, "type")) == "application/ld+json") f.ld_json.push_back(node);
      return;
    case GUMBO_TAG_LINK:
      if (lower(attr(e, "rel")) == "canonical" && f.canonical.empty()) f.canonical = attr(e, "href");
      break;
    case GUMBO_TAG_META: {
      std::string key = lower(attr(e, "property"));
      if (key.empty()) key = lower(attr(e, "name"));
      if (key.empty()) key = lower(attr(e, "itemprop"));
      std::string content = attr(e, "content");
      if (content.empty()) content = attr(e, "datetime");
      if (key == "og:title" && f.og_title.empty()) f.og_title = content;
      if (key == "og:url" && f.og_url.empty()) f.og_url = content;
      if (key == "og:site_name" && f.site_name.empty()) f.site_name = content;
      if (key == "dc.date.issued" || key == "dcterms.date" || key == "sailthru.date")
        key = "date";
      for (size_t i = 0; i < kDateMeta.size(); ++i)
        if (key == kDateMeta[i] && f.meta_date[i].empty()) f.meta_date[i] = content;
      break;
    }
    default:
      break;
  }
  std::string itemprop = lower(attr(e, "itemprop"));
  if (itemprop == "articlebody") f.articles.push_back(node);
  if (itemprop == "datepublished" && f.meta_date[2].empty()) {
    std::string v = attr(e, "datetime");
    if (v.empty()) v = attr(e, "content");
    f.meta_date[2] = v;
  }
  if (lower(attr(e, "role")) == "main") f.mains.push_back(node);
  for (unsigned i = 0; i < e.children.length; ++i)
    scan(static_cast<const GumboNode*>(e.children.data[i]), f, depth + 1);
}

std::string raw_text(const GumboNode* node) {
  std::string out;
  if (node->type != GUMBO_NODE_ELEMENT) return out;
  for (unsigned i = 0; i < node->v.element.children.length; ++i) {
    auto* c = static_cast<const GumboNode*>(node->v.element.children.data[i]);
    if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_CDATA ||
        c->type == GUMBO_NODE_WHITESPACE)
      out += c->v.text.text;
  }
  return out;
}

// "datePublished": "..." in JSON-LD, without a full JSON parse.
std::string ld_json_date(const std::string& json) {
  size_t k = json.find("\"datePublished\"");
  if (k == std::string::npos) return {};
  size_t q1 = json.find('"', json.find(':', k) + 1);
  if (q1 == std::string::npos) return {};
  size_t q2 = json.find('"', q1 + 1);
  if (q2 == std::string::npos) return {};
  return json.substr(q1 + 1, q2 - q1 - 1);
}

int month_number(std::string_view m) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  if (m.size() < 3) return 0;
  std::string l = lower(m.substr(0, 3));
  for (size_t i = 0; i < kMonths.size(); ++i)
    if (l == kMonths[i]) return static_cast<int>(i) + 1;
  return 0;
}

}  // namespace

std::string normalise_date(std::string_view s) {
  std::string t = collapse(s);
  if (t.empty()) return {};
  auto digits = [&](size_t at, size_t n) {
    if (at + n > t.size()) return false;
    for (size_t i = at; i < at + n; ++i)
      if (!std::isdigit(static_cast<unsigned char>(t[i]))) return false;
    return true;
  };
  // ISO 8601: keep "YYYY-MM-DD" and, when present, the time as written.
  if (digits(0, 4) && t.size() >= 10 && t[4] == '-' && digits(5, 2) && t[7] == '-' &&
      digits(8, 2)) {
    if (t.size() > 10 && (t[10] == 'T' || t[10] == ' ') && digits(11, 2)) {
      std::string out = t.substr(0, 10) + "T" + t.substr(11);
      size_t end = out.find_first_of(" ", 11);
      return end == std::string::npos ? out : out.substr(0, end);
    }
    return t.substr(0, 10);
  }
  if (digits(0, 4) && t.size() == 4) return t;
  // "Fri, 02 May 2014 09:30:00 GMT", "2 May 2014", "May 2, 2014".
  int day = 0, month = 0, year = 0, hh = -1, mm = 0, ss = 0;
  std::string word;
  std::vector<std::string> parts;
  for (char c : t) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == ':') {
      word.push_back(c);
    } else if (!word.empty()) {
      parts.push_back(word);
      word.clear();
    }
  }
  if (!word.empty()) parts.push_back(word);
  for (const std::string& p : parts) {
    if (p.find(':') != std::string::npos) {
      std::sscanf(p.c_str(), "%d:%d:%d", &hh, &mm, &ss);
    } else if (std::isdigit(static_cast<unsigned char>(p[0]))) {
      int v = std::atoi(p.c_str());
      if (p.size() == 4 && v > 1800) year = v;
      else if (v >= 1 && v <= 31 && !day) day = v;
    } else if (int m = month_number(p); m && !month) {
      month = m;
    }
  }
  if (!year || !month || !day || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 60) return {};
  char buf[64];
  if (hh >= 0)
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day, hh, mm, ss);
  else
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

bool is_valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) { ++i; continue; }
    int len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (!len || c == 0xC0 || c == 0xC1 || i + len > s.size()) return false;
    for (int k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += len;
  }
  return true;
}

std::string latin1_to_utf8(std::string_view s) {
  // Windows-1252 0x80-0x9F; 0 for the five undefined bytes.
  static constexpr char16_t kCp1252[32] = {
      0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (unsigned char c : s) {
    char32_t cp = c;
    if (c >= 0x80 && c < 0xA0) cp = kCp1252[c - 0x80] ? kCp1252[c - 0x80] : 0xFFFD;
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }
  return out;
}

std::string limit_nesting(std::string_view html, int max_depth) {
  // Elements whose end tag is optional or absent: they never deepen the tree.
  static constexpr std::array<std::string_view, 32> kFlat = {
      "p", "li", "td", "th", "tr", "dt", "dd", "option", "optgroup", "tbody", "thead",
      "tfoot", "colgroup", "rb", "rt", "rp", "br", "img", "hr", "meta", "link", "input",
      "area", "base", "col", "embed", "param", "source", "track", "wbr", "html", "body"};
  static constexpr std::array<std::string_view, 5> kRaw = {"script", "style", "textarea",
                                                           "title", "xmp"};
  std::string out;
  out.reserve(html.size());
  int depth = 0;
  size_t i = 0;
  while (i < html.size()) {
    size_t lt = html.find('<', i);
    if (lt == std::string_view::npos) {
      out.append(html.substr(i));
      break;
    }
    out.append(html.substr(i, lt - i));
    i = lt;
    if (html.compare(i, 4, "<!--") == 0) {
      size_t end = html.find("-->", i + 4);
      end = end == std::string_view::npos ? html.size() : end + 3;
      out.append(html.substr(i, end - i));
      i = end;
      continue;
    }
    bool closing = i + 1 < html.size() && html[i + 1] == '/';
    size_t n = i + (closing ? 2 : 1);
    size_t name_end = n;
    if (n < html.size() && std::isalpha(static_cast<unsigned char>(html[n])))
      while (name_end < html.size() && std::isalnum(static_cast<unsigned char>(html[name_end])))
        ++name_end;
    if (name_end == n) {  // "<" that is not a tag
      out.push_back('<');
      ++i;
      continue;
    }
    std::string name = lower(html.substr(n, name_end - n));
    // The tag ends at the first '>' outside quotes.
    size_t end = name_end;
    char quote = 0;
    for (; end < html.size(); ++end) {
      char c = html[end];
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        break;
      }
    }
    end = end < html.size() ? end + 1 : html.size();
    std::string_view tag = html.substr(i, end - i);
    bool self_closing = tag.size() >= 2 && tag[tag.size() - 2] == '/';
    bool flat = std::find(kFlat.begin(), kFlat.end(), name) != kFlat.end();
    if (closing) {
      if (!flat && depth > 0) --depth;
      out.append(tag);
    } else if (flat || self_closing) {
      out.append(tag);
    } else if (depth < max_depth) {
      ++depth;
      out.append(tag);
    }  // else: dropped, its text stays
    i = end;
    if (!closing && std::find(kRaw.begin(), kRaw.end(), name) != kRaw.end()) {
      // Copy raw text up to its end tag untouched.
      std::string close = "</" + name;
      size_t stop = i;
      while (true) {
        stop = html.find("</", stop);
        if (stop == std::string_view::npos) break;
        if (lower(html.substr(stop, close.size())) == close) break;
        stop += 2;
      }
      if (stop == std::string_view::npos) stop = html.size();
      out.append(html.substr(i, stop - i));
      i = stop;
    }
  }
  return out;
}

HtmlArticle parse_html_article(std::string_view raw_html) {
  HtmlArticle a;
  // html5 parsing costs time proportional to the depth of open elements for
  // each tag, so 100,000 unclosed <b><i> would take minutes; news pages nest
  // a few dozen deep.
  const std::string html = limit_nesting(raw_html, 256);
  std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> out(
      gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()),
      [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
  if (!out) return a;
  Found f;
  scan(out->root, f);

  a.title = collapse(f.og_title);
  if (a.title.empty() && f.title) a.title = collapse(raw_text(f.title));
  a.url = !f.canonical.empty() ? f.canonical : f.og_url;
  a.outlet = collapse(f.site_name);
  for (const std::string& d : f.meta_date) {
    if (a.date.empty()) a.date = normalise_date(d);
  }
  for (const GumboNode* s : f.ld_json)
    if (a.date.empty()) a.date = normalise_date(ld_json_date(raw_text(s)));
  for (const GumboNode* t : f.times)
    if (a.date.empty()) a.date = normalise_date(attr(t->v.element, "datetime"));

  // The story container: the largest <article>/articleBody, else <main>, else <body>.
  const GumboNode* root = nullptr;
  for (const auto* group : {&f.articles, &f.mains}) {
    size_t best = 0;
    for (const GumboNode* n : *group) {
      size_t len = text_length(n);
      if (len > best) {
        best = len;
        root = n;
      }
    }
    if (root) break;
  }
  if (!root) root = f.body ? f.body : out->root;
  a.text = [&] {
    TextCollector tc;
    collect(root, tc);
    return tc.finish();
  }();
  // The headline is kept apart in `title`; drop it from the body when repeated.
  if (!a.title.empty() && a.text.rfind(a.title, 0) == 0) {
    size_t cut = a.title.size();
    while (cut < a.text.size() && a.text[cut] == '\n') ++cut;
    a.text.erase(0, cut);
  }
  return a;
}

}  // namespace whosaid::ingest
