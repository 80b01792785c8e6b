-- A signed-in player shares an article: a real form post with its CSRF token and a fresh
-- one-time key. `id` is the thread's number, set by setup. Usage: wrk -s bench/wrk/act.lua URL -- LOGINS ARTICLE [ARTICLE...]
local logins = dofile("bench/wrk/logins.lua")
local next_id = 0
local players, articles, turn

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
end

function init(args)
  players = logins.read(args[1])
  articles = { select(2, unpack(args)) }
  assert(#articles > 0, "name at least one article")
  math.randomseed(os.time() * 1000 + id)
  turn = id * 7919
end

function request()
  turn = turn + 1
  local player = players[turn % #players + 1]
  local article = articles[turn % #articles + 1]
  local body = "csrf_token=" .. player.token .. "&key=" .. logins.key(id)
  return wrk.format("POST", "/feed/" .. article .. "/share", {
    ["Cookie"] = player.cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body)
end
