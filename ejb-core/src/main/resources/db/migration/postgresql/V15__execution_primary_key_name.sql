-- The execution table's primary key gets the name the Derby schema gives it (see the Derby V15: a
-- Derby query names it to walk the key). PostgreSQL plans with statistics and needs no hint; the
-- rename keeps both schemas alike. Renaming the constraint renames its index, nothing is rebuilt.
ALTER TABLE execution RENAME CONSTRAINT execution_pkey TO pk_execution;
