// Stage 2: pairs quotation marks into QuotedRegions.
//
// Marks: “ ” „ « » and straight ", the ASCII pairs `` and '' (some outlets use
// '' both to open and to close), and ‘…’ single quotes (top level, or nested in
// double quotes). Straight marks are told apart by which side touches a word.
// Pairing never crosses a paragraph: a mark left open runs to the paragraph end
// (QuotedRegion::closed == false), and a paragraph that starts by reopening a
// quote left open is marked continues_previous. Apostrophes (don't, Labour's,
// '90s) were already kept inside word tokens by the segmenter.
#pragma once

#include "whosaid/document.h"

namespace whosaid {

void find_quotes(Document& doc);

}  // namespace whosaid
