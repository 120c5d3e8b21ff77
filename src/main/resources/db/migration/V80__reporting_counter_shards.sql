-- Issue 7: every opt-out of a company on one day updated the same 'all' counter row (and its
-- team's and provider's), so the reporting listeners queued on that row's lock, holding database
-- connections the opt-out path needs. Each counter is now kept in 16 shards (by the call's hash);
-- reading sums them, as it already sums days.
ALTER TABLE reporting.opt_out_counts ADD COLUMN shard SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE reporting.opt_out_counts DROP CONSTRAINT opt_out_counts_pkey;
ALTER TABLE reporting.opt_out_counts ADD PRIMARY KEY (company_id, dimension, day, key, shard);
