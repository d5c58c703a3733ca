// Journal::RecordTriage: a red-flag check result as one new row of
// `triage_results`, written through cells like every journal change so it
// syncs (and the therapist may see it, docs/triage.md).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "journal/journal_rep.h"
#include "unknot/journal.h"
#include "unknot/routines.h"
#include "unknot/triage.h"
#include "util/ids.h"

namespace unknot {

using storage::CellChange;
using storage::CellValue;

Status Journal::RecordTriage(const TriageResult& result, std::string* id) {
  int64_t now = rep_->env->NowMillis();
  std::string row = NewRowId(rep_->env, now, &rep_->last_row_id);
  std::string json = TriageResultToJson(result);
  UNKNOT_RETURN_IF_ERROR(rep_->Mutate([&](HlcClock* clock,
                                          std::vector<CellChange>* out)
                                          -> Status {
    Hlc stamp;
    UNKNOT_RETURN_IF_ERROR(clock->Send(rep_->env->NowMillis(), &stamp));
    std::string hlc = stamp.ToString();
    auto cell = [&](const char* column, CellValue value) {
      out->push_back({hlc, "triage_results", row, column, std::move(value)});
    };
    cell("at", CellValue::Int(now));
    cell("level", CellValue::Text(std::string(TriageLevelName(result.level))));
    cell("ruleset_version", CellValue::Text(result.ruleset_version));
    cell("result", CellValue::Text(json));
    cell("deleted", CellValue::Int(0));
    return Status::OK();
  }));
  *id = std::move(row);
  return Status::OK();
}

Status Journal::ListTriage(std::vector<StoredTriageResult>* results) {
  storage::Statement s;
  UNKNOT_RETURN_IF_ERROR(rep_->db->Prepare(
      "SELECT id, at, level, result FROM triage_results WHERE deleted = 0 AND "
      "at IS NOT NULL AND level IS NOT NULL AND result IS NOT NULL "
      "ORDER BY at DESC, id DESC",
      &s));
  std::vector<StoredTriageResult> out;
  Status st;
  while (s.Step(&st)) {
    out.push_back(
        {s.ColumnText(0), s.ColumnInt(1), s.ColumnText(2), s.ColumnText(3)});
  }
  UNKNOT_RETURN_IF_ERROR(st);
  *results = std::move(out);
  return Status::OK();
}

Status Journal::GetTriagePause(int64_t now_ms, TriagePauseState* state) {
  std::vector<StoredTriageResult> all;
  UNKNOT_RETURN_IF_ERROR(ListTriage(&all));
  TriagePauseState out;
  if (!all.empty()) {
    const StoredTriageResult& newest = all.front();
    out.last_check_ms = newest.at_ms;
    out.last_level = newest.level;
    out.recheck_due = now_ms - newest.at_ms > kRecheckAfterDays * 86400000;
    auto doc = nlohmann::json::parse(newest.result_json, nullptr, false);
    bool readable =
        doc.is_object() && doc.contains("rules") && doc["rules"].is_array();
    if (!readable && newest.level != "self_care") {
      // A result this version cannot read pauses everything (as the gate).
      out.pauses = "all";
      out.paused_by.push_back("unreadable_result");
    }
    for (const auto& rule : readable ? doc["rules"] : nlohmann::json::array()) {
      if (!rule.is_object() || !rule.value("id", nlohmann::json()).is_string())
        continue;
      auto pauses = rule.value("pauses", nlohmann::json());
      std::string p = pauses.is_string() ? pauses.get<std::string>() : "all";
      if (p == "none") continue;
      if (p != "site") p = "all";  // unknown kinds pause everything
      out.paused_by.push_back(rule["id"].get<std::string>());
      if (p == "all" || out.pauses == "none") out.pauses = p;
    }
  }
  *state = std::move(out);
  return Status::OK();
}

}  // namespace unknot
