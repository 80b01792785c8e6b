-- Signed-in players open their dashboard, each in turn; each request is formatted once.
-- Usage: wrk -s bench/wrk/dashboard.lua URL -- LOGINS
local logins = dofile("bench/wrk/logins.lua")
local next_id = 0
local requests, turn

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
end

function init(args)
  requests = {}
  for _, player in ipairs(logins.read(args[1])) do
    requests[#requests + 1] = wrk.format("GET", "/", {
      ["Cookie"] = player.cookie,
      ["Accept-Encoding"] = "gzip, br",
    })
  end
  turn = id * 7919
end

function request()
  turn = turn + 1
  return requests[turn % #requests + 1]
end
