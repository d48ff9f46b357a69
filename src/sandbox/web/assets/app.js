// The sandbox page: a Slack-like client over the emulator. It reads what the chosen person sees from
// GET /sandbox/state (messages arrive rendered to escaped HTML by the server), acts only through the
// control API (/sandbox/click, command, post, submit, close, home, alerts), and re-reads on every
// server-sent event from /sandbox/stream. Text from the server is set with textContent; the only markup
// inserted is the server's rendered HTML, which escapes everything it is given.
/* global document, window, fetch, EventSource, URLSearchParams, history, location, setTimeout */

const $ = (id) => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from the page`);
  return el;
};

/** What the page shows; mirrored in the address bar (?as=&channel=&thread=&tab=). */
const view = {
  user: 'alice',
  channel: '',
  thread: '',
  /** 'messages' for a conversation; 'home' for the app's Home tab. */
  tab: 'messages',
};

/** The last /sandbox/state answer. */
let model = null;
/** The newest ts each person has looked at, per conversation: unread conversations are bold. */
const seen = new Map();
/** The HTML each rendered item was made from, to replace only what changed. */
const madeFrom = new WeakMap();

// ---- talking to the emulator ---------------------------------------------------------------

async function getJson(path) {
  const res = await fetch(path, { headers: { accept: 'application/json' } });
  const body = await res.json();
  if (!res.ok || body.ok === false)
    throw new Error(body.message || body.error || `GET ${path}: ${res.status}`);
  return body;
}

async function postJson(path, payload) {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(payload),
  });
  const body = await res.json();
  if (!res.ok || body.ok === false)
    throw new Error(body.message || body.error || `POST ${path}: ${res.status}`);
  return body;
}

/** A delivery the app did not accept, in words (the control API answers 200 with `error` set). */
function deliveryProblem(result) {
  if (!result || !result.error) return '';
  const reasons = {
    operation_timeout: 'Vigil did not answer within 3 seconds (Slack would show a timeout).',
    dispatch_failed: 'Vigil could not be reached.',
  };
  return reasons[result.error] || `Slack would report: ${result.error}`;
}

// ---- toasts ----------------------------------------------------------------------------------

function toast(text, kind = 'info') {
  const el = document.createElement('div');
  el.className = `toast ${kind}`;
  el.textContent = text;
  $('toasts').append(el);
  while ($('toasts').children.length > 3) $('toasts').firstElementChild?.remove();
  setTimeout(() => el.remove(), kind === 'error' ? 12000 : 6000);
}

// ---- loading and rendering -------------------------------------------------------------------

let loading = false;
let again = false;

async function refresh() {
  if (loading) {
    again = true;
    return;
  }
  loading = true;
  try {
    do {
      again = false;
      const query = new URLSearchParams({ user: view.user });
      if (view.channel) query.set('channel', view.channel);
      if (view.thread) query.set('thread', view.thread);
      model = await getJson(`/sandbox/state?${query}`);
      render();
    } while (again);
  } catch (error) {
    toast(`Could not read the sandbox: ${error.message}`, 'error');
  } finally {
    loading = false;
  }
}

function saveLocation() {
  const query = new URLSearchParams({ as: view.user });
  if (view.channel) query.set('channel', view.channel);
  if (view.thread) query.set('thread', view.thread);
  if (view.tab === 'home') query.set('tab', 'home');
  history.replaceState(null, '', `/?${query}`);
}

function render() {
  if (!model) return;
  const conversations = model.channels;
  if (!conversations.some((c) => c.id === view.channel)) {
    view.channel = conversations[0]?.id ?? '';
    view.thread = '';
    view.tab = 'messages';
    saveLocation();
    again = true;
    return;
  }
  renderPeople();
  renderSidebar();
  renderMain();
  renderThread();
  renderModal();
  document.body.dataset.ready = 'true';
}

function renderPeople() {
  const select = $('person');
  if (select.options.length !== model.people.length) {
    select.replaceChildren(
      ...model.people.map((p) => {
        const option = document.createElement('option');
        option.value = p.name;
        const groups = p.groups.length ? p.groups.map((g) => `@${g}`).join(', ') : 'no approver group';
        option.textContent = `${p.real_name} (${p.title}; ${groups})`;
        return option;
      }),
    );
  }
  select.value = model.me.name;
  $('team-name').textContent = model.team.name;
  const groups = model.me.groups.length ? model.me.groups.map((g) => `@${g}`).join(', ') : 'no user group';
  $('me').textContent = `You are ${model.me.real_name}, ${model.me.title}, in ${groups}`;
}

function navButton(channel, label) {
  const li = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'nav-item';
  button.dataset.nav = channel.id;
  const prefix = document.createElement('span');
  prefix.className = 'nav-prefix';
  prefix.setAttribute('aria-hidden', 'true');
  prefix.textContent = channel.is_im ? '●' : '#';
  const name = document.createElement('span');
  name.textContent = label;
  button.append(prefix, name);
  const current = view.channel === channel.id && view.tab === 'messages';
  if (current) button.setAttribute('aria-current', 'page');
  const key = `${view.user}:${channel.id}`;
  if (current) seen.set(key, channel.latest);
  if (!current && channel.latest && channel.latest !== (seen.get(key) ?? '')) button.classList.add('unread');
  li.append(button);
  return li;
}

function renderSidebar() {
  $('channel-list').replaceChildren(
    ...model.channels.filter((c) => !c.is_im).map((c) => navButton(c, c.name)),
  );
  $('dm-list').replaceChildren(...model.channels.filter((c) => c.is_im).map((c) => navButton(c, c.name)));
  const home = $('nav-home');
  if (view.tab === 'home') home.setAttribute('aria-current', 'page');
  else home.removeAttribute('aria-current');
}

function renderMain() {
  const channel = model.channel;
  const isApp = channel?.is_im === true;
  const home = view.tab === 'home';
  $('pane-title').textContent = isApp ? model.app.name : `#${channel?.name ?? ''}`;
  $('pane-purpose').textContent = isApp
    ? 'Your direct messages and Home tab with the app'
    : (channel?.purpose ?? '');
  $('app-tabs').hidden = !isApp;
  $('tab-home').setAttribute('aria-selected', String(home));
  $('tab-messages').setAttribute('aria-selected', String(!home));
  $('channel-messages').hidden = home;
  $('composer').hidden = home;
  $('home-view').hidden = !home;
  const text = $('composer-text');
  const label = isApp ? `Message ${model.app.name}` : `Message #${channel?.name ?? ''}`;
  text.setAttribute('aria-label', label);
  text.placeholder = label;
  if (home) renderHome();
  // `vigil-alerts`: the channel the sandbox seeds for Vigil's cases (VIGIL_ALERTS_CHANNEL's default).
  else
    renderItems(
      $('channel-messages'),
      channel?.items ?? [],
      channel?.name === 'vigil-alerts'
        ? 'No messages yet. Send a sample alert to start.'
        : 'No messages yet.',
    );
}

