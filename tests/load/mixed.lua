-- wrk: three searches to one POST /api/extract (tests/load/run.sh).
local queries = {"said", "government", "minister", "police%20said", "econom*", "%22we%20will%22"}
local article = '{"text": "\\"We will not back down on this,\\" Prime Minister Helen Clark said on ' ..
  'Monday. The opposition leader, John Key, said the plan would cost too much. \\"It is a ' ..
  'mistake,\\" he told reporters in Wellington."}'
local i = 0
request = function()
  i = i + 1
  if i % 4 == 0 then
    return wrk.format("POST", "/api/extract", {["Content-Type"] = "application/json"}, article)
  end
  return wrk.format("GET", "/api/search?q=" .. queries[i % #queries + 1])
end
