/**
 * The Redis side of the limit engine: one script decides and counts atomically, so the decision
 * is made on the global counters of every replica together, never on a local pre-check.
 * Return codes follow `limitCodes` (0 = admitted). Same rules as the in-process engine.
 *
 * KEYS: in-flight set, request counter, token counter, budget hash, premium hash.
 * ARGV: now, requestId, maxParallel, rpm, tpm, budgetMicros, reserveMicros, premiumLimit,
 *       reservePremium, minuteTtlMs, budgetTtlMs, premiumTtlMs, staleInFlightMs (0 = no limit).
 */
export const admitScript = `
local now = tonumber(ARGV[1])
local maxParallel = tonumber(ARGV[3])
local rpm = tonumber(ARGV[4])
local tpm = tonumber(ARGV[5])
local budget = tonumber(ARGV[6])
local reserve = tonumber(ARGV[7])
local premium = tonumber(ARGV[8])
local reservePremium = tonumber(ARGV[9])
local function over(key, allowance, want)
  local spent = tonumber(redis.call('HGET', key, 'spent') or '0')
  local reserved = tonumber(redis.call('HGET', key, 'reserved') or '0')
  return spent + reserved >= allowance or (reserved > 0 and spent + reserved + want > allowance)
end
if maxParallel > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[13]))
  if redis.call('ZCARD', KEYS[1]) >= maxParallel then return 1 end
end
if rpm > 0 and tonumber(redis.call('GET', KEYS[2]) or '0') >= rpm then return 2 end
if tpm > 0 and tonumber(redis.call('GET', KEYS[3]) or '0') >= tpm then return 3 end
if budget > 0 and over(KEYS[4], budget, reserve) then return 4 end
if premium > 0 and over(KEYS[5], premium, reservePremium) then return 5 end
if maxParallel > 0 then
  redis.call('ZADD', KEYS[1], now, ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[13])
end
if rpm > 0 then
  redis.call('INCR', KEYS[2])
  redis.call('PEXPIRE', KEYS[2], ARGV[10])
end
if budget > 0 then
  redis.call('HINCRBY', KEYS[4], 'reserved', reserve)
  redis.call('PEXPIRE', KEYS[4], ARGV[11])
end
if premium > 0 then
  redis.call('HINCRBY', KEYS[5], 'reserved', reservePremium)
  redis.call('PEXPIRE', KEYS[5], ARGV[12])
end
return 0
`;

/**
 * Ends requests, several at once (a replica's settles of the last couple of milliseconds, one
 * round trip for all): each out of flight, its tokens counted, its reservations replaced by what
 * it spent. KEYS: five per request, as for admit. ARGV: twelve per request — requestId, tokens,
 * hasTpm, hasBudget, reserveMicros, spentMicros, hasPremium, reservePremium, spentPremium,
 * minuteTtlMs, budgetTtlMs, premiumTtlMs.
 */
export const settleManyScript = `
for i = 0, #KEYS / 5 - 1 do
  local k = i * 5
  local a = i * 12
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
return 0
`;
