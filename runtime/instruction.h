#ifndef SYNCRULE_RUNTIME_INSTRUCTION_H_
#define SYNCRULE_RUNTIME_INSTRUCTION_H_

// The encoding of one VM instruction: a fixed 32-bit word, opcode in the
// low byte, so that the dispatch loop decodes with one mask and one shift.
//
//    31                                 8 7            0
//   +------------------------------------+--------------+
//   |              A (24 bits)           |    opcode    |   iA   unsigned A
//   +------------------------------------+--------------+
//   |             sJ (24 bits, signed)   |    opcode    |   iJ   jump offset
//   +-----------------------+------------+--------------+
//   |      B (16 bits)      |  A (8 bits)|    opcode    |   iAB  two operands
//   +-----------------------+------------+--------------+
//   |   sB (16 bits, signed)|  A (8 bits)|    opcode    |   iAsB slot + jump
//   +-----------------------+------------+--------------+
//
// Jump offsets count instructions from the one after the jump (lua's
// convention): sJ = 0 falls through. Which layout an opcode uses, and what
// its operands index, is its OperandFormat in runtime/opcodes.def.

#include <cstdint>
#include <string_view>

namespace syncrule::runtime {

// Every opcode, from opcodes.def.
enum class Opcode : uint8_t {
#define OP(name, format, effect) k##name,
#include "runtime/opcodes.def"
#undef OP
};

// The number of opcodes; bytes at or above it are not opcodes.
inline constexpr int kOpcodeCount = 0
#define OP(name, format, effect) +1
#include "runtime/opcodes.def"
#undef OP
    ;

// What an instruction's operand bits mean; the verifier checks each kind.
enum class OperandFormat : uint8_t {
  kNone,         // no operand; A must be 0
  kSignedA,      // sA: a signed 24-bit integer
  kConst,        // A: constant index
  kField,        // A: event field index
  kPath,         // A: interned path index
  kLocal,        // A: local slot (< the rule's local count)
  kSet,          // A: string set index
  kRegex,        // A: regex index
  kCount,        // A: how many stack values the instruction pops
  kObject,       // A (8): value count, B (16): constant list of A string keys
  kMap,          // A: map index
  kCall,         // A (8): builtin id, B (16): argument count
  kCallRegex,    // A (8): regex builtin id, B (16): regex index
  kChanged,      // A (8): bit 0 has-from, bit 1 has-to; B (16): field index
  kLinkedField,  // A: constant, a list [kind, field name] of two strings
  kJump,         // sJ: forward jump offset
  kIter,         // A (8): iterator slot, B (16): iteration limit (>= 1)
  kIterJump,     // A (8): iterator slot, sB (16): jump offset
  kSite,         // A: effect site index
  kView,         // A: 0 current issue, 1 previous issue
  kJqlField,     // A: JQL field index
  kJqlTerm,      // A: JQL term index
};

// A stack effect that depends on the operands; see StackEffect in
// verifier.h.
inline constexpr int kVariableEffect = 1000;

// Operand ranges, from the widths drawn above.
inline constexpr uint32_t kMaxA = (1u << 24) - 1;
inline constexpr int32_t kMaxJump = (1 << 23) - 1;
inline constexpr int32_t kMinJump = -(1 << 23);
inline constexpr uint32_t kMaxShortA = 255;
inline constexpr uint32_t kMaxB = 65535;
inline constexpr int32_t kMaxShortJump = 32767;
inline constexpr int32_t kMinShortJump = -32768;

// One encoded instruction.
using Instruction = uint32_t;

// Returns the opcode byte of `i` (not necessarily a valid Opcode).
constexpr uint8_t OpByte(Instruction i) { return static_cast<uint8_t>(i & 0xFF); }
// Returns the opcode of `i`; only meaningful when OpByte(i) < kOpcodeCount.
constexpr Opcode OpOf(Instruction i) { return static_cast<Opcode>(i & 0xFF); }
// Returns the 24-bit unsigned operand A of an iA instruction.
constexpr uint32_t ArgA(Instruction i) { return i >> 8; }
// Returns the 24-bit signed operand (sA or sJ).
constexpr int32_t ArgSJ(Instruction i) {
  return static_cast<int32_t>(i) >> 8;  // arithmetic shift sign-extends
}
// Returns the 8-bit operand A of an iAB or iAsB instruction.
constexpr uint32_t ArgShortA(Instruction i) { return (i >> 8) & 0xFF; }
// Returns the 16-bit unsigned operand B of an iAB instruction.
constexpr uint32_t ArgB(Instruction i) { return i >> 16; }
// Returns the 16-bit signed operand sB of an iAsB instruction.
constexpr int32_t ArgSB(Instruction i) {
  return static_cast<int32_t>(i) >> 16;
}

// Encodes `op` with the unsigned 24-bit operand `a` (a <= kMaxA).
constexpr Instruction EncodeA(Opcode op, uint32_t a = 0) {
  return static_cast<uint32_t>(op) | (a << 8);
}
// Encodes `op` with the signed 24-bit operand `sj` (kMinJump..kMaxJump).
constexpr Instruction EncodeSJ(Opcode op, int32_t sj) {
  return static_cast<uint32_t>(op) | (static_cast<uint32_t>(sj) << 8);
}
// Encodes `op` with an 8-bit `a` and a 16-bit `b`.
constexpr Instruction EncodeAB(Opcode op, uint32_t a, uint32_t b) {
  return static_cast<uint32_t>(op) | ((a & 0xFF) << 8) | (b << 16);
}
// Encodes `op` with an 8-bit `a` and a signed 16-bit `sb`.
constexpr Instruction EncodeASB(Opcode op, uint32_t a, int32_t sb) {
  return static_cast<uint32_t>(op) | ((a & 0xFF) << 8) |
         (static_cast<uint32_t>(sb) << 16);
}

// Returns the opcode's name as the disassembler prints it ("JMP_IF_FALSE").
std::string_view OpcodeName(Opcode op);
// Returns the operand format of `op`.
OperandFormat FormatOf(Opcode op);
// Returns the declared stack effect of `op` (kVariableEffect for some).
int DeclaredEffect(Opcode op);
// Returns true when `op` jumps (its operand is a jump offset).
constexpr bool IsJump(Opcode op) {
  return op == Opcode::kJMP || op == Opcode::kJMP_IF_FALSE ||
         op == Opcode::kJMP_IF_TRUE || op == Opcode::kAND_JMP ||
         op == Opcode::kOR_JMP || op == Opcode::kITER_NEXT ||
         op == Opcode::kITER_LOOP;
}
// Returns the jump offset of a jump instruction `i`.
constexpr int32_t JumpOffset(Instruction i) {
  Opcode op = OpOf(i);
  return op == Opcode::kITER_NEXT || op == Opcode::kITER_LOOP ? ArgSB(i)
                                                               : ArgSJ(i);
}
// Returns `i` with its jump offset replaced by `offset` (in range).
constexpr Instruction WithJumpOffset(Instruction i, int32_t offset) {
  Opcode op = OpOf(i);
  return op == Opcode::kITER_NEXT || op == Opcode::kITER_LOOP
             ? EncodeASB(op, ArgShortA(i), offset)
             : EncodeSJ(op, offset);
}

static_assert(ArgSJ(EncodeSJ(Opcode::kJMP, -5)) == -5);
static_assert(ArgSJ(EncodeSJ(Opcode::kJMP, kMaxJump)) == kMaxJump);
static_assert(ArgSJ(EncodeSJ(Opcode::kJMP, kMinJump)) == kMinJump);
static_assert(ArgSB(EncodeASB(Opcode::kITER_LOOP, 3, -7)) == -7);
static_assert(ArgShortA(EncodeASB(Opcode::kITER_LOOP, 3, -7)) == 3);
static_assert(ArgB(EncodeAB(Opcode::kCALL, 2, 65535)) == 65535);
static_assert(ArgA(EncodeA(Opcode::kPUSH_CONST, kMaxA)) == kMaxA);
static_assert(kOpcodeCount < 256);

}  // namespace syncrule::runtime

#endif  // SYNCRULE_RUNTIME_INSTRUCTION_H_
