#include "journal_api.h"

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "body_text.h"
#include "json_result.h"
#include "unknot/entry_json.h"
#include "unknot/journal_entry.h"
#include "unknot/sync.h"
#include "unknot/time_util.h"
#include "unknot/triage.h"
#include "unknot/vocabulary.h"

namespace unknot::wasm {
namespace {

using nlohmann::json;

json Str(std::string_view text) { return json(std::string(text)); }

json Terms(const std::vector<VocabularyTerm>& terms, bool with_group) {
  json out = json::array();
  for (const VocabularyTerm& term : terms) {
    json item = {{"id", Str(term.id)}, {"label", Str(term.label)}};
    if (with_group) item["group"] = Str(term.group);
    out.push_back(std::move(item));
  }
  return out;
}

json VocabularyObject() {
  const Vocabulary& vocabulary = Vocabulary::Get();
  json sites = json::array();
  for (const BodySite& site : vocabulary.sites()) {
    sites.push_back({{"id", Str(site.id)},
                     {"label", Str(site.label)},
                     {"area", Str(site.area)},
                     {"parent", Str(site.parent)},
                     {"view", Str(BodyViewName(site.view))}});
  }
  return {{"version", Str(vocabulary.version())},
          {"sites", std::move(sites)},
          {"qualities", Terms(vocabulary.qualities(), false)},
          {"triggers", Terms(vocabulary.triggers(), true)},
          {"helped", Terms(vocabulary.helped(), true)}};
}

// Reads one optional "YYYY-MM-DD" key of a list filter.
Status ReadDay(const json& filter, const char* key,
               std::optional<int64_t>* day) {
  auto it = filter.find(key);
  if (it == filter.end() || it->is_null()) return Status::OK();
  if (!it->is_string()) {
    return Status::Invalid("invalid-field",
                           std::string(key) + " must be a YYYY-MM-DD string");
  }
  int64_t days = 0;
  UNKNOT_RETURN_IF_ERROR(
      ParseLocalDate(it->get_ref<const std::string&>(), &days));
  *day = days;
  return Status::OK();
}

Status ParseFilter(const std::string& text, ListFilter* filter) {
  if (text.empty()) return Status::OK();
  json value = json::parse(text, nullptr, false);
  if (value.is_discarded() || !value.is_object()) {
    return Status::Invalid("invalid-json", "a filter must be a JSON object");
  }
  UNKNOT_RETURN_IF_ERROR(ReadDay(value, "since", &filter->since_day));
  UNKNOT_RETURN_IF_ERROR(ReadDay(value, "until", &filter->until_day));
  auto it = value.find("include_deleted");
  if (it != value.end() && !it->is_null()) {
    if (!it->is_boolean()) {
      return Status::Invalid("invalid-field",
                             "include_deleted must be a boolean");
    }
    filter->include_deleted = it->get<bool>();
  }
  return Status::OK();
}

}  // namespace

std::string JournalApi::Open(const std::string& path) {
  round_.reset();
  journal_.reset();
  JournalOptions options;
  options.path = path;
  return OkOr(Journal::Open(options, &journal_));
}

std::string JournalApi::Close() {
  round_.reset();
  journal_.reset();
  return Ok();
}

std::string JournalApi::Log(const std::string& entry_json) {
  if (!journal_) return NotOpen();
  JournalEntry entry;
  Status status = EntryFromJson(entry_json, &entry);
  std::string id;
  if (status.ok()) status = journal_->Log(entry, &id);
  return status.ok() ? Dump({{"id", id}}) : Error(status);
}

std::string JournalApi::Edit(const std::string& id,
                             const std::string& patch_json) {
  if (!journal_) return NotOpen();
  JournalEntry current;
  EntryPatch patch;
  Status status = journal_->Get(id, &current);
  if (status.ok()) status = EntryPatchFromJson(current, patch_json, &patch);
  if (status.ok()) status = journal_->Edit(id, patch);
  return OkOr(status);
}

std::string JournalApi::Remove(const std::string& id) {
  if (!journal_) return NotOpen();
  return OkOr(journal_->Delete(id));
}

std::string JournalApi::Restore(const std::string& id) {
  if (!journal_) return NotOpen();
  return OkOr(journal_->Restore(id));
}

std::string JournalApi::List(const std::string& filter_json) {
  if (!journal_) return NotOpen();
  ListFilter filter;
  std::vector<JournalEntry> entries;
  Status status = ParseFilter(filter_json, &filter);
  if (status.ok()) status = journal_->List(filter, &entries);
  return status.ok() ? EntriesToJson(entries) : Error(status);
}

std::string JournalApi::ExportJson() {
  if (!journal_) return NotOpen();
  std::string out;
  Status status = journal_->ExportJson(&out);
  return status.ok() ? out : Error(status);
}

std::string JournalApi::ExportCsv() {
  if (!journal_) return NotOpen();
  std::string csv;
  Status status = journal_->ExportCsv(&csv);
  return status.ok() ? Dump({{"csv", csv}}) : Error(status);
}

std::string JournalApi::ImportJson(const std::string& text) {
  if (!journal_) return NotOpen();
  ImportStats stats;
  Status status = journal_->ImportJson(text, &stats);
  if (!status.ok()) return Error(status);
  return Dump(
      {{"entries", stats.entries}, {"cells_applied", stats.cells_applied}});
}

std::string JournalApi::DeviceId() {
  if (!journal_) return NotOpen();
  return Dump({{"device_id", journal_->device_id()}});
}

std::string JournalApi::Vocabulary() {
  json out = VocabularyObject();
  if (journal_) {
    std::vector<CustomTrigger> custom;
    Status status = journal_->ListCustomTriggers(&custom);
    if (!status.ok()) return Error(status);
    json items = json::array();
    for (const CustomTrigger& trigger : custom) {
      items.push_back({{"id", trigger.id}, {"label", trigger.label}});
    }
    out["custom_triggers"] = std::move(items);
  }
  return Dump(out);
}

std::string JournalApi::AddCustomTrigger(const std::string& label) {
  if (!journal_) return NotOpen();
  std::string id;
  Status status = journal_->AddCustomTrigger(label, &id);
  return status.ok() ? Dump({{"id", id}}) : Error(status);
}

namespace {

// A push body (EncodePushRequest) with extra members before its closing
// brace: the server ignores members it does not know.
std::string PushBody(Journal* journal, std::vector<CellChange> changes,
                     const std::string& extra) {
  PushRequest req;
  req.device = journal->device_id();
  req.clock = journal->ClockText();
  req.changes = std::move(changes);
  std::string body = EncodePushRequest(req);
  body.pop_back();  // '}'
  body += extra;
  body += '}';
  return body;
}

bool IsCount(double v) { return v >= 0 && v <= 9007199254740991.0; }

Status Cursor(const char* what) {
  return Status::Invalid("invalid-cursor",
                         std::string(what) + " must be a whole number >= 0");
}

}  // namespace

std::string JournalApi::ChangesAfter(double after, double max_bytes) {
  if (!journal_) return NotOpen();
  if (!IsCount(after) || !IsCount(max_bytes)) return Error(Cursor("after"));
  size_t limit =
      max_bytes <= 0 ? kMaxSyncBatchBytes : static_cast<size_t>(max_bytes);
  ChangeBatch batch;
  Status status =
      journal_->ChangesAfter(static_cast<int64_t>(after), limit, &batch);
  if (!status.ok()) return Error(status);
  return PushBody(journal_.get(), std::move(batch.changes),
                  ",\"last_seq\":" + std::to_string(batch.last_seq) +
                      ",\"more\":" + (batch.more ? "true" : "false"));
}

std::string JournalApi::ApplyRemote(const emscripten::val& page_json) {
  if (!journal_) return NotOpen();
  std::string text;
  Status status = BodyText(page_json, &text);
  if (!status.ok()) return Error(status);
  PullPage page;
  status = DecodePullPage(text, &page);
  if (!status.ok()) return Error(status);
  Journal::RemoteApplyOptions options;
  options.pull_cursor = page.cursor;
  Journal::RemoteApplyStats stats;
  status = journal_->ApplyRemote(page.changes, options, &stats);
  if (!status.ok()) return Error(status);
  return Dump({{"applied", stats.applied}, {"cursor", page.cursor}});
}

std::string JournalApi::ApplyCells(const std::string& cells_json) {
  if (!journal_) return NotOpen();
  // The answer has no cursor: read it as a page that does not move one.
  json doc = json::parse(cells_json, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return Error(Status::Invalid("invalid-json", "not a JSON object"));
  }
  auto changes = doc.find("changes");
  if (changes == doc.end() || !changes->is_array()) {
    return Error(Status::Invalid("invalid-request", "changes is required"));
  }
  PullPage page;
  Status status = DecodePullPage(
      "{\"protocol\":1,\"cursor\":0,\"more\":false,\"changes\":" +
          Dump(*changes) + "}",
      &page);
  if (!status.ok()) return Error(status);
  Journal::RemoteApplyStats stats;
  status = journal_->ApplyRemote(page.changes, Journal::RemoteApplyOptions(),
                                 &stats);
  if (!status.ok()) return Error(status);
  return Dump({{"applied", stats.applied}});
}

std::string JournalApi::SyncState() {
  if (!journal_) return NotOpen();
  // Pending changes are counted only when signed in: counting reads every
  // row changed since the push cursor — the whole journal on a device that
  // never synced — and the page asks after every save. What the page shows
  // ("3 changes waiting") is pending_records.
  Journal::SyncState st;
  Status status = journal_->GetSyncState(&st, /*count_pending=*/false);
  const bool signed_in = status.ok() && !st.token.empty();
  int64_t records = 0;
  if (signed_in) status = journal_->CountPending(&st.pending, &records);
  if (!status.ok()) return Error(status);
  return Dump({{"server", st.server},
               {"email", st.email},
               {"role", st.role},
               {"token", st.token},
               {"push_cursor", st.push_cursor},
               {"pull_cursor", st.pull_cursor},
               {"last_sync_ms", st.last_sync_ms},
               {"pending", signed_in ? json(st.pending) : json(nullptr)},
               {"pending_records", records},
               {"device_id", journal_->device_id()}});
}

std::string JournalApi::SetSyncAccount(const std::string& server,
                                       const std::string& email,
                                       const std::string& role,
                                       const std::string& token) {
  if (!journal_) return NotOpen();
  return OkOr(journal_->SetSyncAccount(server, email, role, token));
}

std::string JournalApi::ClearSyncToken() {
  if (!journal_) return NotOpen();
  return OkOr(journal_->ClearSyncToken());
}

std::string JournalApi::AcknowledgePush(double seq) {
  if (!journal_) return NotOpen();
  if (!IsCount(seq)) return Error(Cursor("seq"));
  return OkOr(journal_->AcknowledgePush(static_cast<int64_t>(seq)));
}

std::string JournalApi::RecordSyncTime() {
  if (!journal_) return NotOpen();
  return OkOr(journal_->RecordSyncTime(Env::Default()->NowMillis()));
}

std::string JournalApi::Fingerprint() {
  if (!journal_) return NotOpen();
  StateFingerprint fp;
  Status status = journal_->Fingerprint(&fp);
  return status.ok() ? EncodeFingerprint(fp) : Error(status);
}

std::string JournalApi::CellsInBuckets(const std::string& buckets_json) {
  if (!journal_) return NotOpen();
  json doc = json::parse(buckets_json, nullptr, false);
  if (doc.is_discarded() || !doc.is_array()) {
    return Error(Status::Invalid("invalid-json", "buckets: a JSON array"));
  }
  std::vector<size_t> buckets;
  for (const json& b : doc) {
    if (!b.is_number_unsigned() || b.get<uint64_t>() >= kFingerprintBuckets) {
      return Error(Status::Invalid("invalid-request", "a bucket is 0 to 255"));
    }
    buckets.push_back(static_cast<size_t>(b.get<uint64_t>()));
  }
  std::vector<CellChange> changes;
  Status status = journal_->CellsInBuckets(buckets, &changes);
  if (!status.ok()) return Error(status);
  return PushBody(journal_.get(), std::move(changes), "");
}

std::string JournalApi::RenewDeviceId() {
  if (!journal_) return NotOpen();
  Status status = journal_->RenewDeviceId();
  return status.ok() ? Dump({{"device_id", journal_->device_id()}})
                     : Error(status);
}

std::string VocabularyJson() { return Dump(VocabularyObject()); }

std::string EmergencyNumbersJson(const std::string& country) {
  EmergencyNumbers numbers = LookupEmergencyNumbers(country);
  return Dump({{"emergency", Str(numbers.emergency)},
               {"crisis_line", Str(numbers.crisis_line)}});
}

}  // namespace unknot::wasm
