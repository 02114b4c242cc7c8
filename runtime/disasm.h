#ifndef SYNCRULE_RUNTIME_DISASM_H_
#define SYNCRULE_RUNTIME_DISASM_H_

// A readable listing of a module: per rule its triggers and JQL, then each
// instruction with its operands explained (constants, field names, jump
// targets, set contents, effect sites), interleaved with the source lines
// the line table maps them to. `syncrule disasm rules.srb` prints this, and
// the bytecode goldens (tests/golden/bytecode/) compare against it.

#include <string>

#include "runtime/module.h"

namespace syncrule::runtime {

// What a listing shows.
struct DisasmOptions {
  // Print the source line (file:line | text) before the instructions it
  // produced.
  bool source_lines = true;
  // Print the module summary header.
  bool header = true;
};

// Returns the listing of `image`. Works on any image that passed
// VerifyModule; on an unverified one it prints what it can without reading
// out of bounds.
std::string Disassemble(const ModuleImage& image, const DisasmOptions& options = {});

// Returns one instruction of `image` as the listing prints it, without the
// pc ("JMP_IF_FALSE -> 12").
std::string DisassembleInstruction(const ModuleImage& image, uint32_t pc);

}  // namespace syncrule::runtime

#endif  // SYNCRULE_RUNTIME_DISASM_H_
