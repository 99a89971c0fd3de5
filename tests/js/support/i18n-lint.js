// The i18n lint: string literals in static/js that read as words for a person and are not
// handed to gettext/ngettext/pgettext/gettext_noop. Used by tests/js/i18n-strings.test.js.
//
// A small tokenizer (strings, template literals, comments, regular expressions, punctuation)
// rather than regular expressions over lines: a literal's context is the tokens before and
// after it, and whether it sits inside a gettext call's parentheses.

const TRANSLATORS = new Set(['gettext', 'ngettext', 'pgettext', 'npgettext', 'gettext_noop']);
// Calls whose string arguments are code, not text: selectors, tags, media queries, module paths.
const CODE_CALLS = new Set([
  'querySelector',
  'querySelectorAll',
  'closest',
  'matchMedia',
  'import',
  'on',
  'off',
  'create',
]);
// Object keys whose values are code: CSS classes, link relations, GeoJSON types.
const CODE_KEYS = new Set(['class', 'className', 'rel', 'type']);
const REGEX_BEFORE = new Set(['(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', 'return', '=>', '&&', '||']);

// Words a person reads: two letters in a row, and either a space between words or a capitalised word.
export function looksLikeText(text) {
  if (!/\p{L}{2,}/u.test(text)) return false;
  return /\p{L}[^\S\n]+\p{L}/u.test(text) || /^\s*\p{Lu}\p{Ll}+/u.test(text);
}

function isIdent(ch) {
  return /[\w$]/.test(ch);
}

// Tokens: {type: 'string', text (the static parts), line} | {type: 'ident'|'punct', value, line}.
// A template literal's ${...} expressions are tokenized in place, between a '${' and a '}' token.
export function tokenize(source) {
  const tokens = [];
  let i = 0;
  let line = 1;
  const braceStack = []; // 'template' or 'brace', to know where a ${ ... } expression ends
  const lastValue = () => {
    const t = tokens[tokens.length - 1];
    return t ? (t.type === 'string' ? 'STRING' : t.value) : null;
  };
  const readTemplate = () => {
    // From just after a backtick or a closing '}' of an expression, to the next ${ or the closing backtick.
    let text = '';
    while (i < source.length) {
      const ch = source[i];
      if (ch === '\\') {
        text += source[i + 1];
        i += 2;
        continue;
      }
      if (ch === '`') {
        i += 1;
        tokens.push({type: 'string', text, line, template: true});
        return;
      }
      if (ch === '$' && source[i + 1] === '{') {
        i += 2;
        tokens.push({type: 'string', text, line, template: true});
        tokens.push({type: 'punct', value: '${', line});
        braceStack.push('template');
        return;
      }
      if (ch === '\n') line += 1;
      text += ch;
      i += 1;
    }
  };
  while (i < source.length) {
    const ch = source[i];
    if (ch === '\n') {
      line += 1;
      i += 1;
    } else if (/\s/.test(ch)) {
      i += 1;
    } else if (ch === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') i += 1;
    } else if (ch === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      for (const c of source.slice(i, end)) if (c === '\n') line += 1;
      i = end + 2;
    } else if (ch === '/' && REGEX_BEFORE.has(lastValue())) {
      let inClass = false;
      i += 1;
      while (i < source.length && (source[i] !== '/' || inClass)) {
        if (source[i] === '\\') i += 1;
        else if (source[i] === '[') inClass = true;
        else if (source[i] === ']') inClass = false;
        i += 1;
      }
      i += 1;
      while (isIdent(source[i] || '')) i += 1;
      tokens.push({type: 'punct', value: 'REGEX', line});
    } else if (ch === "'" || ch === '"') {
      let text = '';
      i += 1;
      while (i < source.length && source[i] !== ch) {
        if (source[i] === '\\') {
          text += source[i + 1];
          i += 2;
        } else {
          text += source[i];
          i += 1;
        }
      }
      i += 1;
      tokens.push({type: 'string', text, line});
    } else if (ch === '`') {
      i += 1;
      readTemplate();
    } else if (isIdent(ch)) {
      let value = '';
      while (i < source.length && isIdent(source[i])) value += source[i++];
      tokens.push({type: 'ident', value, line});
    } else if (ch === '{') {
      braceStack.push('brace');
      tokens.push({type: 'punct', value: '{', line});
      i += 1;
    } else if (ch === '}') {
      i += 1;
      if (braceStack.pop() === 'template') {
        tokens.push({type: 'punct', value: '}', line});
        readTemplate();
      } else tokens.push({type: 'punct', value: '}', line});
    } else {
      const three = source.slice(i, i + 3);
      const two = source.slice(i, i + 2);
      const value = ['===', '!=='].includes(three)
        ? three
        : ['=>', '==', '!=', '&&', '||', '??', '?.'].includes(two)
          ? two
          : ch;
      tokens.push({type: 'punct', value, line});
      i += value.length;
    }
  }
  return tokens;
}

const OPEN = new Set(['(', '[', '{', '${']);
const CLOSE = new Set([')', ']', '}']);

// Whether the literal at `index` is (part of) the value of a code key ({class: cond ? 'a b' : 'c'}):
// back through its expression, at its own depth, to the key before it.
function inCodeValue(tokens, index) {
  let depth = 0;
  for (let i = index - 1; i >= 0; i -= 1) {
    const value = tokens[i].type === 'punct' ? tokens[i].value : null;
    if (CLOSE.has(value)) depth += 1;
    else if (OPEN.has(value)) {
      if (depth === 0) return false;
      depth -= 1;
    } else if (depth === 0 && (value === ',' || value === ';')) return false;
    else if (
      depth === 0 &&
      value === ':' &&
      tokens[i - 1]?.type === 'ident' &&
      ['{', ','].includes(tokens[i - 2]?.value)
    ) {
      return CODE_KEYS.has(tokens[i - 1].value);
    }
  }
  return false;
}

// [{line, text}] for each literal that reads as text, is not inside a translator's or a code call's
// parentheses, is not compared, not an object key, not a module path, and whose line has no
// "i18n-ignore" comment (for the few deliberate ones, such as a brand name).
export function untranslatedStrings(source) {
  const ignored = new Set();
  source.split('\n').forEach((text, index) => {
    if (text.includes('i18n-ignore')) ignored.add(index + 1);
  });
  const tokens = tokenize(source);
  const stack = []; // for each open bracket: the name of the call it opens, or null
  const found = [];
  tokens.forEach((token, index) => {
    const before = tokens[index - 1];
    const after = tokens[index + 1];
    if (token.type === 'punct' && OPEN.has(token.value)) {
      const callee = token.value === '(' && before?.type === 'ident' ? before.value : null;
      stack.push(callee);
      return;
    }
    if (token.type === 'punct' && CLOSE.has(token.value)) {
      stack.pop();
      return;
    }
    if (token.type !== 'string' || !looksLikeText(token.text)) return;
    if (token.text.trimStart().startsWith('<')) return; // markup built as a string (the embed snippet)
    const callee = stack[stack.length - 1];
    if (stack.some((name) => TRANSLATORS.has(name))) return;
    if (CODE_CALLS.has(callee)) return;
    if (after?.value === ':' && ['{', ','].includes(before?.value)) return; // an object key
    if (inCodeValue(tokens, index)) return;
    if (['===', '!==', '==', '!=', 'case'].includes(before?.value) || ['===', '!=='].includes(after?.value)) return;
    if (before?.value === 'from' || before?.value === 'import') return;
    if (ignored.has(token.line)) return;
    found.push({line: token.line, text: token.text});
  });
  return found;
}
