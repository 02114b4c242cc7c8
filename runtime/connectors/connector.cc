#include "runtime/connectors/connector.h"

#include <utility>

namespace syncrule::runtime {

DecodeResult DecodeResult::NotMine(std::string reason) {
  DecodeResult result;
  result.status = DecodeStatus::kNotMine;
  result.reason = std::move(reason);
  return result;
}

DecodeResult DecodeResult::Decoded(EventInfo event) {
  std::vector<EventInfo> events;
  events.push_back(std::move(event));
  return Decoded(std::move(events));
}

DecodeResult DecodeResult::Decoded(std::vector<EventInfo> events) {
  DecodeResult result;
  result.status = DecodeStatus::kDecoded;
  result.events = std::move(events);
  return result;
}

DecodeResult DecodeResult::Rejected(std::string reason) {
  DecodeResult result;
  result.status = DecodeStatus::kRejected;
  result.reason = std::move(reason);
  return result;
}

const char* SignatureStatusName(SignatureStatus status) {
  switch (status) {
    case SignatureStatus::kOk:
      return "ok";
    case SignatureStatus::kMissingHeader:
      return "missing_header";
    case SignatureStatus::kMismatch:
      return "mismatch";
    case SignatureStatus::kNotApplicable:
      return "not_applicable";
    case SignatureStatus::kNoSecret:
      return "no_secret";
  }
  return "mismatch";
}

}  // namespace syncrule::runtime
