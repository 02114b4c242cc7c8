// Lexer of syncrule's rule language (docs/language.md). JQL is embedded
// verbatim between backticks and parsed by the JQL parser; string
// interpolation ${...} is parsed by the compiler from the string's text.
lexer grammar RuleLexer;

CONNECTION: 'connection';
CONST: 'const';
MAP: 'map';
RULE: 'rule';
ON: 'on';
MANUAL: 'manual';
MATCH: 'match';
JQL: 'jql';
BECOMES: 'becomes';
WHEN: 'when';
LET: 'let';
DO: 'do';
FOR: 'for';
IN: 'in';
LIMIT: 'limit';
AND: 'and';
OR: 'or';
NOT: 'not';
MATCHES: 'matches';
CHANGED: 'changed';
FROM: 'from';
TO: 'to';
TRUE_LITERAL: 'true';
FALSE_LITERAL: 'false';
NULL_LITERAL: 'null';
ALLOW: 'allow';

LBRACE: '{';
RBRACE: '}';
LPAREN: '(';
RPAREN: ')';
LBRACKET: '[';
RBRACKET: ']';
COMMA: ',';
SEMI: ';';
DOT: '.';
ARROW: '=>';
EQ: '==';
NE: '!=';
LE: '<=';
GE: '>=';
LT: '<';
GT: '>';
ASSIGN: '=';
PLUS: '+';
MINUS: '-';
COLON: ':';

NUMBER: DIGIT+ ('.' DIGIT+)?;
IDENT: [a-zA-Z_] [a-zA-Z0-9_]*;

// A double-quoted string; escapes \" \\ \n \t \r \$ \uXXXX. Its text may
// hold ${expression} parts, which the compiler parses; an expression may
// hold strings of its own ("${join(xs, ", ")}") and braces nested once.
STRING: '"' STRING_PART* '"';
UNTERMINATED_STRING: '"' STRING_PART*;

// An embedded JQL query; it may span lines and holds no backtick.
JQL_BLOCK: '`' ~[`]* '`';
UNTERMINATED_JQL: '`' ~[`]*;

COMMENT: '#' ~[\r\n]* -> channel(HIDDEN);
WS: [ \t\r\n]+ -> channel(HIDDEN);

ERRORCHAR: .;

fragment STRING_PART: ESC | INTERPOLATION | ~["\\\r\n];
fragment INTERPOLATION: '${' (INNER_STRING | BRACED | ~["{}\r\n])* '}';
fragment BRACED: '{' (INNER_STRING | ~["{}\r\n])* '}';
fragment INNER_STRING: '"' (ESC | ~["\\\r\n])* '"';
fragment ESC: '\\' (["\\nrt$] | 'u' HEX HEX HEX HEX);
fragment HEX: [0-9a-fA-F];
fragment DIGIT: [0-9];
