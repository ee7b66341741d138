// The page a person gets at `/`: a small, self-contained query console (no CDN, works offline).
// The full explorer (highlighting, schema browser, history) is still to come.

enum ExplorerPage {
    static let response = HTTPResponse(status: 200, contentType: "text/html; charset=utf-8", body: html)

    static let html = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>RunQL</title>
        <style>
        body{font:14px system-ui,sans-serif;margin:0;display:flex;flex-direction:column;height:100vh}
        header{padding:8px 12px;background:#223;color:#fff}main{flex:1;display:flex;gap:8px;padding:8px;min-height:0}
        section{flex:1;display:flex;flex-direction:column;min-width:0}textarea,pre{flex:1;font:13px ui-monospace,monospace;
        border:1px solid #ccc;border-radius:4px;padding:8px;margin:0;overflow:auto;white-space:pre}
        #vars,#token{flex:0 0 auto}#vars{height:5em}button{margin:6px 0;padding:6px 14px}
        </style></head><body>
        <header><b>RunQL</b> — one GraphQL endpoint over physics run registries · POST /graphql · Ctrl-Enter runs</header>
        <main><section><textarea id="query" spellcheck="false">{ __typename }</textarea>
        <label>Variables (JSON)</label><textarea id="vars" spellcheck="false"></textarea>
        <label>API token</label><input id="token" type="password" autocomplete="off">
        <button id="run">Run</button></section>
        <section><pre id="result"></pre></section></main>
        <script>
        const q=document.getElementById('query'),v=document.getElementById('vars'),t=document.getElementById('token'),out=document.getElementById('result');
        const params=new URLSearchParams(location.search);if(params.get('query'))q.value=params.get('query');
        async function run(){
          let variables=null;if(v.value.trim()){try{variables=JSON.parse(v.value)}catch(e){out.textContent='Variables are not JSON: '+e.message;return}}
          const headers={'Content-Type':'application/json','Accept':'application/graphql-response+json, application/json;q=0.9'};
          if(t.value)headers['Authorization']='Bearer '+t.value;
          out.textContent='…';
          try{const r=await fetch('/graphql',{method:'POST',headers,body:JSON.stringify({query:q.value,variables})});
            const text=await r.text();try{out.textContent=JSON.stringify(JSON.parse(text),null,2)}catch(e){out.textContent=r.status+' '+text}}
          catch(e){out.textContent='Request failed: '+e.message}
        }
        document.getElementById('run').onclick=run;
        document.addEventListener('keydown',e=>{if((e.ctrlKey||e.metaKey)&&e.key==='Enter'){e.preventDefault();run()}});
        if(params.get('run'))run();
        </script></body></html>
        """
}
