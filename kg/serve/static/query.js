// Query page: canned queries, run through /sparql (SPARQL JSON), render rows as a table.
// Every value from the store is put in the page with textContent, never as HTML.
(function () {
  "use strict";
  var KGID = "https://w3id.org/kg-innovation/id/";
  var canned = JSON.parse(document.getElementById("canned-data").textContent);
  var form = document.getElementById("query-form");
  var textarea = document.getElementById("query");
  var statusEl = document.getElementById("status");
  var results = document.getElementById("results");
  var csvLink = document.getElementById("csv-link");

  function setStatus(text, isError) {
    statusEl.textContent = text;
    statusEl.className = "status" + (isError ? " error" : "");
  }

  function updateCsvLink() {
    csvLink.href = "/sparql?format=csv&download=1&query=" + encodeURIComponent(textarea.value);
  }

  function cell(binding) {
    var td = document.createElement("td");
    if (!binding) return td;
    if (binding.type === "uri") {
      var a = document.createElement("a");
      a.textContent = binding.value;
      a.href = binding.value.indexOf(KGID) === 0 ? "/id/" + binding.value.slice(KGID.length) : binding.value;
      if (binding.value.indexOf(KGID) !== 0) a.rel = "noreferrer";
      td.appendChild(a);
    } else {
      td.textContent = binding.type === "bnode" ? "_:" + binding.value : binding.value;
      if (binding["xml:lang"]) {
        var span = document.createElement("span");
        span.className = "lang";
        span.textContent = "@" + binding["xml:lang"];
        td.appendChild(span);
      }
    }
    return td;
  }

  function renderSelect(data, truncated) {
    results.textContent = "";
    var vars = data.head.vars || [];
    var rows = data.results.bindings || [];
    var p = document.createElement("p");
    p.id = "row-count";
    p.className = "hint";
    p.textContent = rows.length + " rows" + (truncated ? " (cut at the row limit)" : "");
    results.appendChild(p);
    var table = document.createElement("table");
    table.className = "results";
    table.id = "results-table";
    var thead = table.createTHead().insertRow();
    vars.forEach(function (v) {
      var th = document.createElement("th");
      th.textContent = v;
      thead.appendChild(th);
    });
    var tbody = table.createTBody();
    rows.forEach(function (row) {
      var tr = tbody.insertRow();
      vars.forEach(function (v) { tr.appendChild(cell(row[v])); });
    });
    results.appendChild(table);
  }

  function run() {
    var query = textarea.value;
    updateCsvLink();
    setStatus("running…", false);
    var body = new URLSearchParams();
    body.set("query", query);
    var started = performance.now();
    fetch("/sparql", {
      method: "POST",
      headers: { "Accept": "application/sparql-results+json, text/turtle;q=0.9" },
      body: body
    }).then(function (resp) {
      var type = resp.headers.get("Content-Type") || "";
      var truncated = !!resp.headers.get("X-KG-Truncated");
      return resp.text().then(function (text) {
        if (!resp.ok) {
          results.textContent = "";
          setStatus(resp.status + ": " + text.trim(), true);
          return;
        }
        var ms = Math.round(performance.now() - started);
        if (type.indexOf("json") >= 0) {
          var data = JSON.parse(text);
          if (typeof data.boolean === "boolean") {
            results.textContent = "";
            var p = document.createElement("p");
            p.id = "ask-result";
            p.textContent = "ASK → " + data.boolean;
            results.appendChild(p);
          } else {
            renderSelect(data, truncated);
          }
        } else {
          results.textContent = "";
          var pre = document.createElement("pre");
          pre.id = "graph-result";
          pre.textContent = text;
          results.appendChild(pre);
        }
        setStatus("done in " + ms + " ms", false);
      });
    }).catch(function (err) {
      setStatus("request failed: " + err, true);
    });
  }

  form.addEventListener("submit", function (ev) { ev.preventDefault(); run(); });
  textarea.addEventListener("input", updateCsvLink);
  textarea.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); run(); }
  });
  Array.prototype.forEach.call(document.querySelectorAll("button.canned-query"), function (button) {
    button.addEventListener("click", function () {
      var name = button.getAttribute("data-name");
      canned.forEach(function (q) { if (q.name === name) textarea.value = q.text; });
      run();
    });
  });
  updateCsvLink();
})();
