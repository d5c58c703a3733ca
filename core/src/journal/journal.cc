#include "unknot/journal.h"

#include <cctype>
#include <cstdlib>

#include "journal/entry_cells.h"
#include "journal/entry_reader.h"
#include "journal/journal_rep.h"
#include "storage/schema.h"
#include "util/ids.h"
#include "util/text_util.h"

namespace unknot {

using storage::CellChange;
using storage::CellValue;
using storage::Statement;

namespace {

constexpr size_t kDeviceIdBytes = 8;  // 64 random bits
constexpr size_t kMaxTriggerLabelBytes = 60;
constexpr size_t kCellsPerEntryGuess = 12;

Status ReadMeta(storage::SqliteDb* db, const char* key, std::string* value) {
  Statement s;
  UNKNOT_RETURN_IF_ERROR(
      db->Prepare("SELECT value FROM meta WHERE key = ?1", &s));
  s.Bind(1, std::string_view(key));
  Status st;
  if (s.Step(&st)) *value = s.ColumnText(0);
  return st;
}

Status WriteMeta(storage::SqliteDb* db, const char* key,
                 const std::string& value) {
  Statement s;
  UNKNOT_RETURN_IF_ERROR(
      db->Prepare("INSERT INTO meta(key, value) VALUES(?1, ?2) "
                  "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                  &s));
  s.Bind(1, std::string_view(key)).Bind(2, std::string_view(value));
  return s.Run();
}

// Reads or creates this device's identity and clock.
Status LoadIdentity(Journal::Rep* rep) {
  std::string device, clock;
  UNKNOT_RETURN_IF_ERROR(ReadMeta(rep->db.get(), "device_id", &device));
  UNKNOT_RETURN_IF_ERROR(ReadMeta(rep->db.get(), "clock", &clock));
  if (device.empty()) {
    device = RandomHexId(rep->env, kDeviceIdBytes);
    UNKNOT_RETURN_IF_ERROR(WriteMeta(rep->db.get(), "device_id", device));
  }
  rep->device_id = device;
  Hlc last{0, 0, device};
  if (!clock.empty()) {
    Hlc saved;
    if (!Hlc::Parse(clock, &saved).ok()) {
      return Status::Corruption("not-a-journal", "unreadable clock " + clock);
    }
    last.millis = saved.millis;
    last.counter = saved.counter;
  }
  rep->clock = HlcClock(last);
  return Status::OK();
}

Status EntryNotFound(std::string_view id) {
  return Status::NotFound("entry-not-found",
                          "no entry with id " + std::string(id));
}

// "custom_" + the label's ASCII letters and digits in lower case, words
// joined by '_'; labels with other characters get a hash so that distinct
// labels keep distinct ids.
std::string CustomTriggerId(std::string_view label) {
  std::string slug;
  bool other = false;
  for (char c : label) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) && u < 0x80) {
      slug += static_cast<char>(std::tolower(u));
    } else if (u >= 0x80) {
      other = true;
    } else if (!slug.empty() && slug.back() != '_') {
      slug += '_';
    }
    if (slug.size() >= 40) break;
  }
  while (!slug.empty() && slug.back() == '_') slug.pop_back();
  if (other || slug.empty()) {
    slug += (slug.empty() ? "" : "_") +
            Hex64(Fnv1a64(FoldedText(label))).substr(0, 8);
  }
  return "custom_" + slug;
}

}  // namespace

Status Journal::Rep::SaveClock(const Hlc& last) {
  return WriteMeta("clock", last.ToString());
}

Status Journal::Rep::ReadMeta(const char* key, std::string* value) {
  value->clear();
  return ::unknot::ReadMeta(db.get(), key, value);
}

Status Journal::Rep::ReadMetaInt(const char* key, int64_t* value) {
  std::string text;
  UNKNOT_RETURN_IF_ERROR(ReadMeta(key, &text));
  *value = text.empty() ? 0 : std::strtoll(text.c_str(), nullptr, 10);
  return Status::OK();
}

Status Journal::Rep::WriteMeta(const char* key, const std::string& value) {
  return ::unknot::WriteMeta(db.get(), key, value);
}

Status Journal::Rep::Mutate(const Builder& build) {
  storage::Transaction txn(db.get());
  UNKNOT_RETURN_IF_ERROR(txn.Begin());
  HlcClock next = clock;
  std::vector<CellChange> changes;
  UNKNOT_RETURN_IF_ERROR(build(&next, &changes));
  UNKNOT_RETURN_IF_ERROR(cells->ApplyLocal(changes));
  UNKNOT_RETURN_IF_ERROR(SaveClock(next.last()));
  UNKNOT_RETURN_IF_ERROR(txn.Commit());
  clock = next;
  return Status::OK();
}

Status Journal::Rep::CustomTriggerIds(std::vector<std::string>* ids) {
  Statement s;
  UNKNOT_RETURN_IF_ERROR(db->Prepare(
      "SELECT id FROM custom_triggers WHERE deleted = 0 AND label IS NOT NULL",
      &s));
  Status st;
  while (s.Step(&st)) ids->push_back(s.ColumnText(0));
  return st;
}

