-- A journal made by Unknot schema version 5 (tests/core/storage/migration_test.cc):
-- the v4 fixture migrated, plus a custom trigger of the user's, and two cells
-- received from a newer device before this one migrated: a column of
-- `entries` (mood_v9) and a row of a table (future_table) this code does not
-- know. Version 6 moves every known cell's stamp into its row; these two
-- stay in `cells`.
-- Made by the schema-5 code (commit 25736c7).
PRAGMA user_version = 5;
PRAGMA foreign_keys=OFF;
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
INSERT INTO cells VALUES('custom_routines','r019b864dbc00d70d3259e4e1cb631c66','deleted','2026-01-04T00:00:00.000Z-0000-ed8f01dbe4140b1d',0,36);
INSERT INTO cells VALUES('custom_routines','r019b864dbc00d70d3259e4e1cb631c66','kind','2026-01-04T00:00:00.000Z-0000-ed8f01dbe4140b1d','stretch',33);
INSERT INTO cells VALUES('custom_routines','r019b864dbc00d70d3259e4e1cb631c66','steps','2026-01-04T00:00:00.000Z-0000-ed8f01dbe4140b1d','[{"max_reps":0,"max_seconds":0,"per_side":true,"reps":3,"rest_seconds":0,"seconds":30,"seconds_65_plus":0,"text":"Tilt your head"}]',35);
INSERT INTO cells VALUES('custom_routines','r019b864dbc00d70d3259e4e1cb631c66','targets','2026-01-04T00:00:00.000Z-0000-ed8f01dbe4140b1d','upper_trapezius',34);
INSERT INTO cells VALUES('custom_routines','r019b864dbc00d70d3259e4e1cb631c66','title','2026-01-04T00:00:00.000Z-0000-ed8f01dbe4140b1d','v3 fixture routine',32);
INSERT INTO cells VALUES('custom_routines','r019b8b741800646070befe52afae62ea','deleted','2026-01-05T00:00:00.000Z-0001-ed8f01dbe4140b1d',0,71);
INSERT INTO cells VALUES('custom_routines','r019b8b741800646070befe52afae62ea','kind','2026-01-05T00:00:00.000Z-0001-ed8f01dbe4140b1d','stretch',68);
INSERT INTO cells VALUES('custom_routines','r019b8b741800646070befe52afae62ea','steps','2026-01-05T00:00:00.000Z-0001-ed8f01dbe4140b1d','[{"max_reps":0,"max_seconds":0,"per_side":false,"reps":3,"rest_seconds":0,"seconds":30,"seconds_65_plus":0,"text":"Lean into the doorway"}]',70);
INSERT INTO cells VALUES('custom_routines','r019b8b741800646070befe52afae62ea','targets','2026-01-05T00:00:00.000Z-0001-ed8f01dbe4140b1d','pectoralis_major',69);
INSERT INTO cells VALUES('custom_routines','r019b8b741800646070befe52afae62ea','title','2026-01-05T00:00:00.000Z-0001-ed8f01dbe4140b1d','v4 fixture doorway stretch',67);
INSERT INTO cells VALUES('custom_triggers','custom_carrying_my_toddler','deleted','2026-12-07T01:26:04.735Z-0000-ed8f01dbe4140b1d',0,75);
INSERT INTO cells VALUES('custom_triggers','custom_carrying_my_toddler','label','2026-12-07T01:26:04.735Z-0000-ed8f01dbe4140b1d','Carrying my toddler',74);
INSERT INTO cells VALUES('custom_triggers','custom_gardening','deleted','2026-01-01T00:00:00.000Z-0000-ed8f01dbe4140b1d',0,2);
INSERT INTO cells VALUES('custom_triggers','custom_gardening','label','2026-01-01T00:00:00.000Z-0000-ed8f01dbe4140b1d','Gardening',1);
INSERT INTO cells VALUES('entries','89a9817b8a6f46b301dd50d0a6e8eb9c','at','2026-01-01T00:00:00.000Z-0001-ed8f01dbe4140b1d',1767254400000,3);
INSERT INTO cells VALUES('entries','89a9817b8a6f46b301dd50d0a6e8eb9c','flare','2026-01-01T00:00:00.000Z-0001-ed8f01dbe4140b1d',1,5);
INSERT INTO cells VALUES('entries','89a9817b8a6f46b301dd50d0a6e8eb9c','mood_v9','2026-01-05T00:00:00.000Z-0000-00000000000000bb',3,0);
INSERT INTO cells VALUES('entries','89a9817b8a6f46b301dd50d0a6e8eb9c','note','2026-01-01T00:00:00.000Z-0001-ed8f01dbe4140b1d','v1 fixture',9);
INSERT INTO cells VALUES('entries','89a9817b8a6f46b301dd50d0a6e8eb9c','rom','2026-01-01T00:00:00.000Z-0001-ed8f01dbe4140b1d','limited',6);
INSERT INTO cells VALUES('entries','89a9817b8a6f46b301dd50d0a6e8eb9c','sleep','2026-01-01T00:00:00.000Z-0001-ed8f01dbe4140b1d',4,8);
INSERT INTO cells VALUES('entries','89a9817b8a6f46b301dd50d0a6e8eb9c','stress','2026-01-01T00:00:00.000Z-0001-ed8f01dbe4140b1d',6,7);
INSERT INTO cells VALUES('entries','89a9817b8a6f46b301dd50d0a6e8eb9c','tz_offset','2026-01-01T00:00:00.000Z-0001-ed8f01dbe4140b1d',60,4);
INSERT INTO cells VALUES('entries','cfc9ab66fb64a7129699b7caad8d6837','at','2026-01-01T00:01:00.000Z-0000-ed8f01dbe4140b1d',1767333600000,18);
INSERT INTO cells VALUES('entries','cfc9ab66fb64a7129699b7caad8d6837','deleted','2026-01-01T00:03:00.000Z-0000-ed8f01dbe4140b1d',1,25);
INSERT INTO cells VALUES('entries','cfc9ab66fb64a7129699b7caad8d6837','flare','2026-01-01T00:01:00.000Z-0000-ed8f01dbe4140b1d',0,20);
INSERT INTO cells VALUES('entries','cfc9ab66fb64a7129699b7caad8d6837','tz_offset','2026-01-01T00:01:00.000Z-0000-ed8f01dbe4140b1d',0,19);
INSERT INTO cells VALUES('entry_sites','89a9817b8a6f46b301dd50d0a6e8eb9c:levator_scapulae:right','deleted','2026-01-01T00:02:00.000Z-0000-ed8f01dbe4140b1d',1,24);
INSERT INTO cells VALUES('entry_sites','89a9817b8a6f46b301dd50d0a6e8eb9c:levator_scapulae:right','intensity','2026-01-01T00:00:00.000Z-0001-ed8f01dbe4140b1d',4,11);
INSERT INTO cells VALUES('entry_sites','89a9817b8a6f46b301dd50d0a6e8eb9c:upper_trapezius:left','deleted','2026-01-01T00:02:00.000Z-0000-ed8f01dbe4140b1d',0,23);
INSERT INTO cells VALUES('entry_sites','89a9817b8a6f46b301dd50d0a6e8eb9c:upper_trapezius:left','intensity','2026-01-01T00:02:00.000Z-0000-ed8f01dbe4140b1d',5,22);
INSERT INTO cells VALUES('entry_sites','cfc9ab66fb64a7129699b7caad8d6837:lower_back:both','intensity','2026-01-01T00:01:00.000Z-0000-ed8f01dbe4140b1d',3,21);
INSERT INTO cells VALUES('entry_tags','89a9817b8a6f46b301dd50d0a6e8eb9c:helped:heat','deleted','2026-01-01T00:00:00.000Z-0001-ed8f01dbe4140b1d',0,16);
INSERT INTO cells VALUES('entry_tags','89a9817b8a6f46b301dd50d0a6e8eb9c:medication:01176124e8b813c1','text','2026-01-01T00:00:00.000Z-0001-ed8f01dbe4140b1d','Ibuprofen 200 mg',17);
INSERT INTO cells VALUES('entry_tags','89a9817b8a6f46b301dd50d0a6e8eb9c:quality:aching','deleted','2026-01-01T00:00:00.000Z-0001-ed8f01dbe4140b1d',0,12);
INSERT INTO cells VALUES('entry_tags','89a9817b8a6f46b301dd50d0a6e8eb9c:quality:tight','deleted','2026-01-01T00:00:00.000Z-0001-ed8f01dbe4140b1d',0,13);
INSERT INTO cells VALUES('entry_tags','89a9817b8a6f46b301dd50d0a6e8eb9c:trigger:custom_gardening','deleted','2026-01-01T00:00:00.000Z-0001-ed8f01dbe4140b1d',0,15);
INSERT INTO cells VALUES('entry_tags','89a9817b8a6f46b301dd50d0a6e8eb9c:trigger:long_sitting','deleted','2026-01-01T00:00:00.000Z-0001-ed8f01dbe4140b1d',0,14);
INSERT INTO cells VALUES('future_table','r1','x','2026-01-05T00:00:00.000Z-0000-00000000000000bb','y',0);
INSERT INTO cells VALUES('schedules','s8ba8c67407236ceb','days','2026-01-04T00:00:00.000Z-0001-ed8f01dbe4140b1d',127,38);
INSERT INTO cells VALUES('schedules','s8ba8c67407236ceb','deleted','2026-01-04T00:00:00.000Z-0001-ed8f01dbe4140b1d',0,43);
INSERT INTO cells VALUES('schedules','s8ba8c67407236ceb','end_minute','2026-01-04T00:00:00.000Z-0001-ed8f01dbe4140b1d',NULL,40);
INSERT INTO cells VALUES('schedules','s8ba8c67407236ceb','every_minutes','2026-01-04T00:00:00.000Z-0001-ed8f01dbe4140b1d',NULL,41);
INSERT INTO cells VALUES('schedules','s8ba8c67407236ceb','routine_id','2026-01-04T00:00:00.000Z-0001-ed8f01dbe4140b1d','r019b864dbc00d70d3259e4e1cb631c66',37);
INSERT INTO cells VALUES('schedules','s8ba8c67407236ceb','since_day','2026-01-04T00:00:00.000Z-0001-ed8f01dbe4140b1d',20457,42);
INSERT INTO cells VALUES('schedules','s8ba8c67407236ceb','start_minute','2026-01-04T00:00:00.000Z-0001-ed8f01dbe4140b1d',480,39);
INSERT INTO cells VALUES('sessions','019b76d8f80000000000000000000002','routine_id','2026-01-01T00:00:00.000Z-0003-aaaaaaaaaaaaaaaa','deep_breathing',31);
INSERT INTO cells VALUES('sessions','019b864dbc00d70d3259e4e1cb631c67','at','2026-01-04T00:00:00.000Z-0002-ed8f01dbe4140b1d',1767398400000,45);
INSERT INTO cells VALUES('sessions','019b864dbc00d70d3259e4e1cb631c67','deleted','2026-01-04T00:00:00.000Z-0002-ed8f01dbe4140b1d',0,53);
INSERT INTO cells VALUES('sessions','019b864dbc00d70d3259e4e1cb631c67','duration_s','2026-01-04T00:00:00.000Z-0002-ed8f01dbe4140b1d',200,49);
INSERT INTO cells VALUES('sessions','019b864dbc00d70d3259e4e1cb631c67','pain_after','2026-01-04T00:00:00.000Z-0002-ed8f01dbe4140b1d',4,52);
INSERT INTO cells VALUES('sessions','019b864dbc00d70d3259e4e1cb631c67','pain_before','2026-01-04T00:00:00.000Z-0002-ed8f01dbe4140b1d',6,51);
INSERT INTO cells VALUES('sessions','019b864dbc00d70d3259e4e1cb631c67','routine_id','2026-01-04T00:00:00.000Z-0002-ed8f01dbe4140b1d','r019b864dbc00d70d3259e4e1cb631c66',44);
INSERT INTO cells VALUES('sessions','019b864dbc00d70d3259e4e1cb631c67','site','2026-01-04T00:00:00.000Z-0002-ed8f01dbe4140b1d',NULL,50);
INSERT INTO cells VALUES('sessions','019b864dbc00d70d3259e4e1cb631c67','steps_done','2026-01-04T00:00:00.000Z-0002-ed8f01dbe4140b1d',1,47);
INSERT INTO cells VALUES('sessions','019b864dbc00d70d3259e4e1cb631c67','steps_total','2026-01-04T00:00:00.000Z-0002-ed8f01dbe4140b1d',1,48);
INSERT INTO cells VALUES('sessions','019b864dbc00d70d3259e4e1cb631c67','tz_offset','2026-01-04T00:00:00.000Z-0002-ed8f01dbe4140b1d',60,46);
INSERT INTO cells VALUES('suggestions','019b8000000000000000000000000004','answered_at','2026-01-05T00:00:00.000Z-0002-ed8f01dbe4140b1d',1767571200000,73);
INSERT INTO cells VALUES('suggestions','019b8000000000000000000000000004','at','2026-01-03T00:00:00.000Z-0000-00000000000000aa',1767398400000,0);
INSERT INTO cells VALUES('suggestions','019b8000000000000000000000000004','author','2026-01-03T00:00:00.000Z-0000-00000000000000aa','pt@example.com',0);
INSERT INTO cells VALUES('suggestions','019b8000000000000000000000000004','deleted','2026-01-03T00:00:00.000Z-0000-00000000000000aa',0,0);
INSERT INTO cells VALUES('suggestions','019b8000000000000000000000000004','entry_id','2026-01-03T00:00:00.000Z-0000-00000000000000aa','89a9817b8a6f46b301dd50d0a6e8eb9c',0);
INSERT INTO cells VALUES('suggestions','019b8000000000000000000000000004','kind','2026-01-03T00:00:00.000Z-0000-00000000000000aa','comment',0);
INSERT INTO cells VALUES('suggestions','019b8000000000000000000000000004','share_id','2026-01-03T00:00:00.000Z-0000-00000000000000aa','0123456789abcdef0123456789abcdef',0);
INSERT INTO cells VALUES('suggestions','019b8000000000000000000000000004','status','2026-01-05T00:00:00.000Z-0002-ed8f01dbe4140b1d','accepted',72);
INSERT INTO cells VALUES('suggestions','019b8000000000000000000000000004','text','2026-01-03T00:00:00.000Z-0000-00000000000000aa','Try the doorway stretch',0);
INSERT INTO cells VALUES('suggestions','019b8b741800646070befe52afae62ea','accepted_routine_id','2026-01-05T00:00:00.000Z-0001-ed8f01dbe4140b1d','r019b8b741800646070befe52afae62ea',66);
INSERT INTO cells VALUES('suggestions','019b8b741800646070befe52afae62ea','answered_at','2026-01-05T00:00:00.000Z-0001-ed8f01dbe4140b1d',1767571200000,65);
INSERT INTO cells VALUES('suggestions','019b8b741800646070befe52afae62ea','at','2026-01-05T00:00:00.000Z-0000-ed8f01dbe4140b1d',1767571200000,61);
INSERT INTO cells VALUES('suggestions','019b8b741800646070befe52afae62ea','author','2026-01-05T00:00:00.000Z-0000-ed8f01dbe4140b1d','pt@example.com',59);
INSERT INTO cells VALUES('suggestions','019b8b741800646070befe52afae62ea','deleted','2026-01-05T00:00:00.000Z-0000-ed8f01dbe4140b1d',0,63);
INSERT INTO cells VALUES('suggestions','019b8b741800646070befe52afae62ea','entry_id','2026-01-05T00:00:00.000Z-0000-ed8f01dbe4140b1d',NULL,55);
INSERT INTO cells VALUES('suggestions','019b8b741800646070befe52afae62ea','kind','2026-01-05T00:00:00.000Z-0000-ed8f01dbe4140b1d','routine',54);
INSERT INTO cells VALUES('suggestions','019b8b741800646070befe52afae62ea','routine','2026-01-05T00:00:00.000Z-0000-ed8f01dbe4140b1d','{"id":"","title":"v4 fixture doorway stretch","kind":"stretch","targets":["pectoralis_major"],"areas":["chest"],"steps":[{"text":"Lean into the doorway","seconds":30,"max_seconds":0,"seconds_65_plus":0,"reps":3,"max_reps":0,"rest_seconds":0,"per_side":false}],"safety":[],"source":"","custom":false}',58);
INSERT INTO cells VALUES('suggestions','019b8b741800646070befe52afae62ea','routine_id','2026-01-05T00:00:00.000Z-0000-ed8f01dbe4140b1d',NULL,57);
INSERT INTO cells VALUES('suggestions','019b8b741800646070befe52afae62ea','share_id','2026-01-05T00:00:00.000Z-0000-ed8f01dbe4140b1d','0123456789abcdef0123456789abcdef',60);
INSERT INTO cells VALUES('suggestions','019b8b741800646070befe52afae62ea','status','2026-01-05T00:00:00.000Z-0001-ed8f01dbe4140b1d','accepted',64);
INSERT INTO cells VALUES('suggestions','019b8b741800646070befe52afae62ea','text','2026-01-05T00:00:00.000Z-0000-ed8f01dbe4140b1d','Twice a day',56);
INSERT INTO cells VALUES('triage_results','019b76d8f80000000000000000000001','at','2026-01-01T00:00:00.000Z-0002-ed8f01dbe4140b1d',1767225600000,26);
INSERT INTO cells VALUES('triage_results','019b76d8f80000000000000000000001','deleted','2026-01-01T00:00:00.000Z-0002-ed8f01dbe4140b1d',0,30);
INSERT INTO cells VALUES('triage_results','019b76d8f80000000000000000000001','level','2026-01-01T00:00:00.000Z-0002-ed8f01dbe4140b1d','soon',27);
INSERT INTO cells VALUES('triage_results','019b76d8f80000000000000000000001','result','2026-01-01T00:00:00.000Z-0002-ed8f01dbe4140b1d','{"level":"soon","rules":[{"id":"weakness_numbness","level":"soon","message":"Weakness or numbness should be checked by a doctor.","pauses":"none","source":"seed"}],"unanswered":[],"ruleset_version":"2026.1"}',29);
INSERT INTO cells VALUES('triage_results','019b76d8f80000000000000000000001','ruleset_version','2026-01-01T00:00:00.000Z-0002-ed8f01dbe4140b1d','2026.1',28);
CREATE TABLE custom_triggers(
  id TEXT PRIMARY KEY,
  label TEXT,
  deleted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO custom_triggers VALUES('custom_carrying_my_toddler','Carrying my toddler',0);
INSERT INTO custom_triggers VALUES('custom_gardening','Gardening',0);
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
INSERT INTO entries VALUES('89a9817b8a6f46b301dd50d0a6e8eb9c',1767254400000,60,1,'limited',6,4,'v1 fixture',0);
INSERT INTO entries VALUES('cfc9ab66fb64a7129699b7caad8d6837',1767333600000,0,0,NULL,NULL,NULL,NULL,1);
CREATE TABLE entry_sites(
  id TEXT PRIMARY KEY,
  entry_id TEXT NOT NULL,
  site TEXT NOT NULL,
  side TEXT NOT NULL,
  intensity INTEGER,
  deleted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO entry_sites VALUES('89a9817b8a6f46b301dd50d0a6e8eb9c:levator_scapulae:right','89a9817b8a6f46b301dd50d0a6e8eb9c','levator_scapulae','right',4,1);
INSERT INTO entry_sites VALUES('89a9817b8a6f46b301dd50d0a6e8eb9c:upper_trapezius:left','89a9817b8a6f46b301dd50d0a6e8eb9c','upper_trapezius','left',5,0);
INSERT INTO entry_sites VALUES('cfc9ab66fb64a7129699b7caad8d6837:lower_back:both','cfc9ab66fb64a7129699b7caad8d6837','lower_back','both',3,0);
CREATE TABLE entry_tags(
  id TEXT PRIMARY KEY,
  entry_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  text TEXT,
  deleted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO entry_tags VALUES('89a9817b8a6f46b301dd50d0a6e8eb9c:helped:heat','89a9817b8a6f46b301dd50d0a6e8eb9c','helped','heat',NULL,0);
INSERT INTO entry_tags VALUES('89a9817b8a6f46b301dd50d0a6e8eb9c:medication:01176124e8b813c1','89a9817b8a6f46b301dd50d0a6e8eb9c','medication','01176124e8b813c1','Ibuprofen 200 mg',0);
INSERT INTO entry_tags VALUES('89a9817b8a6f46b301dd50d0a6e8eb9c:quality:aching','89a9817b8a6f46b301dd50d0a6e8eb9c','quality','aching',NULL,0);
INSERT INTO entry_tags VALUES('89a9817b8a6f46b301dd50d0a6e8eb9c:quality:tight','89a9817b8a6f46b301dd50d0a6e8eb9c','quality','tight',NULL,0);
INSERT INTO entry_tags VALUES('89a9817b8a6f46b301dd50d0a6e8eb9c:trigger:custom_gardening','89a9817b8a6f46b301dd50d0a6e8eb9c','trigger','custom_gardening',NULL,0);
INSERT INTO entry_tags VALUES('89a9817b8a6f46b301dd50d0a6e8eb9c:trigger:long_sitting','89a9817b8a6f46b301dd50d0a6e8eb9c','trigger','long_sitting',NULL,0);
CREATE TABLE meta(
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO meta VALUES('clock','2026-12-07T01:26:04.735Z-0000-ed8f01dbe4140b1d');
INSERT INTO meta VALUES('device_id','ed8f01dbe4140b1d');
INSERT INTO meta VALUES('pull_cursor','1');
CREATE TABLE triage_results(
  id TEXT PRIMARY KEY,
  at INTEGER,
  level TEXT,
  ruleset_version TEXT,
  result TEXT,
  deleted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO triage_results VALUES('019b76d8f80000000000000000000001',1767225600000,'soon','2026.1','{"level":"soon","rules":[{"id":"weakness_numbness","level":"soon","message":"Weakness or numbness should be checked by a doctor.","pauses":"none","source":"seed"}],"unanswered":[],"ruleset_version":"2026.1"}',0);
CREATE TABLE custom_routines(
  id TEXT PRIMARY KEY,
  title TEXT,
  kind TEXT,
  targets TEXT,
  steps TEXT,
  deleted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO custom_routines VALUES('r019b864dbc00d70d3259e4e1cb631c66','v3 fixture routine','stretch','upper_trapezius','[{"max_reps":0,"max_seconds":0,"per_side":true,"reps":3,"rest_seconds":0,"seconds":30,"seconds_65_plus":0,"text":"Tilt your head"}]',0);
INSERT INTO custom_routines VALUES('r019b8b741800646070befe52afae62ea','v4 fixture doorway stretch','stretch','pectoralis_major','[{"max_reps":0,"max_seconds":0,"per_side":false,"reps":3,"rest_seconds":0,"seconds":30,"seconds_65_plus":0,"text":"Lean into the doorway"}]',0);
CREATE TABLE schedules(
  id TEXT PRIMARY KEY,
  routine_id TEXT,
  days INTEGER,
  start_minute INTEGER,
  end_minute INTEGER,
  every_minutes INTEGER,
  since_day INTEGER,
  deleted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO schedules VALUES('s8ba8c67407236ceb','r019b864dbc00d70d3259e4e1cb631c66',127,480,NULL,NULL,20457,0);
CREATE TABLE sessions(
  id TEXT PRIMARY KEY,
  routine_id TEXT,
  at INTEGER,
  tz_offset INTEGER,
  steps_done INTEGER,
  steps_total INTEGER,
  duration_s INTEGER,
  site TEXT,
  pain_before INTEGER,
  pain_after INTEGER,
  deleted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO sessions VALUES('019b76d8f80000000000000000000002','deep_breathing',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,0);
INSERT INTO sessions VALUES('019b864dbc00d70d3259e4e1cb631c67','r019b864dbc00d70d3259e4e1cb631c66',1767398400000,60,1,1,200,NULL,6,4,0);
CREATE TABLE suggestions(
  id TEXT PRIMARY KEY,
  kind TEXT,
  entry_id TEXT,
  text TEXT,
  routine_id TEXT,
  routine TEXT,
  author TEXT,
  share_id TEXT,
  at INTEGER,
  status TEXT,
  answered_at INTEGER,
  accepted_routine_id TEXT,
  deleted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO suggestions VALUES('019b8000000000000000000000000004','comment','89a9817b8a6f46b301dd50d0a6e8eb9c','Try the doorway stretch',NULL,NULL,'pt@example.com','0123456789abcdef0123456789abcdef',1767398400000,'accepted',1767571200000,NULL,0);
INSERT INTO suggestions VALUES('019b8b741800646070befe52afae62ea','routine',NULL,'Twice a day',NULL,'{"id":"","title":"v4 fixture doorway stretch","kind":"stretch","targets":["pectoralis_major"],"areas":["chest"],"steps":[{"text":"Lean into the doorway","seconds":30,"max_seconds":0,"seconds_65_plus":0,"reps":3,"max_reps":0,"rest_seconds":0,"per_side":false}],"safety":[],"source":"","custom":false}','pt@example.com','0123456789abcdef0123456789abcdef',1767571200000,'accepted',1767571200000,'r019b8b741800646070befe52afae62ea',0);
CREATE INDEX cells_by_seq ON cells(seq);
CREATE INDEX entries_by_at ON entries(at);
CREATE INDEX triage_results_by_at ON triage_results(at);
CREATE INDEX sessions_by_at ON sessions(at);
CREATE INDEX suggestions_by_at ON suggestions(at);
COMMIT;
