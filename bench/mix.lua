-- A mix of what the portal serves: pages, charts, the API and CSV, with a
-- browser's Accept-Encoding. Each connection walks the list from its own
-- starting point, so every path is in flight at once.
local paths = {
  "/", "/kommun/1881", "/kommun/1881-kumla", "/kommun/0115-vallentuna",
  "/kommun/0180-stockholm", "/jamfor?kommun=1881,1444,0115",
  "/jamfor?kommun=0115,0486", "/rankning", "/rankning?revision=v2010&sortera=namn",
  "/omrade/brukarens-fokus", "/kommuner", "/om", "/api", "/sok?q=upplands",
  "/sok?q=kumla", "/kommun/kumal", "/kommun/1881/diagram/omraden.svg",
  "/api/v1/municipalities", "/api/v1/municipalities/1881", "/api/v1/evaluations",
  "/api/v1/compare?kommun=1881,0115,1444", "/api/v1/rankings/total",
  "/data/kompass.csv", "/data/kommuner.csv", "/kommun/1881.csv",
  "/data/datapackage.json", "/data/kompass.zip", "/assets/kompass.css",
}
local counter = 0

setup = function(thread)
  thread:set("start", counter * 7)
  counter = counter + 1
end

init = function(args)
  i = start or 0
  wrk.headers["Accept-Encoding"] = "gzip, deflate, br, zstd"
end

request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
