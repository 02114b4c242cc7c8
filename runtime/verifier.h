#ifndef SYNCRULE_RUNTIME_VERIFIER_H_
#define SYNCRULE_RUNTIME_VERIFIER_H_

// The module verifier: everything the VM relies on, checked once at load so
// that the dispatch loop needs no checks of its own. For each rule it checks
//  - the rule's code range, slot counts and source position;
//  - every opcode byte and every operand against what it indexes
//    (constants, fields, paths, sets, regexes, maps, effect sites, JQL
//    tables, local and iterator slots, builtin ids and arities);
//  - constant types where an instruction needs a particular one (MEMBER
//    takes a string, MAKE_OBJECT a list of strings);
//  - jumps: inside the rule, forward only, except ITER_LOOP, which must go
//    back to the ITER_NEXT of the same iterator with no ITER_INIT of that
//    iterator in between (so every loop runs at most its limit per entry);
//  - the operand stack, by abstract interpretation: no underflow, the same
//    depth on every path into an instruction, no path falling off the end,
//    and a maximum within the rule's declared max_stack and kMaxStackDepth;
// and for the module: table cross-references and the line table's order.
// Regexes are compiled (and their program size bounded) when linking.

#include <string>

#include "runtime/module.h"

namespace syncrule::runtime {

// Verifies `image`; returns the first problem found, naming the rule and
// the instruction.
ModuleStatus VerifyModule(const ModuleImage& image);

// Returns the stack effect of instruction `i` on its fall-through edge
// (`taken` false) or its jump edge (`taken` true), resolving variable
// effects from the operands and `image`.
int StackEffect(Instruction i, const ModuleImage& image, bool taken);

}  // namespace syncrule::runtime

#endif  // SYNCRULE_RUNTIME_VERIFIER_H_
