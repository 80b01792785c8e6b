-- Signed-in players open their dashboard, each in turn.
-- Usage: wrk -s bench/wrk/dashboard.lua URL -- LOGINS
local logins = dofile("bench/wrk/logins.lua")
local next_id = 0
local players, turn

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
end

function init(args)
  players = logins.read(args[1])
  turn = id * 7919
end

function request()
  turn = turn + 1
  local player = players[turn % #players + 1]
  return wrk.format("GET", "/", { ["Cookie"] = player.cookie, ["Accept-Encoding"] = "gzip, br" })
end
