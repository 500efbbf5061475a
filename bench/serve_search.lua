-- wrk script for `make bench` (bench/run.sh): GET /api/search with a rotating
-- mix of queries so that no single query decides the figure.
--   WHOSAID_MIX=all   (default) words, phrases, prefixes, and filters with and
--                     without words (speaker, outlet, dates, kind)
--   WHOSAID_MIX=text  only queries with words (q=), some with a filter
local text = {
  "q=government", "q=said", "q=economy", "q=%22prime%20minister%22", "q=music",
  "q=film", "q=game", "q=market%20AND%20growth", "q=election", "q=labour",
  "q=players", "q=technolog*", "q=mobile%20phone", "q=oil%20OR%20gas", "q=court",
  "q=record&kind=direct", "q=win&from=2008&to=2010", "q=people&outlet=BBC",
  "q=police", "q=chancellor", "q=tax&limit=50", "q=best&offset=20",
  "q=blair&speaker=Blair", "q=software", "q=england", "q=china", "q=bank",
}
local filters = {
  "speaker=Blair", "speaker=Brown&limit=10", "kind=indirect&from=2012-01",
}
local queries = {}
for _, q in ipairs(text) do table.insert(queries, q) end
if (os.getenv("WHOSAID_MIX") or "all") ~= "text" then
  for _, q in ipairs(filters) do table.insert(queries, q) end
end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/api/search?" .. queries[(i % #queries) + 1])
end
