// The chat demo page (chat.html): rooms with pushes, direct messages through hitch.relay, and pokes
// (a server -> client request). Everything from the server or other members is shown with textContent only.
(function () {
  "use strict";

  const $ = (id) => document.getElementById(id);
  const client = new HitchClient(); // ws(s)://<this host>/<this page's directory>/ws
  window.hitchClient = client; // handy in the browser's console, and for tests

  const state = {
    name: null,          // the name this page joined with
    room: null,          // the room this page is in (the server's spelling), null when in none
    joining: null,       // the room a chat.join in flight is for
    early: [],           // chat.joined / chat.left pushes for that room that came before the join's reply
    members: [],         // [{peer, name}] of the current room, sorted by name
    rejoin: null,        // {room, name} to join again after a reconnect
    names: new Map(),    // peer id -> name, of everyone seen (kept after they leave)
    connection: "connecting…",
  };

  // ---- showing things ----

  function describe(error) {
    if (!error || typeof error !== "object") return "internal: " + String(error);
    let text = (error.code || "internal") + ": " + (error.message || "");
    if (Array.isArray(error.details)) {
      const items = error.details.filter((d) => d && typeof d === "object").map((d) => d.path + " " + d.message);
      if (items.length) text += " (" + items.join("; ") + ")";
    }
    return text;
  }

  function span(cls, text) {
    const el = document.createElement("span");
    el.className = cls;
    el.textContent = text;
    return el;
  }

  function clock(at) {
    const date = typeof at === "string" || typeof at === "number" ? new Date(at) : new Date();
    return isNaN(date.getTime()) ? "" : date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  /**
   * Appends an entry to the log. parts are strings (text) and elements, separated by spaces.
   * @returns {HTMLLIElement}
   */
  function log(cls, parts, attrs) {
    const list = $("chat-log");
    const item = document.createElement("li");
    item.className = cls;
    if (attrs) for (const [key, value] of Object.entries(attrs)) if (value !== undefined && value !== null) item.setAttribute(key, String(value));
    parts.forEach((part, i) => {
      if (i > 0) item.append(" ");
      item.append(typeof part === "string" ? document.createTextNode(part) : part);
    });
    list.append(item);
    list.scrollTop = list.scrollHeight;
    return item;
  }

  const logInfo = (text) => log("info", [span("time", clock()), text]);
  const logError = (error, context) =>
    log("error", [span("time", clock()), (context ? context + " failed: " : "") + describe(error)],
      { "data-code": error && error.code });

  function nameOf(peer) {
    if (typeof peer !== "string") return "someone";
    if (peer === client.peerId && state.name !== null) return state.name;
    const name = state.names.get(peer);
    return name !== undefined ? name : "peer " + peer;
  }

  function showStatus() {
    const status = $("chat-status");
    status.dataset.state = client.state;
    let text = state.connection;
    if (state.room !== null) {
      text += " · room " + state.room + " as " + state.name;
      status.dataset.joined = state.room;
    } else {
      delete status.dataset.joined;
    }
    status.textContent = text;
  }

  /** Enters (room and name given) or leaves (null) a room: controls, member list, status. */
  function setRoom(room, name) {
    state.room = room;
    state.name = room === null ? null : name;
    const inRoom = room !== null;
    $("chat-leave").disabled = !inRoom;
    $("chat-text").disabled = !inRoom;
    $("chat-send").disabled = !inRoom;
    if (!inRoom) renderMembers([]);
    showStatus();
  }

  // ---- members ----

  function validMembers(list) {
    if (!Array.isArray(list)) return [];
    return list
      .filter((m) => m && typeof m === "object" && typeof m.peer === "string")
      .map((m) => ({ peer: m.peer, name: typeof m.name === "string" ? m.name : String(m.name) }));
  }

  const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.peer < b.peer ? -1 : a.peer > b.peer ? 1 : 0);

  /** Shows the member list (the join's reply); later changes come as chat.joined / chat.left pushes. */
  function renderMembers(list) {
    const members = validMembers(list).sort(byName);
    for (const m of members) state.names.set(m.peer, m.name);
    state.members = members;
    $("chat-members").replaceChildren(...members.map(memberItem));
  }

  function memberJoined(member) {
    const [valid] = validMembers([member]);
    if (!valid || state.members.some((m) => m.peer === valid.peer)) return;
    state.names.set(valid.peer, valid.name);
    renderMembers(state.members.concat([valid]));
    if (valid.peer !== client.peerId) logInfo(valid.name + " joined");
  }

  function memberLeft(peer) {
    const gone = state.members.find((m) => m.peer === peer);
    if (!gone) return;
    renderMembers(state.members.filter((m) => m.peer !== peer));
    if (peer !== client.peerId) logInfo(gone.name + " left");
  }

  function memberItem(member) {
    const item = document.createElement("li");
    item.dataset.peer = member.peer;
    item.append(span("name", member.name));
    if (member.peer === client.peerId) {
      item.classList.add("me");
      return item;
    }
    const dm = document.createElement("button");
    dm.type = "button";
    dm.className = "dm";
    dm.textContent = "DM";
    dm.title = "Send the direct message text to " + member.name;
    dm.addEventListener("click", () => sendDm(member));
    const poke = document.createElement("button");
    poke.type = "button";
    poke.className = "poke secondary";
    poke.textContent = "Poke";
    poke.title = "Poke " + member.name;
    poke.addEventListener("click", () => sendPoke(member));
    item.append(dm, poke);
    return item;
  }

  // A push for the room being joined can overtake the join's reply: keep it until the reply is shown.
  function onRoomChange(data, apply) {
    if (!data || typeof data !== "object") return;
    if (state.joining !== null && data.room === state.joining) state.early.push(apply);
    else if (state.room !== null && data.room === state.room) apply();
  }
  client.on("chat.joined", (data) => onRoomChange(data, () => memberJoined(data.member)));
  client.on("chat.left", (data) => onRoomChange(data, () => memberLeft(data.peer)));

  // ---- joining and leaving ----

  function join(room, name) {
    state.rejoin = null;
    const previous = state.room;
    const joinButton = $("chat-join");
    joinButton.disabled = true;
    const leaving = previous !== null && previous !== room
      ? client.request("chat.leave", { room: previous }).then(
        () => { setRoom(null); logInfo("you left " + previous); },
        (error) => logError(error, "leaving " + previous))
      : Promise.resolve();
    leaving
      .then(() => {
        state.joining = room;
        state.early = [];
        return client.request("chat.join", { room, name });
      })
      .then((reply) => {
        const joined = reply && typeof reply.room === "string" ? reply.room : room;
        const early = state.early;
        state.joining = null;
        state.early = [];
        setRoom(joined, name);
        renderMembers(reply && reply.members);
        early.forEach((apply) => apply());
        logInfo("you joined " + joined + " as " + name);
        $("chat-text").focus();
      }, (error) => {
        state.joining = null;
        logError(error, "joining " + room);
      })
      .finally(() => { joinButton.disabled = false; });
  }

  $("chat-join-form").addEventListener("submit", (event) => {
    event.preventDefault();
    join($("chat-room").value.trim(), $("chat-name").value);
  });

  $("chat-leave").addEventListener("click", () => {
    const room = state.room;
    if (room === null) return;
    state.rejoin = null;
    client.request("chat.leave", { room }).then(
      () => {
        if (state.room === room) setRoom(null);
        logInfo("you left " + room);
      },
      (error) => logError(error, "leaving " + room));
  });

  // ---- messages ----

  $("chat-say-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const input = $("chat-text");
    const text = input.value;
    if (state.room === null || text.trim() === "") return;
    client.request("chat.say", { room: state.room, text }).then(
      () => { if (input.value === text) input.value = ""; },
      (error) => logError(error, "sending"));
  });

  client.on("chat.message", (m) => {
    if (!m || typeof m !== "object") return;
    if (m.room !== state.room && m.room !== state.joining) return;
    const name = typeof m.name === "string" ? m.name : nameOf(m.from);
    if (typeof m.from === "string") state.names.set(m.from, name);
    const mine = m.from === client.peerId;
    log("message" + (mine ? " mine" : ""), [span("time", clock(m.at)), span("who", name + ":"), span("text", String(m.text))],
      { "data-from": typeof m.from === "string" ? m.from : null });
  });

  // ---- direct messages (client -> server -> client, through hitch.relay) ----

  function sendDm(member) {
    const field = $("chat-dm-text");
    const text = field.value;
    if (text.trim() === "") {
      logError({ code: "bad_data", message: "type the direct message text first" }, "DM to " + member.name);
      field.focus();
      return;
    }
    client.relay(member.peer, "chat.dm", { text }).then(
      (reply) => {
        const received = Boolean(reply && reply.received === true);
        log("dm sent", [span("time", clock()), span("who", "you → " + member.name + ":"), span("text", text),
          span("receipt", received ? "✓" : "(not confirmed)")], { "data-peer": member.peer });
        if (field.value === text) field.value = "";
      },
      (error) => logError(error, "DM to " + member.name));
  }

  client.on("chat.dm", (data, meta) => {
    if (!data || typeof data !== "object" || typeof data.text !== "string") {
      throw new HitchClient.HitchError("bad_data", "a direct message needs a text");
    }
    log("dm received", [span("time", clock()), span("who", nameOf(meta.from) + " → you:"), span("text", data.text)],
      { "data-peer": meta.from });
    return { received: true };
  });

  // ---- pokes (the server asks the poked page, and relays its answer) ----

  function sendPoke(member) {
    client.request("chat.poke", { peer: member.peer }).then(
      (reply) => {
        const answer = reply && typeof reply === "object" && "answer" in reply ? String(reply.answer) : JSON.stringify(reply);
        log("poke sent", [span("time", clock()), "you poked", span("who", member.name + ","), "who answered:", span("text", answer)],
          { "data-peer": member.peer });
      },
      (error) => logError(error, "poking " + member.name));
  }

  client.on("chat.poke", (data) => {
    const from = data && typeof data === "object" ? data : {};
    const name = typeof from.name === "string" ? from.name : nameOf(from.from);
    log("poke received", [span("time", clock()), span("who", name), "poked you"], { "data-peer": from.from });
    return { answer: "ouch, " + name + "!" };
  });

  // ---- connection ----

  client.addEventListener("open", () => { state.connection = "open"; showStatus(); });
  client.addEventListener("welcome", () => {
    state.connection = "open · peer " + client.peerId;
    showStatus();
    if (state.rejoin !== null) { // the server forgot this connection's rooms when it dropped
      const { room, name } = state.rejoin;
      state.rejoin = null;
      join(room, name);
    }
  });
  client.addEventListener("close", (event) => {
    const d = event.detail;
    state.connection = "closed (" + d.code + (d.reason ? " " + d.reason : "") + ")";
    if (state.room !== null) {
      state.rejoin = { room: state.room, name: state.name };
      logInfo("connection lost, you are no longer in " + state.room);
      setRoom(null);
    }
    showStatus();
  });
  client.addEventListener("reconnecting", (event) => {
    state.connection = "reconnecting in " + (event.detail.delayMs / 1000).toFixed(1) + " s (attempt " + event.detail.attempt + ")";
    showStatus();
  });
  // A page kept in the back/forward cache would stay in its room with nobody reading: leave by closing
  // the connection (the others get chat.left), and come back (rejoining) if the page is shown again.
  window.addEventListener("pagehide", () => client.close(1000, "page hidden"));
  window.addEventListener("pageshow", (event) => { if (event.persisted) client.connect(); });
  // hitch.error pushes and failed notifications (also keeps them off the console)
  client.addEventListener("error", (event) => logError(event.detail));

  showStatus();
})();
