// `syncrule jql`: the JQL engine on the command line.

#include <memory>

#include "cli/commands.h"
#include "cli/jql_commands_internal.h"

namespace syncrule::cli {
namespace {

int exit_code = kExitOk;

void AddValidate(CLI::App& jql) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* sub = jql.add_subcommand(
      "validate",
      "Check JQL queries, one a line (a JSON string or {\"query\": ...}); "
      "prints one JSON result a line. Exit 0 when all are valid, 1 otherwise.");
  sub->add_option("input", options->input, "File of queries, or - for stdin")
      ->default_val("-");
  sub->add_option("--fields", options->fields_path,
                  "Custom fields, in the shape of Jira's GET /rest/api/2/field");
  sub->add_option("--format", options->format, "json (default) or text")
      ->check(CLI::IsMember({"json", "text"}));
  sub->callback([options] { SetExitCode(RunValidate(*options)); });
}

void AddFmt(CLI::App& jql) {
  auto options = std::make_shared<FmtOptions>();
  CLI::App* sub = jql.add_subcommand(
      "fmt",
      "Rewrite JQL in canonical form: upper-case keywords, quotes only where "
      "needed, normalised spacing.");
  sub->add_option("query", options->query, "The query; omit to read --file");
  sub->add_option("--file", options->input,
                  "Read queries from a file (- for stdin), one a line");
  sub->callback([options] { SetExitCode(RunFmt(*options)); });
}

void AddEval(CLI::App& jql) {
  auto options = std::make_shared<EvalOptions>();
  CLI::App* sub = jql.add_subcommand(
      "eval",
      "Print the key of every issue in --issues that matches QUERY, in ORDER "
      "BY order (input order without one).");
  sub->add_option("query", options->query, "The JQL query")->required();
  sub->add_option("--issues", options->issues_path,
                  "Issues, one JSON a line (REST or webhook shape)")
      ->required();
  sub->add_option("--now", options->now, "The clock, e.g. 2026-01-31T12:00:00Z");
  sub->add_option("--tz", options->zone, "Time zone, e.g. Europe/Berlin");
  sub->add_option("--user", options->user, "The current user for currentUser()");
  sub->add_option("--fields", options->fields_path, "Custom field catalog");
  sub->add_option("--groups", options->groups_path, "Groups file for membersOf()");
  sub->add_option("--context", options->context_path,
                  "Server state for issueHistory(), openSprints() and others");
  sub->add_option("--priorities", options->priority_order,
                  "Priority order, highest first: \"Highest, High, Medium, Low\"");
  sub->add_flag("--json", options->print_json, "Print whole issues, not keys");
  sub->callback([options] { SetExitCode(RunEval(*options)); });
}

}  // namespace

void RegisterJqlCommands(CLI::App& app) {
  CLI::App* jql = app.add_subcommand("jql", "Validate, evaluate and format JQL");
  jql->require_subcommand(1);
  AddValidate(*jql);
  AddFmt(*jql);
  AddEval(*jql);
}

void SetExitCode(int code) { exit_code = std::max(exit_code, code); }

int ExitCode() { return exit_code; }

}  // namespace syncrule::cli
