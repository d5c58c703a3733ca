#include "unknot/entry_json.h"

#include "journal/entry_json_internal.h"
#include "unknot/env.h"
#include "unknot/time_util.h"

namespace unknot {
namespace journal {

namespace {

using nlohmann::json;

Status BadField(const std::string& field, const std::string& why) {
  return Status::Invalid("invalid-field", field + ": " + why);
}

// An Env whose local time zone is fixed: an entry's own offset.
class FixedOffsetEnv : public Env {
 public:
  explicit FixedOffsetEnv(int offset) : offset_(offset) {}
  int64_t NowMillis() override { return 0; }
  void RandomBytes(uint8_t*, size_t) override {}
  int UtcOffsetMinutes(int64_t) override { return offset_; }

 private:
  int offset_;
};

Status ReadInt(const json& obj, const char* key, int lo, int hi,
               std::optional<int>* out) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return Status::OK();
  if (!it->is_number_integer()) return BadField(key, "must be a whole number");
  int64_t v = it->get<int64_t>();
  if (v < lo || v > hi) {
    // Ranges proper are the validator's; this only keeps the value an int.
    return BadField(key, "out of range");
  }
  *out = static_cast<int>(v);
  return Status::OK();
}

Status ReadStringList(const json& obj, const char* key,
                      std::vector<std::string>* out) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return Status::OK();
  if (!it->is_array()) return BadField(key, "must be an array of strings");
  for (const json& item : *it) {
    if (!item.is_string()) return BadField(key, "must be an array of strings");
    out->push_back(item.get<std::string>());
  }
  return Status::OK();
}

Status ReadSites(const json& obj, std::vector<SitePain>* out) {
  auto it = obj.find("sites");
  if (it == obj.end() || it->is_null()) return Status::OK();
  if (!it->is_array()) return BadField("sites", "must be an array");
  for (const json& s : *it) {
    if (!s.is_object()) return BadField("sites", "each site is an object");
    SitePain pain;
    auto site = s.find("site");
    if (site == s.end() || !site->is_string()) {
      return BadField("sites", "each site needs a \"site\" id");
    }
    pain.site = site->get<std::string>();
    auto side = s.find("side");
    if (side != s.end() && !side->is_null()) {
      if (!side->is_string() ||
          !ParseSide(side->get<std::string>(), &pain.side)) {
        return Status::Invalid("unknown-side",
                               "side must be left, right or both");
      }
    }
    auto intensity = s.find("intensity");
    if (intensity == s.end() || !intensity->is_number_integer()) {
      return BadField("sites", "each site needs a whole-number \"intensity\"");
    }
    int64_t v = intensity->get<int64_t>();
    pain.intensity = v < -1 ? -1 : v > 11 ? 11 : static_cast<int>(v);
    out->push_back(std::move(pain));
  }
  return Status::OK();
}

Status ReadTime(const json& obj, JournalEntry* e) {
  auto at = obj.find("at");
  if (at == obj.end() || !at->is_string()) {
    return BadField("at", "an ISO 8601 time is required");
  }
  // A time without an offset is read in the entry's own offset when given.
  std::optional<int> offset;
  UNKNOT_RETURN_IF_ERROR(
      ReadInt(obj, "tz_offset_minutes", -18 * 60, 18 * 60, &offset));
  FixedOffsetEnv env(offset.value_or(0));
  int parsed_offset = 0;
  UNKNOT_RETURN_IF_ERROR(
      ParseIsoTime(at->get<std::string>(), &env, &e->at_ms, &parsed_offset));
  e->tz_offset_minutes = offset.value_or(parsed_offset);
  return Status::OK();
}

}  // namespace

void BeginEntry(const JournalEntry& e, JsonOut* out) {
  out->BeginObject();
  out->Key("id");
  out->String(e.id);
  out->Key("at");
  out->String(FormatIsoTime(e.at_ms, e.tz_offset_minutes));
  out->Key("tz_offset_minutes");
  out->Int(e.tz_offset_minutes);
  out->Key("flare");
  out->Bool(e.flare);
  out->Key("sites");
  out->BeginArray();
  for (const SitePain& s : e.sites) {
    out->BeginObject();
    out->Key("site");
    out->String(s.site);
    out->Key("side");
    out->String(SideName(s.side));
    out->Key("intensity");
    out->Int(s.intensity);
    out->EndObject();
  }
  out->EndArray();
  const std::pair<const char*, const std::vector<std::string>*> lists[] = {
      {"qualities", &e.qualities},
      {"triggers", &e.triggers},
      {"helped", &e.helped},
      {"medications", &e.medications}};
  for (const auto& [key, items] : lists) {
    out->Key(key);
    out->BeginArray();
    for (const std::string& item : *items) out->String(item);
    out->EndArray();
  }
  out->Key("rom");
  if (e.rom) {
    out->String(RangeOfMotionName(*e.rom));
  } else {
    out->Null();
  }
  const std::pair<const char*, const std::optional<int>*> numbers[] = {
      {"stress", &e.stress}, {"sleep", &e.sleep}};
  for (const auto& [key, value] : numbers) {
    out->Key(key);
    if (*value) {
      out->Int(**value);
    } else {
      out->Null();
    }
  }
  out->Key("note");
  if (e.note) {
    out->String(*e.note);
  } else {
    out->Null();
  }
  out->Key("deleted");
  out->Bool(e.deleted);
}

