-- Admin database, step 4: the administrator's waivers of failed report checks (io.mintage.admin.ReportWaiver),
-- one row per waived check of an import, with the reason given. The check's row in report_checks says
-- 'warn'; this row says it was a failure the administrator waived, and why. Persisted names
-- (docs/formats.md, "Admin database"): never renamed. Append-only.

CREATE TABLE report_waivers (
  report_number INTEGER NOT NULL REFERENCES reports (number),
  check_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (report_number, check_id));

CREATE TRIGGER report_waivers_no_update BEFORE UPDATE ON report_waivers
BEGIN SELECT RAISE(ABORT, 'waivers are append-only: they are never changed'); END;

CREATE TRIGGER report_waivers_no_delete BEFORE DELETE ON report_waivers
BEGIN SELECT RAISE(ABORT, 'waivers are append-only: they are never deleted'); END;
