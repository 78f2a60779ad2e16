#include <fmt/format.h>

#include <string>

#include "storage/database.h"

namespace youhao::storage {

namespace {

struct Migration {
  int version;
  std::string_view name;
  /// Portable DDL; `{{id}}` becomes the backend's auto-increment primary key.
  std::string_view sql;
};

// Append only: a released migration is never edited; a change is a new version.
constexpr Migration kMigrations[] = {
    {1, "areas, accounts, sessions, audit",
     R"sql(
CREATE TABLE areas (
  code TEXT PRIMARY KEY,
  parent_code TEXT REFERENCES areas(code),
  level TEXT NOT NULL CHECK (level IN ('city','district','street','community','compound')),
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  path TEXT NOT NULL,
  lat DOUBLE PRECISION,
  lon DOUBLE PRECISION,
  source TEXT NOT NULL DEFAULT 'generated',
  osm_ref TEXT
);
CREATE INDEX areas_parent ON areas(parent_code);
CREATE INDEX areas_path ON areas(path);
CREATE INDEX areas_level_path ON areas(level, path);

CREATE TABLE accounts (
  id {{id}},
  login TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  area_code TEXT NOT NULL REFERENCES areas(code),
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE INDEX accounts_area ON accounts(area_code);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_account ON sessions(account_id);

CREATE TABLE audit_log (
  id {{id}},
  at BIGINT NOT NULL,
  actor_account_id BIGINT,
  actor_login TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  area_code TEXT,
  before_json TEXT,
  after_json TEXT
);
CREATE INDEX audit_log_at ON audit_log(at);
)sql"},
    {2, "depots, workers, places (each with its area's path, so scoped counts are index range scans)",
     R"sql(
CREATE TABLE depots (
  id {{id}},
  name TEXT NOT NULL,
  platform TEXT NOT NULL,
  area_code TEXT NOT NULL REFERENCES areas(code),
  area_path TEXT NOT NULL,
  lat DOUBLE PRECISION,
  lon DOUBLE PRECISION
);
CREATE INDEX depots_area_path ON depots(area_path);

CREATE TABLE workers (
  id {{id}},
  account_id BIGINT UNIQUE REFERENCES accounts(id),
  name TEXT NOT NULL,
  phone TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('food','parcel','ride','truck')),
  platform TEXT NOT NULL,
  depot_id BIGINT REFERENCES depots(id),
  area_code TEXT NOT NULL REFERENCES areas(code),
  area_path TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending','verified','suspended','revoked')),
  created_at BIGINT NOT NULL
);
CREATE INDEX workers_area_path ON workers(area_path, id);
CREATE INDEX workers_area_path_status ON workers(area_path, status);

CREATE TABLE places (
  id {{id}},
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  area_code TEXT NOT NULL REFERENCES areas(code),
  area_path TEXT NOT NULL,
  lat DOUBLE PRECISION NOT NULL,
  lon DOUBLE PRECISION NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX places_area_path ON places(area_path);
)sql"},
    {3, "entry passes: registration, signing keys, passes, revocations, gates, access plans, gate events",
     R"sql(
ALTER TABLE workers ADD COLUMN plate TEXT;
ALTER TABLE workers ADD COLUMN convention_signed_at BIGINT;
ALTER TABLE workers ADD COLUMN id_number_hash TEXT;

CREATE TABLE worker_status_history (
  id {{id}},
  worker_id BIGINT NOT NULL REFERENCES workers(id),
  at BIGINT NOT NULL,
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  reason TEXT NOT NULL,
  actor_login TEXT NOT NULL
);
CREATE INDEX worker_status_history_worker ON worker_status_history(worker_id);

CREATE TABLE worker_photos (
  worker_id BIGINT PRIMARY KEY REFERENCES workers(id),
  content_type TEXT NOT NULL,
  data_base64 TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE signing_keys (
  key_id INTEGER PRIMARY KEY,
  public_key TEXT NOT NULL,
  secret_key TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  retired_at BIGINT,
  not_after BIGINT
);

CREATE TABLE passes (
  id {{id}},
  worker_id BIGINT NOT NULL REFERENCES workers(id),
  key_id INTEGER NOT NULL REFERENCES signing_keys(key_id),
  device_public_key TEXT NOT NULL,
  issued_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked_at BIGINT,
  revoke_reason TEXT
);
CREATE INDEX passes_worker ON passes(worker_id);

CREATE TABLE revocations (
  seq {{id}},
  kind TEXT NOT NULL CHECK (kind IN ('pass','worker','worker_restore')),
  ref_id BIGINT NOT NULL,
  at BIGINT NOT NULL
);

CREATE TABLE gates (
  id {{id}},
  compound_code TEXT NOT NULL REFERENCES areas(code),
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('pedestrian','vehicle','garage')),
  workers_allowed INTEGER NOT NULL DEFAULT 1,
  green_lane INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX gates_compound ON gates(compound_code);

CREATE TABLE access_plans (
  compound_code TEXT PRIMARY KEY REFERENCES areas(code),
  plan_json TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by TEXT NOT NULL
);

CREATE TABLE access_plan_history (
  id {{id}},
  compound_code TEXT NOT NULL REFERENCES areas(code),
  version INTEGER NOT NULL,
  at BIGINT NOT NULL,
  actor_login TEXT NOT NULL,
  plan_json TEXT NOT NULL
);
CREATE INDEX access_plan_history_compound ON access_plan_history(compound_code, version);

CREATE TABLE whitelist (
  compound_code TEXT NOT NULL REFERENCES areas(code),
  worker_id BIGINT NOT NULL REFERENCES workers(id),
  added_at BIGINT NOT NULL,
  PRIMARY KEY (compound_code, worker_id)
);

CREATE TABLE whitelist_changes (
  seq {{id}},
  compound_code TEXT NOT NULL,
  worker_id BIGINT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('add','remove')),
  at BIGINT NOT NULL
);
CREATE INDEX whitelist_changes_compound ON whitelist_changes(compound_code, seq);

CREATE TABLE gate_events (
  id {{id}},
  client_event_id TEXT UNIQUE,
  compound_code TEXT NOT NULL REFERENCES areas(code),
  gate_id BIGINT,
  worker_id BIGINT,
  pass_id BIGINT,
  direction TEXT NOT NULL CHECK (direction IN ('in','out')),
  at BIGINT NOT NULL,
  allowed INTEGER NOT NULL,
  code TEXT NOT NULL,
  source TEXT NOT NULL,
  flag TEXT
);
CREATE INDEX gate_events_compound_at ON gate_events(compound_code, at);
CREATE INDEX gate_events_worker_at ON gate_events(worker_id, at);
CREATE INDEX gate_events_at ON gate_events(at);

CREATE TABLE compound_feedback (
  id {{id}},
  compound_code TEXT NOT NULL REFERENCES areas(code),
  worker_id BIGINT NOT NULL REFERENCES workers(id),
  at BIGINT NOT NULL,
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  unfair INTEGER NOT NULL,
  comment TEXT NOT NULL
);
CREATE INDEX compound_feedback_compound ON compound_feedback(compound_code);
)sql"},
    {4, "compound maps: features, versions and the change history behind undo", R"sql(
CREATE TABLE compound_maps (
  compound_code TEXT PRIMARY KEY REFERENCES areas(code),
  version BIGINT NOT NULL,
  source TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by TEXT NOT NULL
);

CREATE TABLE map_features (
  id {{id}},
  compound_code TEXT NOT NULL REFERENCES areas(code),
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  feature_json TEXT NOT NULL,
  osm_ref TEXT,
  deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX map_features_compound ON map_features(compound_code, deleted);

CREATE TABLE map_changes (
  id {{id}},
  compound_code TEXT NOT NULL REFERENCES areas(code),
  version BIGINT NOT NULL,
  at BIGINT NOT NULL,
  actor_login TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('create','update','delete','replace','undo')),
  feature_id BIGINT,
  label TEXT NOT NULL,
  before_json TEXT NOT NULL,
  after_json TEXT NOT NULL,
  undone INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX map_changes_compound ON map_changes(compound_code, id);

CREATE TABLE map_media (
  id {{id}},
  compound_code TEXT NOT NULL REFERENCES areas(code),
  content_type TEXT NOT NULL,
  data_base64 TEXT NOT NULL,
  uploaded_at BIGINT NOT NULL,
  uploaded_by TEXT NOT NULL
);

CREATE TABLE compound_aliases (
  compound_code TEXT NOT NULL REFERENCES areas(code),
  alias TEXT NOT NULL,
  PRIMARY KEY (compound_code, alias)
);
)sql"},
    {5, "friendly places: details, approval, owners, photos and check-ins", R"sql(
ALTER TABLE places ADD COLUMN status TEXT NOT NULL DEFAULT 'approved';
ALTER TABLE places ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE places ADD COLUMN tier TEXT;
ALTER TABLE places ADD COLUMN amenities BIGINT NOT NULL DEFAULT 0;
ALTER TABLE places ADD COLUMN opening_hours TEXT NOT NULL DEFAULT '24/7';
ALTER TABLE places ADD COLUMN capacity BIGINT;
ALTER TABLE places ADD COLUMN scan_entry BIGINT NOT NULL DEFAULT 0;
ALTER TABLE places ADD COLUMN details_json TEXT NOT NULL DEFAULT '{}';
ALTER TABLE places ADD COLUMN owner_account_id BIGINT REFERENCES accounts(id);
ALTER TABLE places ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE places ADD COLUMN updated_at BIGINT;
ALTER TABLE places ADD COLUMN pending_json TEXT;
ALTER TABLE places ADD COLUMN pending_by TEXT;
CREATE INDEX places_status_area ON places(status, area_path);
CREATE INDEX places_owner ON places(owner_account_id);
CREATE INDEX places_name ON places(name);

CREATE TABLE place_media (
  id {{id}},
  place_id BIGINT NOT NULL REFERENCES places(id),
  content_type TEXT NOT NULL,
  data_base64 TEXT NOT NULL,
  uploaded_at BIGINT NOT NULL,
  uploaded_by TEXT NOT NULL
);
CREATE INDEX place_media_place ON place_media(place_id);

CREATE TABLE place_checkins (
  id {{id}},
  place_id BIGINT NOT NULL REFERENCES places(id),
  worker_id BIGINT NOT NULL REFERENCES workers(id),
  worker_kind TEXT NOT NULL,
  at BIGINT NOT NULL,
  door TEXT NOT NULL
);
CREATE INDEX place_checkins_place_at ON place_checkins(place_id, at);
CREATE INDEX place_checkins_worker ON place_checkins(worker_id, place_id, at);
)sql"},
    {6, "worker reports: the chain, steps, photos, point awards, notifications, Open311 keys", R"sql(
CREATE TABLE reports (
  id {{id}},
  category TEXT NOT NULL,
  status TEXT NOT NULL,
  description TEXT NOT NULL,
  lat DOUBLE PRECISION NOT NULL,
  lon DOUBLE PRECISION NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  area_code TEXT NOT NULL REFERENCES areas(code),
  area_path TEXT NOT NULL,
  compound_code TEXT,
  difficulty TEXT,
  reporter_account_id BIGINT REFERENCES accounts(id),
  reporter_name TEXT NOT NULL DEFAULT '',
  reporter_kind TEXT,
  grid_reporter BIGINT NOT NULL DEFAULT 0,
  source TEXT NOT NULL DEFAULT 'app',
  client_id TEXT,
  assignee_kind TEXT,
  assignee TEXT,
  handler_login TEXT,
  me_too BIGINT NOT NULL DEFAULT 0,
  close_reason TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  due_at BIGINT NOT NULL,
  resolved_at BIGINT,
  closed_at BIGINT,
  step_count BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX reports_area_status ON reports(area_path, status, id);
CREATE INDEX reports_category_created ON reports(category, created_at);
CREATE INDEX reports_reporter ON reports(reporter_account_id, created_at);
CREATE UNIQUE INDEX reports_client ON reports(reporter_account_id, client_id);

CREATE TABLE report_steps (
  id {{id}},
  report_id BIGINT NOT NULL REFERENCES reports(id),
  status TEXT NOT NULL,
  at BIGINT NOT NULL,
  actor_login TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  photo_id BIGINT
);
CREATE INDEX report_steps_report ON report_steps(report_id, id);

CREATE TABLE report_media (
  id {{id}},
  report_id BIGINT REFERENCES reports(id),
  uploader_account_id BIGINT REFERENCES accounts(id),
  content_type TEXT NOT NULL,
  data_base64 TEXT NOT NULL,
  uploaded_at BIGINT NOT NULL
);
CREATE INDEX report_media_report ON report_media(report_id);

CREATE TABLE point_awards (
  id {{id}},
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  report_id BIGINT NOT NULL REFERENCES reports(id),
  points BIGINT NOT NULL,
  reason TEXT NOT NULL,
  at BIGINT NOT NULL,
  paid_at BIGINT,
  UNIQUE (report_id, reason)
);

CREATE TABLE notifications (
  id {{id}},
  login TEXT NOT NULL,
  report_id BIGINT REFERENCES reports(id),
  message TEXT NOT NULL,
  at BIGINT NOT NULL,
  read_at BIGINT
);
CREATE INDEX notifications_login ON notifications(login, id);

CREATE TABLE open311_keys (
  id {{id}},
  organisation TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  created_by TEXT NOT NULL,
  revoked_at BIGINT
);
)sql"},
    {7, "roaming grid reporters, platform conduct records, report escalation", R"sql(
CREATE TABLE grid_reporters (
  id {{id}},
  worker_id BIGINT NOT NULL REFERENCES workers(id),
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  area_code TEXT NOT NULL REFERENCES areas(code),
  area_path TEXT NOT NULL,
  term_start TEXT NOT NULL,
  term_end TEXT NOT NULL,
  appointed_by TEXT NOT NULL,
  appointed_at BIGINT NOT NULL,
  ended_at BIGINT,
  ended_by TEXT
);
CREATE INDEX grid_reporters_account ON grid_reporters(account_id, term_end);
CREATE INDEX grid_reporters_area ON grid_reporters(area_path, id);

CREATE TABLE conduct_records (
  id {{id}},
  compound_code TEXT NOT NULL REFERENCES areas(code),
  area_path TEXT NOT NULL,
  platform TEXT NOT NULL,
  kind TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  rider_hint TEXT NOT NULL DEFAULT '',
  at BIGINT NOT NULL,
  month TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorder_role TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX conduct_area_month ON conduct_records(area_path, month);
CREATE INDEX conduct_month ON conduct_records(month, area_path);

ALTER TABLE reports ADD COLUMN escalation_level BIGINT NOT NULL DEFAULT 0;
CREATE INDEX reports_status_due ON reports(status, due_at);
CREATE INDEX reports_grid_reporter ON reports(grid_reporter, reporter_account_id, created_at);
CREATE INDEX reports_category_lat ON reports(category, lat);
CREATE INDEX areas_level_lat ON areas(level, lat);
CREATE INDEX reports_open_id ON reports(id) WHERE status NOT IN ('confirmed', 'closed');
ALTER TABLE report_media ADD COLUMN thumb_base64 TEXT;
)sql"},
    {8, "acceptance rules per area and category; where each report was routed", R"sql(
CREATE TABLE acceptance_rules (
  id {{id}},
  area_code TEXT NOT NULL REFERENCES areas(code),
  area_path TEXT NOT NULL,
  category TEXT NOT NULL,
  acceptor TEXT NOT NULL CHECK (acceptor IN ('nearest_station', 'community', 'property')),
  radius_metres BIGINT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (area_code, category)
);
CREATE INDEX acceptance_rules_path ON acceptance_rules(area_path);

ALTER TABLE reports ADD COLUMN acceptor_kind TEXT;
ALTER TABLE reports ADD COLUMN acceptor_code TEXT;
ALTER TABLE reports ADD COLUMN acceptor_name TEXT;
ALTER TABLE reports ADD COLUMN acceptor_account_id BIGINT;
ALTER TABLE reports ADD COLUMN acceptor_rule_id BIGINT;
ALTER TABLE reports ADD COLUMN acceptor_reason TEXT;
CREATE INDEX reports_acceptor_account ON reports(acceptor_account_id, id) WHERE acceptor_account_id IS NOT NULL;
CREATE INDEX reports_property_queue ON reports(acceptor_code, id) WHERE acceptor_kind = 'property';
CREATE INDEX reports_handler ON reports(handler_login, id) WHERE handler_login IS NOT NULL;
-- Reports from before the rules go to their community, as the rules' default would send them there.
UPDATE reports SET acceptor_kind = 'community', acceptor_code = area_code,
  acceptor_name = COALESCE((SELECT name_zh FROM areas WHERE areas.code = reports.area_code), ''),
  acceptor_reason = '受理规则启用前的上报：由社区受理' WHERE acceptor_kind IS NULL;
)sql"},
    {9, "notifications as a kind and its fields, worded when read in the reader's language", R"sql(
ALTER TABLE notifications ADD COLUMN kind TEXT;
ALTER TABLE notifications ADD COLUMN fields TEXT;
)sql"},
    {10, "one-time codes that prove a phone before it registers (the phone and code kept only as digests)", R"sql(
CREATE TABLE phone_codes (
  id {{id}},
  phone_digest TEXT NOT NULL,
  code_digest TEXT NOT NULL,
  address TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  used_at BIGINT
);
CREATE INDEX phone_codes_phone ON phone_codes (phone_digest, created_at);
CREATE INDEX phone_codes_address ON phone_codes (address, created_at);
CREATE INDEX phone_codes_created ON phone_codes (created_at);
)sql"},
    {11, "workers' phones sealed under the key file, with a keyed digest for look-ups", R"sql(
ALTER TABLE workers RENAME COLUMN phone TO phone_digest;
ALTER TABLE workers ADD COLUMN phone_sealed TEXT;
-- Until the server seals them at start (registry::SealPlaintextPhones), older rows hold the phone
-- itself in phone_digest and no phone_sealed.
)sql"},
    {12, "evidence, not claims: gate events say whether their code was verified; one rating a month", R"sql(
ALTER TABLE gate_events ADD COLUMN evidence TEXT NOT NULL DEFAULT 'unverified';
ALTER TABLE gate_events ADD COLUMN evidence_reason TEXT;
-- An online scan names a worker only when its signatures held; offline scans so far carried no code.
UPDATE gate_events SET evidence = 'verified' WHERE source = 'online' AND worker_id IS NOT NULL;
UPDATE gate_events SET evidence_reason = CASE WHEN source = 'offline' THEN 'no_code' ELSE code END
  WHERE evidence = 'unverified';
-- The Beijing month ("2026-11") of a rating; older ratings have none and keep their rows.
ALTER TABLE compound_feedback ADD COLUMN month TEXT;
CREATE UNIQUE INDEX compound_feedback_one_a_month ON compound_feedback (compound_code, worker_id, month);
)sql"},
    {13, "photos addressed by an unguessable public id (filled in by the server at start for older rows)", R"sql(
ALTER TABLE report_media ADD COLUMN public_id TEXT;
CREATE UNIQUE INDEX report_media_public_id ON report_media(public_id);
ALTER TABLE place_media ADD COLUMN public_id TEXT;
CREATE UNIQUE INDEX place_media_public_id ON place_media(public_id);
ALTER TABLE map_media ADD COLUMN public_id TEXT;
CREATE UNIQUE INDEX map_media_public_id ON map_media(public_id);
)sql"},
    {14, "digit codes: a typed code's first four digits find the passes whose number ends in them", R"sql(
CREATE INDEX passes_short_tag ON passes ((id % 10000));
)sql"},
    {15,
     "the points ledger: accounts with balances that never go below zero, append-only transfers; the awards "
     "recorded since reports landed are paid into it",
     R"sql(
CREATE TABLE points_accounts (
  id {{id}},
  kind TEXT NOT NULL,
  owner_ref TEXT NOT NULL,
  name TEXT NOT NULL,
  balance BIGINT NOT NULL DEFAULT 0,
  may_go_negative INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  UNIQUE (kind, owner_ref),
  CHECK (balance >= 0 OR may_go_negative = 1)
);
CREATE TABLE points_transfers (
  id {{id}},
  source_id BIGINT NOT NULL REFERENCES points_accounts(id),
  target_id BIGINT NOT NULL REFERENCES points_accounts(id),
  amount BIGINT NOT NULL CHECK (amount > 0),
  kind TEXT NOT NULL,
  reason TEXT NOT NULL,
  client_id TEXT NOT NULL,
  actor_login TEXT NOT NULL,
  reverses BIGINT UNIQUE REFERENCES points_transfers(id),
  at BIGINT NOT NULL,
  UNIQUE (source_id, client_id)
);
CREATE INDEX points_transfers_target ON points_transfers (target_id, id);
INSERT INTO points_accounts (kind, owner_ref, name, balance, may_go_negative, created_at) VALUES
  ('issuer', 'city', '市积分发行', 0, 1, 0),
  ('pool', 'city', '市级积分池', 0, 0, 0),
  ('sink', 'expired', '已过期', 0, 0, 0);
-- The awards recorded so far: the city issues what they add up to into its pool, and the pool
-- pays each one (client id award:report:ID, as the server pays new ones).
INSERT INTO points_accounts (kind, owner_ref, name, balance, may_go_negative, created_at)
  SELECT DISTINCT 'worker', 'account:' || CAST(account_id AS TEXT), '', 0, 0, 0 FROM point_awards;
INSERT INTO points_transfers (source_id, target_id, amount, kind, reason, client_id, actor_login, reverses, at)
  SELECT i.id, p.id, SUM(a.points), 'fund', 'awards_before_the_ledger', 'fund:awards-before-the-ledger', 'system',
         NULL, 0
  FROM point_awards a, points_accounts i, points_accounts p
  WHERE i.kind = 'issuer' AND p.kind = 'pool' AND p.owner_ref = 'city' AND a.points > 0
  GROUP BY i.id, p.id;
INSERT INTO points_transfers (source_id, target_id, amount, kind, reason, client_id, actor_login, reverses, at)
  SELECT p.id, w.id, a.points, 'award', 'report_confirmed', 'award:report:' || CAST(a.report_id AS TEXT), 'system',
         NULL, a.at
  FROM point_awards a
  JOIN points_accounts w ON w.kind = 'worker' AND w.owner_ref = 'account:' || CAST(a.account_id AS TEXT)
  JOIN points_accounts p ON p.kind = 'pool' AND p.owner_ref = 'city'
  WHERE a.points > 0;
UPDATE points_accounts SET balance =
  COALESCE((SELECT SUM(amount) FROM points_transfers WHERE target_id = points_accounts.id), 0) -
  COALESCE((SELECT SUM(amount) FROM points_transfers WHERE source_id = points_accounts.id), 0);
UPDATE point_awards SET paid_at = at WHERE paid_at IS NULL AND points > 0;
)sql"},
    {16,
     "offers at friendly places and their redemptions: the price held, then confirmed by the merchant with a "
     "short-lived code, or released",
     R"sql(
CREATE TABLE points_offers (
  id {{id}},
  place_id BIGINT NOT NULL REFERENCES places(id),
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  price BIGINT NOT NULL CHECK (price BETWEEN 1 AND 100000),
  stock BIGINT CHECK (stock >= 0),
  valid_from BIGINT NOT NULL,
  valid_until BIGINT,
  active INTEGER NOT NULL DEFAULT 1,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX points_offers_place ON points_offers (place_id, id);
CREATE TABLE points_redemptions (
  id {{id}},
  offer_id BIGINT NOT NULL REFERENCES points_offers(id),
  place_id BIGINT NOT NULL REFERENCES places(id),
  worker_account_id BIGINT NOT NULL REFERENCES accounts(id),
  client_id TEXT NOT NULL,
  title TEXT NOT NULL,
  price BIGINT NOT NULL CHECK (price > 0),
  status TEXT NOT NULL CHECK (status IN ('held', 'confirmed', 'released', 'expired')),
  code_digest TEXT NOT NULL,
  code_expires_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  settled_at BIGINT,
  settled_by TEXT,
  hold_transfer_id BIGINT REFERENCES points_transfers(id),
  settle_transfer_id BIGINT REFERENCES points_transfers(id),
  UNIQUE (worker_account_id, client_id)
);
-- A typed code names one held redemption.
CREATE UNIQUE INDEX points_redemptions_held_code ON points_redemptions (code_digest) WHERE status = 'held';
CREATE INDEX points_redemptions_code ON points_redemptions (code_digest, code_expires_at);
CREATE INDEX points_redemptions_due ON points_redemptions (status, expires_at);
CREATE INDEX points_redemptions_worker ON points_redemptions (worker_account_id, id);
CREATE INDEX points_redemptions_statement ON points_redemptions (place_id, status, settled_at);
)sql"},
    {17,
     "earning rules per area (city defaults, district and street overrides) with caps per day and month, the "
     "points' lifetime, and expiry reminders",
     R"sql(
CREATE TABLE points_earning_rules (
  id {{id}},
  area_code TEXT NOT NULL,
  trigger_kind TEXT NOT NULL,
  points BIGINT NOT NULL CHECK (points >= 0),
  pool_account_id BIGINT NOT NULL REFERENCES points_accounts(id),
  daily_cap BIGINT CHECK (daily_cap > 0),
  monthly_cap BIGINT CHECK (monthly_cap > 0),
  active INTEGER NOT NULL DEFAULT 1,
  updated_by TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (area_code, trigger_kind)
);
CREATE TABLE points_settings (
  name TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);
INSERT INTO points_settings (name, value) VALUES ('lifetime_months', 12);
CREATE TABLE points_expiry_reminders (
  account_id BIGINT NOT NULL,
  month TEXT NOT NULL,
  points BIGINT NOT NULL,
  before_date TEXT NOT NULL,
  at BIGINT NOT NULL,
  PRIMARY KEY (account_id, month)
);
-- What a worker earned from one trigger today and this month (the caps).
CREATE INDEX points_transfers_earned ON points_transfers (target_id, reason, at);
-- The city's defaults, paid from the city pool.
INSERT INTO points_earning_rules (area_code, trigger_kind, points, pool_account_id, daily_cap, monthly_cap, active,
                                  updated_by, updated_at)
  SELECT 'city', 'report_confirmed', 10, id, 50, 300, 1, 'system', 0 FROM points_accounts
  WHERE kind = 'pool' AND owner_ref = 'city';
INSERT INTO points_earning_rules (area_code, trigger_kind, points, pool_account_id, daily_cap, monthly_cap, active,
                                  updated_by, updated_at)
  SELECT 'city', 'grid_month', 50, id, 50, 50, 1, 'system', 0 FROM points_accounts
  WHERE kind = 'pool' AND owner_ref = 'city';
INSERT INTO points_earning_rules (area_code, trigger_kind, points, pool_account_id, daily_cap, monthly_cap, active,
                                  updated_by, updated_at)
  SELECT 'city', 'event_attended', 20, id, 40, 200, 1, 'system', 0 FROM points_accounts
  WHERE kind = 'pool' AND owner_ref = 'city';
INSERT INTO points_earning_rules (area_code, trigger_kind, points, pool_account_id, daily_cap, monthly_cap, active,
                                  updated_by, updated_at)
  SELECT 'city', 'volunteer_hour', 10, id, 80, 400, 1, 'system', 0 FROM points_accounts
  WHERE kind = 'pool' AND owner_ref = 'city';
INSERT INTO points_earning_rules (area_code, trigger_kind, points, pool_account_id, daily_cap, monthly_cap, active,
                                  updated_by, updated_at)
  SELECT 'city', 'training_finished', 30, id, 60, 120, 1, 'system', 0 FROM points_accounts
  WHERE kind = 'pool' AND owner_ref = 'city';
INSERT INTO points_earning_rules (area_code, trigger_kind, points, pool_account_id, daily_cap, monthly_cap, active,
                                  updated_by, updated_at)
  SELECT 'city', 'honour', 100, id, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), 1, 'system', 0 FROM points_accounts
  WHERE kind = 'pool' AND owner_ref = 'city';
)sql"},
    {18,
     "sponsors (爱心单位) with their pools, members and pledges, the sponsor who pays for an offer, and drives with "
     "drop points at stations and the items logged in and out",
     R"sql(
CREATE TABLE sponsors (
  id {{id}},
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('company', 'alliance', 'merchant', 'other')),
  area_code TEXT NOT NULL REFERENCES areas(code),
  pool_account_id BIGINT REFERENCES points_accounts(id),
  intro TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX sponsors_area ON sponsors (area_code, id);
CREATE TABLE sponsor_members (
  account_id BIGINT PRIMARY KEY REFERENCES accounts(id),
  sponsor_id BIGINT NOT NULL REFERENCES sponsors(id)
);
CREATE INDEX sponsor_members_sponsor ON sponsor_members (sponsor_id);
ALTER TABLE points_offers ADD COLUMN sponsor_id BIGINT REFERENCES sponsors(id);
CREATE TABLE sponsor_pledges (
  id {{id}},
  sponsor_id BIGINT NOT NULL REFERENCES sponsors(id),
  amount BIGINT NOT NULL CHECK (amount > 0),
  note TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('pledged', 'funded', 'declined')),
  pledged_by TEXT NOT NULL,
  pledged_at BIGINT NOT NULL,
  decided_by TEXT,
  decided_at BIGINT,
  transfer_id BIGINT REFERENCES points_transfers(id)
);
CREATE INDEX sponsor_pledges_sponsor ON sponsor_pledges (sponsor_id, id);
CREATE INDEX sponsor_pledges_status ON sponsor_pledges (status, id);
CREATE TABLE drives (
  id {{id}},
  title TEXT NOT NULL,
  story TEXT NOT NULL DEFAULT '',
  area_code TEXT NOT NULL REFERENCES areas(code),
  collects TEXT NOT NULL,
  goal BIGINT CHECK (goal > 0),
  starts_at BIGINT NOT NULL,
  ends_at BIGINT NOT NULL,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE drive_points (
  drive_id BIGINT NOT NULL REFERENCES drives(id),
  place_id BIGINT NOT NULL REFERENCES places(id),
  PRIMARY KEY (drive_id, place_id)
);
CREATE TABLE drive_items (
  id {{id}},
  drive_id BIGINT NOT NULL REFERENCES drives(id),
  place_id BIGINT NOT NULL REFERENCES places(id),
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  organisation TEXT NOT NULL,
  sponsor_id BIGINT REFERENCES sponsors(id),
  count BIGINT NOT NULL CHECK (count > 0),
  recipient_kind TEXT,
  note TEXT NOT NULL DEFAULT '',
  logged_by TEXT NOT NULL,
  logged_at BIGINT NOT NULL
);
CREATE INDEX drive_items_drive ON drive_items (drive_id, place_id, id);
)sql"},
    {19,
     "micro-wishes (微心愿): a worker's small wish verified by the community, claimed by one sponsor at a time, "
     "fulfilled with a photo and confirmed with thanks",
     R"sql(
CREATE TABLE wishes (
  id {{id}},
  worker_id BIGINT NOT NULL REFERENCES workers(id),
  worker_account_id BIGINT REFERENCES accounts(id),
  worker_kind TEXT NOT NULL,
  area_code TEXT NOT NULL REFERENCES areas(code),
  area_path TEXT NOT NULL,
  title TEXT NOT NULL,
  reason TEXT NOT NULL,
  category TEXT NOT NULL,
  value_yuan BIGINT NOT NULL CHECK (value_yuan > 0),
  status TEXT NOT NULL CHECK (status IN ('submitted', 'verified', 'rejected', 'claimed', 'fulfilled', 'confirmed',
                                         'withdrawn')),
  posted_by_account_id BIGINT NOT NULL REFERENCES accounts(id),
  posted_by TEXT NOT NULL,
  reviewed_by TEXT,
  reviewed_at BIGINT,
  reject_reason TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX wishes_status ON wishes (status, id);
CREATE INDEX wishes_worker ON wishes (worker_account_id, id);
CREATE INDEX wishes_poster ON wishes (posted_by_account_id, id);
CREATE INDEX wishes_area ON wishes (area_path, status);
CREATE TABLE wish_claims (
  id {{id}},
  wish_id BIGINT NOT NULL REFERENCES wishes(id),
  sponsor_id BIGINT NOT NULL REFERENCES sponsors(id),
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  status TEXT NOT NULL CHECK (status IN ('active', 'lapsed', 'fulfilled', 'withdrawn')),
  claimed_at BIGINT NOT NULL,
  due_at BIGINT NOT NULL,
  fulfilled_at BIGINT,
  note TEXT,
  photo_type TEXT,
  photo_base64 TEXT,
  thumb_base64 TEXT,
  photo_public_id TEXT UNIQUE,
  confirmed_at BIGINT,
  thanks TEXT
);
-- One active claim per wish, however many servers race for it.
CREATE UNIQUE INDEX wish_claims_one_active ON wish_claims (wish_id) WHERE status = 'active';
CREATE INDEX wish_claims_due ON wish_claims (status, due_at);
CREATE INDEX wish_claims_sponsor ON wish_claims (sponsor_id, wish_id);
)sql"},
    {20,
     "honours: campaigns through their stages, nominations with evidence from records, votes limited per person "
     "by unique slots, flagged votes, signed revocable certificates",
     R"sql(
CREATE TABLE honour_campaigns (
  id {{id}},
  title TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('best_rider', 'best_courier', 'skills_champion', 'grid_reporter')),
  area_code TEXT NOT NULL REFERENCES areas(code),
  area_path TEXT NOT NULL,
  stage TEXT NOT NULL CHECK (stage IN ('nominating', 'reviewing', 'voting', 'announced')),
  nominating_until BIGINT NOT NULL,
  reviewing_until BIGINT NOT NULL,
  voting_until BIGINT NOT NULL,
  winners BIGINT NOT NULL CHECK (winners BETWEEN 1 AND 50),
  votes_per_person BIGINT NOT NULL CHECK (votes_per_person BETWEEN 1 AND 20),
  prize_points BIGINT NOT NULL DEFAULT 0 CHECK (prize_points >= 0),
  pool_account_id BIGINT REFERENCES points_accounts(id),
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  announced_at BIGINT
);
CREATE INDEX honour_campaigns_area ON honour_campaigns (area_path, id);
CREATE TABLE honour_nominations (
  id {{id}},
  campaign_id BIGINT NOT NULL REFERENCES honour_campaigns(id),
  nominee_ref TEXT NOT NULL,
  worker_id BIGINT REFERENCES workers(id),
  account_id BIGINT REFERENCES accounts(id),
  nominee_name TEXT NOT NULL,
  nominee_kind TEXT NOT NULL,
  citation TEXT NOT NULL,
  evidence_json TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
  review_reason TEXT,
  reviewed_by TEXT,
  reviewed_at BIGINT,
  nominated_by TEXT NOT NULL,
  nominated_at BIGINT NOT NULL,
  result_rank BIGINT,
  winner INTEGER NOT NULL DEFAULT 0,
  prize_transfer_id BIGINT REFERENCES points_transfers(id),
  UNIQUE (campaign_id, nominee_ref)
);
-- A vote fills one of its voter's slots 1..votes_per_person: two racing votes cannot share a slot.
CREATE TABLE honour_votes (
  id {{id}},
  campaign_id BIGINT NOT NULL REFERENCES honour_campaigns(id),
  nomination_id BIGINT NOT NULL REFERENCES honour_nominations(id),
  voter_account_id BIGINT NOT NULL REFERENCES accounts(id),
  slot BIGINT NOT NULL CHECK (slot >= 1),
  address_digest TEXT NOT NULL,
  at BIGINT NOT NULL,
  UNIQUE (campaign_id, voter_account_id, slot),
  UNIQUE (nomination_id, voter_account_id)
);
CREATE INDEX honour_votes_address ON honour_votes (campaign_id, address_digest, at);
CREATE TABLE honour_vote_flags (
  id {{id}},
  campaign_id BIGINT NOT NULL REFERENCES honour_campaigns(id),
  nomination_id BIGINT NOT NULL REFERENCES honour_nominations(id),
  voter_account_id BIGINT NOT NULL REFERENCES accounts(id),
  address_digest TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX honour_vote_flags_campaign ON honour_vote_flags (campaign_id, at);
CREATE TABLE honour_signing_keys (
  id {{id}},
  public_key TEXT NOT NULL,
  sealed_secret TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE honour_certificates (
  serial TEXT PRIMARY KEY,
  campaign_id BIGINT NOT NULL REFERENCES honour_campaigns(id),
  nomination_id BIGINT NOT NULL UNIQUE REFERENCES honour_nominations(id),
  nominee_name TEXT NOT NULL,
  key_id BIGINT NOT NULL REFERENCES honour_signing_keys(id),
  signature TEXT NOT NULL,
  issued_at BIGINT NOT NULL,
  revoked_at BIGINT,
  revoked_by TEXT,
  revoke_reason TEXT
);
)sql"},
    {21, "riders rate how merchants hand over orders, once a place a Beijing day; monthly lists frozen when published",
     R"sql(
CREATE TABLE handover_ratings (
  id {{id}},
  place_id BIGINT NOT NULL REFERENCES places(id),
  worker_id BIGINT NOT NULL REFERENCES workers(id),
  day TEXT NOT NULL,
  month TEXT NOT NULL,
  wait TEXT NOT NULL CHECK (wait IN ('under_5', '5_10', '10_20', 'over_20')),
  place_to_wait INTEGER NOT NULL CHECK (place_to_wait IN (0, 1)),
  respect INTEGER NOT NULL CHECK (respect BETWEEN 1 AND 5),
  comment TEXT NOT NULL DEFAULT '',
  at BIGINT NOT NULL
);
-- One rating per worker per place per Beijing day: a second one that day replaces the first.
CREATE UNIQUE INDEX handover_ratings_one_a_day ON handover_ratings (place_id, worker_id, day);
CREATE INDEX handover_ratings_month ON handover_ratings (month, place_id);
CREATE INDEX handover_ratings_place_at ON handover_ratings (place_id, at);
CREATE INDEX handover_ratings_worker ON handover_ratings (worker_id);
CREATE TABLE published_rankings (
  id {{id}},
  kind TEXT NOT NULL CHECK (kind IN ('merchants', 'compounds')),
  month TEXT NOT NULL,
  area_code TEXT NOT NULL REFERENCES areas(code),
  area_name TEXT NOT NULL,
  entries_json TEXT NOT NULL,
  area_mean DOUBLE PRECISION NOT NULL,
  too_few_raters BIGINT NOT NULL,
  min_raters BIGINT NOT NULL,
  published_at BIGINT NOT NULL,
  published_by TEXT NOT NULL,
  UNIQUE (kind, month, area_code)
);
)sql"},
    {22, "wrong redemption codes typed per merchant account, so that guessing is limited across restarts and servers",
     R"sql(
CREATE TABLE points_wrong_codes (
  id {{id}},
  account_id BIGINT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX points_wrong_codes_account ON points_wrong_codes (account_id, at);
)sql"},
    {23, "events with their weekly series and registrations: seats unique per event, a waiting list, held offers",
     R"sql(
CREATE TABLE event_series (
  id {{id}},
  rule TEXT NOT NULL,
  until_at BIGINT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES accounts(id),
  created_at BIGINT NOT NULL
);
CREATE TABLE events (
  id {{id}},
  uid TEXT NOT NULL UNIQUE,
  series_id BIGINT REFERENCES event_series(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  organiser_kind TEXT NOT NULL,
  organiser_name TEXT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES accounts(id),
  area_code TEXT NOT NULL REFERENCES areas(code),
  area_path TEXT NOT NULL,
  place_id BIGINT REFERENCES places(id),
  compound_code TEXT REFERENCES areas(code),
  address TEXT NOT NULL DEFAULT '',
  lat DOUBLE PRECISION NOT NULL,
  lon DOUBLE PRECISION NOT NULL,
  starts_at BIGINT NOT NULL,
  ends_at BIGINT NOT NULL,
  capacity INTEGER NOT NULL,
  hold_minutes INTEGER NOT NULL DEFAULT 120,
  walk_ins INTEGER NOT NULL DEFAULT 0,
  family INTEGER NOT NULL DEFAULT 0,
  eligibility TEXT NOT NULL DEFAULT '{}',
  course_id BIGINT,
  team_id BIGINT,
  status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled','cancelled')),
  cancel_reason TEXT NOT NULL DEFAULT '',
  sequence INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX events_area_path_start ON events(area_path, starts_at);
CREATE INDEX events_start ON events(starts_at);
CREATE TABLE event_registrations (
  id {{id}},
  event_id BIGINT NOT NULL REFERENCES events(id),
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  status TEXT NOT NULL CHECK (status IN ('confirmed','offered','waiting','cancelled','lapsed')),
  seat INTEGER,
  offered_until BIGINT,
  family_count INTEGER NOT NULL DEFAULT 0,
  registered_at BIGINT NOT NULL,
  cancelled_at BIGINT,
  cancelled_by TEXT NOT NULL DEFAULT '',
  cancel_reason TEXT NOT NULL DEFAULT '',
  reminded_day INTEGER NOT NULL DEFAULT 0,
  reminded_hour INTEGER NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX event_registrations_seat ON event_registrations(event_id, seat);
CREATE UNIQUE INDEX event_registrations_active ON event_registrations(event_id, account_id)
  WHERE status IN ('confirmed','offered','waiting');
CREATE INDEX event_registrations_account ON event_registrations(account_id, event_id);
)sql"},
    {24, "check-ins at an event's door: offline scans keyed by their nonce, the real scan time, walk-ins flagged",
     R"sql(
CREATE TABLE event_checkins (
  id {{id}},
  event_id BIGINT NOT NULL REFERENCES events(id),
  account_id BIGINT REFERENCES accounts(id),
  worker_id BIGINT NOT NULL REFERENCES workers(id),
  registration_id BIGINT REFERENCES event_registrations(id),
  direction TEXT NOT NULL CHECK (direction IN ('in','out')),
  nonce TEXT NOT NULL,
  scanned_at BIGINT NOT NULL,
  received_at BIGINT NOT NULL,
  scanner_account_id BIGINT NOT NULL REFERENCES accounts(id),
  method TEXT NOT NULL CHECK (method IN ('camera','scanner','manual')),
  walk_in INTEGER NOT NULL DEFAULT 0,
  evidence TEXT NOT NULL CHECK (evidence IN ('verified','unverified')),
  reason TEXT,
  UNIQUE (event_id, nonce)
);
CREATE INDEX event_checkins_event_worker ON event_checkins(event_id, worker_id, scanned_at);
CREATE INDEX event_checkins_account ON event_checkins(account_id, event_id);
)sql"},
    {25, "personal calendar feed tokens: only a keyed digest stored, one live token per account, revocable",
     R"sql(
CREATE TABLE calendar_tokens (
  id {{id}},
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX calendar_tokens_account ON calendar_tokens(account_id, revoked_at);
)sql"},
    {26, "signed certificates with the city's certificate key; training courses and completions; skills contests",
     R"sql(
CREATE TABLE certificate_keys (
  id {{id}},
  public_key TEXT NOT NULL,
  sealed_secret TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE certificates (
  id {{id}},
  serial TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('training','volunteer_hours','appointment')),
  holder_account_id BIGINT NOT NULL REFERENCES accounts(id),
  holder_name TEXT NOT NULL,
  title TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '',
  area_code TEXT NOT NULL REFERENCES areas(code),
  reference TEXT NOT NULL UNIQUE,
  issued_at BIGINT NOT NULL,
  valid_until BIGINT NOT NULL DEFAULT 0,
  key_id BIGINT NOT NULL REFERENCES certificate_keys(id),
  signature TEXT NOT NULL,
  revoked_at BIGINT,
  revoked_by TEXT,
  revoke_reason TEXT
);
CREATE INDEX certificates_holder ON certificates(holder_account_id, issued_at);
CREATE TABLE training_courses (
  id {{id}},
  topic TEXT NOT NULL CHECK (topic IN ('traffic_safety','food_safety','first_aid','skills')),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  hours INTEGER NOT NULL,
  area_code TEXT NOT NULL REFERENCES areas(code),
  area_path TEXT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES accounts(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX training_courses_area ON training_courses(area_path);
CREATE TABLE training_completions (
  id {{id}},
  course_id BIGINT NOT NULL REFERENCES training_courses(id),
  event_id BIGINT NOT NULL REFERENCES events(id),
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  passed INTEGER NOT NULL,
  score INTEGER,
  recorded_by BIGINT NOT NULL REFERENCES accounts(id),
  recorded_at BIGINT NOT NULL,
  certificate_id BIGINT REFERENCES certificates(id),
  UNIQUE (course_id, account_id)
);
CREATE INDEX training_completions_event ON training_completions(event_id);
CREATE TABLE skills_contests (
  id {{id}},
  event_id BIGINT NOT NULL REFERENCES events(id),
  title TEXT NOT NULL,
  area_code TEXT NOT NULL REFERENCES areas(code),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),
  campaign_id BIGINT REFERENCES honour_campaigns(id),
  created_at BIGINT NOT NULL
);
CREATE TABLE contest_scores (
  contest_id BIGINT NOT NULL REFERENCES skills_contests(id),
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  score INTEGER NOT NULL,
  recorded_by BIGINT NOT NULL REFERENCES accounts(id),
  at BIGINT NOT NULL,
  UNIQUE (contest_id, account_id)
);
)sql"},
    {27,
     "volunteer teams per street or platform, their members and leaders, hours by door scan or logged, "
     "appointment letters",
     R"sql(
CREATE TABLE volunteer_teams (
  id {{id}},
  name TEXT NOT NULL,
  scope TEXT NOT NULL CHECK (scope IN ('street','platform')),
  area_code TEXT NOT NULL REFERENCES areas(code),
  area_path TEXT NOT NULL,
  platform TEXT NOT NULL DEFAULT '',
  intro TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL REFERENCES accounts(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX volunteer_teams_area ON volunteer_teams(area_path);
CREATE TABLE volunteer_members (
  team_id BIGINT NOT NULL REFERENCES volunteer_teams(id),
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  role TEXT NOT NULL CHECK (role IN ('leader','member')),
  joined_at BIGINT NOT NULL,
  left_at BIGINT,
  UNIQUE (team_id, account_id)
);
CREATE INDEX volunteer_members_account ON volunteer_members(account_id);
CREATE TABLE volunteer_hours (
  id {{id}},
  team_id BIGINT NOT NULL REFERENCES volunteer_teams(id),
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  event_id BIGINT REFERENCES events(id),
  day TEXT NOT NULL,
  minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 720),
  source TEXT NOT NULL CHECK (source IN ('scan','manual')),
  status TEXT NOT NULL CHECK (status IN ('pending','approved','rejected')),
  note TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL,
  decided_by TEXT,
  decided_at BIGINT,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX volunteer_hours_scan ON volunteer_hours(event_id, account_id) WHERE source = 'scan';
CREATE INDEX volunteer_hours_account_day ON volunteer_hours(account_id, day);
CREATE INDEX volunteer_hours_team_day ON volunteer_hours(team_id, day);
CREATE TABLE appointments (
  id {{id}},
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  area_code TEXT NOT NULL REFERENCES areas(code),
  area_path TEXT NOT NULL,
  term_from TEXT NOT NULL,
  term_until TEXT NOT NULL,
  certificate_id BIGINT REFERENCES certificates(id),
  certificate_serial TEXT NOT NULL DEFAULT '',
  issued_by BIGINT NOT NULL REFERENCES accounts(id),
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX appointments_account ON appointments(account_id);
CREATE INDEX appointments_area ON appointments(area_path);
)sql"},
    {28, "children registered by worker parents for childcare classes, and their attendance by Beijing day", R"sql(
CREATE TABLE event_children (
  id {{id}},
  registration_id BIGINT NOT NULL REFERENCES event_registrations(id),
  event_id BIGINT NOT NULL REFERENCES events(id),
  given_name TEXT NOT NULL,
  age INTEGER NOT NULL CHECK (age BETWEEN 0 AND 15),
  note TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  removed_at BIGINT
);
CREATE INDEX event_children_event ON event_children(event_id, id);
CREATE INDEX event_children_registration ON event_children(registration_id);
CREATE TABLE child_attendance (
  child_id BIGINT NOT NULL REFERENCES event_children(id),
  day TEXT NOT NULL,
  present INTEGER NOT NULL CHECK (present IN (0, 1)),
  recorded_by BIGINT NOT NULL REFERENCES accounts(id),
  recorded_at BIGINT NOT NULL,
  UNIQUE (child_id, day)
);
)sql"},
    {29,
     "an area's calendar feed stamps (count, newest change, sequences) from the index alone, so a 304 reads no rows",
     R"sql(
CREATE INDEX events_feed_stamp ON events(area_path, starts_at, updated_at, sequence);
CREATE INDEX events_area_code_start ON events(area_code, starts_at, updated_at, sequence);
)sql"},
    {30, "held places whose offer ran out, found without reading every registration (listing events lapses them)",
     R"sql(
CREATE INDEX event_registrations_offers ON event_registrations(offered_until) WHERE status = 'offered';
)sql"},
};

std::string ForDialect(std::string_view sql, Dialect dialect) {
  std::string out(sql);
  const std::string_view id =
      dialect == Dialect::kSqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY";
  for (auto at = out.find("{{id}}"); at != std::string::npos; at = out.find("{{id}}", at)) out.replace(at, 6, id);
  return out;
}

}  // namespace

int LatestSchemaVersion() { return kMigrations[std::size(kMigrations) - 1].version; }

int Migrate(Connection& connection) {
  connection.ExecuteScript(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
      "applied_at BIGINT NOT NULL)");
  int applied = 0;
  Transaction transaction(connection);
  if (connection.dialect() == Dialect::kPostgres) {
    // Two servers starting at once must not both apply the same migration.
    connection.Query("SELECT pg_advisory_xact_lock(7256001)");
  }
  const long long current = connection.QueryInt("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  for (const Migration& migration : kMigrations) {
    if (migration.version <= current) continue;
    connection.ExecuteScript(ForDialect(migration.sql, connection.dialect()));
    connection.Execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                       {static_cast<long long>(migration.version), std::string(migration.name), NowSeconds()});
    ++applied;
  }
  transaction.Commit();
  return applied;
}

}  // namespace youhao::storage
