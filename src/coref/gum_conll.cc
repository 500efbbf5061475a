#include "coref/gum_conll.h"

#include <fstream>
#include <string_view>
#include <unordered_map>

#include "whosaid/error.h"

namespace whosaid {
namespace {

std::string type_of(const std::string& key) { return key.substr(0, key.find('-')); }

// "person-3-Lord_Byron" → "person-3": the type and the id, without the identity.
std::string entity_key(std::string_view label) {
  const size_t a = label.find('-');
  const size_t b = a == std::string_view::npos ? a : label.find('-', a + 1);
  return std::string(label.substr(0, b));
}

}  // namespace

std::vector<ConllDocument> read_gum_conll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::kIo, path + ": cannot open");
  std::vector<ConllDocument> docs;
  std::unordered_map<std::string, int32_t> ids;
  std::vector<std::pair<std::string, uint32_t>> open;
  std::string line;
  uint64_t lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.starts_with("# begin document ")) {
      docs.push_back({});
      docs.back().id = line.substr(17);
      ids.clear();
      open.clear();
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    if (docs.empty()) throw Error(ErrorCode::kBadInput, path + ":" + std::to_string(lineno) + ": token before a document");
    ConllDocument& d = docs.back();
    const size_t t1 = line.find('\t'), t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string::npos)
      throw Error(ErrorCode::kBadInput, path + ":" + std::to_string(lineno) + ": expected three tab-separated fields");
    const uint32_t tok = static_cast<uint32_t>(d.forms.size());
    d.forms.push_back(line.substr(t1 + 1, t2 - t1 - 1));
    const std::string_view col = std::string_view(line).substr(t2 + 1);
    if (col == "_") continue;
    auto id_of = [&](const std::string& key) {
      auto [it, added] = ids.emplace(key, static_cast<int32_t>(ids.size()));
      return it->second;
    };
    size_t i = 0;
    while (i < col.size()) {
      if (col[i] == '(') {
        size_t j = i + 1;
        while (j < col.size() && col[j] != '(' && col[j] != ')') ++j;
        const std::string key = entity_key(col.substr(i + 1, j - i - 1));
        if (j < col.size() && col[j] == ')') {
          d.mentions.push_back({tok, tok, id_of(key), type_of(key)});
          i = j + 1;
        } else {
          open.emplace_back(key, tok);
          i = j;
        }
      } else {
        size_t j = i;
        while (j < col.size() && col[j] != ')') ++j;
        const std::string key = entity_key(col.substr(i, j - i));
        for (size_t k = open.size(); k-- > 0;) {
          if (open[k].first != key) continue;
          d.mentions.push_back({open[k].second, tok, id_of(key), type_of(key)});
          open.erase(open.begin() + static_cast<std::ptrdiff_t>(k));
          break;
        }
        i = j + 1;
      }
    }
  }
  return docs;
}

}  // namespace whosaid
