-- wrk script: every request POSTs a *new* consent decision to the consent page.
--
--   ASSENT_COOKIE="assent_p=<participant id>" ASSENT_CSRF=<_csrf from the page> \
--     wrk -t2 -c32 -d20s -s bench/post-decision.lua http://127.0.0.1:PORT/acme/michael
--
-- The form is the one the page serves: _csrf (bound to the assent_p cookie), view (a 22-character
-- base64url page-view key, the idempotency key: a fresh random one per request, so each POST is a
-- new decision), lang and choice. Every answer should be 303 (redirect to the join URL); done()
-- prints how many were, so bench/run.sh can compare with the rows added to consentpage.decisions.

local cookie = os.getenv("ASSENT_COOKIE") or error("ASSENT_COOKIE is not set")
local csrf = os.getenv("ASSENT_CSRF") or error("ASSENT_CSRF is not set")
local choice = os.getenv("ASSENT_CHOICE") or "RECORD"
local lang = os.getenv("ASSENT_LANG") or "en"
local seed = tonumber(os.getenv("ASSENT_SEED") or "") or os.time()

local ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

local threads = {}
local next_id = 1

function setup(thread)
   thread:set("id", next_id)
   next_id = next_id + 1
   table.insert(threads, thread)
end

function init(args)
   -- Each wrk thread has its own Lua state: give each its own random stream.
   math.randomseed(seed + id * 1000003)
   for _ = 1, 100 do math.random() end
   s303 = 0
   other = 0
   first_other = ""
   headers = {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Cookie"] = cookie,
   }
   prefix = "_csrf=" .. csrf .. "&lang=" .. lang .. "&choice=" .. choice .. "&view="
end

local chars = {}

function request()
   for i = 1, 22 do
      local r = math.random(64)
      chars[i] = ALPHABET:sub(r, r)
   end
   return wrk.format("POST", nil, headers, prefix .. table.concat(chars))
end

function response(status, hdrs, body)
   if status == 303 then
      s303 = s303 + 1
   else
      other = other + 1
      if first_other == "" then first_other = tostring(status) end
   end
end

function done(summary, latency, requests)
   local ok, bad, firsts = 0, 0, ""
   for _, t in ipairs(threads) do
      ok = ok + t:get("s303")
      bad = bad + t:get("other")
      local f = t:get("first_other")
      if f ~= nil and f ~= "" then firsts = firsts .. f .. " " end
   end
   io.write(string.format("ASSENT_303 %d\nASSENT_NOT_303 %d\nASSENT_FIRST_NOT_303 %s\n", ok, bad, firsts))
end
