#include <gtest/gtest.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <iostream>
#include "tests/compiler/rule_check_helpers.h"
namespace syncrule { namespace {
TEST(ZzDump, Dump) {
  const char* dir = std::getenv("DUMP_DIR");
  if (!dir) return;
  std::vector<std::string> paths;
  for (auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.path().extension() == ".rule") paths.push_back(e.path().string());
  std::sort(paths.begin(), paths.end());
  for (auto& p : paths) {
    std::ifstream in(p); std::stringstream b; b << in.rdbuf();
    auto run = testing_rules::CheckFiles({{p, b.str()}});
    std::cout << "=== " << p << "\n" << testing_rules::Printed(run);
  }
}
}}
