/**
 * The Redis side of the limit engine: one script ends the requests a replica has finished and then
 * decides and counts the ones it is admitting, atomically, so each decision is made on the global
 * counters of every replica together, never on a local pre-check. Requests in one call are decided
 * in order: a later one sees what the earlier ones counted. Same rules as the in-process engine.
 *
 * KEYS: five per request, settles first, then admissions — in-flight set, request counter, token
 *       counter, budget hash, premium hash.
 * ARGV[1]: how many settles come first. Then twelve arguments per settle, then thirteen per admission.
 * Returns one code per admission, in order, following `limitCodes` (0 = admitted).
 */

/** What one request's settle takes, after its five keys. */
export const settleArgumentCount = 12;
/** What one request's admission takes, after its five keys. */
export const admitArgumentCount = 13;

/**
 * Ends one request: out of flight, its tokens counted, its reservations replaced by what it spent.
 * `k` and `a` are where its keys and arguments start. Arguments: requestId, tokens, hasTpm,
 * hasBudget, reserveMicros, spentMicros, hasPremium, reservePremium, spentPremium, minuteTtlMs,
 * budgetTtlMs, premiumTtlMs.
 */
const settleOne = `
local function settleOne(k, a)
  redis.call('ZREM', KEYS[k + 1], ARGV[a + 1])
  if ARGV[a + 3] == '1' then
    redis.call('INCRBY', KEYS[k + 3], ARGV[a + 2])
    redis.call('PEXPIRE', KEYS[k + 3], ARGV[a + 10])
  end
  if ARGV[a + 4] == '1' then
    redis.call('HINCRBY', KEYS[k + 4], 'reserved', -tonumber(ARGV[a + 5]))
    redis.call('HINCRBY', KEYS[k + 4], 'spent', ARGV[a + 6])
    redis.call('PEXPIRE', KEYS[k + 4], ARGV[a + 11])
  end
  if ARGV[a + 7] == '1' then
    redis.call('HINCRBY', KEYS[k + 5], 'reserved', -tonumber(ARGV[a + 8]))
    redis.call('HINCRBY', KEYS[k + 5], 'spent', ARGV[a + 9])
    redis.call('PEXPIRE', KEYS[k + 5], ARGV[a + 12])
  end
end
`;

/**
 * Decides one admission and, when every limit passes, counts it in; returns its code. Arguments:
 * now, requestId, maxParallel, rpm, tpm, budgetMicros, reserveMicros, premiumLimit, reservePremium,
 * minuteTtlMs, budgetTtlMs, premiumTtlMs, staleInFlightMs (0 = no limit for the numbers).
 */
const admitOne = `
local function over(key, allowance, want)
  local spent = tonumber(redis.call('HGET', key, 'spent') or '0')
  local reserved = tonumber(redis.call('HGET', key, 'reserved') or '0')
  return spent + reserved >= allowance or (reserved > 0 and spent + reserved + want > allowance)
end
local function admitOne(k, a)
  local now = tonumber(ARGV[a + 1])
  local maxParallel = tonumber(ARGV[a + 3])
  local rpm = tonumber(ARGV[a + 4])
  local tpm = tonumber(ARGV[a + 5])
  local budget = tonumber(ARGV[a + 6])
  local reserve = tonumber(ARGV[a + 7])
  local premium = tonumber(ARGV[a + 8])
  local reservePremium = tonumber(ARGV[a + 9])
  if maxParallel > 0 then
    redis.call('ZREMRANGEBYSCORE', KEYS[k + 1], '-inf', now - tonumber(ARGV[a + 13]))
    if redis.call('ZCARD', KEYS[k + 1]) >= maxParallel then return 1 end
  end
  if rpm > 0 and tonumber(redis.call('GET', KEYS[k + 2]) or '0') >= rpm then return 2 end
  if tpm > 0 and tonumber(redis.call('GET', KEYS[k + 3]) or '0') >= tpm then return 3 end
  if budget > 0 and over(KEYS[k + 4], budget, reserve) then return 4 end
  if premium > 0 and reservePremium > 0 and over(KEYS[k + 5], premium, reservePremium) then return 5 end
  if maxParallel > 0 then
    redis.call('ZADD', KEYS[k + 1], now, ARGV[a + 2])
    redis.call('PEXPIRE', KEYS[k + 1], ARGV[a + 13])
  end
  if rpm > 0 then
    redis.call('INCR', KEYS[k + 2])
    redis.call('PEXPIRE', KEYS[k + 2], ARGV[a + 10])
  end
  if budget > 0 then
    redis.call('HINCRBY', KEYS[k + 4], 'reserved', reserve)
    redis.call('PEXPIRE', KEYS[k + 4], ARGV[a + 11])
  end
  if premium > 0 then
    redis.call('HINCRBY', KEYS[k + 5], 'reserved', reservePremium)
    redis.call('PEXPIRE', KEYS[k + 5], ARGV[a + 12])
  end
  return 0
end
`;

/** Settles first (a slot they free is free for the admissions after them), then admissions. */
export const settleThenAdmitScript = `${settleOne}${admitOne}
local settles = tonumber(ARGV[1])
local admissions = #KEYS / 5 - settles
for i = 0, settles - 1 do
  settleOne(i * 5, 1 + i * ${settleArgumentCount})
end
local codes = {}
local admitKeys = settles * 5
local admitArguments = 1 + settles * ${settleArgumentCount}
for i = 0, admissions - 1 do
  codes[i + 1] = admitOne(admitKeys + i * 5, admitArguments + i * ${admitArgumentCount})
end
return codes
`;
