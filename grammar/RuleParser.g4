// Parser of syncrule's rule language. Every alternative is labelled; the one
// visitor in compiler/parse/ turns the tree into syncrule's rule AST.
parser grammar RuleParser;

options { tokenVocab = RuleLexer; }

program: item* EOF;

item
  : CONNECTION name=IDENT LBRACE setting* RBRACE        # ConnectionItem
  | CONST name=IDENT ASSIGN expr                       # ConstItem
  | MAP name=IDENT LBRACE mapEntry* RBRACE             # MapItem
  | RULE name=STRING LBRACE clause* RBRACE             # RuleItem
  ;

setting: argName ASSIGN expr (COMMA | SEMI)?;

mapEntry: mapKey (COMMA mapKey)* ARROW expr (COMMA | SEMI)?;

mapKey
  : STRING     # StringKey
  | NUMBER     # NumberKey
  | TRUE_LITERAL       # TrueKey
  | FALSE_LITERAL      # FalseKey
  | IDENT      # DefaultKey
  ;

clause
  : ON eventType (COMMA eventType)*                     # OnClause
  | MANUAL                                              # ManualClause
  | MATCH JQL JQL_BLOCK (BECOMES TRUE_LITERAL)?                 # MatchClause
  | WHEN expr                                           # WhenClause
  | LET name=IDENT ASSIGN expr                          # LetClause
  | DO action                                           # DoClause
  | FOR name=IDENT IN expr (LIMIT NUMBER)? LBRACE clause* RBRACE   # ForClause
  | ALLOW IDENT+                                        # AllowClause
  ;

eventType: IDENT (DOT IDENT)*;

action: IDENT (DOT IDENT)+ LPAREN (namedArg (COMMA namedArg)* COMMA?)? RPAREN;

namedArg: argName ASSIGN expr;

// The name of an action argument or a setting: keywords are allowed too, so
// that `jira.transition(to = "Done")` reads naturally.
argName
  : IDENT | CONNECTION | CONST | MAP | RULE | ON | MANUAL | MATCH | JQL
  | BECOMES | WHEN | LET | DO | FOR | IN | LIMIT | AND | OR | NOT | MATCHES
  | CHANGED | FROM | TO | ALLOW
  ;

expr: orExpr;

// An expression alone, for the ${...} parts of interpolated strings.
exprOnly: expr EOF;

orExpr: andExpr (OR andExpr)*;

andExpr: notExpr (AND notExpr)*;

notExpr
  : NOT notExpr                                          # Negation
  | comparison                                           # Positive
  ;

comparison
  : left=additive op=(EQ | NE | LT | LE | GT | GE) right=additive   # Compare
  | left=additive NOT? IN right=additive                           # Membership
  | left=additive MATCHES right=additive                           # RegexMatch
  | left=additive CHANGED (FROM from=additive)? (TO to=additive)?  # Changed
  | additive                                                       # Plain
  ;

additive: postfix (op+=(PLUS | MINUS) postfix)*;

postfix: primary suffix*;

suffix
  : DOT IDENT                                            # MemberSuffix
  | LBRACKET expr RBRACKET                               # IndexSuffix
  ;

primary
  : STRING                                               # StringLiteral
  | NUMBER                                               # NumberLiteral
  | MINUS NUMBER                                         # NegativeNumber
  | TRUE_LITERAL                                                 # TrueLiteral
  | FALSE_LITERAL                                                # FalseLiteral
  | NULL_LITERAL                                                 # NullLiteral
  | IDENT LPAREN (argument (COMMA argument)* COMMA?)? RPAREN   # Call
  | IDENT                                                # Name
  | LPAREN expr RPAREN                                   # Group
  | LBRACKET (expr (COMMA expr)* COMMA?)? RBRACKET       # ListLiteral
  | LBRACE (objectEntry (COMMA objectEntry)* COMMA?)? RBRACE   # ObjectLiteral
  ;

argument: (IDENT ASSIGN)? expr;

objectEntry: (STRING | IDENT) COLON expr;
