// storylens: small enhancements on top of server-rendered pages (everything works without them).
"use strict";

// Shared facts: hovering or focusing one highlights its partners in the other columns;
// Enter (or a click) jumps to the same fact in the next column.
function setUpSharedFacts(columns) {
  const status = document.getElementById("link-status");
  const partnersOf = (mark) =>
    columns.querySelectorAll(`mark[data-group="${mark.dataset.group}"]`);
  const outletOf = (el) => el.closest(".column").querySelector(".outlet-name").textContent;

  function light(mark, on) {
    for (const partner of partnersOf(mark)) partner.classList.toggle("linked", on);
    if (status) {
      if (!on) { status.textContent = ""; return; }
      const outlets = [...new Set([...partnersOf(mark)].map(outletOf))];
      status.textContent = `Shared fact ${Number(mark.dataset.group) + 1}: in ${outlets.join(", ")}`;
    }
  }

  function jump(mark) {
    const column = mark.closest(".column");
    const others = [...partnersOf(mark)].filter((m) => m.closest(".column") !== column);
    if (!others.length) return;
    const all = [...columns.querySelectorAll(".column")];
    const here = all.indexOf(column);
    others.sort((a, b) => rank(a) - rank(b));
    function rank(m) {
      const i = all.indexOf(m.closest(".column"));
      return (i - here + all.length) % all.length;
    }
    others[0].focus({ preventScroll: true });
    others[0].scrollIntoView({ block: "center", inline: "nearest", behavior: "smooth" });
  }

  const markOf = (event) => event.target.closest && event.target.closest("mark[data-group]");
  columns.addEventListener("mouseover", (e) => { const m = markOf(e); if (m) light(m, true); });
  columns.addEventListener("mouseout", (e) => { const m = markOf(e); if (m) light(m, false); });
  columns.addEventListener("focusin", (e) => { const m = markOf(e); if (m) light(m, true); });
  columns.addEventListener("focusout", (e) => { const m = markOf(e); if (m) light(m, false); });
  columns.addEventListener("click", (e) => { const m = markOf(e); if (m) jump(m); });
  columns.addEventListener("keydown", (e) => {
    const m = markOf(e);
    if (m && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); jump(m); }
  });
}

// Add page: upload with a progress bar, then follow the server's per-page progress lines.
function setUpAddForm(form) {
  const input = form.querySelector("input[type=file]");
  const box = document.getElementById("add-progress");
  const bar = document.getElementById("add-bar");
  const stage = document.getElementById("add-stage");
  const result = document.getElementById("add-result");
  const limit = Number(form.dataset.limit);

  function show(text, value, max) {
    box.hidden = false;
    stage.textContent = text;
    bar.max = max || 100;
    bar.value = value;
  }

  function line(text, cls, href) {
    const li = document.createElement("li");
    if (cls) li.className = cls;
    if (href) {
      const a = document.createElement("a");
      a.href = href;
      a.textContent = text;
      li.append(a);
    } else {
      li.textContent = text;
    }
    return li;
  }

  form.addEventListener("submit", (event) => {
    const files = [...input.files];
    const size = files.reduce((sum, f) => sum + f.size, 0);
    event.preventDefault();
    result.replaceChildren();
    if (!files.length) return;
    if (size > limit) {
      result.append(line(`These files are ${(size / 1048576).toFixed(1)} MB together; the limit is ${(limit / 1048576).toFixed(1)} MB.`, "error"));
      return;
    }
    const data = new FormData();
    for (const file of files) data.append("files", file, file.name);
    const xhr = new XMLHttpRequest();
    const list = document.createElement("ul");
    list.className = "ingest-list";
    let seen = 0;
    let total = 0;
    xhr.open("POST", "/api/ingest?stream=true");
    xhr.upload.addEventListener("progress", (e) => {
      if (e.lengthComputable) show("Uploading…", e.loaded, e.total);
    });
    xhr.addEventListener("progress", () => {
      const lines = xhr.responseText.split("\n");
      for (; seen < lines.length - 1; seen++) handle(JSON.parse(lines[seen]));
    });
    xhr.addEventListener("load", () => {
      if (xhr.status !== 200) {
        let message = `upload failed (${xhr.status})`;
        try { message = JSON.parse(xhr.responseText).error; } catch (_) { /* keep status */ }
        box.hidden = true;
        result.replaceChildren(line(message, "error"));
        return;
      }
      const lines = xhr.responseText.split("\n");
      for (; seen < lines.length - 1; seen++) handle(JSON.parse(lines[seen]));
    });
    xhr.addEventListener("error", () => {
      box.hidden = true;
      result.replaceChildren(line("The server could not be reached.", "error"));
    });

    function handle(event) {
      if (event.event === "start") {
        total = event.items;
        show(`Processing ${event.pages} page(s)…`, 0, total);
        result.append(list);
      } else if (event.event === "item") {
        show(`Processing… ${event.done} of ${total}`, event.done, total);
        if (event.kind === "problem" || event.kind === "skipped") list.append(line(`${event.input}: ${event.error}`, "problem"));
        else list.append(line(`${event.origin} → ${event.note || (event.added ? "added" : "already stored")}`,
          "", event.story_id ? `/stories/${encodeURIComponent(event.story_id)}` : null));
      } else if (event.event === "done") {
        show("Done", total, total || 1);
        const head = document.createElement("h2");
        head.textContent = `Done: ${event.added} added, ${event.unchanged} already stored, ${event.problems.length} problem(s)`;
        result.prepend(head);
      } else if (event.event === "error") {
        result.append(line(event.error, "error"));
      }
    }
    xhr.send(data);
  });
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".columns").forEach(setUpSharedFacts);
  const form = document.getElementById("add-form");
  if (form && window.FormData && window.XMLHttpRequest) setUpAddForm(form);
});
