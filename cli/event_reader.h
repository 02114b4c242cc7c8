#ifndef SYNCRULE_CLI_EVENT_READER_H_
#define SYNCRULE_CLI_EVENT_READER_H_

// Reading an NDJSON events file for `syncrule bench` in chunks of whole
// lines, each line followed by at least simdjson's padding of readable
// bytes, so that lines are parsed where they lie. Regular files are mapped
// into memory (no copy through the kernel; pages already read are given
// back, so memory stays constant); pipes and standard input are read into
// a buffer. A mapped file must not shrink while it is read (the kernel
// would stop the process); bench inputs are files written before the run.

#include <memory>
#include <string>
#include <string_view>

namespace syncrule::cli {

// A source of chunks of whole lines.
class EventReader {
 public:
  virtual ~EventReader() = default;

  // Sets `*chunk` to the next run of whole lines (the last may lack its
  // newline) and returns true; returns false at the end of the input or on
  // a read error (error() then says which). A chunk stays valid until the
  // next call.
  virtual bool Next(std::string_view* chunk) = 0;

  // Returns why reading stopped early, or "" when it did not.
  virtual const std::string& error() const = 0;
};

// Opens `path` ("-" for standard input). Returns null and sets `*error` to
// a sentence naming the path when it cannot be opened.
std::unique_ptr<EventReader> OpenEventReader(const std::string& path, std::string* error);

}  // namespace syncrule::cli

#endif  // SYNCRULE_CLI_EVENT_READER_H_
