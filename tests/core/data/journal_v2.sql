-- A journal made by Unknot schema version 2 (tests/core/storage/migration_test.cc):
-- the v1 fixture plus a stored triage result, and one cell of a v3 table
-- (sessions) received from a newer device before this one migrated.
PRAGMA user_version = 2;
BEGIN TRANSACTION;
CREATE TABLE cells(
  tbl TEXT NOT NULL,
  row TEXT NOT NULL,
  col TEXT NOT NULL,
  hlc TEXT NOT NULL,
  value,
  seq INTEGER NOT NULL,
  PRIMARY KEY(tbl, row, col)
) WITHOUT ROWID;
INSERT INTO "cells" VALUES('custom_triggers','custom_gardening','deleted','2026-01-01T00:00:00.000Z-0000-ed8f01dbe4140b1d',0,2);
INSERT INTO "cells" VALUES('custom_triggers','custom_gardening','label','2026-01-01T00:00:00.000Z-0000-ed8f01dbe4140b1d','Gardening',1);
INSERT INTO "cells" VALUES('entries','89a9817b8a6f46b301dd50d0a6e8eb9c','at','2026-01-01T00:00:00.000Z-0001-ed8f01dbe4140b1d',1767254400000,3);
INSERT INTO "cells" VALUES('entries','89a9817b8a6f46b301dd50d0a6e8eb9c','flare','2026-01-01T00:00:00.000Z-0001-ed8f01dbe4140b1d',1,5);
INSERT INTO "cells" VALUES('entries','89a9817b8a6f46b301dd50d0a6e8eb9c','note','2026-01-01T00:00:00.000Z-0001-ed8f01dbe4140b1d','v1 fixture',9);
INSERT INTO "cells" VALUES('entries','89a9817b8a6f46b301dd50d0a6e8eb9c','rom','2026-01-01T00:00:00.000Z-0001-ed8f01dbe4140b1d','limited',6);
INSERT INTO "cells" VALUES('entries','89a9817b8a6f46b301dd50d0a6e8eb9c','sleep','2026-01-01T00:00:00.000Z-0001-ed8f01dbe4140b1d',4,8);
INSERT INTO "cells" VALUES('entries','89a9817b8a6f46b301dd50d0a6e8eb9c','stress','2026-01-01T00:00:00.000Z-0001-ed8f01dbe4140b1d',6,7);
INSERT INTO "cells" VALUES('entries','89a9817b8a6f46b301dd50d0a6e8eb9c','tz_offset','2026-01-01T00:00:00.000Z-0001-ed8f01dbe4140b1d',60,4);
INSERT INTO "cells" VALUES('entries','cfc9ab66fb64a7129699b7caad8d6837','at','2026-01-01T00:01:00.000Z-0000-ed8f01dbe4140b1d',1767333600000,18);
INSERT INTO "cells" VALUES('entries','cfc9ab66fb64a7129699b7caad8d6837','deleted','2026-01-01T00:03:00.000Z-0000-ed8f01dbe4140b1d',1,25);
INSERT INTO "cells" VALUES('entries','cfc9ab66fb64a7129699b7caad8d6837','flare','2026-01-01T00:01:00.000Z-0000-ed8f01dbe4140b1d',0,20);
INSERT INTO "cells" VALUES('entries','cfc9ab66fb64a7129699b7caad8d6837','tz_offset','2026-01-01T00:01:00.000Z-0000-ed8f01dbe4140b1d',0,19);
INSERT INTO "cells" VALUES('entry_sites','89a9817b8a6f46b301dd50d0a6e8eb9c:levator_scapulae:right','deleted','2026-01-01T00:02:00.000Z-0000-ed8f01dbe4140b1d',1,24);
INSERT INTO "cells" VALUES('entry_sites','89a9817b8a6f46b301dd50d0a6e8eb9c:levator_scapulae:right','intensity','2026-01-01T00:00:00.000Z-0001-ed8f01dbe4140b1d',4,11);
INSERT INTO "cells" VALUES('entry_sites','89a9817b8a6f46b301dd50d0a6e8eb9c:upper_trapezius:left','deleted','2026-01-01T00:02:00.000Z-0000-ed8f01dbe4140b1d',0,23);
INSERT INTO "cells" VALUES('entry_sites','89a9817b8a6f46b301dd50d0a6e8eb9c:upper_trapezius:left','intensity','2026-01-01T00:02:00.000Z-0000-ed8f01dbe4140b1d',5,22);
INSERT INTO "cells" VALUES('entry_sites','cfc9ab66fb64a7129699b7caad8d6837:lower_back:both','intensity','2026-01-01T00:01:00.000Z-0000-ed8f01dbe4140b1d',3,21);
INSERT INTO "cells" VALUES('entry_tags','89a9817b8a6f46b301dd50d0a6e8eb9c:helped:heat','deleted','2026-01-01T00:00:00.000Z-0001-ed8f01dbe4140b1d',0,16);
INSERT INTO "cells" VALUES('entry_tags','89a9817b8a6f46b301dd50d0a6e8eb9c:medication:01176124e8b813c1','text','2026-01-01T00:00:00.000Z-0001-ed8f01dbe4140b1d','Ibuprofen 200 mg',17);
INSERT INTO "cells" VALUES('entry_tags','89a9817b8a6f46b301dd50d0a6e8eb9c:quality:aching','deleted','2026-01-01T00:00:00.000Z-0001-ed8f01dbe4140b1d',0,12);
INSERT INTO "cells" VALUES('entry_tags','89a9817b8a6f46b301dd50d0a6e8eb9c:quality:tight','deleted','2026-01-01T00:00:00.000Z-0001-ed8f01dbe4140b1d',0,13);
INSERT INTO "cells" VALUES('entry_tags','89a9817b8a6f46b301dd50d0a6e8eb9c:trigger:custom_gardening','deleted','2026-01-01T00:00:00.000Z-0001-ed8f01dbe4140b1d',0,15);
INSERT INTO "cells" VALUES('entry_tags','89a9817b8a6f46b301dd50d0a6e8eb9c:trigger:long_sitting','deleted','2026-01-01T00:00:00.000Z-0001-ed8f01dbe4140b1d',0,14);
INSERT INTO "cells" VALUES('sessions','019b76d8f80000000000000000000002','routine_id','2026-01-01T00:00:00.000Z-0003-aaaaaaaaaaaaaaaa','deep_breathing',31);
INSERT INTO "cells" VALUES('triage_results','019b76d8f80000000000000000000001','at','2026-01-01T00:00:00.000Z-0002-ed8f01dbe4140b1d',1767225600000,26);
INSERT INTO "cells" VALUES('triage_results','019b76d8f80000000000000000000001','deleted','2026-01-01T00:00:00.000Z-0002-ed8f01dbe4140b1d',0,30);
INSERT INTO "cells" VALUES('triage_results','019b76d8f80000000000000000000001','level','2026-01-01T00:00:00.000Z-0002-ed8f01dbe4140b1d','soon',27);
INSERT INTO "cells" VALUES('triage_results','019b76d8f80000000000000000000001','result','2026-01-01T00:00:00.000Z-0002-ed8f01dbe4140b1d','{"level":"soon","rules":[{"id":"weakness_numbness","level":"soon","message":"Weakness or numbness should be checked by a doctor.","pauses":"none","source":"seed"}],"unanswered":[],"ruleset_version":"2026.1"}',29);
INSERT INTO "cells" VALUES('triage_results','019b76d8f80000000000000000000001','ruleset_version','2026-01-01T00:00:00.000Z-0002-ed8f01dbe4140b1d','2026.1',28);
CREATE TABLE custom_triggers(
  id TEXT PRIMARY KEY,
  label TEXT,
  deleted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO "custom_triggers" VALUES('custom_gardening','Gardening',0);
CREATE TABLE entries(
  id TEXT PRIMARY KEY,
  at INTEGER,
  tz_offset INTEGER,
  flare INTEGER,
  rom TEXT,
  stress INTEGER,
  sleep INTEGER,
  note TEXT,
  deleted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO "entries" VALUES('89a9817b8a6f46b301dd50d0a6e8eb9c',1767254400000,60,1,'limited',6,4,'v1 fixture',0);
INSERT INTO "entries" VALUES('cfc9ab66fb64a7129699b7caad8d6837',1767333600000,0,0,NULL,NULL,NULL,NULL,1);
CREATE TABLE entry_sites(
  id TEXT PRIMARY KEY,
  entry_id TEXT NOT NULL,
  site TEXT NOT NULL,
  side TEXT NOT NULL,
  intensity INTEGER,
  deleted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO "entry_sites" VALUES('89a9817b8a6f46b301dd50d0a6e8eb9c:levator_scapulae:right','89a9817b8a6f46b301dd50d0a6e8eb9c','levator_scapulae','right',4,1);
INSERT INTO "entry_sites" VALUES('89a9817b8a6f46b301dd50d0a6e8eb9c:upper_trapezius:left','89a9817b8a6f46b301dd50d0a6e8eb9c','upper_trapezius','left',5,0);
INSERT INTO "entry_sites" VALUES('cfc9ab66fb64a7129699b7caad8d6837:lower_back:both','cfc9ab66fb64a7129699b7caad8d6837','lower_back','both',3,0);
CREATE TABLE entry_tags(
  id TEXT PRIMARY KEY,
  entry_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  text TEXT,
  deleted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO "entry_tags" VALUES('89a9817b8a6f46b301dd50d0a6e8eb9c:helped:heat','89a9817b8a6f46b301dd50d0a6e8eb9c','helped','heat',NULL,0);
INSERT INTO "entry_tags" VALUES('89a9817b8a6f46b301dd50d0a6e8eb9c:medication:01176124e8b813c1','89a9817b8a6f46b301dd50d0a6e8eb9c','medication','01176124e8b813c1','Ibuprofen 200 mg',0);
INSERT INTO "entry_tags" VALUES('89a9817b8a6f46b301dd50d0a6e8eb9c:quality:aching','89a9817b8a6f46b301dd50d0a6e8eb9c','quality','aching',NULL,0);
INSERT INTO "entry_tags" VALUES('89a9817b8a6f46b301dd50d0a6e8eb9c:quality:tight','89a9817b8a6f46b301dd50d0a6e8eb9c','quality','tight',NULL,0);
INSERT INTO "entry_tags" VALUES('89a9817b8a6f46b301dd50d0a6e8eb9c:trigger:custom_gardening','89a9817b8a6f46b301dd50d0a6e8eb9c','trigger','custom_gardening',NULL,0);
INSERT INTO "entry_tags" VALUES('89a9817b8a6f46b301dd50d0a6e8eb9c:trigger:long_sitting','89a9817b8a6f46b301dd50d0a6e8eb9c','trigger','long_sitting',NULL,0);
CREATE TABLE meta(
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO "meta" VALUES('clock','2026-01-01T00:00:00.000Z-0002-ed8f01dbe4140b1d');
INSERT INTO "meta" VALUES('device_id','ed8f01dbe4140b1d');
CREATE TABLE triage_results(
  id TEXT PRIMARY KEY,
  at INTEGER,
  level TEXT,
  ruleset_version TEXT,
  result TEXT,
  deleted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO "triage_results" VALUES('019b76d8f80000000000000000000001',1767225600000,'soon','2026.1','{"level":"soon","rules":[{"id":"weakness_numbness","level":"soon","message":"Weakness or numbness should be checked by a doctor.","pauses":"none","source":"seed"}],"unanswered":[],"ruleset_version":"2026.1"}',0);
CREATE INDEX cells_by_seq ON cells(seq);
CREATE INDEX entries_by_at ON entries(at);
CREATE INDEX entry_sites_by_entry ON entry_sites(entry_id);
CREATE INDEX entry_tags_by_entry ON entry_tags(entry_id);
CREATE INDEX triage_results_by_at ON triage_results(at);
COMMIT;
