#include "io/flat_json.h"

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace whosaid {
namespace {

constexpr std::string_view kKeys[kNumFlatFields] = {"id", "url", "outlet", "date", "title", "text"};

class FlatReader {
 public:
  FlatReader(std::string_view line, std::string& scratch) : p_(line.data()), end_(line.data() + line.size()), out_(scratch) {
    // Decoding never lengthens a string: with the room reserved, views into
    // `scratch` stay valid while later strings are appended.
    out_.clear();
    out_.reserve(line.size());
  }

  bool object(std::string_view* fields) {
    for (int f = 0; f < kNumFlatFields; ++f) fields[f] = {};
    skip_space();
    if (!eat('{')) return false;
    skip_space();
    if (eat('}')) return rest_is_space();
    for (;;) {
      std::string_view key, value;
      if (!string(key)) return false;
      skip_space();
      if (!eat(':')) return false;
      skip_space();
      if (!string(value)) return false;  // a number, object, … : the full parser
      for (int f = 0; f < kNumFlatFields; ++f)
        if (key == kKeys[f]) {
          if (fields[f].data()) return false;  // given twice
          fields[f] = value;
        }
      skip_space();
      if (eat('}')) return rest_is_space();
      if (!eat(',')) return false;
      skip_space();
    }
  }

 private:
  void skip_space() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
  }
  bool eat(char c) {
    if (p_ == end_ || *p_ != c) return false;
    ++p_;
    return true;
  }
  bool rest_is_space() {
    skip_space();
    return p_ == end_;
  }

  // A string at p_, as a view into the line when it has no escape, else
  // decoded into out_.
  bool string(std::string_view& s) {
    if (!eat('"')) return false;
    const char* begin = p_;
    if (!plain_run()) return false;
    if (p_ == end_) return false;
    if (*p_ == '"') {
      s = std::string_view(begin, static_cast<size_t>(p_ - begin));
      ++p_;
      return true;
    }
    const size_t start = out_.size();
    out_.append(begin, static_cast<size_t>(p_ - begin));
    for (;;) {
      if (p_ == end_) return false;
      if (*p_ == '"') break;
      // *p_ == '\\'
      if (++p_ == end_) return false;
      switch (*p_++) {
        case '"': out_ += '"'; break;
        case '\\': out_ += '\\'; break;
        case '/': out_ += '/'; break;
        case 'b': out_ += '\b'; break;
        case 'f': out_ += '\f'; break;
        case 'n': out_ += '\n'; break;
        case 'r': out_ += '\r'; break;
        case 't': out_ += '\t'; break;
        default: return false;  // \u (surrogate pairs and all): the full parser
      }
      const char* run = p_;
      if (!plain_run()) return false;
      out_.append(run, static_cast<size_t>(p_ - run));
    }
    ++p_;
    s = std::string_view(out_.data() + start, out_.size() - start);
    return true;
  }

  // Advances p_ over well-formed UTF-8 without '"', '\\' or control
  // characters, to the first of those or the end; false on a byte
  // nlohmann's lexer refuses (RFC 3629: no overlong forms, no surrogates,
  // nothing above U+10FFFF).
  bool plain_run() {
    for (;;) {
      // Eight ASCII bytes with none of '"', '\\' or a control character.
      while (end_ - p_ >= 8) {
        uint64_t v;
        std::memcpy(&v, p_, 8);
        constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
        const auto has_zero = [](uint64_t x) { return (x - kOnes) & ~x & kHigh; };
        const uint64_t special = (v & kHigh) | ((v - 0x2020202020202020ULL) & ~v & kHigh) |
                                 has_zero(v ^ (kOnes * '"')) | has_zero(v ^ (kOnes * '\\'));
        if (special) break;
        p_ += 8;
      }
      if (p_ == end_) return true;
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"' || c == '\\') return true;
      if (c < 0x20) return false;
      if (c < 0x80) {
        ++p_;
        continue;
      }
      if (!utf8_sequence(c)) return false;
    }
  }

  bool utf8_sequence(unsigned char c) {
    const auto at = [&](std::ptrdiff_t k) { return static_cast<unsigned char>(p_[k]); };
    const auto cont = [&](std::ptrdiff_t k, unsigned lo = 0x80, unsigned hi = 0xBF) {
      return end_ - p_ > k && at(k) >= lo && at(k) <= hi;
    };
    int n;
    if (c >= 0xC2 && c <= 0xDF) n = cont(1) ? 2 : 0;
    else if (c == 0xE0) n = cont(1, 0xA0) && cont(2) ? 3 : 0;
    else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) n = cont(1) && cont(2) ? 3 : 0;
    else if (c == 0xED) n = cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
    else if (c == 0xF0) n = cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
    else if (c >= 0xF1 && c <= 0xF3) n = cont(1) && cont(2) && cont(3) ? 4 : 0;
    else if (c == 0xF4) n = cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
    else n = 0;
    p_ += n;
    return n != 0;
  }

  const char* p_;
  const char* end_;
  std::string& out_;
};

}  // namespace

bool read_flat_object(std::string_view line, std::string_view* fields, std::string& scratch) {
  return FlatReader(line, scratch).object(fields);
}

}  // namespace whosaid
