-- Admin database, step 3: the stations' production reports as imported, each check's result, the
-- devices the reports counted (for royalties and the duplicate look-ups) and the authorizations they
-- carried (for completions, reworks and failures reported later). Persisted names (docs/formats.md,
-- "Admin database"): never renamed. Append-only: an import adds rows, nothing changes or removes them.

CREATE TABLE reports (
  number INTEGER PRIMARY KEY,
  report_id TEXT NOT NULL,
  file_sha256 TEXT NOT NULL,
  file_name TEXT NOT NULL,
  station_serial TEXT NOT NULL,
  station_name TEXT NOT NULL,
  signed_ms INTEGER NOT NULL,
  imported_ms INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('accepted', 'flagged', 'rejected')),
  previous_chain_hash BLOB,
  last_chain_hash BLOB,
  first_sequence INTEGER,
  last_sequence INTEGER,
  events INTEGER NOT NULL,
  authorized INTEGER NOT NULL,
  completed INTEGER NOT NULL,
  reworks INTEGER NOT NULL,
  failed_after_authorization INTEGER NOT NULL,
  refused INTEGER NOT NULL,
  counted INTEGER NOT NULL);

CREATE UNIQUE INDEX reports_counted_id ON reports (report_id) WHERE status <> 'rejected';

CREATE INDEX reports_file ON reports (file_sha256);

CREATE INDEX reports_station ON reports (station_serial, number);

CREATE TABLE report_checks (
  report_number INTEGER NOT NULL REFERENCES reports (number),
  check_id TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('pass', 'warn', 'fail')),
  summary TEXT NOT NULL,
  findings TEXT NOT NULL,
  finding_count INTEGER NOT NULL,
  PRIMARY KEY (report_number, check_id));

CREATE TABLE devices (
  product_id INTEGER NOT NULL,
  uid TEXT NOT NULL,
  serial INTEGER NOT NULL,
  quota_id TEXT NOT NULL,
  job_id TEXT NOT NULL,
  station_serial TEXT NOT NULL,
  report_number INTEGER NOT NULL REFERENCES reports (number),
  sequence INTEGER NOT NULL,
  completed_ms INTEGER NOT NULL,
  PRIMARY KEY (product_id, uid, quota_id));

CREATE INDEX devices_product_serial ON devices (product_id, serial);

CREATE INDEX devices_quota ON devices (quota_id);

CREATE INDEX devices_job_uid ON devices (job_id, uid);

CREATE INDEX devices_completed ON devices (completed_ms);

CREATE TABLE authorized_devices (
  job_id TEXT NOT NULL,
  uid TEXT NOT NULL,
  serial INTEGER NOT NULL,
  product_id INTEGER NOT NULL,
  quota_id TEXT NOT NULL,
  station_serial TEXT NOT NULL,
  report_number INTEGER NOT NULL REFERENCES reports (number),
  sequence INTEGER NOT NULL,
  authorized_ms INTEGER NOT NULL,
  PRIMARY KEY (job_id, uid));

CREATE TRIGGER reports_no_update BEFORE UPDATE ON reports
BEGIN SELECT RAISE(ABORT, 'imported reports are append-only: they are never changed'); END;

CREATE TRIGGER reports_no_delete BEFORE DELETE ON reports
BEGIN SELECT RAISE(ABORT, 'imported reports are append-only: they are never deleted'); END;

CREATE TRIGGER report_checks_no_update BEFORE UPDATE ON report_checks
BEGIN SELECT RAISE(ABORT, 'report checks are append-only: they are never changed'); END;

CREATE TRIGGER report_checks_no_delete BEFORE DELETE ON report_checks
BEGIN SELECT RAISE(ABORT, 'report checks are append-only: they are never deleted'); END;

CREATE TRIGGER devices_no_update BEFORE UPDATE ON devices
BEGIN SELECT RAISE(ABORT, 'counted devices are append-only: they are never changed'); END;

CREATE TRIGGER devices_no_delete BEFORE DELETE ON devices
BEGIN SELECT RAISE(ABORT, 'counted devices are append-only: they are never deleted'); END;

CREATE TRIGGER authorized_devices_no_update BEFORE UPDATE ON authorized_devices
BEGIN SELECT RAISE(ABORT, 'authorized devices are append-only: they are never changed'); END;

CREATE TRIGGER authorized_devices_no_delete BEFORE DELETE ON authorized_devices
BEGIN SELECT RAISE(ABORT, 'authorized devices are append-only: they are never deleted'); END;