function renderHome() {
  const pane = $('home-view');
  if (!model.home) {
    if (pane.dataset.hash !== 'none') {
      pane.dataset.hash = 'none';
      pane.replaceChildren(placeholder('Vigil has not published a Home tab for you yet.'));
    }
    return;
  }
  if (pane.dataset.hash === model.home.hash) return;
  pane.dataset.hash = model.home.hash;
  pane.innerHTML = model.home.html; // rendered and escaped by the server
  decorate(pane);
}

function renderThread() {
  const pane = $('thread-pane');
  const thread = model.thread;
  if (!view.thread || !thread) {
    pane.hidden = true;
    return;
  }
  pane.hidden = false;
  $('thread-channel').textContent = model.channel?.is_im ? model.app.name : `#${model.channel?.name ?? ''}`;
  renderItems($('thread-messages'), thread.items, '');
}

function placeholder(text) {
  const p = document.createElement('p');
  p.className = 'empty';
  p.textContent = text;
  return p;
}

/** Builds an element from HTML the server rendered (and escaped). */
function fromHtml(html) {
  const template = document.createElement('template');
  template.innerHTML = html;
  const el = template.content.firstElementChild;
  if (!el) throw new Error('the server sent an empty item');
  return el;
}

/** Attachment colour bars: applied here because the page's CSP forbids inline styles. */
function decorate(root) {
  for (const el of root.querySelectorAll('.attachment[data-color]')) {
    if (/^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(el.dataset.color)) el.style.borderLeftColor = el.dataset.color;
  }
}

