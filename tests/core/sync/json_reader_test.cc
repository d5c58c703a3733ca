// JsonReader (core/src/sync/json_reader.h): what is valid JSON, and what
// is read from it. tests/fuzz/json_reader_fuzz.cc compares both with
// nlohmann/json on random input; these pin the cases by name.
#include "sync/json_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace unknot::sync_json {
namespace {

bool Valid(std::string_view text, int depth = 8) {
  return JsonReader::Validate(text, depth);
}

std::string Str(std::string_view text) {
  EXPECT_TRUE(Valid(text)) << text;
  JsonReader r(text);
  std::string out;
  r.ReadString(&out);
  return out;
}

TEST(JsonReaderTest, ValidDocuments) {
  for (const char* text :
       {"{}", "[]", " { \"a\" : [ 1 , -2.5e+3 , true , false , null ] } ",
        "\"x\"", "0", "-0", "1e-400", "1.7976931348623157e308"}) {
    EXPECT_TRUE(Valid(text)) << text;
  }
  EXPECT_TRUE(Valid("\xEF\xBB\xBF{}"));  // a byte order mark first
}

TEST(JsonReaderTest, InvalidDocuments) {
  for (const std::string& text :
       std::vector<std::string>{"",
                                " ",
                                "{",
                                "[1,]",
                                "{\"a\":1,}",
                                "{\"a\"}",
                                "{1:2}",
                                "[01]",
                                "[1.]",
                                "[.5]",
                                "[1e]",
                                "[+1]",
                                "tru",
                                "nul",
                                "[true false]",
                                "{\"a\":1}{}",
                                "\"a",
                                "\"\\x\"",
                                "\"\\u12G4\"",
                                "\"\\ud800\"",
                                "\"\\udc00\"",
                                "\"\\ud800\\u0041\"",
                                "\"tab\tin\"",
                                "[1e400]",
                                std::string("[1]\0", 4),
                                "\"\xC0\xAF\"",
                                "\"\xED\xA0\x80\"",
                                "\"\xF4\x90\x80\x80\"",
                                "\"\xE2\x82\""}) {
    EXPECT_FALSE(Valid(text)) << text;
  }
}

TEST(JsonReaderTest, DepthIsLimited) {
  EXPECT_TRUE(Valid("[[[[]]]]", 4));
  EXPECT_FALSE(Valid("[[[[[]]]]]", 4));
  EXPECT_FALSE(Valid("{\"a\":{\"b\":{\"c\":{\"d\":{}}}}}", 4));
  EXPECT_TRUE(Valid("[\"[[[[[[\"]", 1));  // brackets in strings do not nest
}

TEST(JsonReaderTest, StringsAreDecoded) {
  EXPECT_EQ(Str(R"("plain")"), "plain");
  EXPECT_EQ(Str(R"("q\"b\\s\/ \b\f\n\r\t")"), "q\"b\\s/ \b\f\n\r\t");
  EXPECT_EQ(Str(R"("\u00e9\u20AC")"), "\xC3\xA9\xE2\x82\xAC");
  EXPECT_EQ(Str(R"("\ud83d\ude00")"), "\xF0\x9F\x98\x80");
  EXPECT_EQ(Str("\"\xE2\x82\xAC raw\""), "\xE2\x82\xAC raw");
  EXPECT_EQ(Str(R"("\u0000")"), std::string(1, '\0'));
}

TEST(JsonReaderTest, IntegersAndOtherNumbers) {
  const std::string text =
      "[0,-0,42,-9223372036854775808,9223372036854775807,"
      "9223372036854775808,-9223372036854775809,1.0,1e2]";
  ASSERT_TRUE(Valid(text));
  JsonReader r(text);
  r.BeginArray();
  std::vector<std::string> got;
  while (r.NextElement()) {
    int64_t v = 0;
    got.push_back(r.ReadInt64(&v) ? std::to_string(v) : "not-int64");
  }
  EXPECT_EQ(got,
            (std::vector<std::string>{"0", "0", "42", "-9223372036854775808",
                                      "9223372036854775807", "not-int64",
                                      "not-int64", "not-int64", "not-int64"}));
}

TEST(JsonReaderTest, ObjectsArraysAndSkipping) {
  const std::string text =
      R"({"skip":{"x":[1,{"y":"]}"}]},"n":null,"list":[true,false,[]],"k":"v"})";
  ASSERT_TRUE(Valid(text));
  JsonReader r(text);
  std::string key, value, seen;
  r.BeginObject();
  while (r.NextKey(&key)) {
    seen += key + ":";
    if (key == "list") {
      r.BeginArray();
      while (r.NextElement()) {
        if (r.Next() == Kind::kArray) {
          r.SkipValue();
          seen += "[] ";
        } else {
          seen += r.ReadBool() ? "t " : "f ";
        }
      }
    } else if (key == "k") {
      r.ReadString(&value);
      seen += value + " ";
    } else {
      seen += r.Next() == Kind::kNull ? "null " : "skipped ";
      r.SkipValue();
    }
  }
  EXPECT_EQ(seen, "skip:skipped n:null list:t f [] k:v ");
}

}  // namespace
}  // namespace unknot::sync_json
