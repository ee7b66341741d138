// The page a person gets at `/` (and at `/graphql` asking for text/html): a self-contained
// GraphQL explorer written here, with no CDN or external file, so it works offline. It has a
// query editor with syntax highlighting (a tokenizer colouring a <pre> under a transparent
// <textarea>), Ctrl-Enter to run, variables, headers and token panes, a formatted result, a
// schema browser built from introspection with search and field docs, and a history kept in
// localStorage. `?query=...&variables=...&operationName=...&run=1` fills it in and runs it.

enum ExplorerPage {
    static let response = HTTPResponse(
        status: 200,
        headers: HTTPHeaders([
            ("Content-Type", "text/html; charset=utf-8"),
            // Everything the page needs is inline; nothing may be loaded from elsewhere.
            ("Content-Security-Policy", "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:"),
            ("Cache-Control", "no-cache"),
        ]),
        body: Array(html.utf8))

    static let html = #"""
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>RunQL</title>
<style>
:root{--bg:#fff;--fg:#1d2330;--muted:#6b7385;--line:#d9dde6;--panel:#f6f7fa;--accent:#2a5bd7;--kw:#a626a4;--fn:#1f5fbf;--ty:#b3541e;
--str:#2f8a3b;--num:#b36b00;--var:#c1275a;--com:#8a919e;--key:#1f5fbf}
*{box-sizing:border-box}html,body{height:100%}[hidden]{display:none!important}
body{margin:0;font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);display:flex;flex-direction:column}
header{display:flex;align-items:center;gap:10px;padding:6px 12px;background:#1d2330;color:#fff}
header b{font-size:16px}header .hint{color:#aab2c5;font-size:12px;margin-right:auto}
button{font:inherit;border:1px solid var(--line);background:#fff;border-radius:4px;padding:4px 10px;cursor:pointer}
button.primary{background:var(--accent);color:#fff;border-color:var(--accent);font-weight:600}
header button{background:#2c3446;color:#fff;border-color:#3c465c}header button.primary{background:var(--accent)}
main{flex:1;display:grid;grid-template-columns:minmax(300px,1fr) minmax(300px,1fr) 340px;min-height:0}
main.noside{grid-template-columns:minmax(300px,1fr) minmax(300px,1fr) 0}
section{display:flex;flex-direction:column;min-width:0;min-height:0;border-right:1px solid var(--line)}
.editor{position:relative;flex:1;min-height:120px}
.editor textarea,.editor pre{position:absolute;inset:0;margin:0;padding:10px 12px;border:0;font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;
white-space:pre;overflow:auto;tab-size:2;letter-spacing:0}
.editor textarea{color:transparent;background:transparent;caret-color:var(--fg);resize:none;outline:none;z-index:1}
.editor textarea::selection{background:rgba(42,91,215,.25);color:transparent}
.editor pre{pointer-events:none;color:var(--fg)}
.tabs{display:flex;gap:2px;border-top:1px solid var(--line);background:var(--panel);padding:2px 6px 0}
.tabs button{border:0;border-bottom:2px solid transparent;border-radius:0;background:none;padding:4px 8px;color:var(--muted)}
.tabs button.on{border-bottom-color:var(--accent);color:var(--fg)}
.pane{height:130px;display:flex;flex-direction:column;border-top:1px solid var(--line)}
.pane textarea{flex:1;border:0;padding:8px 12px;font:12px/1.5 ui-monospace,monospace;resize:none;outline:none}
.pane label{display:flex;gap:6px;align-items:center;padding:6px 12px;font-size:12px;color:var(--muted)}
.pane input{flex:1;font:12px ui-monospace,monospace;padding:3px 6px;border:1px solid var(--line);border-radius:3px}
#status{padding:6px 12px;font-size:12px;color:var(--muted);border-bottom:1px solid var(--line);background:var(--panel);min-height:29px}
#status.error{color:#b3261e}
#result{flex:1;margin:0;padding:10px 12px;overflow:auto;font:13px/1.5 ui-monospace,monospace;white-space:pre-wrap;word-break:break-word}
aside{display:flex;flex-direction:column;min-height:0;overflow:hidden;background:var(--panel)}
aside .bar{display:flex;gap:6px;padding:6px;border-bottom:1px solid var(--line)}
aside input{flex:1;padding:4px 8px;border:1px solid var(--line);border-radius:4px;font:inherit}
#docs,#history{flex:1;overflow:auto;padding:8px 12px}
#docs h2{font-size:16px;margin:4px 0}#docs h3{font-size:12px;text-transform:uppercase;color:var(--muted);margin:14px 0 4px}
#docs .field{padding:5px 0;border-bottom:1px solid #eceef3}#docs .desc{color:var(--muted);font-size:12.5px;margin:2px 0}
#docs a{color:var(--ty);cursor:pointer;text-decoration:none}#docs a:hover{text-decoration:underline}
#docs .fname{color:var(--fn);font-family:ui-monospace,monospace}#docs .mono{font-family:ui-monospace,monospace;font-size:12.5px}
#docs .dep{text-decoration:line-through;opacity:.7}#docs .kind{color:var(--muted);font-size:12px}
#history .item{padding:6px 0;border-bottom:1px solid #eceef3;cursor:pointer}#history .item:hover{background:#eef1f7}
#history .when{color:var(--muted);font-size:11px}#history code{display:block;white-space:pre;overflow:hidden;text-overflow:ellipsis;font-size:12px}
.t-kw{color:var(--kw)}.t-def{color:var(--fn);font-weight:600}.t-field{color:var(--fn)}.t-type{color:var(--ty)}.t-str{color:var(--str)}.t-num{color:var(--num)}
.t-var{color:var(--var)}.t-dir{color:var(--kw)}.t-com{color:var(--com);font-style:italic}.t-key{color:var(--key)}.t-punct{color:#555}.t-arg{color:#7a4fb5}
</style></head><body>
<header><b>RunQL</b><span class="hint">GraphQL over physics run registries · POST /graphql · Ctrl-Enter runs</span>
<button id="run" class="primary" title="Run (Ctrl-Enter)">▶ Run</button><button id="prettify" title="Re-indent the query">Prettify</button>
<button id="show-docs">Schema</button><button id="show-history">History</button></header>
<main id="main">
<section>
  <div class="editor"><pre id="highlight" aria-hidden="true"></pre><textarea id="query" spellcheck="false" autocapitalize="off" autocomplete="off" aria-label="GraphQL query">{ __typename }</textarea></div>
  <div class="tabs"><button id="tab-vars" class="on">Variables</button><button id="tab-headers">Headers</button></div>
  <div class="pane" id="pane-vars"><textarea id="variables" spellcheck="false" placeholder='{"number": 7200}' aria-label="Variables (JSON)"></textarea></div>
  <div class="pane" id="pane-headers" hidden>
    <label>API token <input id="token" type="password" autocomplete="off" placeholder="sent as Authorization: Bearer …"></label>
    <textarea id="headers" spellcheck="false" placeholder='{"X-Client": "explorer"}' aria-label="Extra headers (JSON)"></textarea></div>
</section>
<section><div id="status">Ready.</div><pre id="result" aria-live="polite"></pre></section>
<aside id="side">
  <div class="bar" id="docs-bar"><input id="search" placeholder="Search types and fields" aria-label="Search the schema"><button id="reload-schema" title="Reload the schema">⟳</button></div>
  <div id="docs">Loading the schema…</div>
  <div class="bar" id="history-bar" hidden><span style="flex:1;padding:4px">History</span><button id="clear-history">Clear</button></div>
  <div id="history" hidden></div>
</aside>
</main>
<script>
"use strict";
const $ = id => document.getElementById(id);
const editor = $('query'), hl = $('highlight'), out = $('result'), statusLine = $('status');
const ENDPOINT = '/graphql';
const esc = s => s.replace(/[&<>"]/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));

// ---- GraphQL tokenizer and highlighter -------------------------------------------------
const KEYWORDS = new Set(['query','mutation','subscription','fragment','on','true','false','null','schema','type','interface','union','enum','input','scalar','extend','implements','directive','repeatable']);
const RULES = [
  ['com', /#[^\n\r]*/y], ['str', /"""[\s\S]*?(?:"""|$)/y], ['str', /"(?:\\.|[^"\\\n\r])*"?/y],
  ['num', /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y], ['var', /\$[_A-Za-z][_0-9A-Za-z]*/y], ['dir', /@[_A-Za-z][_0-9A-Za-z]*/y],
  ['name', /[_A-Za-z][_0-9A-Za-z]*/y], ['punct', /\.\.\.|[!():=\[\]{}|&]/y], ['ws', /[\s,\uFEFF]+/y], ['other', /[\s\S]/y]];
function tokenize(src) {
  const tokens = []; let i = 0;
  while (i < src.length) {
    for (const [type, re] of RULES) {
      re.lastIndex = i; const m = re.exec(src);
      if (m && m[0].length) { tokens.push({type, text: m[0], start: i}); i += m[0].length; break; }
    }
  }
  // Names get a role from what surrounds them: keyword, type, argument/alias, or field.
  let prev = null, parens = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.type === 'punct') { if (t.text === '(') parens++; if (t.text === ')') parens--; }
    if (t.type === 'name') {
      let next = null; for (let j = k + 1; j < tokens.length; j++) if (tokens[j].type !== 'ws' && tokens[j].type !== 'com') { next = tokens[j]; break; }
      if (KEYWORDS.has(t.text) && !(next && next.text === ':')) t.type = 'kw';
      else if (prev && prev.type === 'kw' && /^(query|mutation|subscription|fragment)$/.test(prev.text)) t.type = 'def';
      else if (prev && (prev.text === 'on' || (prev.text === ':' && parens > 0 && /^[A-Z]/.test(t.text)) || prev.text === '[' && /^[A-Z]/.test(t.text))) t.type = 'type';
      else if (next && next.text === ':') t.type = 'arg';
      else if (parens > 0 && prev && prev.text === ':') t.type = /^[A-Z]/.test(t.text) ? 'type' : 'kw';
      else t.type = 'field';
    }
    if (t.type !== 'ws' && t.type !== 'com') prev = t;
  }
  return tokens;
}
function highlightGraphQL(src) {
  return tokenize(src).map(t => t.type === 'ws' || t.type === 'other' ? esc(t.text) : '<span class="t-' + t.type + '">' + esc(t.text) + '</span>').join('');
}
function renderEditor() { hl.innerHTML = highlightGraphQL(editor.value) + '\n'; hl.scrollTop = editor.scrollTop; hl.scrollLeft = editor.scrollLeft; }
editor.addEventListener('input', () => { renderEditor(); try { localStorage.setItem('runql.editor', editor.value); } catch (e) {} });
editor.addEventListener('scroll', () => { hl.scrollTop = editor.scrollTop; hl.scrollLeft = editor.scrollLeft; });
editor.addEventListener('keydown', e => {
  if (e.key === 'Tab' && !e.ctrlKey && !e.metaKey) {
    e.preventDefault(); const s = editor.selectionStart;
    editor.setRangeText('  ', s, editor.selectionEnd, 'end'); renderEditor();
  }
});

// Re-indents the query by its braces and parentheses; comments and strings are kept as written.
function prettify(src) {
  let outText = '', depth = 0, line = '';
  const flush = () => { if (line.trim()) outText += '  '.repeat(Math.max(depth, 0)) + line.trim() + '\n'; line = ''; };
  for (const t of tokenize(src)) {
    if (t.type === 'ws') { if (line && !line.endsWith(' ') && !line.endsWith('(')) line += ' '; continue; }
    if (t.type === 'com') { flush(); line = t.text; flush(); continue; }
    if (t.text === '{') { line += (line && !line.endsWith(' ') ? ' ' : '') + '{'; flush(); depth++; continue; }
    if (t.text === '}') { flush(); depth--; line = '}'; flush(); continue; }
    if (t.text === ')' || t.text === ':' || t.text === '!' || t.text === ']') line = line.replace(/ $/, '');
    line += t.text; if (t.text === ':') line += ' ';
  }
  flush();
  return outText.trimEnd() + '\n';
}

// ---- JSON result formatting ---------------------------------------------------------------
function highlightJSON(text) {
  return esc(text).replace(/(&quot;(?:\\.|[^&\\]|&(?!quot;))*&quot;)(\s*:)?|\b(true|false|null)\b|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g,
    (m, str, colon, lit) => str ? '<span class="t-' + (colon ? 'key' : 'str') + '">' + str + '</span>' + (colon || '')
      : lit ? '<span class="t-kw">' + m + '</span>' : '<span class="t-num">' + m + '</span>');
}

// ---- Requests -----------------------------------------------------------------------------
function requestHeaders() {
  const h = {'Content-Type': 'application/json', 'Accept': 'application/graphql-response+json, application/json;q=0.9'};
  const extra = $('headers').value.trim();
  if (extra) {
    let parsed; try { parsed = JSON.parse(extra); } catch (e) { throw new Error('Headers are not a JSON object: ' + e.message); }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('Headers must be a JSON object of strings');
    for (const [k, v] of Object.entries(parsed)) h[k] = String(v);
  }
  const token = $('token').value.trim();
  if (token) h['Authorization'] = 'Bearer ' + token;
  return h;
}
async function post(body) {
  const r = await fetch(ENDPOINT, {method: 'POST', headers: requestHeaders(), body: JSON.stringify(body)});
  const text = await r.text(); let json = null;
  try { json = JSON.parse(text); } catch (e) {}
  return {response: r, text, json};
}
// With several operations in the document, the one around the cursor runs.
function operationAtCursor(src, cursor) {
  const ops = [...src.matchAll(/(?:^|[\s,}])(query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/g)];
  if (ops.length < 2) return null;
  let chosen = ops[0];
  for (const m of ops) if (m.index <= cursor) chosen = m;
  return chosen[2];
}
function setStatus(text, error) { statusLine.textContent = text; statusLine.className = error ? 'error' : ''; }
let running = false;
async function run() {
  if (running) return;
  const query = editor.value, varsText = $('variables').value.trim();
  let variables = null;
  if (varsText) { try { variables = JSON.parse(varsText); } catch (e) { setStatus('Variables are not valid JSON: ' + e.message, true); return; } }
  const operationName = params.get('operationName') || operationAtCursor(query, editor.selectionStart);
  running = true; document.body.dataset.state = 'running'; setStatus('Running…');
  const started = performance.now();
  try {
    const {response, text, json} = await post({query, variables, operationName});
    const ms = Math.round(performance.now() - started);
    out.innerHTML = json ? highlightJSON(JSON.stringify(json, null, 2)) : esc(text);
    out.dataset.status = String(response.status);
    const id = response.headers.get('X-Request-Id');
    setStatus(response.status + ' ' + (response.statusText || '') + ' · ' + ms + ' ms' + (id ? ' · request ' + id : ''), !response.ok);
    addHistory(query, varsText);
  } catch (e) {
    out.textContent = ''; out.dataset.status = 'failed'; setStatus('Request failed: ' + e.message, true);
  } finally { running = false; document.body.dataset.state = 'done'; }
}

// ---- Schema browser -------------------------------------------------------------------------
const TYPE_REF = 'fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } }';
const SCHEMA_QUERY = 'query RunQLExplorerSchema { __schema { queryType { name } mutationType { name } subscriptionType { name } types { kind name description ' +
  'fields(includeDeprecated: true) { name description isDeprecated deprecationReason args { name description defaultValue type { ...TypeRef } } type { ...TypeRef } } ' +
  'inputFields { name description defaultValue type { ...TypeRef } } enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason } ' +
  'interfaces { name } possibleTypes { name } } } } ' + TYPE_REF;
let schema = null, types = new Map(), trail = [];
async function loadSchema() {
  $('docs').textContent = 'Loading the schema…';
  try {
    const {json, response} = await post({query: SCHEMA_QUERY, operationName: 'RunQLExplorerSchema'});
    if (!json || !json.data || !json.data.__schema) {
      const why = json && json.errors && json.errors[0] ? json.errors[0].message : 'HTTP ' + response.status;
      $('docs').textContent = 'The schema is not available (' + why + '). Introspection may be turned off, or a token may be needed (Headers tab).';
      return;
    }
    schema = json.data.__schema; types = new Map(schema.types.map(t => [t.name, t])); trail = []; renderDocs();
  } catch (e) { $('docs').textContent = 'Could not load the schema: ' + e.message; }
}
const typeName = t => t.kind === 'NON_NULL' ? typeName(t.ofType) + '!' : t.kind === 'LIST' ? '[' + typeName(t.ofType) + ']' : t.name;
const namedType = t => t.ofType ? namedType(t.ofType) : t.name;
const typeLink = t => typeName(t).replace(namedType(t), '<a data-type="' + esc(namedType(t)) + '">' + esc(namedType(t)) + '</a>');
const desc = d => d ? '<div class="desc">' + esc(d) + '</div>' : '';
function fieldHTML(f, parent) {
  const args = f.args && f.args.length ? '(' + f.args.map(a => esc(a.name) + ': ' + typeLink(a.type) + (a.defaultValue != null ? ' = ' + esc(a.defaultValue) : '')).join(', ') + ')' : '';
  const argDocs = (f.args || []).filter(a => a.description).map(a => '<div class="desc">' + esc(a.name) + ': ' + esc(a.description) + '</div>').join('');
  return '<div class="field" data-field="' + esc(parent + '.' + f.name) + '"><span class="mono"><span class="fname' + (f.isDeprecated ? ' dep' : '') + '">' + esc(f.name) + '</span>' + args + ': ' + typeLink(f.type) +
    (f.defaultValue != null ? ' = ' + esc(f.defaultValue) : '') + '</span>' + desc(f.description) + argDocs +
    (f.isDeprecated ? '<div class="desc">Deprecated: ' + esc(f.deprecationReason || '') + '</div>' : '') + '</div>';
}
function typeHTML(t) {
  let h = (trail.length ? '<a data-back="1">← back</a>' : '') + '<h2>' + esc(t.name) + '</h2><div class="kind">' + t.kind.toLowerCase() + '</div>' + desc(t.description);
  if (t.interfaces && t.interfaces.length) h += '<h3>Implements</h3>' + t.interfaces.map(i => '<a data-type="' + esc(i.name) + '">' + esc(i.name) + '</a>').join(', ');
  if (t.fields && t.fields.length) h += '<h3>Fields</h3>' + t.fields.map(f => fieldHTML(f, t.name)).join('');
  if (t.inputFields && t.inputFields.length) h += '<h3>Input fields</h3>' + t.inputFields.map(f => fieldHTML(f, t.name)).join('');
  if (t.enumValues && t.enumValues.length) h += '<h3>Values</h3>' + t.enumValues.map(v => '<div class="field"><span class="fname mono' + (v.isDeprecated ? ' dep' : '') + '">' + esc(v.name) + '</span>' + desc(v.description) + '</div>').join('');
  if (t.possibleTypes && t.possibleTypes.length) h += '<h3>Possible types</h3>' + t.possibleTypes.map(p => '<a data-type="' + esc(p.name) + '">' + esc(p.name) + '</a>').join(', ');
  return h;
}
function renderDocs() {
  const docs = $('docs'); if (!schema) return;
  const q = $('search').value.trim().toLowerCase();
  if (trail.length && !q) { const t = types.get(trail[trail.length - 1]); if (t) { docs.innerHTML = typeHTML(t); return; } }
  const roots = [schema.queryType, schema.mutationType, schema.subscriptionType].filter(Boolean).map(r => r.name);
  let h = '';
  if (!q) {
    h += '<h3>Root types</h3>' + roots.map(n => '<div class="field"><a data-type="' + esc(n) + '">' + esc(n) + '</a>' + desc(types.get(n) && types.get(n).description) + '</div>').join('');
    h += '<h3>All types</h3>' + schema.types.filter(t => !t.name.startsWith('__') && !roots.includes(t.name))
      .map(t => '<div class="field"><a data-type="' + esc(t.name) + '">' + esc(t.name) + '</a> <span class="kind">' + t.kind.toLowerCase() + '</span></div>').join('');
  } else {
    const hits = [];
    for (const t of schema.types) {
      if (t.name.startsWith('__') && !q.startsWith('__')) continue;
      if (t.name.toLowerCase().includes(q)) hits.push('<div class="field"><a data-type="' + esc(t.name) + '">' + esc(t.name) + '</a> <span class="kind">' + t.kind.toLowerCase() + '</span></div>');
      for (const f of (t.fields || []).concat(t.inputFields || []))
        if (f.name.toLowerCase().includes(q) || (f.description || '').toLowerCase().includes(q))
          hits.push('<div class="field"><a data-type="' + esc(t.name) + '">' + esc(t.name) + '</a>.' + fieldHTML(f, t.name).replace('<div class="field"', '<span').replace(/<\/div>$/, '</span>') + '</div>');
    }
    h = hits.length ? hits.slice(0, 200).join('') : '<div class="desc">Nothing matches “' + esc(q) + '”.</div>';
  }
  docs.innerHTML = h;
}
$('docs').addEventListener('click', e => {
  const a = e.target.closest('a'); if (!a) return;
  if (a.dataset.back) trail.pop(); else if (a.dataset.type) { trail.push(a.dataset.type); $('search').value = ''; }
  renderDocs(); $('docs').scrollTop = 0;
});
$('search').addEventListener('input', renderDocs);
$('reload-schema').onclick = loadSchema;

// ---- History (localStorage) -------------------------------------------------------------------
const HISTORY_KEY = 'runql.history', HISTORY_MAX = 50;
function readHistory() { try { return JSON.parse(localStorage.getItem(HISTORY_KEY) || '[]'); } catch (e) { return []; } }
function addHistory(query, variables) {
  const list = readHistory().filter(h => !(h.query === query && h.variables === variables));
  list.unshift({query, variables, at: new Date().toISOString()});
  try { localStorage.setItem(HISTORY_KEY, JSON.stringify(list.slice(0, HISTORY_MAX))); } catch (e) {}
  renderHistory();
}
function renderHistory() {
  const list = readHistory();
  $('history').innerHTML = list.length ? list.map((h, i) => '<div class="item" data-index="' + i + '"><span class="when">' + esc(h.at.replace('T', ' ').slice(0, 19)) + '</span><code>' +
    esc(h.query.trim().split('\n').slice(0, 3).join('\n')) + '</code></div>').join('') : '<div class="desc">Queries you run appear here.</div>';
}
$('history').addEventListener('click', e => {
  const item = e.target.closest('.item'); if (!item) return;
  const h = readHistory()[Number(item.dataset.index)]; if (!h) return;
  editor.value = h.query; $('variables').value = h.variables || ''; renderEditor();
});
$('clear-history').onclick = () => { localStorage.removeItem(HISTORY_KEY); renderHistory(); };

// ---- Layout, keys and start-up ----------------------------------------------------------------
function showSide(which) {
  const main = $('main'), docs = which === 'docs';
  if (!main.classList.contains('noside') && $(docs ? 'docs' : 'history').hidden === false) { main.classList.add('noside'); return; }
  main.classList.remove('noside');
  $('docs').hidden = $('docs-bar').hidden = !docs; $('history').hidden = $('history-bar').hidden = docs;
  if (!docs) renderHistory();
}
$('show-docs').onclick = () => showSide('docs');
$('show-history').onclick = () => showSide('history');
function tab(which) {
  $('tab-vars').classList.toggle('on', which === 'vars'); $('tab-headers').classList.toggle('on', which === 'headers');
  $('pane-vars').hidden = which !== 'vars'; $('pane-headers').hidden = which !== 'headers';
}
$('tab-vars').onclick = () => tab('vars'); $('tab-headers').onclick = () => tab('headers');
$('run').onclick = run;
$('prettify').onclick = () => { editor.value = prettify(editor.value); renderEditor(); };
document.addEventListener('keydown', e => { if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') { e.preventDefault(); run(); } });
// The token lives for this tab only; it is never written to localStorage.
$('token').addEventListener('change', () => { try { sessionStorage.setItem('runql.token', $('token').value); } catch (e) {} });

const params = new URLSearchParams(location.search);
try { $('token').value = sessionStorage.getItem('runql.token') || ''; } catch (e) {}
if (params.has('query')) editor.value = params.get('query');
else { try { const saved = localStorage.getItem('runql.editor'); if (saved) editor.value = saved; } catch (e) {} }
if (params.has('variables')) $('variables').value = params.get('variables');
renderEditor();
renderHistory();
loadSchema();
if (params.get('run') === '1' || params.get('run') === 'true') run();
</script></body></html>
"""#
}