/** Keyed update: replaces only items whose HTML changed, keeps scroll at the bottom when it was there. */
function renderItems(container, items, emptyText) {
  const atBottom = container.scrollHeight - container.scrollTop - container.clientHeight < 60;
  const existing = new Map();
  for (const el of [...container.children]) {
    if (el.dataset.key) existing.set(el.dataset.key, el);
    else el.remove();
  }
  let previous = null;
  for (const item of items) {
    let el = existing.get(item.key);
    existing.delete(item.key);
    if (!el || madeFrom.get(el) !== item.html) {
      const fresh = fromHtml(item.html);
      fresh.dataset.key = item.key;
      madeFrom.set(fresh, item.html);
      decorate(fresh);
      if (el) el.replaceWith(fresh);
      el = fresh;
    }
    const expected = previous ? previous.nextElementSibling : container.firstElementChild;
    if (expected !== el) container.insertBefore(el, expected);
    previous = el;
  }
  for (const el of existing.values()) el.remove();
  if (items.length === 0 && emptyText) container.append(placeholder(emptyText));
  if (atBottom) container.scrollTop = container.scrollHeight;
}

// ---- modals ----------------------------------------------------------------------------------

function renderModal() {
  const dialog = $('modal');
  const modal = model.modal;
  if (!modal) {
    if (dialog.open) dialog.close();
    delete dialog.dataset.viewId;
    return;
  }
  if (dialog.dataset.viewId !== modal.id || dialog.dataset.hash !== modal.hash) {
    dialog.dataset.viewId = modal.id;
    dialog.dataset.hash = modal.hash;
    $('modal-title').textContent = modal.title;
    $('modal-body').innerHTML = modal.html; // rendered and escaped by the server
    decorate($('modal-body'));
    $('modal-error').hidden = true;
    $('modal-submit').hidden = !modal.submit;
    $('modal-submit').textContent = modal.submit ?? '';
    $('modal-close').textContent = modal.close;
  }
  if (!dialog.open) dialog.showModal();
}

function inputValue(el) {
  if (el instanceof window.HTMLSelectElement) {
    return [...el.selectedOptions]
      .map((o) => o.value)
      .filter(Boolean)
      .join(',');
  }
  if (el instanceof window.HTMLFieldSetElement) {
    return [...el.querySelectorAll('input:checked')].map((i) => i.value).join(',');
  }
  if ('value' in el) return el.value;
  return '';
}

async function submitModal(event) {
  event.preventDefault();
  const dialog = $('modal');
  const viewId = dialog.dataset.viewId;
  if (!viewId) return;
  const values = {};
  for (const el of $('modal-body').querySelectorAll('[data-input-type][data-block-id][data-action-id]')) {
    const value = inputValue(el);
    if (value === '') continue;
    values[el.dataset.blockId] ??= {};
    values[el.dataset.blockId][el.dataset.actionId] = value;
  }
  for (const error of $('modal-body').querySelectorAll('.input-error')) error.hidden = true;
  $('modal-error').hidden = true;
  const submit = $('modal-submit');
  submit.disabled = true;
  try {
    const result = await postJson('/sandbox/submit', { user: view.user, view_id: viewId, values });
    const problem = deliveryProblem(result);
    if (problem) showModalError(problem);
    const ack = result.body;
    if (ack && ack.response_action === 'errors' && ack.errors) showInputErrors(ack.errors);
  } catch (error) {
    showModalError(error.message);
  } finally {
    submit.disabled = false;
    await refresh();
  }
}

function showModalError(text) {
  $('modal-error').textContent = text;
  $('modal-error').hidden = false;
}