void WriteEntry(const JournalEntry& e, JsonOut* out) {
  BeginEntry(e, out);
  if (!e.stamps.empty()) {
    out->Key("stamps");
    out->BeginObject();
    for (const auto& [key, hlc] : e.stamps) {
      out->Key(key);
      out->String(hlc);
    }
    out->EndObject();
  }
  out->EndObject();
}

Status EntryFromJsonValue(const json& obj, JournalEntry* e) {
  if (!obj.is_object()) return BadField("entry", "must be a JSON object");
  *e = JournalEntry();
  auto id = obj.find("id");
  if (id != obj.end() && !id->is_null()) {
    if (!id->is_string()) return BadField("id", "must be a string");
    e->id = id->get<std::string>();
  }
  UNKNOT_RETURN_IF_ERROR(ReadTime(obj, e));
  auto flare = obj.find("flare");
  if (flare != obj.end() && !flare->is_null()) {
    if (!flare->is_boolean()) return BadField("flare", "must be true or false");
    e->flare = flare->get<bool>();
  }
  UNKNOT_RETURN_IF_ERROR(ReadSites(obj, &e->sites));
  UNKNOT_RETURN_IF_ERROR(ReadStringList(obj, "qualities", &e->qualities));
  UNKNOT_RETURN_IF_ERROR(ReadStringList(obj, "triggers", &e->triggers));
  UNKNOT_RETURN_IF_ERROR(ReadStringList(obj, "helped", &e->helped));
  UNKNOT_RETURN_IF_ERROR(ReadStringList(obj, "medications", &e->medications));
  auto rom = obj.find("rom");
  if (rom != obj.end() && !rom->is_null()) {
    RangeOfMotion r;
    if (!rom->is_string() || !ParseRangeOfMotion(rom->get<std::string>(), &r)) {
      return Status::Invalid("invalid-rom",
                             "rom must be full, limited or very_limited");
    }
    e->rom = r;
  }
  // Out-of-range numbers are kept as ±1 past the range for the validator
  // to name with its own code.
  UNKNOT_RETURN_IF_ERROR(
      ReadInt(obj, "stress", INT32_MIN, INT32_MAX, &e->stress));
  UNKNOT_RETURN_IF_ERROR(
      ReadInt(obj, "sleep", INT32_MIN, INT32_MAX, &e->sleep));
  auto note = obj.find("note");
  if (note != obj.end() && !note->is_null()) {
    if (!note->is_string()) return BadField("note", "must be text");
    e->note = note->get<std::string>();
  }
  auto deleted = obj.find("deleted");
  if (deleted != obj.end() && !deleted->is_null()) {
    if (!deleted->is_boolean())
      return BadField("deleted", "must be true or false");
    e->deleted = deleted->get<bool>();
  }
  auto stamps = obj.find("stamps");
  if (stamps != obj.end() && !stamps->is_null()) {
    if (!stamps->is_object()) return BadField("stamps", "must be an object");
    for (auto it = stamps->begin(); it != stamps->end(); ++it) {
      if (!it.value().is_string()) return BadField("stamps", "must be text");
      e->stamps[it.key()] = it.value().get<std::string>();
    }
  }
  return Status::OK();
}

}  // namespace journal

std::string EntryToJson(const JournalEntry& entry) {
  std::string out;
  journal::JsonOut json(&out);
  journal::WriteEntry(entry, &json);
  return out;
}

std::string EntriesToJson(const std::vector<JournalEntry>& entries) {
  std::string out;
  journal::JsonOut json(&out);
  json.BeginArray();
  for (const JournalEntry& e : entries) journal::WriteEntry(e, &json);
  json.EndArray();
  return out;
}

Status EntryFromJson(std::string_view text, JournalEntry* entry) {
  nlohmann::json value = nlohmann::json::parse(text, nullptr, false);
  if (value.is_discarded()) {
    return Status::Invalid("invalid-json", "the entry is not valid JSON");
  }
  return journal::EntryFromJsonValue(value, entry);
}

}  // namespace unknot
