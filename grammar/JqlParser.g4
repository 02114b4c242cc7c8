// JQL parser for syncrule. Every alternative is labelled so that the one
// visitor in compiler/parse/ can turn the tree into syncrule's own AST.
// Precedence: NOT binds tightest, then AND, then OR; AND and OR are n-ary.
parser grammar JqlParser;

options { tokenVocab = JqlLexer; }

query: orClause? orderBy? EOF;

orClause: andClause (OR andClause)*;

andClause: notClause (AND notClause)*;

notClause
  : (NOT | BANG) notClause            # NotPrefix
  | LPAREN orClause RPAREN            # ParenGroup
  | terminalClause                    # TerminalPrefix
  ;

terminalClause: field rhs;

rhs
  : op=(EQUALS | NOT_EQUALS | LIKE | NOT_LIKE) singleOperand         # EqualityRhs
  | op=(LT | GT | LTEQ | GTEQ) valueOrFunction                      # RelationalRhs
  | NOT? IN listOrFunction                                          # InRhs
  | IS NOT? EMPTY                                                   # IsRhs
  | WAS NOT? IN listOrFunction historyPredicate*                     # WasInRhs
  | WAS NOT? singleOperand historyPredicate*                         # WasRhs
  | CHANGED changedPredicate*                                       # ChangedRhs
  ;

// A field: a name (bare, quoted or a number), or a custom field id, with
// optional entity-property brackets such as issue.property[key].path.
field
  : number                                                          # NumberField
  | (string | customField) propertySuffix*                          # NamedField
  ;

customField: CF LBRACKET POSNUMBER RBRACKET;

propertySuffix: LBRACKET argument RBRACKET argument*;

singleOperand: EMPTY | value | function;

valueOrFunction: value | function;

listOrFunction: list | function;

list: LPAREN operand (COMMA operand)* RPAREN;

operand: EMPTY | value | function | list;

function: (string | number) LPAREN (argument (COMMA argument)*)? RPAREN;

argument: string | number;

value: string | number;

string: STRING | QUOTE_STRING | SQUOTE_STRING;

number: POSNUMBER | NEGNUMBER;

historyPredicate: op=(AFTER | BEFORE | ON | DURING | BY) operand;

changedPredicate: op=(AFTER | BEFORE | ON | DURING | BY | FROM | TO) operand;

orderBy: ORDER BY sortKey (COMMA sortKey)*;

sortKey: field direction=(ASC | DESC)?;