function showInputErrors(errors) {
  for (const block of $('modal-body').querySelectorAll('.block.input')) {
    const message = errors[block.dataset.blockId];
    const slot = block.querySelector('.input-error');
    if (!slot || typeof message !== 'string') continue;
    slot.textContent = message;
    slot.hidden = false;
  }
}

async function closeModal() {
  const viewId = $('modal').dataset.viewId;
  if (!viewId) return $('modal').close();
  try {
    await postJson('/sandbox/close', { user: view.user, view_id: viewId });
  } catch (error) {
    toast(error.message, 'error');
  }
  await refresh();
}

// ---- acting: clicks with confirm dialogs ------------------------------------------------------

/** Shows a confirm dialog from its template; resolves true only when the person confirms. */
function confirmWith(template) {
  const dialog = $('confirm-dialog');
  dialog.replaceChildren(template.content.cloneNode(true));
  const title = dialog.querySelector('.confirm-title');
  if (title) {
    title.id = 'confirm-title';
    dialog.setAttribute('aria-labelledby', 'confirm-title');
  }
  return new Promise((resolve) => {
    dialog.returnValue = '';
    dialog.onclose = () => resolve(dialog.returnValue === 'confirm');
    for (const button of dialog.querySelectorAll('[data-confirm-choice]')) {
      button.addEventListener('click', () => dialog.close(button.dataset.confirmChoice));
    }
    dialog.showModal();
    dialog.querySelector('[data-confirm-choice="confirm"]')?.focus();
  });
}

/** Where an element sits: a message (channel + ts) or the Home tab. */
function surfaceOf(el) {
  const message = el.closest('article.msg');
  if (message) return { channel: message.dataset.channel, ts: message.dataset.ts };
  if (el.closest('[data-surface="home"]')) return { channel: 'home' };
  return undefined;
}

async function act(el, value) {
  const where = surfaceOf(el);
  if (!where) {
    toast('The sandbox does not deliver clicks inside modals.', 'error');
    return;
  }
  const spec = el.closest('.el')?.querySelector('template.confirm-spec');
  if (spec && !(await confirmWith(spec))) return;
  const payload = { user: view.user, ...where, action_id: el.dataset.actionId };
  const chosen = value ?? el.dataset.value;
  if (chosen !== undefined) payload.value = chosen;
  el.setAttribute('aria-busy', 'true');
  try {
    const problem = deliveryProblem(await postJson('/sandbox/click', payload));
    if (problem) toast(problem, 'error');
  } catch (error) {
    toast(error.message, 'error');
  } finally {
    el.removeAttribute('aria-busy');
  }
}

// ---- composing: messages and slash commands ---------------------------------------------------

async function send(textarea, threadTs) {
  const text = textarea.value.trim();
  if (!text) return;
  const command = /^(\/\S+)\s*([\s\S]*)$/.exec(text);
  if (command && threadTs) {
    // As in Slack: an app's slash commands cannot be used in a thread.
    toast(`${command[1]} is not supported in threads. Use it in the channel's message box.`, 'error');
    return;
  }
  textarea.value = '';
  try {
    if (command) {
      const result = await postJson('/sandbox/command', {
        user: view.user,
        channel: view.channel,
        command: command[1],
        text: command[2],
      });
      const problem = deliveryProblem(result);
      if (problem) toast(`${command[1]} failed. ${problem}`, 'error');
    } else {
      await postJson('/sandbox/post', {
        user: view.user,
        channel: view.channel,
        text,
        ...(threadTs ? { thread_ts: threadTs } : {}),
      });
    }
  } catch (error) {
    textarea.value = text;
    toast(error.message, 'error');
  }
}

function wireComposer(formId, textId, threadOf) {
  const form = $(formId);
  const text = $(textId);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void send(text, threadOf());
  });
  text.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void send(text, threadOf());
    }
  });
}

// ---- navigation --------------------------------------------------------------------------------

let stream = null;

function connect() {
  stream?.close();
  stream = new EventSource(`/sandbox/stream?user=${encodeURIComponent(view.user)}`);
  const update = () => void refresh();
  for (const name of [
    'ready',
    'message',
    'message_changed',
    'message_deleted',
    'ephemeral',
    'view_opened',
    'view_updated',
    'view_closed',
    'home_published',
  ]) {
    stream.addEventListener(name, update);
  }
}

