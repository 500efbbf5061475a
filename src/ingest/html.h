// HTML news pages → article text and metadata (libgumbo).
//
//   HtmlArticle a = parse_html_article(page_bytes);
//   // a.title, a.date ("2014-05-02T09:30:00Z"), a.url, a.outlet, a.text
//
// The body is the page's <article> (or <main>, role=main, itemprop=articleBody),
// else <body>, without scripts, styles, navigation, headers, footers, asides,
// forms, figures and elements whose class or id names boilerplate ("nav",
// "sidebar", "share", "related", "comments", "cookie", ...). Block elements become
// paragraphs separated by blank lines; whitespace inside a paragraph collapses.
#pragma once

#include <string>
#include <string_view>

namespace whosaid::ingest {

struct HtmlArticle {
  std::string title;
  std::string date;    // normalised by normalise_date(); empty when none found
  std::string url;     // <link rel=canonical> or og:url
  std::string outlet;  // og:site_name
  std::string text;
};

HtmlArticle parse_html_article(std::string_view html);

// `html` with start tags beyond nesting depth `max_depth` removed (their text
// kept; elements with optional end tags and void elements do not count).
// Keeps html5 parsing linear on hostile pages.
std::string limit_nesting(std::string_view html, int max_depth);

// "2014-05-02T09:30:00+12:00" → kept as is; "2014-05-02" → "2014-05-02";
// "Fri, 02 May 2014 09:30:00 GMT" → "2014-05-02T09:30:00Z"; "May 2, 2014" →
// "2014-05-02"; anything unrecognised → "".
std::string normalise_date(std::string_view s);

// Decodes a Latin-1 / Windows-1252 byte string to UTF-8.
std::string latin1_to_utf8(std::string_view s);
// True when `s` is valid UTF-8.
bool is_valid_utf8(std::string_view s);

}  // namespace whosaid::ingest
