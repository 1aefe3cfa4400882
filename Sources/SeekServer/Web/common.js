// Seek web UI, shared by the search page and the dashboard: the API client (bearer token asked
// once on a 401 and kept in sessionStorage), the theme switch and the event stream reader.
"use strict";
const Seek = (() => {
  const tokenKey = "seek-token";
  let asked = false;

  function headers(extra) {
    const result = Object.assign({}, extra || {});
    const token = sessionStorage.getItem(tokenKey);
    if (token) result["Authorization"] = "Bearer " + token;
    return result;
  }

  /** Asks for the server's token once per page (after a 401); true when one was given. */
  function askToken() {
    if (asked) return false;
    asked = true;
    const token = window.prompt("This Seek server needs its access token:");
    if (!token) return false;
    sessionStorage.setItem(tokenKey, token.trim());
    return true;
  }

  /** fetch() with the token; a 401 asks for it once and retries. Errors carry the API's message. */
  async function request(path, options) {
    options = options || {};
    let response = await fetch(path, Object.assign({}, options, { headers: headers(options.headers) }));
    if (response.status === 401 && askToken()) {
      response = await fetch(path, Object.assign({}, options, { headers: headers(options.headers) }));
    }
    return response;
  }

  async function json(path, options) {
    const response = await request(path, options);
    const text = await response.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
    if (!response.ok) {
      const message = body && body.error ? body.error.message : response.status + " " + response.statusText;
      const error = new Error(message);
      error.status = response.status;
      throw error;
    }
    return body;
  }

  /** Reads /api/events (fetch, so the token header goes along) and calls onEvent(name, data); reconnects. */
  function events(onEvent, onStatus) {
    let delay = 500;
    async function connect() {
      try {
        const response = await request("/api/events");
        if (!response.ok || !response.body) throw new Error("events: " + response.status);
        onStatus && onStatus(true);
        delay = 500;
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        let buffer = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let end;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let name = "message", data = "";
            for (const line of frame.split("\n")) {
              if (line.startsWith("event: ")) name = line.slice(7);
              else if (line.startsWith("data: ")) data += line.slice(6);
            }
            if (data) { try { onEvent(name, JSON.parse(data)); } catch (e) { console.error(e); } }
          }
        }
      } catch (e) {
        console.warn(e);
      }
      onStatus && onStatus(false);
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 10000);
    }
    connect();
  }

  function applyTheme(theme) {
    if (theme) document.documentElement.dataset.theme = theme;
  }

  function toggleTheme() {
    const current = document.documentElement.dataset.theme ||
      (window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
    const next = current === "dark" ? "light" : "dark";
    localStorage.setItem("seek-theme", next);
    applyTheme(next);
  }

  applyTheme(localStorage.getItem("seek-theme"));
  document.addEventListener("DOMContentLoaded", () => {
    const button = document.getElementById("theme");
    if (button) button.addEventListener("click", toggleTheme);
  });
  document.addEventListener("keydown", (event) => {
    const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement && document.activeElement.tagName);
    if (!typing && event.key === "t" && !event.ctrlKey && !event.metaKey) toggleTheme();
    if (!typing && event.key === "g") window.location.href = "/";
    if (!typing && event.key === "d") window.location.href = "/dashboard";
  });

  function element(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (key === "class") node.className = value; else node.setAttribute(key, value);
    }
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  function bytes(count) {
    const units = ["B", "KB", "MB", "GB", "TB"];
    let value = count, unit = 0;
    while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
    return (unit ? value.toFixed(1) : value) + " " + units[unit];
  }

  function duration(seconds) {
    if (seconds === null || seconds === undefined || !isFinite(seconds)) return "–";
    if (seconds < 60) return seconds.toFixed(0) + " s";
    if (seconds < 3600) return Math.floor(seconds / 60) + " min " + Math.round(seconds % 60) + " s";
    return Math.floor(seconds / 3600) + " h " + Math.round((seconds % 3600) / 60) + " min";
  }

  return { request, json, events, element, bytes, duration, toggleTheme };
})();
