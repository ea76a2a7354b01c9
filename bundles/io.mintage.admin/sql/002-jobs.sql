-- Admin database, step 2: job packages, each carrying one quota of the quotas table, with the record
-- options the station applies. Persisted names (docs/formats.md, "Admin database").

CREATE TABLE jobs (
  job_id TEXT PRIMARY KEY,
  quota_id TEXT NOT NULL REFERENCES quotas (quota_id),
  name TEXT NOT NULL,
  firmware_id INTEGER NOT NULL REFERENCES firmware (firmware_id),
  bind_firmware_hash INTEGER NOT NULL,
  protection TEXT,
  allow_unprotect INTEGER NOT NULL,
  record_place TEXT,
  accept_undocumented_uid INTEGER NOT NULL,
  issued_ms INTEGER NOT NULL,
  package BLOB NOT NULL);

CREATE INDEX jobs_quota ON jobs (quota_id);