function go(next) {
  Object.assign(view, next);
  saveLocation();
  void refresh();
}

async function openHome() {
  const dm = model?.channels.find((c) => c.is_im);
  go({ channel: dm?.id ?? view.channel, thread: '', tab: 'home' });
  try {
    const problem = deliveryProblem(await postJson('/sandbox/home', { user: view.user }));
    if (problem) toast(problem, 'error');
  } catch (error) {
    toast(error.message, 'error');
  }
}

/**
 * A permalink to a message of this workspace (`https://<domain>.slack.com/archives/<channel>/p<ts>`, with
 * `?thread_ts=<parent>` for a reply), as the channel and thread to open here; undefined for any other link.
 */
function inWorkspace(href) {
  if (!href || !model) return undefined;
  let url;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  const match = /^\/archives\/([A-Z0-9]+)\/p(\d+)(\d{6})$/.exec(url.pathname);
  if (url.host !== `${model.team.domain}.slack.com` || !match) return undefined;
  const [, channel, seconds, micros] = match;
  const thread = url.searchParams.get('thread_ts') ?? `${seconds}.${micros}`;
  return { channel, thread };
}

document.addEventListener('click', (event) => {
  const target = event.target instanceof window.Element ? event.target : null;
  const el = target?.closest('button, a');
  if (!el) {
    if (!target?.closest('.menu-wrap')) closeMenu();
    return;
  }
  if (el.dataset.nav === 'home') return void openHome();
  if (el.dataset.nav) return go({ channel: el.dataset.nav, thread: '', tab: 'messages' });
  if (el.dataset.tab === 'home') return void openHome();
  if (el.dataset.tab === 'messages') return go({ tab: 'messages' });
  if (el.dataset.openThread) {
    const message = el.closest('article.msg');
    return go({ channel: message?.dataset.channel ?? view.channel, thread: el.dataset.openThread });
  }
  const permalink = el.tagName === 'A' ? inWorkspace(el.getAttribute('href')) : undefined;
  if (permalink) {
    event.preventDefault();
    return go({ ...permalink, tab: 'messages' });
  }
  if (el.dataset.actionId && !el.closest('dialog')) {
    if (el.tagName !== 'A') event.preventDefault();
    return void act(el);
  }
});

document.addEventListener('change', (event) => {
  const target = event.target;
  if (!(target instanceof window.Element) || target.closest('dialog')) return;
  if (target instanceof window.HTMLSelectElement && target.dataset.actionId) {
    if (target.value) void act(target, target.value);
    return;
  }
  const group = target.closest('fieldset[data-action-id]');
  if (group && target instanceof window.HTMLInputElement) void act(group, target.value);
});

// ---- sample alerts -------------------------------------------------------------------------------

function closeMenu() {
  $('sample-menu').hidden = true;
  $('sample-button').setAttribute('aria-expanded', 'false');
}

function openMenu() {
  $('sample-menu').hidden = false;
  $('sample-button').setAttribute('aria-expanded', 'true');
  $('sample-menu').querySelector('[role="menuitem"]')?.focus();
}

function menuItem(label, description, onPick) {
  const item = document.createElement('button');
  item.type = 'button';
  item.setAttribute('role', 'menuitem');
  item.className = 'menu-item';
  const title = document.createElement('span');
  title.className = 'menu-label';
  title.textContent = label;
  const note = document.createElement('span');
  note.className = 'menu-note';
  note.textContent = description;
  item.append(title, note);
  item.addEventListener('click', () => {
    closeMenu();
    onPick();
  });
  return item;
}