Journal::Journal(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
Journal::~Journal() = default;

int Journal::CurrentSchemaVersion() { return storage::CurrentSchemaVersion(); }

const std::string& Journal::device_id() const { return rep_->device_id; }

Status Journal::Open(const JournalOptions& options,
                     std::unique_ptr<Journal>* journal) {
  auto rep = std::make_unique<Rep>();
  rep->env = options.env != nullptr ? options.env : Env::Default();
  UNKNOT_RETURN_IF_ERROR(storage::SqliteDb::Open(options.path, &rep->db));
  // 16 KiB pages for a new device file: fewer page splits and shallower
  // B-trees for keys as long as the cells' (about 10% to 25% faster batch
  // logging than 4 KiB pages). A hint: never fails Open.
  rep->db->Exec("PRAGMA page_size = " + std::to_string(options.page_size));
  // Before the first read: the lock is then taken once and kept.
  if (options.exclusive) {
    UNKNOT_RETURN_IF_ERROR(rep->db->Exec("PRAGMA locking_mode = EXCLUSIVE"));
  }
  // Migrate reads the file first, so a file that is not a journal is named
  // as such rather than failing on a pragma.
  UNKNOT_RETURN_IF_ERROR(storage::Migrate(rep->db.get()));
  // WAL keeps readers and the writer apart; synchronous=FULL makes every
  // acknowledged save durable. (":memory:" ignores both.)
  rep->db->Exec("PRAGMA journal_mode = WAL");
  UNKNOT_RETURN_IF_ERROR(rep->db->Exec("PRAGMA synchronous = FULL"));
  UNKNOT_RETURN_IF_ERROR(rep->db->Exec("PRAGMA cache_size = -" +
                                       std::to_string(options.cache_kib)));
  UNKNOT_RETURN_IF_ERROR(LoadIdentity(rep.get()));
  rep->cells = std::make_unique<storage::CellStore>(rep->db.get());
  int64_t push_cursor = 0;
  UNKNOT_RETURN_IF_ERROR(rep->ReadMetaInt("push_cursor", &push_cursor));
  UNKNOT_RETURN_IF_ERROR(rep->cells->Init(push_cursor));
  journal->reset(new Journal(std::move(rep)));
  return Status::OK();
}

Status Journal::Log(const JournalEntry& entry, std::string* id) {
  std::vector<std::string> ids;
  UNKNOT_RETURN_IF_ERROR(LogBatch({entry}, &ids));
  *id = ids.front();
  return Status::OK();
}

Status Journal::LogBatch(const std::vector<JournalEntry>& entries,
                         std::vector<std::string>* ids) {
  std::vector<std::string> custom;
  UNKNOT_RETURN_IF_ERROR(rep_->CustomTriggerIds(&custom));
  for (const JournalEntry& e : entries) {
    UNKNOT_RETURN_IF_ERROR(ValidateEntry(e, custom));
  }
  std::vector<std::string> new_ids;
  int64_t now = rep_->env->NowMillis();
  for (size_t i = 0; i < entries.size(); ++i) {
    new_ids.push_back(NewRowId(rep_->env, now, &rep_->last_row_id));
  }
  UNKNOT_RETURN_IF_ERROR(rep_->Mutate(
      [&](HlcClock* clock, std::vector<CellChange>* out) -> Status {
        int64_t now = rep_->env->NowMillis();
        // About ten cells an entry: grown once, not by doubling.
        out->reserve(out->size() + entries.size() * kCellsPerEntryGuess);
        for (size_t i = 0; i < entries.size(); ++i) {
          Hlc stamp;
          UNKNOT_RETURN_IF_ERROR(clock->Send(now, &stamp));
          journal::NewEntryCells(new_ids[i], entries[i], stamp.ToString(), out);
        }
        return Status::OK();
      }));
  *ids = std::move(new_ids);
  return Status::OK();
}

Status Journal::Get(std::string_view id, JournalEntry* entry) {
  journal::ReadRequest req;
  req.id = std::string(id);
  req.filter.include_deleted = true;
  req.with_stamps = true;
  std::vector<JournalEntry> found;
  UNKNOT_RETURN_IF_ERROR(journal::ReadEntries(rep_->db.get(), req, &found));
  if (found.empty()) return EntryNotFound(id);
  *entry = std::move(found.front());
  return Status::OK();
}

Status Journal::List(const ListFilter& filter,
                     std::vector<JournalEntry>* entries) {
  journal::ReadRequest req;
  req.filter = filter;
  req.with_stamps = filter.with_stamps;
  return journal::ReadEntries(rep_->db.get(), req, entries);
}

Status Journal::LatestOffsetMinutes(int fallback, int* offset_minutes) {
  *offset_minutes = fallback;
  Statement s;
  UNKNOT_RETURN_IF_ERROR(rep_->db->Prepare(
      "SELECT tz_offset FROM entries WHERE deleted = 0 AND at IS NOT NULL AND "
      "tz_offset IS NOT NULL ORDER BY at DESC LIMIT 1",
      &s));
  Status st;
  if (s.Step(&st)) *offset_minutes = static_cast<int>(s.ColumnInt(0));
  return st;
}

Status Journal::Edit(std::string_view id, const EntryPatch& patch) {
  JournalEntry current;
  UNKNOT_RETURN_IF_ERROR(Get(id, &current));
  JournalEntry merged = journal::ApplyPatch(current, patch);
  std::vector<std::string> custom;
  UNKNOT_RETURN_IF_ERROR(rep_->CustomTriggerIds(&custom));
  // Keep a custom trigger the entry already had, even if the user has since
  // removed it from their list: an edit of another field must not fail.
  for (const std::string& t : current.triggers) custom.push_back(t);
  UNKNOT_RETURN_IF_ERROR(ValidateEntry(merged, custom));
  journal::ChildRows sites, tags;
  UNKNOT_RETURN_IF_ERROR(
      journal::ReadChildRows(rep_->db.get(), current.id, &sites, &tags));
  return rep_->Mutate([&](HlcClock* clock, std::vector<CellChange>* out) {
    Hlc stamp;
    UNKNOT_RETURN_IF_ERROR(clock->Send(rep_->env->NowMillis(), &stamp));
    journal::PatchCells(current.id, patch, merged, sites, tags,
                        stamp.ToString(), out);
    return Status::OK();
  });
}

namespace {

Status SetDeleted(Journal* journal, Journal::Rep* rep, std::string_view id,
                  bool deleted) {
  JournalEntry current;
  UNKNOT_RETURN_IF_ERROR(journal->Get(id, &current));
  return rep->Mutate([&](HlcClock* clock, std::vector<CellChange>* out) {
    Hlc stamp;
    UNKNOT_RETURN_IF_ERROR(clock->Send(rep->env->NowMillis(), &stamp));
    out->push_back({stamp.ToString(), "entries", current.id, "deleted",
                    CellValue::Int(deleted ? 1 : 0)});
    return Status::OK();
  });
}

}  // namespace

Status Journal::Delete(std::string_view id) {
  return SetDeleted(this, rep_.get(), id, true);
}

Status Journal::Restore(std::string_view id) {
  return SetDeleted(this, rep_.get(), id, false);
}

Status Journal::ResolveId(std::string_view prefix, std::string* id) {
  if (prefix.size() < 4 || prefix.size() > 32) return EntryNotFound(prefix);
  for (char c : prefix) {
    if (!std::isxdigit(static_cast<unsigned char>(c)))
      return EntryNotFound(prefix);
  }
  std::string lo(prefix);
  for (char& c : lo)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  Statement s;
  UNKNOT_RETURN_IF_ERROR(rep_->db->Prepare(
      "SELECT id FROM entries WHERE id >= ?1 AND id < ?1 || 'g' "
      "AND at IS NOT NULL LIMIT 2",
      &s));
  s.Bind(1, std::string_view(lo));
  std::vector<std::string> found;
  Status st;
  while (s.Step(&st)) found.push_back(s.ColumnText(0));
  UNKNOT_RETURN_IF_ERROR(st);
  if (found.empty()) return EntryNotFound(prefix);
  if (found.size() > 1) {
    return Status::Invalid("ambiguous-id",
                           "more than one entry starts with " + lo);
  }
  *id = found.front();
  return Status::OK();
}

Status Journal::AddCustomTrigger(std::string_view label, std::string* id) {
  std::string_view clean = TrimAsciiWhitespace(label);
  if (clean.empty() || clean.size() > kMaxTriggerLabelBytes ||
      !IsValidUtf8(clean)) {
    return Status::Invalid("invalid-label",
                           "a trigger label is 1 to 60 bytes of text");
  }
  std::string new_id = CustomTriggerId(clean);
  UNKNOT_RETURN_IF_ERROR(
      rep_->Mutate([&](HlcClock* clock, std::vector<CellChange>* out) {
        Hlc stamp;
        UNKNOT_RETURN_IF_ERROR(clock->Send(rep_->env->NowMillis(), &stamp));
        std::string hlc = stamp.ToString();
        out->push_back({hlc, "custom_triggers", new_id, "label",
                        CellValue::Text(std::string(clean))});
        out->push_back(
            {hlc, "custom_triggers", new_id, "deleted", CellValue::Int(0)});
        return Status::OK();
      }));
  *id = new_id;
  return Status::OK();
}

Status Journal::ListCustomTriggers(std::vector<CustomTrigger>* triggers) {
  Statement s;
  UNKNOT_RETURN_IF_ERROR(rep_->db->Prepare(
      "SELECT id, label FROM custom_triggers WHERE deleted = 0 AND label IS "
      "NOT NULL ORDER BY label, id",
      &s));
  Status st;
  while (s.Step(&st)) triggers->push_back({s.ColumnText(0), s.ColumnText(1)});
  return st;
}

}  // namespace unknot
