#include "runtime/schema.h"

namespace syncrule::runtime {

const char* ValueTypeName(ValueType type) {
  switch (type) {
    case ValueType::kAny:
      return "any";
    case ValueType::kBool:
      return "bool";
    case ValueType::kInt:
      return "int";
    case ValueType::kNumber:
      return "number";
    case ValueType::kString:
      return "string";
    case ValueType::kTime:
      return "time";
    case ValueType::kStringList:
      return "list<string>";
    case ValueType::kList:
      return "list";
    case ValueType::kObject:
      return "object";
    case ValueType::kUser:
      return "user";
  }
  return "any";
}

void SetFieldValues(std::vector<FieldDecl>& fields, std::string_view name,
                    std::vector<std::string> values) {
  for (FieldDecl& field : fields) {
    if (field.name == name) field.values = values;
  }
}

}  // namespace syncrule::runtime
