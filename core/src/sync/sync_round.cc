#include "unknot/sync_round.h"

#include <nlohmann/json.hpp>
#include <utility>

#include "unknot/sync.h"

namespace unknot {

namespace {

using nlohmann::json;

bool IsSuccess(int http_status) {
  return http_status >= 200 && http_status < 300;
}

}  // namespace

Status SyncErrorFromResponse(int http_status, std::string_view body) {
  const json doc = json::parse(body, nullptr, /*allow_exceptions=*/false);
  std::string code = "http-" + std::to_string(http_status);
  std::string message =
      "the server answered HTTP " + std::to_string(http_status);
  if (doc.is_object()) {
    auto error = doc.find("error");
    if (error != doc.end() && error->is_object()) {
      auto c = error->find("code");
      auto m = error->find("message");
      if (c != error->end() && c->is_string()) code = c->get<std::string>();
      if (m != error->end() && m->is_string()) message = m->get<std::string>();
    }
  }
  if (http_status == 401 || http_status == 403) {
    return Status::Invalid(code, message);
  }
  if (http_status >= 500 || http_status == 0) {
    return Status::IOError(code, message);
  }
  return Status::Invalid(code, message);
}

SyncRound::SyncRound(Journal* journal) : SyncRound(journal, Options()) {}

SyncRound::SyncRound(Journal* journal, Options options)
    : journal_(journal),
      options_(options),
      env_(options.env != nullptr ? options.env : Env::Default()) {
  Journal::SyncState state;
  Status s = journal_->GetSyncState(&state, /*count_pending=*/false);
  if (!s.ok()) {
    Fail(s);
    return;
  }
  if (state.token.empty() || state.server.empty()) {
    state_ = State::kDone;  // not signed in: nothing to do
    return;
  }
  token_ = state.token;
  cursor_ = state.pull_cursor;
  report_.cursor = cursor_;
}

Status SyncRound::Fail(Status status) {
  state_ = State::kDone;
  sent_ = State::kDone;
  status_ = status;
  return status;
}

bool SyncRound::NextRequest(SyncHttpRequest* request) {
  request->token = token_;
  request->body.clear();
  while (true) {
    switch (state_) {
      case State::kDone:
        return false;
      case State::kPush: {
        Journal::SyncState sync;
        ChangeBatch batch;
        Status s = journal_->GetSyncState(&sync, /*count_pending=*/false);
        if (s.ok()) {
          s = journal_->ChangesAfter(sync.push_cursor, kMaxSyncBatchBytes,
                                     &batch);
        }
        if (!s.ok()) {
          Fail(s);
          return false;
        }
        if (batch.changes.empty()) {
          state_ = State::kPull;
          continue;
        }
        // ChangesAfter caps a batch at kMaxSyncBatchChanges as well as
        // kMaxSyncBatchBytes, so a batch is always one push.
        PushRequest push{journal_->device_id(), journal_->ClockText(),
                         std::move(batch.changes)};
        batch_size_ = push.changes.size();
        batch_last_seq_ = batch.last_seq;
        request->method = "POST";
        request->path = "/api/sync/push";
        request->body = EncodePushRequest(push);
        sent_ = State::kPush;
        return true;
      }
      case State::kPull:
        request->method = "GET";
        request->path = "/api/sync/pull?after=" + std::to_string(cursor_);
        sent_ = State::kPull;
        return true;
      case State::kFingerprint:
        request->method = "GET";
        request->path = "/api/sync/fingerprint";
        sent_ = State::kFingerprint;
        return true;
      case State::kRepairFetch: {
        json buckets = json::array();
        for (size_t b : differing_) buckets.push_back(b);
        request->method = "POST";
        request->path = "/api/sync/cells";
        request->body = json{{"buckets", buckets}}.dump();
        sent_ = State::kRepairFetch;
        return true;
      }
      case State::kRepairPush: {
        if (repair_push_.empty()) {
          state_ = State::kDone;
          continue;
        }
        // Send at most one batch's worth; the rest in later requests.
        PushRequest push{journal_->device_id(), journal_->ClockText(), {}};
        size_t bytes = 0;
        size_t n = 0;
        while (n < repair_push_.size() && n < kMaxSyncBatchChanges) {
          const size_t size = EncodedChangeSize(repair_push_[n]);
          if (n > 0 && bytes + size > kMaxSyncBatchBytes) break;
          bytes += size;
          ++n;
        }
        push.changes.assign(repair_push_.begin(), repair_push_.begin() + n);
        repair_push_.erase(repair_push_.begin(), repair_push_.begin() + n);
        batch_size_ = n;
        request->method = "POST";
        request->path = "/api/sync/push";
        request->body = EncodePushRequest(push);
        sent_ = State::kRepairPush;
        return true;
      }
    }
  }
}

Status SyncRound::HandleResponse(int http_status, std::string_view body) {
  const State sent = sent_;
  sent_ = State::kDone;
  if (sent == State::kDone) {
    return Fail(Status::Invalid("no-request", "no request is in flight"));
  }
  if (!IsSuccess(http_status)) {
    Status error = SyncErrorFromResponse(http_status, body);
    if (error.code() == "device-restored" &&
        (sent == State::kPush || sent == State::kRepairPush) &&
        renewals_ == 0) {
      // A restored copy: take a new id (re-stamping pending changes) and
      // push again. Once per round: a second refusal is a real error.
      ++renewals_;
      Status s = journal_->RenewDeviceId();
      if (!s.ok()) return Fail(s);
      report_.device_renewed = true;
      repair_push_.clear();
      state_ = State::kPush;
      return Status::OK();
    }
    return Fail(error);
  }
  switch (sent) {
    case State::kPush:
      return HandlePush(body);
    case State::kPull:
      return HandlePull(body);
    case State::kFingerprint:
      return HandleFingerprint(body);
    case State::kRepairFetch:
      return HandleRepairFetch(body);
    case State::kRepairPush:
      // Stays in kRepairPush until every repair cell is sent.
      return Status::OK();
    case State::kDone:
      break;
  }
  return Status::OK();
}

Status SyncRound::HandlePush(std::string_view body) {
  const json doc = json::parse(body, nullptr, false);
  if (!doc.is_object() || !doc.contains("accepted")) {
    return Fail(Status::IOError("invalid-response",
                                "the server's push answer is not understood"));
  }
  Status s = journal_->AcknowledgePush(batch_last_seq_);
  if (!s.ok()) return Fail(s);
  report_.pushed += static_cast<int64_t>(batch_size_);
  state_ = State::kPush;
  return Status::OK();
}

Status SyncRound::HandlePull(std::string_view body) {
  PullPage page;
  Status s = DecodePullPage(body, &page);
  if (!s.ok()) return Fail(s);
  Journal::RemoteApplyOptions options;
  options.pull_cursor = page.cursor;
  Journal::RemoteApplyStats stats;
  s = journal_->ApplyRemote(page.changes, options, &stats);
  if (!s.ok()) return Fail(s);
  report_.pulled += static_cast<int64_t>(page.changes.size());
  report_.applied += stats.applied;
  cursor_ = page.cursor;
  report_.cursor = cursor_;
  if (page.more) {
    state_ = State::kPull;
  } else {
    state_ = options_.verify ? State::kFingerprint : State::kDone;
  }
  if (state_ == State::kDone)
    return journal_->RecordSyncTime(env_->NowMillis());
  return Status::OK();
}

Status SyncRound::HandleFingerprint(std::string_view body) {
  StateFingerprint theirs;
  Status s = DecodeFingerprint(body, &theirs);
  if (!s.ok()) return Fail(s);
  // A change made here since the push is not on the server yet: the
  // fingerprints differ for that reason alone, and the next round pushes
  // it. Compare only a settled state.
  Journal::SyncState sync;
  s = journal_->GetSyncState(&sync);
  if (!s.ok()) return Fail(s);
  StateFingerprint ours;
  s = journal_->Fingerprint(&ours);
  if (!s.ok()) return Fail(s);
  differing_.clear();
  if (sync.pending == 0) {
    for (size_t b = 0; b < kFingerprintBuckets; ++b) {
      if (ours.buckets[b] != theirs.buckets[b]) differing_.push_back(b);
    }
  }
  if (differing_.empty()) {
    state_ = State::kDone;
    return journal_->RecordSyncTime(env_->NowMillis());
  }
  state_ = State::kRepairFetch;
  return Status::OK();
}

Status SyncRound::HandleRepairFetch(std::string_view body) {
  PullPage page;
  Status s = DecodePullPage(body, &page);
  if (!s.ok()) return Fail(s);
  // Ours first (before applying theirs, which may win over some of them),
  // then theirs; what we hold that the server lacks goes back to it.
  std::vector<CellChange> ours;
  s = journal_->CellsInBuckets(differing_, &ours);
  if (!s.ok()) return Fail(s);
  Journal::RemoteApplyOptions options;  // no cursor: not a pull page
  Journal::RemoteApplyStats stats;
  s = journal_->ApplyRemote(page.changes, options, &stats);
  if (!s.ok()) return Fail(s);
  report_.applied += stats.applied;
  report_.repaired = true;
  repair_push_ = std::move(ours);
  state_ = State::kRepairPush;
  s = journal_->RecordSyncTime(env_->NowMillis());
  if (!s.ok()) return Fail(s);
  return Status::OK();
}

}  // namespace unknot
