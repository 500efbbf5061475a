// whosaid/span.h — byte ranges into a document's text.
//
// Every annotation whosaid produces (token, sentence, quote, mention, cue) is a
// Span: a half-open [begin, end) range of UTF-8 byte offsets into the original
// text the Document owns. Spans never copy text; use Document::slice() to view it.
#pragma once

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <vector>

namespace whosaid {

struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;

  constexpr uint32_t size() const noexcept { return end - begin; }
  constexpr bool empty() const noexcept { return end <= begin; }
  constexpr bool contains(uint32_t offset) const noexcept {
    return offset >= begin && offset < end;
  }
  constexpr bool contains(Span other) const noexcept {
    return other.begin >= begin && other.end <= end;
  }
  constexpr bool overlaps(Span other) const noexcept {
    return other.begin < end && begin < other.end;
  }
  friend constexpr bool operator==(Span, Span) = default;
};

// A short list of Spans, like a std::vector<Span>, that holds its first Span
// in place: a quote's content fragments (almost every quote has one; split
// quotes two or three). 16 bytes, and no heap block until a second Span.
//
//   SpanList spans = {{0, 5}};
//   spans.push_back({9, 14});
//   for (Span s : spans) ...
class SpanList {
 public:
  SpanList() noexcept = default;
  SpanList(std::initializer_list<Span> spans) { assign(spans.begin(), spans.end()); }
  SpanList(const std::vector<Span>& spans) { assign(spans.data(), spans.data() + spans.size()); }  // NOLINT: a vector converts
  SpanList(const SpanList& other) { assign(other.begin(), other.end()); }
  SpanList(SpanList&& other) noexcept { take(other); }
  SpanList& operator=(const SpanList& other) {
    if (this != &other) assign(other.begin(), other.end());
    return *this;
  }
  SpanList& operator=(SpanList&& other) noexcept {
    if (this != &other) {
      release();
      take(other);
    }
    return *this;
  }
  ~SpanList() { release(); }

  uint32_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  Span* begin() noexcept { return data(); }
  Span* end() noexcept { return data() + size_; }
  const Span* begin() const noexcept { return data(); }
  const Span* end() const noexcept { return data() + size_; }
  Span& operator[](size_t i) noexcept { return data()[i]; }
  const Span& operator[](size_t i) const noexcept { return data()[i]; }
  Span& front() noexcept { return data()[0]; }
  const Span& front() const noexcept { return data()[0]; }
  Span& back() noexcept { return data()[size_ - 1]; }
  const Span& back() const noexcept { return data()[size_ - 1]; }

  void push_back(Span s) {
    if (size_ == capacity_) grow(2 * capacity_);
    data()[size_++] = s;
  }
  void clear() noexcept { size_ = 0; }

  friend bool operator==(const SpanList& a, const SpanList& b) noexcept {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
  }

 private:
  Span* data() noexcept { return capacity_ == 1 ? &inline_ : heap_; }
  const Span* data() const noexcept { return capacity_ == 1 ? &inline_ : heap_; }
  void grow(uint32_t capacity) {
    Span* p = new Span[capacity];
    std::copy(begin(), end(), p);
    release();
    heap_ = p;
    capacity_ = capacity;
  }
  void assign(const Span* first, const Span* last) {
    const auto n = static_cast<uint32_t>(last - first);
    size_ = 0;
    if (n > capacity_) grow(n);
    std::copy(first, last, data());
    size_ = n;
  }
  void release() noexcept {
    if (capacity_ > 1) delete[] heap_;
    inline_ = Span{};
    capacity_ = 1;
  }
  void take(SpanList& other) noexcept {
    if (other.capacity_ > 1) heap_ = other.heap_;
    else inline_ = other.inline_;
    size_ = other.size_;
    capacity_ = other.capacity_;
    other.inline_ = Span{};
    other.size_ = 0;
    other.capacity_ = 1;
  }

  union {
    Span inline_{};  // the one Span while capacity_ is 1
    Span* heap_;     // capacity_ Spans otherwise
  };
  uint32_t size_ = 0;
  uint32_t capacity_ = 1;
};
static_assert(sizeof(SpanList) == 16);

}  // namespace whosaid
