-- The execution table's primary key gets a name of its own (V1 left it to Derby, which calls it
-- SQL<timestamp>), so that a query can name it: jobs that read a selection in id order (the export,
-- the archive) walk the primary key a window of ids at a time with
-- "--DERBY-PROPERTIES constraint=pk_execution" (ExecutionScans). Without it Derby takes the time index
-- for the time range and sorts the whole range by id for every page. No foreign key refers to the
-- table, so the key can be dropped and made again (the index is rebuilt once).
ALTER TABLE execution DROP PRIMARY KEY;
ALTER TABLE execution ADD CONSTRAINT pk_execution PRIMARY KEY (id);
