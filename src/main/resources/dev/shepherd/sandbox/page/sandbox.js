// The sandbox page: draws the channel as one person sees it and sends what they do to the
// sandbox, which turns it into the signed request Slack would send Shepherd. Long-polls
// /sandbox/api/state for changes. Text from the server only ever goes in as text. Every call
// carries this run's token, which the link `shepherd sandbox` printed holds in its fragment.
'use strict';

(() => {
  const $ = id => document.getElementById(id);
  const STORAGE = 'shepherd.sandbox.user';
  const OPERATOR = 'U0OPERATOR';
  let me = localStorage.getItem(STORAGE) || OPERATOR;
  const TOKEN = new URLSearchParams(location.hash.slice(1)).get('token') || '';
  const withToken = headers => Object.assign({ 'X-Sandbox-Token': TOKEN }, headers);
  let state = null;
  let pollGeneration = 0;
  let openThread = null;
  let follow = null; // after a /rollout: open the thread of the next root message Shepherd posts
  let shownModal = null;
  let peopleKey = '';

  const names = () => new Map((state ? state.people : []).map(p => [p.id, p.name])
    .concat(state ? [[state.bot.id, state.bot.name], ['USLACKBOT', 'Slackbot']] : []));

  function ctx() {
    const known = names();
    return {
      me,
      userName: id => known.get(id) || null,
      channelName: id => (state && id === state.channel.id ? state.channel.name : null),
    };
  }

  function node(tag, className, text) {
    const element = document.createElement(tag);
    if (className) element.className = className;
    if (text != null) element.textContent = text;
    return element;
  }

  // ---- talking to the sandbox -------------------------------------------------------------

  async function poll() {
    const generation = ++pollGeneration;
    let version = 0;
    while (generation === pollGeneration) {
      try {
        const response = await fetch('/sandbox/api/state?user=' + encodeURIComponent(me)
          + '&since=' + version, { cache: 'no-store', headers: withToken({}) });
        if (generation !== pollGeneration) return;
        const body = await response.json();
        if (response.status === 400 && me !== OPERATOR) {
          switchTo(OPERATOR); // this sandbox does not know who the page remembered
          return;
        }
        if (response.status === 403) {
          toast(body.error + ' (the link carries this run\'s token).');
          return;
        }
        if (!response.ok) throw new Error(body.error || ('HTTP ' + response.status));
        if (body.version !== version) {
          version = body.version;
          state = body;
          render();
        }
      } catch (error) {
        if (generation !== pollGeneration) return;
        toast('The sandbox does not answer (' + error.message + '): is it still running?');
        await new Promise(resolve => setTimeout(resolve, 1500));
      }
    }
  }

  async function send(endpoint, body) {
    const response = await fetch('/sandbox/api/' + endpoint, {
      method: 'POST',
      headers: withToken({ 'Content-Type': 'application/json' }),
      body: JSON.stringify(Object.assign({ user: me }, body)),
    });
    const answer = await response.json().catch(() => ({ error: 'HTTP ' + response.status }));
    if (!response.ok) throw new Error(answer.error || ('HTTP ' + response.status));
    return answer;
  }

  function switchTo(user) {
    me = user;
    localStorage.setItem(STORAGE, user);
    shownModal = null;
    $('modal').hidden = true;
    poll();
  }

  // ---- drawing ------------------------------------------------------------------------------

  function render() {
    renderPeople();
    renderBanner();
    const messages = state.messages;
    const replies = new Map();
    for (const message of messages) {
      if (message.threadTs) {
        if (!replies.has(message.threadTs)) replies.set(message.threadTs, []);
        replies.get(message.threadTs).push(message);
      }
    }
    if (follow) {
      const root = messages.find(m => !m.threadTs && !m.ephemeral && m.user === state.bot.id
        && tsAfter(m.ts, follow.after));
      if (root) {
        openThread = root.ts;
        follow = null;
      } else if (Date.now() - follow.at > 15000) {
        follow = null;
      }
    }
    const root = openThread && messages.find(m => m.ts === openThread);
    const threadChanged = $('thread-pane').hidden === !!root || $('thread').dataset.root !== (root ? root.ts : '');
    $('thread-pane').hidden = !root;
    $('app').classList.toggle('with-thread', !!root);
    if (threadChanged) {
      $('thread').dataset.root = root ? root.ts : '';
      $('thread').dataset.stick = 'true';
    }
    redraw($('messages'), list => {
      const top = messages.filter(m => !m.threadTs);
      if (!top.length) list.appendChild(node('div', 'empty', 'Nothing here yet. Type /rollout dev below to start a rehearsal.'));
      for (const message of top) {
        list.appendChild(messageNode(message, (replies.get(message.ts) || []).filter(r => !r.ephemeral)));
      }
    });
    if (root) {
      redraw($('thread'), list => {
        list.appendChild(messageNode(root, null));
        const thread = replies.get(root.ts) || [];
        const count = thread.filter(r => !r.ephemeral).length;
        list.appendChild(node('div', 'thread-divider', count + (count === 1 ? ' reply' : ' replies')));
        for (const reply of thread) list.appendChild(messageNode(reply, null));
      });
    }
    renderModal();
    requestAnimationFrame(stickAll);
  }

  /** Redraws a scrolling list, staying at the bottom if the reader left it there. */
  function redraw(container, fill) {
    const scroll = container.scrollTop;
    const fresh = document.createDocumentFragment();
    fill(fresh);
    container.replaceChildren(fresh);
    container.scrollTop = container.dataset.stick === 'false' ? scroll : container.scrollHeight;
  }

  for (const list of [$('messages'), $('thread')]) {
    list.addEventListener('scroll', () => {
      list.dataset.stick = String(list.scrollHeight - list.scrollTop - list.clientHeight < 40);
    });
  }

  function stickAll() {
    for (const list of [$('messages'), $('thread')]) {
      if (list.dataset.stick !== 'false') list.scrollTop = list.scrollHeight;
    }
  }

  function renderPeople() {
    const key = state.people.map(p => p.id + p.name + p.role).join('|');
    const select = $('user');
    if (key !== peopleKey) {
      peopleKey = key;
      select.replaceChildren(...state.people.map(person => {
        const option = node('option', null, person.name + ' — ' + person.kind + ' (' + person.id + ')');
        option.value = person.id;
        return option;
      }));
    }
    select.value = me;
    const person = state.people.find(p => p.id === me);
    $('user-role').textContent = person ? person.role : '';
  }

  function renderBanner() {
    const about = state.banner;
    const banner = $('banner');
    banner.replaceChildren();
    banner.appendChild(node('strong', null, '🎭 Rehearsal — nothing ran anywhere. '));
    banner.appendChild(document.createTextNode('This page plays Slack; Shepherd is real and'
      + ' every command and click reaches it as a signed Slack request. No command in a runbook'
      + ' is executed. Config '));
    banner.appendChild(node('code', null, about.config));
    banner.appendChild(document.createTextNode(', runbooks '));
    banner.appendChild(node('code', null, about.runbooks));
    banner.appendChild(document.createTextNode(', data '));
    banner.appendChild(node('code', null, about.data));
    banner.appendChild(document.createTextNode(about.temporary ? ' (deleted when the sandbox stops).' : '.'));
  }

  function messageNode(message, replies) {
    const item = node('div', 'msg' + (message.ephemeral ? ' ephemeral' : ''));
    item.dataset.ts = message.ts;
    if (message.threadTs) item.dataset.threadTs = message.threadTs;
    const bot = message.user === state.bot.id;
    const person = state.people.find(p => p.id === message.user);
    const avatar = node('div', 'avatar' + (bot ? ' bot' : ''), bot ? '🐑'
      : message.user === 'USLACKBOT' ? '🤖' : (person ? person.name : message.user).charAt(0));
    item.appendChild(avatar);
    const body = node('div', 'msg-body');
    const head = node('div', 'msg-head');
    head.appendChild(node('span', 'author', names().get(message.user) || message.user));
    if (bot) head.appendChild(node('span', 'app-tag', 'APP'));
    head.appendChild(node('span', 'time', time(message.ts)));
    body.appendChild(head);
    if (message.ephemeral) {
      body.appendChild(node('div', 'ephemeral-tag', '👁 Only visible to you'));
    }
    if (message.note) {
      const note = node('div', 'msg-note', 'You typed ');
      note.appendChild(node('code', null, message.note));
      body.appendChild(note);
    }
    const on = {
      button: (element, block, button) => click(message, element, block, button),
      checkboxes: (element, block, values) => act(message, block, element, values),
    };
    if (message.blocks && message.blocks.length) {
      body.appendChild(BlockKit.render(message.blocks, ctx(), on));
    } else {
      const text = node('div', 'msg-text');
      text.appendChild(Mrkdwn.render(message.text, ctx()));
      body.appendChild(text);
    }
    if (replies && replies.length) {
      const link = node('button', 'replies', replies.length + (replies.length === 1 ? ' reply' : ' replies'));
      link.type = 'button';
      link.dataset.thread = message.ts;
      link.appendChild(node('span', 'replies-last', 'Last reply ' + time(replies[replies.length - 1].ts)));
      link.addEventListener('click', () => { openThread = message.ts; render(); });
      body.appendChild(link);
    }
    item.appendChild(body);
    return item;
  }

  function time(ts) {
    const date = new Date(Number(ts.split('.')[0]) * 1000);
    return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  function tsAfter(a, b) {
    const [as, au] = a.split('.').map(Number);
    const [bs, bu] = b.split('.').map(Number);
    return as > bs || (as === bs && au > bu);
  }

  // ---- clicks, confirmations and the composer ----------------------------------------------------

  async function click(message, element, block, button) {
    if (element.confirm && !(await confirmed(element.confirm))) return;
    button.disabled = true;
    button.classList.add('busy');
    await act(message, block, element, null);
    setTimeout(() => { button.disabled = false; button.classList.remove('busy'); }, 1500);
  }

  async function act(message, block, element, selected) {
    try {
      await send('click', { ts: message.ts, blockId: block.block_id, actionId: element.action_id,
        selected: selected || [] });
    } catch (error) {
      toast(error.message);
    }
  }

  /** Slack's confirm dialog: resolves true when the person confirms. */
  function confirmed(dialog) {
    return new Promise(resolve => {
      const overlay = $('confirm');
      $('confirm-title').replaceChildren(BlockKit.text(dialog.title, ctx()));
      $('confirm-text').replaceChildren(BlockKit.text(dialog.text, ctx()));
      const ok = $('confirm-ok');
      const deny = $('confirm-deny');
      ok.replaceChildren(BlockKit.text(dialog.confirm || { type: 'plain_text', text: 'Yes' }, ctx()));
      deny.replaceChildren(BlockKit.text(dialog.deny || { type: 'plain_text', text: 'Cancel' }, ctx()));
      ok.className = 'bk-button ' + (dialog.style === 'danger' ? 'danger' : 'primary');
      const done = answer => {
        overlay.hidden = true;
        ok.onclick = deny.onclick = overlay.onkeydown = null;
        resolve(answer);
      };
      ok.onclick = () => done(true);
      deny.onclick = () => done(false);
      overlay.onkeydown = event => { if (event.key === 'Escape') done(false); };
      overlay.hidden = false;
      ok.focus();
    });
  }

  $('composer-form').addEventListener('submit', async event => {
    event.preventDefault();
    const input = $('composer');
    const text = input.value.trim();
    if (!text) return;
    const last = state && state.messages.length ? state.messages[state.messages.length - 1].ts : '0.0';
    try {
      await send('message', { text });
      input.value = '';
      if (text.startsWith('/rollout')) follow = { after: last, at: Date.now() };
    } catch (error) {
      toast(error.message);
    }
  });

  $('user').addEventListener('change', event => switchTo(event.target.value));
  $('thread-close').addEventListener('click', () => { openThread = null; render(); });

  // ---- the modal ---------------------------------------------------------------------------------

  function renderModal() {
    const modal = state.modal;
    const overlay = $('modal');
    if (!modal) {
      overlay.hidden = true;
      shownModal = null;
      return;
    }
    const view = modal.view;
    if (shownModal !== modal.id) {
      shownModal = modal.id;
      $('modal-title').replaceChildren(BlockKit.text(view.title, ctx()));
      $('modal-body').replaceChildren(BlockKit.render(view.blocks, ctx(), null));
      $('modal-submit').replaceChildren(BlockKit.text(view.submit || { type: 'plain_text', text: 'Submit' }, ctx()));
      $('modal-close').replaceChildren(BlockKit.text(view.close || { type: 'plain_text', text: 'Cancel' }, ctx()));
      overlay.hidden = false;
      for (const input of $('modal-body').querySelectorAll('.bk-input')) {
        input.addEventListener('input', () => {
          input.classList.remove('has-error');
          input.querySelector('.bk-input-error').textContent = '';
        });
      }
      const first = $('modal-body').querySelector('textarea, input');
      if (first) first.focus();
    }
    showErrors(modal.errors || {});
  }

  function showErrors(errors) {
    for (const input of $('modal-body').querySelectorAll('.bk-input')) {
      input.querySelector('.bk-input-error').textContent = errors[input.dataset.blockId] || '';
      input.classList.toggle('has-error', !!errors[input.dataset.blockId]);
    }
    $('modal-error').textContent = errors[''] || '';
  }

  async function submitModal() {
    const values = {};
    const missing = {};
    const blocks = state.modal.view.blocks || [];
    for (const input of $('modal-body').querySelectorAll('.bk-input')) {
      const blockId = input.dataset.blockId;
      const block = blocks.find(b => b.block_id === blockId) || {};
      const field = input.querySelector('.bk-text-input');
      const boxes = input.querySelector('.bk-checkboxes');
      const actionId = (field || boxes || {}).dataset ? (field || boxes).dataset.actionId : '';
      let value;
      if (field) value = field.value;
      else if (boxes) value = Array.from(boxes.querySelectorAll('input:checked')).map(b => b.value);
      values[blockId] = { [actionId]: value };
      const empty = value == null || value.length === 0 || (typeof value === 'string' && !value.trim());
      if (!block.optional && empty) missing[blockId] = 'Please complete this required field.';
    }
    if (Object.keys(missing).length) {
      showErrors(missing);
      return;
    }
    try {
      await send('submit', { viewId: state.modal.id, values });
    } catch (error) {
      toast(error.message);
    }
  }

  async function closeModal() {
    if (!state.modal) return;
    try {
      await send('close', { viewId: state.modal.id });
    } catch (error) {
      toast(error.message);
    }
  }

  $('modal-submit').addEventListener('click', submitModal);
  $('modal-close').addEventListener('click', closeModal);
  $('modal-x').addEventListener('click', closeModal);

  let toastTimer = null;
  function toast(text) {
    const element = $('toast');
    element.textContent = text;
    element.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { element.hidden = true; }, 5000);
  }

  poll();
})();
