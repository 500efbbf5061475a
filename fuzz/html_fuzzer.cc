// Fuzzes HTML article extraction (src/ingest/html.h, libgumbo) and the HTML
// reader that feeds `whosaid ingest`: never throws, the text is valid UTF-8
// when the page is, dates are normalised or empty; deterministic.
#include <cstddef>
#include <cstdint>
#include <string>

#include "ingest/html.h"
#include "ingest/readers.h"
#include "invariants.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace whosaid::ingest;
  const std::string page(reinterpret_cast<const char*>(data), size);
  HtmlArticle a = parse_html_article(page);
  if (is_valid_utf8(page) && !is_valid_utf8(a.text)) whosaid::fuzz::fail("article text is not valid UTF-8", page);
  if (!a.date.empty() && (a.date.size() < 4 || normalise_date(a.date) != a.date))
    whosaid::fuzz::fail("date is not normalised: " + a.date, page);
  HtmlArticle b = parse_html_article(page);
  if (a.text != b.text || a.title != b.title || a.date != b.date || a.url != b.url || a.outlet != b.outlet)
    whosaid::fuzz::fail("not deterministic", page);
  size_t emitted = 0, rejected = 0;
  read_html(page, "fuzz.html",
            [&](Record&& r) {
              ++emitted;
              if (!whosaid::utf8::valid(r.text)) whosaid::fuzz::fail("record text is not UTF-8", page);
            },
            [&](const std::string&, const std::string&) { ++rejected; });
  if (emitted + rejected != 1) whosaid::fuzz::fail("read_html gave " + std::to_string(emitted + rejected) + " results", page);
  (void)normalise_date(page.substr(0, 64));
  (void)latin1_to_utf8(page);
  if (!is_valid_utf8(latin1_to_utf8(page))) whosaid::fuzz::fail("latin1_to_utf8 output is not UTF-8", page);
  return 0;
}
