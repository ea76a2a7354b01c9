-- Admin database, step 1: the authority, its stations, products and firmware, quotas, the audit log.
-- Persisted names (docs/formats.md, "Admin database"): never renamed; later steps add, never edit this.
-- One statement per line group, each ending with ';' at the end of a line (a trigger ends with 'END;').

CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE authority (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  subject TEXT NOT NULL,
  certificate BLOB NOT NULL,
  key_location TEXT NOT NULL,
  created_ms INTEGER NOT NULL);

CREATE TABLE stations (
  serial TEXT PRIMARY KEY,
  subject TEXT NOT NULL,
  certificate BLOB,
  not_after_ms INTEGER,
  enrolled_ms INTEGER NOT NULL,
  revoked_ms INTEGER,
  revocation_reason TEXT,
  CHECK ((revoked_ms IS NULL) = (revocation_reason IS NULL)));

CREATE TABLE products (
  product_id INTEGER PRIMARY KEY CHECK (product_id BETWEEN 0 AND 4294967295),
  name TEXT NOT NULL,
  mcu_family TEXT NOT NULL,
  created_ms INTEGER NOT NULL);

CREATE TABLE firmware (
  firmware_id INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES products (product_id),
  version TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  format TEXT,
  base_address INTEGER,
  image_start INTEGER NOT NULL,
  image_length INTEGER NOT NULL,
  content BLOB NOT NULL,
  added_ms INTEGER NOT NULL,
  UNIQUE (product_id, version));

CREATE TABLE quotas (
  quota_id TEXT PRIMARY KEY,
  product_id INTEGER NOT NULL,
  first_serial INTEGER NOT NULL CHECK (first_serial >= 0),
  serial_count INTEGER NOT NULL CHECK (serial_count > 0 AND first_serial + serial_count <= 4294967296),
  station_serial TEXT REFERENCES stations (serial),
  station_subject TEXT NOT NULL,
  firmware_id INTEGER REFERENCES firmware (firmware_id),
  valid_from_ms INTEGER,
  valid_until_ms INTEGER,
  royalty TEXT,
  royalty_currency TEXT,
  issued_ms INTEGER NOT NULL,
  quota_key BLOB,
  imported INTEGER NOT NULL DEFAULT 0,
  CHECK ((royalty IS NULL) = (royalty_currency IS NULL)));

CREATE INDEX quotas_product_serials ON quotas (product_id, first_serial);

CREATE TABLE audit (
  sequence INTEGER PRIMARY KEY,
  time_ms INTEGER NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  detail TEXT,
  user_name TEXT);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: entries are never changed'); END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: entries are never deleted'); END;
