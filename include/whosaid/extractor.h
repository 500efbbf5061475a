// whosaid/extractor.h — the facade: text in, quotes with speakers out.
//
//   whosaid::Extractor extractor;                         // loads lexicons once
//   whosaid::Document doc = extractor.extract(text, "id-1");
//   for (const whosaid::Quote& q : doc.quotes) { ... }    // see quote.h
//
// Thread safety: an Extractor is immutable after construction; extract() and
// run() are const and may be called from many threads at once, each with its own
// Document. Construct one Extractor per process and share it.
//
// Errors: the constructor throws whosaid::Error(kModel) if a built-in lexicon or
// model is corrupt. extract() never throws on bad text: invalid UTF-8, NUL bytes
// and unbalanced quotation marks are processed, and reported in
// Document::diagnostics. Documents longer than kMaxDocumentBytes throw
// whosaid::Error(kBadInput).
#pragma once

#include <memory>
#include <string>

#include "whosaid/document.h"

namespace whosaid {

// Offsets are 32-bit; documents are also capped to keep per-document memory bounded.
inline constexpr size_t kMaxDocumentBytes = 256u << 20;  // 256 MiB

struct ExtractorOptions {
  bool indirect = true;          // also report reported speech without quotation marks
  float min_confidence = 0.0f;   // drop quotes below this confidence
};

class Extractor {
 public:
  Extractor();
  explicit Extractor(ExtractorOptions options);
  ~Extractor();
  Extractor(const Extractor&) = delete;
  Extractor& operator=(const Extractor&) = delete;
  Extractor(Extractor&&) noexcept;
  Extractor& operator=(Extractor&&) noexcept;

  // Runs the whole pipeline over `text` and returns the annotated document.
  Document extract(std::string text, std::string id = {}) const;
  // Runs the whole pipeline over an existing document, clearing old annotations.
  void run(Document& doc) const;

  const ExtractorOptions& options() const noexcept;

  struct Impl;

 private:
  std::unique_ptr<const Impl> impl_;
};

}  // namespace whosaid
