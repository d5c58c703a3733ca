// Journal::RecordTriage: a red-flag check result as one new row of
// `triage_results`, written through cells like every journal change so it
// syncs (and the therapist may see it, docs/triage.md).
#include <string>
#include <vector>

#include "journal/journal_rep.h"
#include "unknot/journal.h"
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

}  // namespace unknot
