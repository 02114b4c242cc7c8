// The rule index's flat string -> postings table agrees with a std::map
// built from the same keys, for keys present and absent, of every length.

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "runtime/posting_table.h"

namespace syncrule::runtime {
namespace {

std::vector<std::pair<uint32_t, uint8_t>> Pairs(PostingList list) {
  std::vector<std::pair<uint32_t, uint8_t>> out;
  for (uint32_t k = 0; k < list.size; ++k) out.emplace_back(list.begin[k].rule, list.begin[k].bit);
  return out;
}

TEST(PostingTableTest, AgreesWithAMapForPresentAndAbsentKeys) {
  std::mt19937 random(20261207);
  auto key = [&] {
    std::string k;
    int n = std::uniform_int_distribution<int>(0, 20)(random);
    for (int c = 0; c < n; ++c) k += "ab\0Zz-"[random() % 6];
    return k;
  };
  for (int round = 0; round < 50; ++round) {
    PostingTable table;
    std::map<std::string, std::vector<std::pair<uint32_t, uint8_t>>> expected;
    int count = std::uniform_int_distribution<int>(0, 300)(random);
    for (int i = 0; i < count; ++i) {
      std::string k = key();
      Posting p{static_cast<uint32_t>(random() % 1000), static_cast<uint8_t>(1u << (random() % 8))};
      table[k].push_back(p);
      expected[k].emplace_back(p.rule, p.bit);
    }
    EXPECT_EQ(table.empty(), expected.empty());
    table.Freeze();
    EXPECT_EQ(table.empty(), expected.empty());
    for (const auto& [k, postings] : expected) {
      ASSERT_EQ(Pairs(table.Find(k)), postings) << "key '" << k << "'";
    }
    for (int probe = 0; probe < 300; ++probe) {
      std::string k = key();
      auto it = expected.find(k);
      EXPECT_EQ(Pairs(table.Find(k)), it == expected.end() ? decltype(it->second){} : it->second);
    }
  }
}

TEST(PostingTableTest, AnEmptyTableFindsNothing) {
  PostingTable table;
  table.Freeze();
  EXPECT_TRUE(table.empty());
  EXPECT_EQ(table.Find("").size, 0u);
  EXPECT_EQ(table.Find("Done").size, 0u);
}

TEST(PostingTableTest, HashReadsEveryByte) {
  // Keys that differ only in their last byte, or only in length through a
  // trailing zero byte, hash apart.
  EXPECT_NE(PostingTable::Hash("abcdefgh1"), PostingTable::Hash("abcdefgh2"));
  EXPECT_NE(PostingTable::Hash(std::string_view("ab", 2)),
            PostingTable::Hash(std::string_view("ab\0", 3)));
  EXPECT_NE(PostingTable::Hash(""), PostingTable::Hash(std::string_view("\0", 1)));
}

}  // namespace
}  // namespace syncrule::runtime
