#include "attribution/model.h"

#include <charconv>
#include <cmath>
#include <cstring>

#include "core/model_bytes.h"
#include "whosaid/error.h"

#ifdef WHOSAID_HAVE_BUILTIN_ATTRIBUTION
extern "C" const char whosaid_res_attribution[];
extern "C" const unsigned long long whosaid_res_attribution_size;
#endif

namespace whosaid {
namespace {

// File layout (little-endian): the magic line, then u32 feature bits, f32 scale,
// f32 shift, f32 threshold, then three weight tables (acceptance, content
// end, content start), each a u32 count of non-zero weights and that many (u32 slot, f32
// weight) pairs in increasing slot order.
constexpr std::string_view kMagic = "whosaid attribution model 3\n";

void put_weights(std::string& out, const std::vector<float>& w);
// Reads a weight table into w; returns how many weights it holds (all non-zero).
uint32_t get_weights(std::string_view bytes, size_t& at, std::vector<float>& w, const char* table);

constexpr std::string_view kModelName = "attribution model";  // in error messages
using model_bytes::get;
using model_bytes::put;

}  // namespace

float AttributionModel::score(const std::vector<uint32_t>& features) const {
  float z = 0;
  for (uint32_t f : features) z += weights_[f];
  return z;
}

float AttributionModel::end_score(const std::vector<uint32_t>& features) const {
  float z = 0;
  for (uint32_t f : features) z += end_weights_[f];
  return z;
}

float AttributionModel::start_score(const std::vector<uint32_t>& features) const {
  float z = 0;
  for (uint32_t f : features) z += start_weights_[f];
  return z;
}

float AttributionModel::probability(const std::vector<uint32_t>& features) const {
  return 1.0f / (1.0f + std::exp(-(scale_ * score(features) + shift_)));
}

std::string AttributionModel::serialize() const {
  std::string out(kMagic);
  put<uint32_t>(out, kFeatureBits);
  put<float>(out, scale_);
  put<float>(out, shift_);
  put<float>(out, threshold_);
  put_weights(out, weights_);
  put_weights(out, end_weights_);
  put_weights(out, start_weights_);
  return out;
}

namespace {

void put_weights(std::string& out, const std::vector<float>& w) {
  uint32_t nonzero = 0;
  for (float v : w) nonzero += v != 0.0f;
  put<uint32_t>(out, nonzero);
  for (uint32_t i = 0; i < w.size(); ++i) {
    if (w[i] == 0.0f) continue;
    put<uint32_t>(out, i);
    put<float>(out, w[i]);
  }
}

uint32_t get_weights(std::string_view bytes, size_t& at, std::vector<float>& w, const char* table) {
  const auto n = get<uint32_t>(bytes, at, kModelName);
  int64_t previous = -1;
  for (uint32_t k = 0; k < n; ++k) {
    const auto i = get<uint32_t>(bytes, at, kModelName);
    const auto v = get<float>(bytes, at, kModelName);
    // Only non-zero weights are written, so a zero one (or -0) is damage too.
    if (i >= w.size() || static_cast<int64_t>(i) <= previous || !std::isfinite(v) || v == 0.0f)
      throw Error(ErrorCode::kModel, std::string("attribution model: bad ") + table + " weight entry " +
                                         std::to_string(k) + " at byte " + std::to_string(at - 8));
    w[i] = v;
    previous = i;
  }
  return n;
}

}  // namespace

AttributionModel AttributionModel::parse(std::string_view bytes) {
  if (!bytes.starts_with(kMagic))
    throw Error(ErrorCode::kModel, "attribution model: not a whosaid attribution model version 3 (bad magic line)");
  size_t at = kMagic.size();
  AttributionModel m;
  const auto bits = get<uint32_t>(bytes, at, kModelName);
  if (bits != kFeatureBits)
    throw Error(ErrorCode::kModel, "attribution model: built for " + std::to_string(bits) +
                                       " feature bits, this library uses " + std::to_string(kFeatureBits));
  m.scale_ = get<float>(bytes, at, kModelName);
  m.shift_ = get<float>(bytes, at, kModelName);
  m.threshold_ = get<float>(bytes, at, kModelName);
  if (!std::isfinite(m.scale_) || !std::isfinite(m.shift_) || !(m.threshold_ >= 0 && m.threshold_ <= 1))
    throw Error(ErrorCode::kModel, "attribution model: bad calibration or threshold");
  get_weights(bytes, at, m.weights_, "acceptance");
  m.has_end_ = get_weights(bytes, at, m.end_weights_, "content-end") > 0;  // (every weight read is non-zero)
  m.has_start_ = get_weights(bytes, at, m.start_weights_, "content-start") > 0;
  if (at != bytes.size())
    throw Error(ErrorCode::kModel, "attribution model: " + std::to_string(bytes.size() - at) +
                                       " unexpected bytes after the weights");
  return m;
}

const AttributionModel& AttributionModel::builtin() {
#ifdef WHOSAID_HAVE_BUILTIN_ATTRIBUTION
  static const AttributionModel model =
      parse(std::string_view(whosaid_res_attribution, static_cast<size_t>(whosaid_res_attribution_size)));
  return model;
#else
  throw Error(ErrorCode::kModel,
              "no built-in attribution model: this build had no data/attribution.bin "
              "(train one with `whosaid train attribution`)");
#endif
}

}  // namespace whosaid
