// Prints the TextMate scopes of each token of a .rule file, with the same
// engine VS Code uses (vscode-textmate + Oniguruma). Not run by CI:
//   npm install vscode-textmate vscode-oniguruma
//   node editors/textmate/tokenize.js editors/textmate/syncrule.tmLanguage.json FILE.rule
const fs = require('fs');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');
const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
const onigLib = oniguruma.loadWASM(wasm).then(() => ({
  createOnigScanner: (p) => new oniguruma.OnigScanner(p),
  createOnigString: (s) => new oniguruma.OnigString(s),
}));
const registry = new vsctm.Registry({
  onigLib,
  loadGrammar: async (scope) => scope === 'source.syncrule'
      ? vsctm.parseRawGrammar(fs.readFileSync(process.argv[2]).toString(), process.argv[2]) : null,
});
registry.loadGrammar('source.syncrule').then((grammar) => {
  const lines = fs.readFileSync(process.argv[3]).toString().split('\n');
  let stack = vsctm.INITIAL;
  for (const line of lines) {
    const r = grammar.tokenizeLine(line, stack);
    const parts = r.tokens.map(t => `${JSON.stringify(line.substring(t.startIndex, t.endIndex))}:${t.scopes.slice(1).join(' ')}`)
      .filter(p => !p.startsWith('" ":') && !/^"\s*":$/.test(p));
    console.log(parts.join(' | '));
    stack = r.ruleStack;
  }
});
