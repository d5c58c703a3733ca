// JournalApi's sync round (journal_api.h): the core's SyncRound
// (unknot/sync_round.h) behind two JSON calls, so the worker only moves
// bytes with fetch(). What to send, what an answer means, cursors, retries
// after a restored copy and fingerprint repair are all the core's.
#include <nlohmann/json.hpp>
#include <string>

#include "body_text.h"
#include "journal_api.h"
#include "json_result.h"
#include "unknot/sync_round.h"

namespace unknot::wasm {
namespace {

using nlohmann::json;

}  // namespace

std::string JournalApi::SyncBegin(const std::string& options_json) {
  round_.reset();
  if (!journal_) {
    return Error(Status::Invalid("not-open", "no journal is open"));
  }
  SyncRound::Options options;
  if (!options_json.empty()) {
    json doc = json::parse(options_json, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
      return Error(Status::Invalid("invalid-json", "options: a JSON object"));
    }
    auto verify = doc.find("verify");
    if (verify != doc.end() && !verify->is_boolean()) {
      return Error(Status::Invalid("invalid-field", "verify: true or false"));
    }
    if (verify != doc.end()) options.verify = verify->get<bool>();
  }
  Journal::SyncState state;
  Status status = journal_->GetSyncState(&state, /*count_pending=*/false);
  if (!status.ok()) return Error(status);
  if (state.token.empty() || state.server.empty()) {
    // The same code as the CLI's 'unknot sync' before a login.
    return Error(Status::Invalid("not-signed-in",
                                 "this journal is not signed in to a server"));
  }
  round_ = std::make_unique<SyncRound>(journal_.get(), options);
  return SyncStep();
}

std::string JournalApi::SyncHandle(double http_status,
                                   const emscripten::val& body) {
  if (!round_) {
    return Error(Status::Invalid("no-sync-round", "no sync round is running"));
  }
  std::string text;
  if (Status s = BodyText(body, &text); !s.ok()) {
    round_.reset();  // as for any answer it cannot read
    return Error(s);
  }
  // A status the fetch() could not produce: let the core see it as an
  // unknown refusal rather than casting garbage.
  const int code = http_status >= 0 && http_status < 1000
                       ? static_cast<int>(http_status)
                       : 0;
  Status status = round_->HandleResponse(code, text);
  if (!status.ok()) {
    round_.reset();
    return Error(status);
  }
  return SyncStep();
}

std::string JournalApi::SyncAbort() {
  round_.reset();
  return R"({"ok":true})";
}

std::string JournalApi::SyncStep() {
  SyncHttpRequest request;
  if (round_->NextRequest(&request)) {
    return Dump({{"request",
                  {{"method", request.method},
                   {"path", request.path},
                   {"body", request.body},
                   {"token", request.token}}}});
  }
  // false also when the journal failed preparing the request: an error,
  // not "done", or the page would show the journal as synced.
  const Status status = round_->status();
  const SyncReport report = round_->report();
  round_.reset();
  if (!status.ok()) return Error(status);
  return Dump({{"done", true},
               {"report",
                {{"pushed", report.pushed},
                 {"pulled", report.pulled},
                 {"applied", report.applied},
                 {"cursor", report.cursor},
                 {"repaired", report.repaired},
                 {"device_renewed", report.device_renewed}}}});
}

}  // namespace unknot::wasm
