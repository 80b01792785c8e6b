-- A signed-in player shares an article: a real form post with its CSRF token and a fresh
-- one-time key. `id` is the thread's number, set by setup. Each player's request for each
-- article is formatted once; a request then only appends its key (of a fixed length, so the
-- Content-Length stays true), and the load generator spends its time on the network.
-- Usage: wrk -s bench/wrk/act.lua URL -- LOGINS ARTICLE [ARTICLE...]
local logins = dofile("bench/wrk/logins.lua")
local next_id = 0
local heads, articles, turn

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
end

function init(args)
  local players = logins.read(args[1])
  articles = { select(2, unpack(args)) }
  assert(#articles > 0, "name at least one article")
  math.randomseed(os.time() * 1000 + id)
  heads = {}
  for p, player in ipairs(players) do
    heads[p] = {}
    for a, article in ipairs(articles) do
      heads[p][a] = logins.head("POST", "/feed/" .. article .. "/share", {
        ["Cookie"] = player.cookie,
        ["Content-Type"] = "application/x-www-form-urlencoded",
      }, "csrf_token=" .. player.token .. "&key=")
    end
  end
  turn = id * 7919
end

function request()
  turn = turn + 1
  return heads[turn % #heads + 1][turn % #articles + 1] .. logins.key(id)
end