/** Tells the person what Vigil made of what they sent: true when the dialog may close, else why not. */
function reportSend(label, result) {
  const failed = result.results.filter((r) => r.status < 200 || r.status >= 300);
  const cases = result.cases.length ? `: ${result.cases.join(', ')}` : '';
  if (failed.length === 0) {
    // Lines Vigil could not read in an otherwise good body: stored, and named here so nobody thinks they arrived.
    const unread = result.results.flatMap((r) =>
      r.body && typeof r.body === 'object' && Array.isArray(r.body.unparsed) ? r.body.unparsed : [],
    );
    const sent = `${label} sent${result.sent === 1 ? '' : ` as ${result.sent} requests`}${cases}`;
    if (!unread.length) {
      toast(sent);
      return true;
    }
    toast(
      `${sent}. ${unread.length} could not be read and ${unread.length === 1 ? 'was' : 'were'} stored as unparsed (${unread.map((u) => u.id).join(', ')}; /vigil unparsed lists them): ${unread[0].error}`,
      'error',
    );
    // What was read went through: sending the same payload again would only repeat it.
    return true;
  }
  const first = failed[0];
  const why =
    first.body && typeof first.body === 'object' ? first.body.message || first.body.code : first.error;
  const message = `Vigil answered ${first.status || 'nothing'} to ${failed.length} of ${result.sent}. ${why ?? ''}`;
  toast(`${label}: ${message}`, 'error');
  return message;
}

async function sendSample(sample) {
  try {
    reportSend(sample.label, await postJson('/sandbox/alerts', { sample: sample.id }));
  } catch (error) {
    toast(error.message, 'error');
  }
}

async function loadSamples() {
  const { samples } = await getJson('/sandbox/samples');
  const menu = $('sample-menu');
  menu.replaceChildren(
    ...samples.map((s) => menuItem(s.label, s.description, () => void sendSample(s))),
    menuItem('Paste a payload…', 'Any JSON or text, as your tool sends it.', () => {
      $('paste-error').hidden = true;
      $('paste-dialog').showModal();
    }),
  );
}

$('sample-button').addEventListener('click', () => {
  if ($('sample-menu').hidden) openMenu();
  else closeMenu();
});

$('sample-menu').addEventListener('keydown', (event) => {
  const items = [...$('sample-menu').querySelectorAll('[role="menuitem"]')];
  const at = items.indexOf(document.activeElement);
  if (event.key === 'Escape') {
    closeMenu();
    $('sample-button').focus();
  } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    const step = event.key === 'ArrowDown' ? 1 : -1;
    items[(at + step + items.length) % items.length]?.focus();
  }
});

$('paste-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = $('paste-text').value;
  try {
    const result = await postJson('/sandbox/alerts', { body, contentType: $('paste-type').value });
    const refused = reportSend('your payload', result);
    if (refused === true) $('paste-dialog').close();
    else {
      $('paste-error').textContent = refused;
      $('paste-error').hidden = false;
    }
  } catch (error) {
    $('paste-error').textContent = error.message;
    $('paste-error').hidden = false;
  }
});
$('paste-cancel').addEventListener('click', () => $('paste-dialog').close());
$('paste-x').addEventListener('click', () => $('paste-dialog').close());

// ---- start ---------------------------------------------------------------------------------------

$('modal-form').addEventListener('submit', (event) => void submitModal(event));
$('modal-close').addEventListener('click', () => void closeModal());
$('modal-x').addEventListener('click', () => void closeModal());
$('modal').addEventListener('cancel', (event) => {
  event.preventDefault();
  void closeModal();
});
$('thread-close').addEventListener('click', () => go({ thread: '' }));
$('person').addEventListener('change', (event) => {
  // Same conversation and thread as the new person, when they can see it (render() moves them otherwise).
  view.user = event.target.value;
  if (view.tab === 'home') view.tab = 'messages';
  saveLocation();
  connect();
});
wireComposer('composer', 'composer-text', () => '');
wireComposer('thread-composer', 'thread-text', () => view.thread);

const params = new URLSearchParams(location.search);
view.user = params.get('as') || 'alice';
view.channel = params.get('channel') || '';
view.thread = params.get('thread') || '';
view.tab = params.get('tab') === 'home' ? 'home' : 'messages';
void loadSamples().catch((error) => toast(`Could not load the sample alerts: ${error.message}`, 'error'));
connect();
void refresh();
