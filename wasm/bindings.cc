// The embind module `unknot_core` (createUnknotCore): a `Journal` handle
// whose methods take and return JSON strings (see journal_api.h), and the
// built-in vocabulary, and the switch to the OPFS VFS (opfs_vfs.h). JS owns
// each Journal it constructs and must call
// `.delete()` on it when done.
#include <emscripten/bind.h>

#include "journal_api.h"
#include "opfs_vfs.h"

using unknot::wasm::JournalApi;

EMSCRIPTEN_BINDINGS(unknot_core) {
  emscripten::class_<JournalApi>("Journal")
      .constructor<>()
      .function("open", &JournalApi::Open)
      .function("close", &JournalApi::Close)
      .function("log", &JournalApi::Log)
      .function("edit", &JournalApi::Edit)
      .function("remove", &JournalApi::Remove)
      .function("restore", &JournalApi::Restore)
      .function("list", &JournalApi::List)
      .function("exportJson", &JournalApi::ExportJson)
      .function("exportCsv", &JournalApi::ExportCsv)
      .function("importJson", &JournalApi::ImportJson)
      .function("deviceId", &JournalApi::DeviceId)
      .function("vocabulary", &JournalApi::Vocabulary)
      .function("addCustomTrigger", &JournalApi::AddCustomTrigger)
      .function("changesAfter", &JournalApi::ChangesAfter)
      .function("applyRemote", &JournalApi::ApplyRemote)
      .function("applyCells", &JournalApi::ApplyCells)
      .function("syncState", &JournalApi::SyncState)
      .function("setSyncAccount", &JournalApi::SetSyncAccount)
      .function("clearSyncToken", &JournalApi::ClearSyncToken)
      .function("acknowledgePush", &JournalApi::AcknowledgePush)
      .function("recordSyncTime", &JournalApi::RecordSyncTime)
      .function("fingerprint", &JournalApi::Fingerprint)
      .function("cellsInBuckets", &JournalApi::CellsInBuckets)
      .function("renewDeviceId", &JournalApi::RenewDeviceId)
      .function("syncBegin", &JournalApi::SyncBegin)
      .function("syncHandle", &JournalApi::SyncHandle)
      .function("syncAbort", &JournalApi::SyncAbort)
      .function("routines", &JournalApi::Routines)
      .function("routine", &JournalApi::GetRoutine)
      .function("saveRoutine", &JournalApi::SaveRoutine)
      .function("deleteRoutine", &JournalApi::DeleteRoutine)
      .function("logSession", &JournalApi::LogSession)
      .function("deleteSession", &JournalApi::DeleteSession)
      .function("sessions", &JournalApi::Sessions)
      .function("addSchedule", &JournalApi::AddSchedule)
      .function("removeSchedule", &JournalApi::RemoveSchedule)
      .function("schedules", &JournalApi::Schedules)
      .function("today", &JournalApi::Today)
      .function("adherence", &JournalApi::Adherence)
      .function("gate", &JournalApi::Gate)
      .function("phases", &JournalApi::Phases)
      .function("insights", &JournalApi::Insights)
      .function("triage", &JournalApi::Triage)
      .function("triageHistory", &JournalApi::TriageHistory)
      .function("triagePause", &JournalApi::TriagePause)
      .function("suggestions", &JournalApi::Suggestions)
      .function("answerSuggestion", &JournalApi::AnswerSuggestion);
  emscripten::function("vocabulary", &unknot::wasm::VocabularyJson);
  emscripten::function("emergencyNumbers", &unknot::wasm::EmergencyNumbersJson);
  emscripten::function("triageQuestions", &unknot::wasm::TriageQuestionsJson);
  // Makes the OPFS VFS SQLite's default (attach files with Module.opfs
  // first, opfs_files.js); returns a SQLite result code, 0 = SQLITE_OK.
  emscripten::function("useOpfsVfs", &unknot::wasm::RegisterOpfsVfs);
}
