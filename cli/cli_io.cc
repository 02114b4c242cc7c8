#include "cli/cli_io.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace syncrule::cli {

bool ReadInput(const std::string& path, std::string* text, std::string* error) {
  if (path == "-") {
    std::ostringstream buffer;
    buffer << std::cin.rdbuf();
    *text = buffer.str();
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot read '" + path + "': " + std::strerror(errno);
    return false;
  }
  // One read of the whole file when its size is known (an events file of
  // hundreds of megabytes), the stream's buffer otherwise (a pipe).
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  if (size > 0 && in) {
    text->resize(static_cast<size_t>(size));
    in.read(text->data(), size);
    text->resize(static_cast<size_t>(in.gcount()));
  } else {
    in.clear();
    std::ostringstream buffer;
    buffer << in.rdbuf();
    *text = buffer.str();
  }
  if (in.bad()) {
    *error = "cannot read '" + path + "': read error";
    return false;
  }
  return true;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
  }
  return lines;
}

std::optional<std::string> QueryFromJsonLine(const std::string& line) {
  nlohmann::json value = nlohmann::json::parse(line, nullptr, false);
  if (value.is_string()) return value.get<std::string>();
  if (value.is_object() && value.contains("query") && value["query"].is_string()) {
    return value["query"].get<std::string>();
  }
  return std::nullopt;
}

nlohmann::json DiagnosticToJson(const Source& source, const Diagnostic& d) {
  SourcePosition begin = source.PositionOf(d.range.begin);
  SourcePosition end = source.PositionOf(d.range.end);
  nlohmann::json out = {{"code", d.code},
                        {"severity", SeverityName(d.severity)},
                        {"line", begin.line},
                        {"column", begin.column},
                        {"end_line", end.line},
                        {"end_column", end.column},
                        {"message", d.message}};
  if (!d.notes.empty()) out["notes"] = d.notes;
  for (const FixIt& fix : d.fixes) {
    out["fixes"].push_back({{"message", fix.message},
                            {"replacement", fix.replacement},
                            {"column", source.PositionOf(fix.range.begin).column},
                            {"end_column", source.PositionOf(fix.range.end).column}});
  }
  return out;
}

}  // namespace syncrule::cli
