// SyncRound: one sync round of a device against unknot-server, without any
// I/O of its own (docs/sync-protocol.md, "A sync round").
//
// Design note. The CLI (Beast) and the browser (fetch, in a Worker) move
// bytes differently, but what to send and what to do with each answer must
// be the same everywhere, or devices would disagree on cursors, retries and
// repair. So the round is a state machine in core: the host asks it for the
// next request, performs it however it can, and hands back the answer.
//
//   SyncRound round(journal);
//   SyncHttpRequest req;
//   while (round.NextRequest(&req)) {
//     int status; std::string body;   // perform req over HTTP
//     Status s = round.HandleResponse(status, body);
//     if (!s.ok()) break;             // network errors: just stop, retry later
//   }
//   if (!round.status().ok()) ...     // the round failed, not synced
//
// Everything the round learns is committed to the journal as it goes
// (acknowledged pushes, pulled pages with their cursor), so a round cut
// short anywhere is resumed by the next one without loss or duplication.
#ifndef UNKNOT_SYNC_ROUND_H_
#define UNKNOT_SYNC_ROUND_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/env.h"
#include "unknot/journal.h"
#include "unknot/status.h"

namespace unknot {

struct SyncHttpRequest {
  std::string method;  // "GET" or "POST"
  std::string path;    // e.g. "/api/sync/pull?after=12", joined to the server
  std::string body;    // JSON for POST, empty for GET
  // Send as "Authorization: Bearer <token>" (the journal's session token).
  std::string token;
};

struct SyncReport {
  int64_t pushed = 0;     // local changes the server acknowledged
  int64_t pulled = 0;     // changes received from the server
  int64_t applied = 0;    // of those, the ones that changed this journal
  int64_t cursor = 0;     // the pull cursor at the end
  bool repaired = false;  // fingerprints differed and cells were exchanged
  bool device_renewed = false;  // the server saw a restored copy
};

class SyncRound {
 public:
  struct Options {
    // After pushing and pulling, compare state fingerprints and repair a
    // divergence. Costs one request (and a scan of the journal's cells).
    bool verify = true;
    // For the time of the last sync. nullptr: Env::Default().
    Env* env = nullptr;
  };

  // `journal` must be signed in (GetSyncState().token not empty) and
  // outlive the round.
  explicit SyncRound(Journal* journal);
  SyncRound(Journal* journal, Options options);

  // The next request to send; false when the round is over (done, or
  // stopped by an error HandleResponse returned).
  bool NextRequest(SyncHttpRequest* request);

  // The answer to the last request: its HTTP status and body. Returns the
  // refusal as a Status carrying the server's code ("unauthorized",
  // "clock-drift", ...) or the journal's error; the round is then over.
  // A "device-restored" refusal is handled here: the journal takes a new
  // device id and the round pushes again.
  Status HandleResponse(int http_status, std::string_view body);

  // True once the round is over, whether it finished or stopped on an error.
  bool done() const { return state_ == State::kDone; }
  // Why the round stopped: OK while it runs and when it finished (or had
  // nothing to do: not signed in); otherwise the error that ended it, also
  // when it came from the journal inside NextRequest (which can only say
  // false). A host reports a round as synced only when this is OK.
  const Status& status() const { return status_; }
  const SyncReport& report() const { return report_; }

 private:
  enum class State {
    kPush,         // send pending changes
    kPull,         // ask for the next page
    kFingerprint,  // ask for the server's fingerprint
    kRepairFetch,  // ask for the cells of differing buckets
    kRepairPush,   // send our cells of those buckets
    kDone,
  };
  Status Fail(Status status);
  Status HandlePush(std::string_view body);
  Status HandlePull(std::string_view body);
  Status HandleFingerprint(std::string_view body);
  Status HandleRepairFetch(std::string_view body);

  Journal* journal_;
  Options options_;
  Env* env_;
  State state_ = State::kPush;
  // The state whose request is in flight (kDone when none).
  State sent_ = State::kDone;
  std::string token_;
  int64_t cursor_ = 0;
  int64_t batch_last_seq_ = 0;  // of the push in flight
  size_t batch_size_ = 0;
  int renewals_ = 0;
  std::vector<size_t> differing_;  // buckets to repair
  std::vector<CellChange> repair_push_;
  SyncReport report_;
  Status status_;
};

// The server's refusal in an error body ({"error":{"code","message"}}) as a
// Status; a body that is not one gives "http-<status>".
Status SyncErrorFromResponse(int http_status, std::string_view body);

}  // namespace unknot

#endif  // UNKNOT_SYNC_ROUND_H_
