// intervisie web app: small progressive enhancements over plain forms.
// Drag-and-drop upload, live solve progress, and moving / pinning people without a page load
// (through the JSON API). Every page also works without this script.
"use strict";

const sessionId = document.body.dataset.session;
const api = (path) => `/api/sessions/${sessionId}${path}`;

async function send(method, path, body) {
  const response = await fetch(api(path), {
    method,
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({ detail: response.statusText }));
    throw new Error(problem.detail || response.statusText);
  }
  return response.json();
}

function setupUpload() {
  const zone = document.getElementById("dropzone");
  const input = document.getElementById("file-input");
  if (!zone || !input) return;
  const shown = document.getElementById("chosen-file");
  const show = () => { shown.textContent = input.files.length ? input.files[0].name : ""; };
  input.addEventListener("change", show);
  ["dragenter", "dragover"].forEach((type) => zone.addEventListener(type, (event) => {
    event.preventDefault();
    zone.classList.add("over");
  }));
  ["dragleave", "drop"].forEach((type) => zone.addEventListener(type, () => zone.classList.remove("over")));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    if (event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      show();
    }
  });
}

function setupJob() {
  const card = document.getElementById("job");
  if (!card) return;
  const jobId = card.dataset.job;
  const limit = parseFloat(card.dataset.limit);
  // numbers as the page's language writes them: 2,5 in Dutch
  const dutch = document.documentElement.lang === "nl";
  const decimal = (x) => (dutch ? x.toFixed(1).replace(".", ",") : x.toFixed(1));
  const finished = ["done", "cancelled", "failed"];
  const field = (id, text) => { document.getElementById(id).textContent = text; };
  const cancel = document.getElementById("cancel-form");
  if (cancel) {
    cancel.addEventListener("submit", async (event) => {
      event.preventDefault();
      document.getElementById("cancel").disabled = true;
      await send("DELETE", `/jobs/${jobId}`);
    });
  }
  async function poll() {
    let job;
    try {
      job = await send("GET", `/jobs/${jobId}`);
    } catch (error) {
      field("job-state", error.message);
      return;
    }
    field("job-state", card.dataset["state" + job.state[0].toUpperCase() + job.state.slice(1)] || job.state);
    field("job-best", job.best === null ? "–" : job.best);
    field("job-gap", job.gap === null ? "–" : `${decimal(job.gap * 100)}${dutch ? " %" : "%"}`);
    field("job-time", `${decimal(job.elapsed_s)} / ${Math.round(limit)} s`);
    document.getElementById("bar").value = Math.min(100, (job.elapsed_s / limit) * 100);
    if (finished.includes(job.state)) {
      if (job.state === "failed") { window.location.reload(); return; }
      window.location.href = card.dataset.doneUrl;
      return;
    }
    setTimeout(poll, 500);
  }
  if (!finished.includes(card.dataset.state)) poll();
}

async function refreshCards(focusPid) {
  const response = await fetch(`/s/${sessionId}/groups/cards`);
  const holder = document.getElementById("cards");
  const before = new Map([...holder.querySelectorAll("article.group")].map(
    (card) => [card.dataset.group, card.querySelector(".score")?.dataset.score]));
  holder.innerHTML = await response.text();
  holder.querySelectorAll("article.group").forEach((card) => {
    const score = card.querySelector(".score");
    if (score && before.get(card.dataset.group) !== score.dataset.score) score.classList.add("changed");
  });
  if (focusPid) document.getElementById(`p-${focusPid}`)?.scrollIntoView({ block: "nearest" });
}

async function moveTo(pid, group) {
  try {
    await send("POST", "/lineup/moves", { pid, group: group === "none" || group === "" ? null : Number(group) });
  } catch (error) {
    alert(error.message);
  }
  await refreshCards(pid);
}

function setupGroups() {
  const holder = document.getElementById("cards");
  if (!holder) return;
  holder.addEventListener("change", async (event) => {
    const target = event.target;
    if (target.matches("select[data-pid]")) {
      await moveTo(target.dataset.pid, target.value);
    } else if (target.matches("input[type=checkbox][data-online-group]")) {
      const group = target.dataset.onlineGroup;
      try {
        await send("PUT", `/lineup/online/${group}`, { online: target.checked });
      } catch (error) {
        alert(error.message);
      }
      await refreshCards();
      document.getElementById(`g-${group}`)?.scrollIntoView({ block: "nearest" });
    } else if (target.matches("input[type=checkbox][data-pid]")) {
      try {
        await send("PUT", `/lineup/pins/${encodeURIComponent(target.dataset.pid)}`, { pinned: target.checked });
      } catch (error) {
        alert(error.message);
        target.checked = !target.checked;
      }
    }
  });
  holder.addEventListener("dragstart", (event) => {
    const member = event.target.closest?.("li.member");
    if (!member) return;
    event.dataTransfer.setData("text/plain", member.dataset.pid);
    member.classList.add("dragging");
  });
  holder.addEventListener("dragend", (event) => event.target.closest?.("li.member")?.classList.remove("dragging"));
  holder.addEventListener("dragover", (event) => {
    const card = event.target.closest("article.group");
    if (!card) return;
    event.preventDefault();
    card.classList.add("over");
  });
  holder.addEventListener("dragleave", (event) => event.target.closest("article.group")?.classList.remove("over"));
  holder.addEventListener("drop", async (event) => {
    const card = event.target.closest("article.group");
    if (!card) return;
    event.preventDefault();
    card.classList.remove("over");
    const pid = event.dataTransfer.getData("text/plain");
    if (pid) await moveTo(pid, card.dataset.group || "none");
  });
}

// "back" links (the policy allows no inline script, so not javascript: URLs)
function setupBack() {
  document.querySelectorAll("a[data-back]").forEach((link) => link.addEventListener("click", (event) => {
    if (window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  }));
}

setupUpload();
setupBack();
setupJob();
setupGroups();
