// Cosmo playground: a Telegram-like chat page over the emulator's user API (/_emu/...).
// Messages are drawn from their plain text and entities with text nodes and elements built
// one by one; no message text is ever parsed as HTML, so it cannot run as script.
"use strict";

// `?lang=en` (any language code) makes the page's user speak that language: the bot answers
// Korean to `ko` and English to every other.
const REQUESTED_LANGUAGE = new URLSearchParams(location.search).get("lang") || "";
const LANGUAGE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(REQUESTED_LANGUAGE) ? REQUESTED_LANGUAGE : "ko";
const USER = { id: 1001, first_name: "나", username: "me", language_code: LANGUAGE };
const CHATS = {
  private: { id: USER.id, spec: null, title: "코스모", placeholder: "예: 겨울에 얼굴 땅기는 거 잡아줄 크림",
             shortcuts: ["/start", "/help", "/category", "/top", "/mode", "/stats", "/reindex"] },
  group: { id: -100777, spec: { id: -100777, type: "supergroup", title: "뷰티 수다방" },
           title: "뷰티 수다방", placeholder: "/search 눈 안 시린 선크림",
           shortcuts: ["/search ", "/help", "/category", "/top"] },
};
const state = { chat: "private", bot: null, lastSeq: 0, typingTimer: null, inlineTimer: null };
const $ = (id) => document.getElementById(id);

