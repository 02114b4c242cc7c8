#ifndef SYNCRULE_RUNTIME_CONNECTORS_STATIC_CONNECTOR_H_
#define SYNCRULE_RUNTIME_CONNECTORS_STATIC_CONNECTOR_H_

// A Connector assembled from a connector folder's free functions (schema.cc,
// decoder.cc, signature.cc), so that each folder needs no class of its own.

#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

#include "runtime/connectors/connector.h"

namespace syncrule::runtime {

// A connector whose parts are plain functions; immutable once built.
class StaticConnector final : public Connector {
 public:
  using SchemaFn = const ConnectorSchema& (*)();
  using DecodeFn = DecodeResult (*)(const RawDelivery&, simdjson::dom::element);
  using VerifyFn = SignatureCheck (*)(const RawDelivery&,
                                      const std::vector<std::string>&);

  // Builds a connector from its schema accessor `schema_fn`, a sentence
  // `shape` saying what payloads it recognises, its decoder `decode_fn` and
  // its signature check `verify_fn`.
  constexpr StaticConnector(SchemaFn schema_fn, std::string_view shape,
                            DecodeFn decode_fn, VerifyFn verify_fn)
      : schema_fn_(schema_fn),
        shape_(shape),
        decode_fn_(decode_fn),
        verify_fn_(verify_fn) {}

  const ConnectorSchema& schema() const override { return schema_fn_(); }
  std::string_view shape() const override { return shape_; }
  DecodeResult Decode(const RawDelivery& delivery,
                      simdjson::dom::element body) const override {
    return decode_fn_(delivery, body);
  }
  SignatureCheck VerifySignature(
      const RawDelivery& delivery,
      const std::vector<std::string>& secrets) const override {
    return verify_fn_(delivery, secrets);
  }

 private:
  SchemaFn schema_fn_;
  std::string_view shape_;
  DecodeFn decode_fn_;
  VerifyFn verify_fn_;
};

}  // namespace syncrule::runtime

#endif  // SYNCRULE_RUNTIME_CONNECTORS_STATIC_CONNECTOR_H_
