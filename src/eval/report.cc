// Report arithmetic and its two renderings (JSON for CI, a table for people).
#include <cmath>
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "whosaid/eval.h"

namespace whosaid::eval {
namespace {

using json = nlohmann::ordered_json;

double ratio(uint64_t a, uint64_t b) { return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b); }
double rounded(double x) { return std::round(x * 1e4) / 1e4; }

json counts_json(const Counts& c) {
  return {{"precision", rounded(c.precision())}, {"recall", rounded(c.recall())}, {"f1", rounded(c.f1())},
          {"tp_precision", c.tp_precision},     {"predicted", c.predicted},     {"tp_recall", c.tp_recall},
          {"gold", c.gold}};
}

json subset_json(const SubsetScores& s) {
  return {{"content", counts_json(s.content)},
          {"speaker", {{"accuracy", rounded(s.speaker.value())}, {"correct", s.speaker.correct},
                       {"matched", s.speaker.total}}},
          {"names", {{"accuracy", rounded(s.names.accuracy())},
                     {"pronoun_or_empty_share", rounded(s.names.pronoun_or_empty_share())},
                     {"recall", rounded(s.names.recall())}, {"exact", s.names.exact},
                     {"pronoun_or_empty", s.names.pronoun_or_empty}, {"matched", s.names.matched},
                     {"named_gold", s.names.named_gold}}},
          {"end_to_end", counts_json(s.end_to_end)},
          {"content_fragment_exact", counts_json(s.content_fragment_exact)},
          {"source_exact", counts_json(s.source_exact)}};
}

template <typename... Args>
std::string format(const char* fmt, Args... args) {
  char buf[512];
  std::snprintf(buf, sizeof buf, fmt, args...);
  return buf;
}

std::string prf_cells(const Counts& c) {
  return format("%7.1f%7.1f%7.1f", 100 * c.precision(), 100 * c.recall(), 100 * c.f1());
}

std::string accuracy_cells(const Accuracy& a) {
  const std::string counts = format("(%llu/%llu)", static_cast<unsigned long long>(a.correct),
                                    static_cast<unsigned long long>(a.total));
  return format("%14s%7.1f", counts.c_str(), 100 * a.value());
}

std::string count_cells(const Counts& c) {
  const auto u = [](uint64_t x) { return static_cast<unsigned long long>(x); };
  return format("P %llu/%llu  R %llu/%llu", u(c.tp_precision), u(c.predicted), u(c.tp_recall), u(c.gold));
}

}  // namespace

double Counts::precision() const noexcept { return ratio(tp_precision, predicted); }
double Counts::recall() const noexcept { return ratio(tp_recall, gold); }
double Counts::f1() const noexcept {
  const double p = precision(), r = recall();
  return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}
Counts& Counts::operator+=(const Counts& o) noexcept {
  tp_precision += o.tp_precision, predicted += o.predicted, tp_recall += o.tp_recall, gold += o.gold;
  return *this;
}

double Accuracy::value() const noexcept { return ratio(correct, total); }
double NameScores::accuracy() const noexcept { return ratio(exact, matched); }
double NameScores::pronoun_or_empty_share() const noexcept { return ratio(pronoun_or_empty, matched); }
double NameScores::recall() const noexcept { return ratio(exact, named_gold); }
NameScores& NameScores::operator+=(const NameScores& o) noexcept {
  named_gold += o.named_gold, matched += o.matched, exact += o.exact, pronoun_or_empty += o.pronoun_or_empty;
  return *this;
}

Accuracy& Accuracy::operator+=(const Accuracy& o) noexcept {
  correct += o.correct, total += o.total;
  return *this;
}

std::string Report::to_json() const {
  json by_type = json::object();
  for (QuoteKind k : {QuoteKind::kDirect, QuoteKind::kMixed, QuoteKind::kIndirect}) {
    const Accuracy& a = recall_by_type[static_cast<size_t>(k)];
    by_type[quote_kind_name(k)] = {{"recall", rounded(a.value())}, {"matched", a.correct}, {"gold", a.total}};
  }
  const json j = {{"documents", documents},
                  {"rejected_lines", rejected_lines},
                  {"ignored_predictions", ignored_predictions},
                  {"skipped_gold", skipped_gold},
                  {"all", subset_json(all)},
                  {"quoted", subset_json(quoted)},
                  {"recall_by_type", by_type}};
  return j.dump(2) + "\n";
}

