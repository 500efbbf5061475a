#include "tagger/conllu.h"

#include <cctype>
#include <charconv>
#include <fstream>
#include <string_view>

#include "whosaid/error.h"

namespace whosaid {
namespace {

[[noreturn]] void bad_line(const std::string& name, size_t line, const std::string& why) {
  throw Error(ErrorCode::kBadInput, name + ":" + std::to_string(line) + ": " + why);
}

bool parse_uint(std::string_view s, uint32_t& out) {
  if (s.empty()) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

bool has_space_after_no(std::string_view misc) {
  while (!misc.empty()) {
    size_t bar = misc.find('|');
    if (misc.substr(0, bar) == "SpaceAfter=No") return true;
    if (bar == std::string_view::npos) break;
    misc.remove_prefix(bar + 1);
  }
  return false;
}

}  // namespace

std::vector<ConlluSentence> parse_conllu(std::istream& in, const std::string& name) {
  std::vector<ConlluSentence> out;
  ConlluSentence current;
  uint32_t mwt_end = 0;     // last word of the pending multiword token
  bool mwt_space = true;    // its SpaceAfter
  size_t line_no = 0;
  std::string line;
  auto finish = [&] {
    if (!current.words.empty()) out.push_back(std::move(current));
    current = ConlluSentence{};
    mwt_end = 0;
  };
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      finish();
      continue;
    }
    if (line[0] == '#') {
      std::string_view c(line);
      c.remove_prefix(1);
      while (!c.empty() && c.front() == ' ') c.remove_prefix(1);
      if (c.starts_with("sent_id = ")) current.id = c.substr(10);
      else if (c.starts_with("text = ")) current.text = c.substr(7);
      continue;
    }
    std::string_view cols[10];
    std::string_view rest(line);
    int n = 0;
    while (n < 10) {
      size_t tab = rest.find('\t');
      cols[n++] = rest.substr(0, tab);
      if (tab == std::string_view::npos) break;
      rest.remove_prefix(tab + 1);
      if (n == 10) bad_line(name, line_no, "more than 10 columns");
    }
    if (n != 10) bad_line(name, line_no, "expected 10 tab-separated columns, found " + std::to_string(n));
    std::string_view id = cols[0];
    if (id.find('.') != std::string_view::npos) continue;  // empty node
    if (size_t dash = id.find('-'); dash != std::string_view::npos) {
      uint32_t first = 0, last = 0;
      if (!parse_uint(id.substr(0, dash), first) || !parse_uint(id.substr(dash + 1), last) ||
          last < first || first != current.words.size() + 1)
        bad_line(name, line_no, "bad multiword token range '" + std::string(id) + "'");
      mwt_end = last;
      mwt_space = !has_space_after_no(cols[9]);
      continue;
    }
    uint32_t index = 0;
    if (!parse_uint(id, index)) bad_line(name, line_no, "bad word ID '" + std::string(id) + "'");
    if (index != current.words.size() + 1)
      bad_line(name, line_no, "word ID " + std::to_string(index) + " out of sequence (expected " +
                                  std::to_string(current.words.size() + 1) + ")");
    if (cols[1].empty()) bad_line(name, line_no, "empty FORM");
    ConlluWord w;
    w.form = cols[1];
    w.upos = cols[3];
    w.xpos = cols[4];
    if (cols[6] != "_" && !parse_uint(cols[6], w.head))
      bad_line(name, line_no, "bad HEAD '" + std::string(cols[6]) + "'");
    if (cols[7] != "_") w.deprel = cols[7];
    w.space_after = !has_space_after_no(cols[9]);
    if (index == mwt_end) {
      w.space_after = mwt_space;
      mwt_end = 0;
    }
    current.words.push_back(std::move(w));
  }
  if (in.bad()) throw Error(ErrorCode::kIo, name + ": read error");
  finish();
  return out;
}

std::vector<ConlluSentence> read_conllu_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::kIo, path + ": cannot open CoNLL-U file");
  return parse_conllu(in, path);
}

namespace {

bool is_word_like(const std::string& form) {
  for (unsigned char c : form)
    if (std::isalnum(c) || c >= 0x80) return true;
  return false;
}

}  // namespace

size_t join_hyphenated(ConlluSentence& s) {
  auto& words = s.words;
  const size_t n = words.size();
  std::vector<ConlluWord> out;
  std::vector<uint32_t> new_index(n + 1, 0);  // old 1-based index → new 1-based index
  out.reserve(n);
  size_t joined = 0;
  for (size_t i = 0; i < n;) {
    // The compound runs from i to j (inclusive) along "word - word - word".
    size_t j = i;
    while (j + 2 < n && !words[j].space_after && words[j + 1].form == "-" &&
           words[j + 1].xpos == "HYPH" && !words[j + 1].space_after && is_word_like(words[j].form) &&
           is_word_like(words[j + 2].form))
      j += 2;
    if (j == i) {
      out.push_back(words[i]);
      new_index[i + 1] = static_cast<uint32_t>(out.size());
      ++i;
      continue;
    }
    size_t head = j;  // the part whose head lies outside [i, j]
    for (size_t k = i; k <= j; k += 2) {
      uint32_t h = words[k].head;
      if (h < i + 1 || h > j + 1) {
        head = k;
        break;
      }
    }
    ConlluWord w = words[head];
    w.form.clear();
    for (size_t k = i; k <= j; ++k) w.form += words[k].form;
    w.space_after = words[j].space_after;
    out.push_back(std::move(w));
    for (size_t k = i; k <= j; ++k) new_index[k + 1] = static_cast<uint32_t>(out.size());
    ++joined;
    i = j + 1;
  }
  if (joined == 0) return 0;
  for (ConlluWord& w : out) w.head = w.head <= n ? new_index[w.head] : 0;
  words = std::move(out);
  return joined;
}

}  // namespace whosaid
