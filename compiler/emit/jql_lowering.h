#ifndef SYNCRULE_COMPILER_EMIT_JQL_LOWERING_H_
#define SYNCRULE_COMPILER_EMIT_JQL_LOWERING_H_

// Lowers a checked JQL query (compiler/jql/checked_query.h) to bytecode:
// AND/OR/NOT to short-circuit jumps, `=`/`IN`/`!=`/`NOT IN` on name-valued
// fields to JQL_LOAD + a folded set test, IS [NOT] EMPTY to JQL_EMPTY, and
// every other clause (ordering, dates, `~`, WAS/CHANGED, EMPTY inside
// lists) to JQL_TERM, whose runtime half (runtime/jql_runtime.cc) mirrors
// the reference evaluator. Operands are prepared here as the reference
// evaluator prepares them; what it cannot answer without server state
// (currentUser(), membersOf(), saved filters, JSM approvals and SLAs) is
// declined with an error naming the construct.

#include <functional>
#include <string>
#include <vector>

#include "compiler/emit/module_builder.h"
#include "compiler/jql/checked_query.h"
#include "compiler/jql/field_catalog.h"

namespace syncrule::emit {

class JqlLowering {
 public:
  // Lowers into `code` with tables in `module`; `catalog` lists the custom
  // text fields `text ~` searches (null: every string custom field).
  JqlLowering(ModuleBuilder& module, CodeBuilder& code,
              const jql::FieldCatalog* catalog);

  // Emits code that falls through when `clause` holds and adds a jump to
  // `false_list` when it does not.
  void GoIfTrue(const jql::CheckedClause& clause, JumpList* false_list);
  // Emits code that falls through when `clause` does not hold and adds a
  // jump to `true_list` when it does.
  void GoIfFalse(const jql::CheckedClause& clause, JumpList* true_list);
  // Emits code that pushes the clause's verdict (a bool).
  void PushValue(const jql::CheckedClause& clause);

  // Calls `observer` before the code of each clause whose verdict a jump
  // tests: every terminal clause, and AND/OR subtrees evaluated whole. The
  // rule emitter uses it to give those instructions the clause's source
  // position, so that a rejection names the failing JQL clause.
  void set_clause_observer(std::function<void(const jql::CheckedClause&)> observer) {
    observer_ = std::move(observer);
  }

  // Returns true when evaluating `clause` can report an error at run time;
  // such subtrees are evaluated fully, as the reference evaluator does, so
  // that errors never depend on evaluation order.
  static bool MayError(const jql::CheckedClause& clause);

 private:
  void Terminal(const jql::CheckedClause& clause);
  bool TrySetTest(const jql::CheckedClause& clause);
  uint32_t FieldIndex(const jql::FieldInfo& field);
  bool PrepareOperand(const jql::CheckedOperand& operand, const jql::FieldInfo& field,
                      std::vector<runtime::JqlOperandImage>* out);
  bool PrepareWindow(const jql::CheckedPredicate& predicate,
                     runtime::JqlTermImage* term);
  void Decline(std::string message);

  ModuleBuilder& module_;
  CodeBuilder& code_;
  const jql::FieldCatalog* catalog_;
  std::function<void(const jql::CheckedClause&)> observer_;
  // The property path of the entity-property clause being lowered.
  std::vector<std::string> property_path_;
};

}  // namespace syncrule::emit

#endif  // SYNCRULE_COMPILER_EMIT_JQL_LOWERING_H_
