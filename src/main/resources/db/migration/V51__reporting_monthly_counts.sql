-- Issue 10, PRODUCT R1 target: a year's opt-out rate by team summed 365 day counters per team (and
-- their shards). The same counters are now also kept per calendar month (UTC), so a report reads
-- whole months from here and only the days at its edges from reporting.opt_out_counts. Kept in
-- shards like the day counters (V80), for the same reason: concurrent calls rarely wait on one row.
CREATE TABLE reporting.opt_out_counts_monthly
(
  company_id UUID     NOT NULL,
  dimension  TEXT     NOT NULL,
  month      DATE     NOT NULL,
  key        TEXT     NOT NULL,
  shard      SMALLINT NOT NULL DEFAULT 0,
  used       BIGINT   NOT NULL DEFAULT 0,
  aborted    BIGINT   NOT NULL DEFAULT 0,
  PRIMARY KEY (company_id, dimension, month, key, shard)
);

-- What was counted so far (the day counters' shards, if any, folded into shard 0).
INSERT INTO reporting.opt_out_counts_monthly (company_id, dimension, month, key, shard, used, aborted)
SELECT company_id, dimension, date_trunc('month', day)::date, key, 0, sum(used), sum(aborted)
FROM reporting.opt_out_counts
GROUP BY company_id, dimension, date_trunc('month', day)::date, key;
