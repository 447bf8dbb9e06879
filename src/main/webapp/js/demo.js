// The demo page (index.html). Everything from the server is shown with textContent only.
(function () {
  "use strict";

  const $ = (id) => document.getElementById(id);
  const client = new HitchClient(); // ws(s)://<this host>/<this page's directory>/ws
  window.hitchClient = client; // handy in the browser's console

  // ---- connection status ----
  function showStatus(text) {
    const status = $("status");
    status.dataset.state = client.state;
    status.textContent = text;
  }
  client.addEventListener("open", () => showStatus("open"));
  client.addEventListener("welcome", () => {
    showStatus("open · peer " + client.peerId);
    const list = $("console-routes");
    list.replaceChildren(...client.routes.map((route) => {
      const option = document.createElement("option");
      option.value = route;
      return option;
    }));
  });
  client.addEventListener("close", (e) => showStatus("closed (" + e.detail.code + (e.detail.reason ? " " + e.detail.reason : "") + ")"));
  client.addEventListener("reconnecting", (e) =>
    showStatus("reconnecting in " + (e.detail.delayMs / 1000).toFixed(1) + " s (attempt " + e.detail.attempt + ")"));

  function describe(error) {
    let text = error.code + ": " + error.message;
    if (Array.isArray(error.details)) {
      const items = error.details.filter((d) => d && typeof d === "object").map((d) => d.path + " " + d.message);
      if (items.length) text += " (" + items.join("; ") + ")";
    }
    return text;
  }

  // ---- hello world ----
  $("hello-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const answer = $("answer");
    answer.textContent = "…";
    client.send("hello", { name: $("name").value }, (data, error) => {
      answer.classList.toggle("error", Boolean(error));
      answer.textContent = error ? describe(error) : String(data && data.message);
    });
  });

  // ---- console ----
  function sendFromConsole() {
    const output = $("console-output");
    const route = $("console-route").value.trim();
    const text = $("console-data").value.trim();
    let data;
    try {
      data = text === "" ? undefined : JSON.parse(text);
    } catch (err) {
      output.className = "error";
      output.textContent = "The data is not valid JSON: " + err.message;
      return;
    }
    output.className = "pending";
    output.textContent = "→ " + route + " …";
    const started = performance.now();
    client.request(route, data).then(
      (reply) => {
        output.className = "";
        output.textContent = JSON.stringify(reply, null, 2) + "\n\n(" + Math.round(performance.now() - started) + " ms)";
      },
      (error) => {
        output.className = "error";
        output.textContent = JSON.stringify({ error: error.toJSON ? error.toJSON() : String(error) }, null, 2);
      });
  }
  $("console-form").addEventListener("submit", (event) => {
    event.preventDefault();
    sendFromConsole();
  });
  $("console-data").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      sendFromConsole();
    }
  });
})();
