// The web pages, scripts and styles compiled into the binary from web/ (the
// list is in src/server/CMakeLists.txt). Only these bytes are ever served as
// files: there is no path from a request to the file system.
#pragma once

#include <string_view>
#include <vector>

namespace whosaid::server {

struct WebAsset {
  const char* name;                  // file name in web/: "search.html"
  const char* data;
  const unsigned long long* size;
  std::string_view bytes() const { return {data, static_cast<size_t>(*size)}; }
};

const std::vector<WebAsset>& web_assets();

}  // namespace whosaid::server