async function api(path, body) {
  const options = body === undefined ? {} : {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
  const reply = await fetch(path, options);
  const data = await reply.json();
  if (!reply.ok) throw new Error(data.error || reply.statusText);
  return data;
}

// ---- drawing messages from text + entities (offsets are UTF-16, like JS strings) ----

function elementFor(entity) {
  const tags = { bold: "b", italic: "i", underline: "u", strikethrough: "s", code: "code", pre: "pre",
                 blockquote: "blockquote", expandable_blockquote: "blockquote" };
  if (tags[entity.type]) return document.createElement(tags[entity.type]);
  if (entity.type === "text_link" || entity.type === "url") {
    const link = document.createElement("a");
    const url = entity.url || "";
    if (/^https?:\/\//i.test(url)) { link.href = url; link.target = "_blank"; link.rel = "noopener noreferrer"; }
    return link;
  }
  const span = document.createElement("span");
  if (entity.type === "spoiler") {
    span.className = "spoiler";
    span.addEventListener("click", () => span.classList.add("revealed"));
  } else if (entity.type === "bot_command") {
    span.className = "command";
  }
  return span;
}

function build(parent, text, start, end, entities) {
  let position = start;
  let i = 0;
  while (i < entities.length && entities[i].offset < end) {
    const entity = entities[i];
    const entityEnd = Math.min(entity.offset + entity.length, end);
    if (entity.offset > position) parent.appendChild(document.createTextNode(text.slice(position, entity.offset)));
    const inner = [];
    let j = i + 1;
    while (j < entities.length && entities[j].offset < entityEnd) inner.push(entities[j++]);
    const element = elementFor(entity);
    build(element, text, Math.max(entity.offset, position), entityEnd, inner);
    parent.appendChild(element);
    position = Math.max(position, entityEnd);
    i = j;
  }
  if (position < end) parent.appendChild(document.createTextNode(text.slice(position, end)));
}

function renderText(text, entities) {
  const body = document.createElement("div");
  body.className = "text";
  const sorted = [...(entities || [])].sort((a, b) => a.offset - b.offset || b.length - a.length);
  build(body, text, 0, text.length, sorted);
  return body;
}

function renderKeyboard(message, chat) {
  const rows = (message.reply_markup || {}).inline_keyboard || [];
  const keyboard = document.createElement("div");
  keyboard.className = "keyboard";
  for (const row of rows) {
    const line = document.createElement("div");
    line.className = "row";
    for (const button of row) {
      const element = document.createElement("button");
      element.type = "button";
      element.textContent = button.text;
      if (button.callback_data !== undefined) {
        element.dataset.callback = button.callback_data;
        element.addEventListener("click", () => press(chat, message.message_id, button.callback_data));
      } else if (button.url && /^https?:\/\//i.test(button.url)) {
        element.classList.add("link");
        element.dataset.url = button.url;
        element.addEventListener("click", () => window.open(button.url, "_blank", "noopener"));
      } else if (button.copy_text) {
        element.dataset.copy = button.copy_text.text;
        element.addEventListener("click", () => copyText(button.copy_text.text));
      } else if (button.switch_inline_query !== undefined) {
        element.addEventListener("click", () => {
          $("text").value = `@${state.bot.username} ${button.switch_inline_query}`;
          $("text").focus();
          onInput();
        });
      }
      line.appendChild(element);
    }
    keyboard.appendChild(line);
  }
  return keyboard;
}

function renderMessage(message, chat) {
  const wrapper = document.createElement("div");
  const bubble = document.createElement("div");
  bubble.className = "message" + (message.is_bot ? " bot" : " mine");
  bubble.dataset.messageId = message.message_id;
  if (message.is_bot || chat.spec) {
    const author = document.createElement("div");
    author.className = "author";
    author.textContent = message.is_bot ? "코스모" : message.from.first_name;
    bubble.appendChild(author);
  }
  const preview = message.link_preview_options;
  const photo = preview && !preview.is_disabled && preview.url ? photoOf(preview.url) : null;
  if (photo && preview.show_above_text) bubble.appendChild(photo);
  bubble.appendChild(renderText(message.text, message.entities));
  if (photo && !preview.show_above_text) bubble.appendChild(photo);
  const meta = document.createElement("div");
  meta.className = "meta";
  meta.textContent = [message.via_bot ? `via @${message.via_bot.username}` : "",
                      message.edit_date ? "수정됨" : ""].filter(Boolean).join(" · ");
  bubble.appendChild(meta);
  wrapper.appendChild(bubble);
  if (message.reply_markup) wrapper.appendChild(renderKeyboard(message, chat));
  return wrapper;
}

// A photo address is drawn by the emulator as a swatch (/_emu/media): nothing is fetched from
// outside, as Telegram's own servers would fetch it and hand the client a copy.
function mediaUrl(url) {
  return `/_emu/media?url=${encodeURIComponent(url)}`;
}

function photoOf(url) {
  if (!/^https?:\/\//i.test(url)) return null;
  const image = document.createElement("img");
  image.className = "preview";
  image.alt = "";
  image.dataset.source = url;
  image.src = mediaUrl(url);
  return image;
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    toast("복사했어요");
  } catch (error) {
    toast(text);
  }
}

async function redraw() {
  const chat = CHATS[state.chat];
  let messages = [];
  try {
    messages = (await api(`/_emu/chats/${chat.id}/messages`)).messages;
  } catch (error) { /* the chat exists only after its first message */ }
  const list = $("messages");
  const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  list.replaceChildren(...messages.filter((m) => !m.deleted).map((m) => renderMessage(m, chat)));
  if (nearBottom) list.scrollTop = list.scrollHeight;
}

// ---- acting as the user ----

function toast(text) {
  const element = $("toast");
  element.textContent = text;
  element.hidden = false;
  setTimeout(() => { element.hidden = true; }, 3500);
}

async function send(text) {
  const chat = CHATS[state.chat];
  await api("/_emu/messages", { user: USER, chat: chat.spec, text });
  await redraw();
  $("messages").scrollTop = $("messages").scrollHeight;
}

async function press(chat, messageId, data) {
  const pressed = await api("/_emu/callback", { user: USER, chat_id: chat.id, message_id: messageId, data });
  const reply = await api(`/_emu/callback/${pressed.callback_query_id}?timeout=10`);
  if (reply.answer && reply.answer.text) toast(reply.answer.text);
}

async function inlineSearch(query) {
  const box = $("inline-results");
  const { inline_query_id: id } = await api("/_emu/inline", { user: USER, query, chat_type: "sender" });
  const reply = await api(`/_emu/inline/${id}?timeout=15`);
  const results = (reply.answer && reply.answer.results) || [];
  box.replaceChildren(...results.map((result) => {
    const item = document.createElement("div");
    item.className = "result";
    const title = document.createElement("div");
    title.className = "title";
    title.textContent = result.title;
    const description = document.createElement("div");
    description.className = "description";
    description.textContent = result.description || "";
    if (result.thumbnail_url && /^https?:\/\//i.test(result.thumbnail_url)) {
      const thumbnail = document.createElement("img");
      thumbnail.className = "thumbnail";
      thumbnail.alt = "";
      thumbnail.dataset.source = result.thumbnail_url;
      thumbnail.src = mediaUrl(result.thumbnail_url);
      item.appendChild(thumbnail);
    }
    const words = document.createElement("div");
    words.className = "words";
    words.append(title, description);
    item.appendChild(words);
    item.addEventListener("click", async () => {
      box.hidden = true;
      $("text").value = "";
      await api(`/_emu/inline/${id}/choose`, { user: USER, result_id: result.id, chat: CHATS[state.chat].spec });
      await redraw();
    });
    return item;
  }));
  box.hidden = results.length === 0;
}

function onInput() {
  const value = $("text").value;
  const prefix = state.bot ? `@${state.bot.username} ` : null;
  clearTimeout(state.inlineTimer);
  if (!prefix || !value.startsWith(prefix) || !value.slice(prefix.length).trim()) {
    $("inline-results").hidden = true;
    return;
  }
  state.inlineTimer = setTimeout(() => inlineSearch(value.slice(prefix.length)).catch((e) => toast(e.message)), 400);
}

function selectChat(name) {
  state.chat = name;
  const chat = CHATS[name];
  for (const tab of document.querySelectorAll(".chat-tab")) tab.classList.toggle("active", tab.dataset.chat === name);
  $("chat-title").textContent = chat.title;
  $("text").placeholder = chat.placeholder;
  $("shortcuts").replaceChildren(...chat.shortcuts.map((command) => {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = command.trim();
    button.addEventListener("click", () => {
      if (command.endsWith(" ")) { $("text").value = command; $("text").focus(); } else send(command);
    });
    return button;
  }));
  redraw();
}

// ---- following what happens, by long-polling the emulator's event log ----

async function follow() {
  for (;;) {
    try {
      const { events } = await api(`/_emu/events?after=${state.lastSeq}&timeout=25`);
      let changed = false;
      for (const event of events) {
        state.lastSeq = Math.max(state.lastSeq, event.seq);
        if (event.chat_id !== CHATS[state.chat].id) continue;
        if (event.type === "chat_action") {
          $("typing").hidden = false;
          clearTimeout(state.typingTimer);
          state.typingTimer = setTimeout(() => { $("typing").hidden = true; }, 5000);
        } else if (["message", "edit", "delete"].includes(event.type)) {
          if (event.from_bot) $("typing").hidden = true;
          changed = true;
        }
      }
      if (changed) await redraw();
    } catch (error) {
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}

document.addEventListener("DOMContentLoaded", async () => {
  state.bot = (await api("/_emu/bot")).bot;
  $("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("text").value;
    if (!text.trim() || (state.bot && text.startsWith(`@${state.bot.username} `))) return;
    $("text").value = "";
    send(text).catch((error) => toast(error.message));
  });
  $("text").addEventListener("input", onInput);
  for (const tab of document.querySelectorAll(".chat-tab")) tab.addEventListener("click", () => selectChat(tab.dataset.chat));
  const { last_seq: last } = await api("/_emu/events?after=0&timeout=0");
  state.lastSeq = last;
  selectChat("private");
  document.body.dataset.ready = "true";
  follow();
});
