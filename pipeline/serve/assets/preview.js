// The preview page: fills itself from /state/<note>/<locale>, and again whenever the
// server's event stream says the note changed, so an edit shows without a reload.
"use strict";

(() => {
  const body = document.body;
  const key = body.dataset.key;
  const byId = (id) => document.getElementById(id);

  const events = new EventSource("/events");
  events.addEventListener("change", (event) => {
    const { topic } = JSON.parse(event.data);
    if (key && topic === key) refresh();
    if (!key && topic === "notes") location.reload();
  });
  if (!key) return;
  events.addEventListener("open", refresh); // (re)connected: catch up on what was missed

  let latest = -1;
  async function refresh() {
    const response = await fetch(body.dataset.state, { cache: "no-store" });
    if (!response.ok) return;
    const state = await response.json();
    if (state.version < latest) return; // an older answer overtaken by a newer one
    latest = state.version;
    show(state);
  }

  function show(state) {
    const stem = key.split("/")[0];
    byId("note-title").textContent = state.title || stem;
    document.title = `${state.title || stem} (${key.split("/")[1]}) · Briefing preview`;
    showStatus(state);
    const problems = byId("problems");
    problems.hidden = !state.error;
    byId("problem-text").textContent = state.error || "";
    byId("problem-after").textContent = state.files.html
      ? "Below is the last good preview."
      : "There is no good preview of it yet.";
    showFrame(state.files.html, state.rendering);
    showPages("pdf-pages", state.pdf_pages, "PDF");
    placeholder("pdf-placeholder", state.pdf_pages.length, state.rendering, "Laying out the PDF…");
    showPages("docx-pages", state.docx_pages, "DOCX");
    const note = byId("docx-note");
    note.hidden = !state.docx_note;
    note.textContent = state.docx_note || "";
    for (const name of ["html", "pdf", "docx"]) {
      const link = byId(`download-${name}`);
      const url = state.files[name];
      if (url) {
        link.href = `${url}&download`;
        link.removeAttribute("aria-disabled");
      } else {
        link.removeAttribute("href");
        link.setAttribute("aria-disabled", "true");
      }
    }
  }

  function showStatus(state) {
    const status = byId("status");
    status.dataset.state = state.rendering ? "rendering" : state.error ? "failed" : "ready";
    status.textContent = state.rendering
      ? "Rendering…"
      : state.error
        ? "Cannot be built: see above"
        : state.rendered_at ? `Up to date · ${state.rendered_at}` : "";
  }

  function showFrame(url, rendering) {
    const frame = byId("note-frame");
    if (url && frame.getAttribute("src") !== url) {
      // The new note opens where the reader was in the old one, not at its top.
      const shown = frame.contentWindow;
      const y = shown && shown.location.href !== "about:blank" ? shown.scrollY : 0;
      frame.addEventListener("load", () => frame.contentWindow.scrollTo(0, y), { once: true });
      frame.setAttribute("src", url);
    }
    frame.hidden = !url;
    placeholder("html-placeholder", url ? 1 : 0, rendering, "Rendering the HTML…");
  }

  function placeholder(id, count, rendering, waiting) {
    const element = byId(id);
    element.hidden = count > 0;
    element.textContent = rendering ? waiting : "Nothing to show until the note can be built.";
  }

  function showPages(id, urls, kind) {
    const container = byId(id);
    const images = container.getElementsByTagName("img");
    while (images.length > urls.length) images[images.length - 1].remove();
    urls.forEach((url, index) => {
      let image = images[index];
      if (!image) {
        image = document.createElement("img");
        container.appendChild(image);
      }
      image.alt = `${kind} page ${index + 1} of ${urls.length}`;
      if (image.getAttribute("src") !== url) image.setAttribute("src", url);
    });
  }

  function choose(view) {
    const views = byId("views");
    if (!["both", "html", "pdf", "docx"].includes(view)) view = "both";
    views.dataset.view = view;
    for (const tab of document.querySelectorAll("[role=tab]")) {
      tab.setAttribute("aria-selected", String(tab.dataset.view === view));
    }
  }
  for (const tab of document.querySelectorAll("[role=tab]")) {
    tab.addEventListener("click", () => {
      history.replaceState(null, "", `#${tab.dataset.view}`);
      choose(tab.dataset.view);
    });
  }
  choose(location.hash.slice(1));
  refresh();
})();