std::string Report::to_table() const {
  const auto u = [](uint64_t x) { return static_cast<unsigned long long>(x); };
  std::string out;
  out += format("documents %llu, gold attributions %llu (%llu direct+mixed), predictions %llu (%llu direct+mixed)\n",
                u(documents), u(all.content.gold), u(quoted.content.gold), u(all.content.predicted),
                u(quoted.content.predicted));
  out += format("predictions ignored in discard spans %llu, gold without content skipped %llu, rejected lines %llu\n\n",
                u(ignored_predictions), u(skipped_gold), u(rejected_lines));
  out += format("%-24s%-24s   %s\n", "", "   all attributions", "   quoted (direct+mixed)");
  out += format("%-24s%7s%7s%7s      %7s%7s%7s\n", "(%)", "P", "R", "F1", "P", "R", "F1");
  out += format("%-24s%s      %s\n", "content", prf_cells(all.content).c_str(), prf_cells(quoted.content).c_str());
  out += format("%-24s%s      %s\n", "speaker-acc", accuracy_cells(all.speaker).c_str(),
                accuracy_cells(quoted.speaker).c_str());
  out += format("%-24s%s      %s\n", "end-to-end", prf_cells(all.end_to_end).c_str(),
                prf_cells(quoted.end_to_end).c_str());
  out += format("%-24s%s      %s\n", "content-fragment-exact", prf_cells(all.content_fragment_exact).c_str(),
                prf_cells(quoted.content_fragment_exact).c_str());
  out += format("%-24s%s      %s\n", "source-exact", prf_cells(all.source_exact).c_str(),
                prf_cells(quoted.source_exact).c_str());
  if (all.names.named_gold > 0) {
    const auto acc = [](uint64_t a, uint64_t b) { return Accuracy{a, b}; };
    out += format("%-24s%s      %s\n", "name-exact (matched)",
                  accuracy_cells(acc(all.names.exact, all.names.matched)).c_str(),
                  accuracy_cells(acc(quoted.names.exact, quoted.names.matched)).c_str());
    out += format("%-24s%s      %s\n", "name-pronoun-or-empty",
                  accuracy_cells(acc(all.names.pronoun_or_empty, all.names.matched)).c_str(),
                  accuracy_cells(acc(quoted.names.pronoun_or_empty, quoted.names.matched)).c_str());
    out += format("%-24s%s      %s\n", "name-recall (named)",
                  accuracy_cells(acc(all.names.exact, all.names.named_gold)).c_str(),
                  accuracy_cells(acc(quoted.names.exact, quoted.names.named_gold)).c_str());
  }
  out += "\ncounts (true positives / predicted, true positives / gold)\n";
  const std::pair<const char*, Counts SubsetScores::*> rows[] = {
      {"content", &SubsetScores::content},
      {"end-to-end", &SubsetScores::end_to_end},
      {"content-fragment-exact", &SubsetScores::content_fragment_exact},
      {"source-exact", &SubsetScores::source_exact}};
  for (const auto& [name, member] : rows) {
    out += format("%-24sall: %-36s quoted: %s\n", name, count_cells(all.*member).c_str(),
                  count_cells(quoted.*member).c_str());
  }
  out += "\ncontent recall by gold type:";
  for (QuoteKind k : {QuoteKind::kDirect, QuoteKind::kMixed, QuoteKind::kIndirect}) {
    const Accuracy& a = recall_by_type[static_cast<size_t>(k)];
    out += format("  %s %.1f (%llu/%llu)", quote_kind_name(k), 100 * a.value(), u(a.correct), u(a.total));
  }
  out += "\n";
  return out;
}

}  // namespace whosaid::eval
