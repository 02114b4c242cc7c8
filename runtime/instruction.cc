#include "runtime/instruction.h"

namespace syncrule::runtime {
namespace {

// The tables below are expansions of opcodes.def, indexed by opcode.
constexpr std::string_view kNames[] = {
#define OP(name, format, effect) #name,
#include "runtime/opcodes.def"
#undef OP
};

constexpr OperandFormat kFormats[] = {
#define OP(name, format, effect) OperandFormat::format,
#include "runtime/opcodes.def"
#undef OP
};

constexpr int kEffects[] = {
#define OP(name, format, effect) effect,
#include "runtime/opcodes.def"
#undef OP
};

static_assert(sizeof(kNames) / sizeof(kNames[0]) == kOpcodeCount);

}  // namespace

std::string_view OpcodeName(Opcode op) {
  size_t i = static_cast<size_t>(op);
  return i < static_cast<size_t>(kOpcodeCount) ? kNames[i] : "?";
}

OperandFormat FormatOf(Opcode op) {
  size_t i = static_cast<size_t>(op);
  return i < static_cast<size_t>(kOpcodeCount) ? kFormats[i] : OperandFormat::kNone;
}

int DeclaredEffect(Opcode op) {
  size_t i = static_cast<size_t>(op);
  return i < static_cast<size_t>(kOpcodeCount) ? kEffects[i] : 0;
}

}  // namespace syncrule::runtime
