// The question set and the mood forms as JSON for the hosts that ask them
// (the web app's Check screen through wasm). Written with JsonOut rather
// than a JSON DOM: it is static text, and the wasm module pays for every
// template instantiation (web/size-check.mjs).
#include "journal/json_out.h"
#include "unknot/mood.h"
#include "unknot/triage.h"

namespace unknot {

std::string TriageQuestionsToJson() {
  std::string text;
  journal::JsonOut out(&text);
  out.BeginObject();
  out.Key("ruleset_version");
  out.String(kTriageRulesetVersion);
  out.Key("questions");
  out.BeginArray();
  for (const TriageQuestion& q : TriageQuestions()) {
    out.BeginObject();
    out.Key("id");
    out.String(q.id);
    out.Key("kind");
    out.String(q.kind == QuestionKind::kYesNo ? "yes_no" : "number");
    out.Key("text");
    out.String(q.text);
    out.Key("follows");
    out.String(q.follows);
    out.Key("form");
    out.String(q.form);
    if (q.kind == QuestionKind::kNumber) {
      // Every range of the table is whole (hours go up to 1e6).
      out.Key("min");
      out.Int(static_cast<int64_t>(q.min));
      out.Key("max");
      out.Int(static_cast<int64_t>(q.max));
      out.Key("integer");
      out.Bool(q.integer);
    }
    out.EndObject();
  }
  out.EndArray();
  out.Key("mood_forms");
  out.BeginArray();
  for (const MoodForm& form : MoodForms()) {
    out.BeginObject();
    for (auto [key, value] :
         {std::pair{"id", form.id}, std::pair{"short_id", form.short_id},
          std::pair{"title", form.title}, std::pair{"stem", form.stem}}) {
      out.Key(key);
      out.String(value);
    }
    out.Key("items");
    out.BeginArray();
    for (std::string_view item : form.items) out.String(item);
    out.EndArray();
    out.Key("bands");
    out.BeginArray();
    for (const MoodBand& band : form.bands) {
      out.BeginObject();
      out.Key("from");
      out.Int(band.from);
      out.Key("name");
      out.String(band.name);
      out.EndObject();
    }
    out.EndArray();
    out.Key("offer_full_at");
    out.Int(kMoodOfferFullFormAt);
    out.EndObject();
  }
  out.EndArray();
  out.Key("mood_scale");
  out.BeginArray();
  for (std::string_view label : MoodAnswerScale()) out.String(label);
  out.EndArray();
  out.EndObject();
  return text;
}

}  // namespace unknot
