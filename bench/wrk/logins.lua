-- The signed-in players the load acts as: one "cookie<TAB>token" line each, from bench/seed.py.
-- Each wrk thread takes every player in turn, starting at its own offset.
local logins = {}

function logins.read(path)
  local players = {}
  for line in io.lines(path) do
    local cookie, token = line:match("^([^\t]+)\t([^\t]+)$")
    if cookie then
      players[#players + 1] = { cookie = cookie, token = token }
    end
  end
  assert(#players > 0, "no players in " .. path)
  return players
end

-- A one-time key the server has never seen: the thread, a counter and random digits.
local counter = 0
function logins.key(thread_id)
  counter = counter + 1
  return string.format("k%d-%d-%08x%08x", thread_id, counter,
    math.random(0, 0x7fffffff), math.random(0, 0x7fffffff))
end

return logins
