-- The compact key (filled by V5) becomes the idempotency constraint; the wide one goes.
ALTER TABLE execution ALTER COLUMN exec_key NOT NULL;
ALTER TABLE execution ADD CONSTRAINT uq_execution_key UNIQUE (exec_key);
ALTER TABLE execution DROP CONSTRAINT uq_execution_id;
DROP INDEX ix_execution_key;
