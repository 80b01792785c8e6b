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

-- A one-time key the server has never seen: the thread, a counter and random digits, always
-- KEY_LENGTH characters long.
local KEY_LENGTH = 32
local counter = 0
function logins.key(thread_id)
  counter = counter + 1
  return string.format("k%05x%010x%08x%08x", thread_id, counter,
    math.random(0, 0x7fffffff), math.random(0, 0x7fffffff))
end

-- A request formatted once but for the one-time key at the end of its body: its
-- Content-Length counts the key that each request appends.
function logins.head(method, path, headers, body)
  local full = wrk.format(method, path, headers, body .. string.rep("k", KEY_LENGTH))
  return full:sub(1, -KEY_LENGTH - 1)
end

return logins
