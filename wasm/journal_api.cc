#include "journal_api.h"

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "unknot/entry_json.h"
#include "unknot/journal_entry.h"
#include "unknot/time_util.h"
#include "unknot/triage.h"
#include "unknot/vocabulary.h"

namespace unknot::wasm {
namespace {

using nlohmann::json;

// Text from people (labels, messages quoting input) may hold invalid UTF-8;
// dump() would throw on it, which aborts a wasm module, so bad bytes are
// replaced instead.
std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string Ok() { return R"({"ok":true})"; }

std::string Error(const Status& status) {
  return Dump(
      {{"error", {{"code", status.code()}, {"message", status.message()}}}});
}

std::string NotOpen() {
  return Error(Status::Invalid("not-open", "no journal is open"));
}

std::string OkOr(const Status& status) {
  return status.ok() ? Ok() : Error(status);
}

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
  journal_.reset();
  JournalOptions options;
  options.path = path;
  return OkOr(Journal::Open(options, &journal_));
}

std::string JournalApi::Close() {
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

std::string VocabularyJson() { return Dump(VocabularyObject()); }

std::string EmergencyNumbersJson(const std::string& country) {
  EmergencyNumbers numbers = LookupEmergencyNumbers(country);
  return Dump({{"emergency", Str(numbers.emergency)},
               {"crisis_line", Str(numbers.crisis_line)}});
}

}  // namespace unknot::wasm
