-- wrk: GET /api/search over a few words and filters (tests/load/run.sh).
local queries = {"said", "government", "minister", "police%20said", "econom*", "%22we%20will%22",
                 "said&kind=direct", "people&limit=50", "labour&offset=20", "court"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/api/search?q=" .. queries[i % #queries + 1])
end
