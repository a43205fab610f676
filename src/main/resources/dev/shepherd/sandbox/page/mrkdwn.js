// Slack's mrkdwn drawn as DOM nodes. Every piece of text goes in through textContent or a text
// node: runbook text is untrusted, and nothing here ever parses it as HTML.
'use strict';

const Mrkdwn = (() => {
  const EMOJI = {
    'white_check_mark': '✅', 'heavy_check_mark': '✔️', 'x': '❌', 'warning': '⚠️', 'lock': '🔒',
    'unlock': '🔓', 'key': '🔑', 'leftwards_arrow_with_hook': '↩️', 'rotating_light': '🚨',
    'no_entry': '⛔', 'no_entry_sign': '🚫', 'octagonal_sign': '🛑', 'twisted_rightwards_arrows': '🔀',
    'scissors': '✂️', 'ice_cube': '🧊', 'footprints': '👣', 'white_circle': '⚪',
    'large_green_circle': '🟢', 'red_circle': '🔴', 'large_blue_circle': '🔵', 'stethoscope': '🩺',
    'question': '❓', 'grey_question': '❔', 'exclamation': '❗', 'heavy_exclamation_mark': '❗',
    'mag': '🔍', 'information_source': 'ℹ️', 'hourglass_flowing_sand': '⏳', 'hourglass': '⌛',
    'fast_forward': '⏩', 'rewind': '⏪', 'clipboard': '📋', 'checkered_flag': '🏁',
    'arrow_right': '➡️', 'arrow_left': '⬅️', 'arrow_down': '⬇️', 'arrow_up': '⬆️',
    'arrows_counterclockwise': '🔄', 'repeat': '🔁', 'tada': '🎉', 'rocket': '🚀', 'fire': '🔥',
    'boom': '💥', 'bulb': '💡', 'memo': '📝', 'pushpin': '📌', 'link': '🔗', 'gear': '⚙️',
    'wrench': '🔧', 'hammer': '🔨', 'package': '📦', 'ship': '🚢', 'sheep': '🐑', 'eyes': '👀',
    '+1': '👍', 'thumbsup': '👍', '-1': '👎', 'thumbsdown': '👎', 'point_right': '👉', 'wave': '👋',
    'construction': '🚧', 'calendar': '📅', 'stopwatch': '⏱️', 'bell': '🔔', 'speech_balloon': '💬',
    'performing_arts': '🎭', 'test_tube': '🧪', 'shield': '🛡️', 'zap': '⚡', 'heart': '❤️',
    'smile': '😄', 'slightly_smiling_face': '🙂', 'thinking_face': '🤔', 'skull': '💀',
  };
  const WORD = /[\p{L}\p{N}]/u;
  const SPACE = /\s/;

  function unescape(text) {
    return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  }

  function emojify(text) {
    return text.replace(/:([a-z0-9_+-]+):/g, (all, name) => EMOJI[name] || all);
  }

  function node(tag, className) {
    const element = document.createElement(tag);
    if (className) element.className = className;
    return element;
  }

  /** mrkdwn text as a fragment: code blocks, quotes, lines, and inline formatting. */
  function render(text, ctx) {
    const fragment = document.createDocumentFragment();
    for (const part of fences(String(text == null ? '' : text))) {
      if (part.code) {
        const pre = node('pre', 'mk-pre');
        pre.textContent = unescape(part.text);
        fragment.appendChild(pre);
      } else {
        const block = node('div', 'mk-text');
        lines(part.text, ctx, block);
        fragment.appendChild(block);
      }
    }
    return fragment;
  }

  /** Plain text, with :emoji: when the text object asks for it. */
  function plain(text, emoji) {
    const value = String(text == null ? '' : text);
    return document.createTextNode(emoji === false ? value : emojify(value));
  }

  /** The text split at ``` pairs: [{code, text}]; an unpaired ``` stays text. */
  function fences(text) {
    const parts = [];
    let rest = text;
    for (;;) {
      const open = rest.indexOf('```');
      const close = open < 0 ? -1 : rest.indexOf('```', open + 3);
      if (close < 0) break;
      let before = rest.slice(0, open);
      if (before.endsWith('\n')) before = before.slice(0, -1);
      if (before.length) parts.push({ code: false, text: before });
      let code = rest.slice(open + 3, close);
      if (code.startsWith('\n')) code = code.slice(1);
      if (code.endsWith('\n')) code = code.slice(0, -1);
      parts.push({ code: true, text: code });
      rest = rest.slice(close + 3);
      if (rest.startsWith('\n')) rest = rest.slice(1);
    }
    if (rest.length || !parts.length) parts.push({ code: false, text: rest });
    return parts;
  }

  function lines(text, ctx, parent) {
    let quote = null;
    let previousQuoted = false;
    text.split('\n').forEach((line, i) => {
      const marker = /^(?:>|&gt;) ?/.exec(line);
      if (marker) {
        if (!quote) {
          quote = node('blockquote', 'mk-quote');
          parent.appendChild(quote);
        } else {
          quote.appendChild(document.createElement('br'));
        }
        inline(line.slice(marker[0].length), ctx, quote);
        previousQuoted = true;
        return;
      }
      quote = null;
      if (i > 0 && !previousQuoted) parent.appendChild(document.createElement('br'));
      previousQuoted = false;
      inline(line, ctx, parent);
    });
  }

  function inline(text, ctx, parent) {
    let buffer = '';
    const flush = () => {
      if (buffer) parent.appendChild(document.createTextNode(emojify(unescape(buffer))));
      buffer = '';
    };
    let i = 0;
    while (i < text.length) {
      const c = text[i];
      if (c === '`') {
        const end = text.indexOf('`', i + 1);
        if (end > i + 1) {
          flush();
          const code = node('code', 'mk-code');
          code.textContent = unescape(text.slice(i + 1, end));
          parent.appendChild(code);
          i = end + 1;
          continue;
        }
      } else if (c === '<') {
        const end = text.indexOf('>', i + 1);
        if (end > i + 1) {
          flush();
          parent.appendChild(token(text.slice(i + 1, end), ctx));
          i = end + 1;
          continue;
        }
      } else if ((c === '*' || c === '_' || c === '~') && (i === 0 || !WORD.test(text[i - 1]))
          && i + 1 < text.length && !SPACE.test(text[i + 1])) {
        const end = closing(text, c, i + 1);
        if (end > 0) {
          flush();
          const styled = node(c === '*' ? 'strong' : c === '_' ? 'em' : 's');
          inline(text.slice(i + 1, end), ctx, styled);
          parent.appendChild(styled);
          i = end + 1;
          continue;
        }
      }
      buffer += c;
      i++;
    }
    flush();
  }

  /** Where a *, _ or ~ opened at from-1 closes on this line, skipping code and <…>; -1 if not. */
  function closing(text, c, from) {
    for (let j = from; j < text.length; j++) {
      const ch = text[j];
      if (ch === '`' || ch === '<') {
        const end = text.indexOf(ch === '`' ? '`' : '>', j + 1);
        if (end > j) { j = end; continue; }
      }
      if (ch === c && j > from && !SPACE.test(text[j - 1])
          && (j + 1 === text.length || !WORD.test(text[j + 1]))) {
        return j;
      }
    }
    return -1;
  }

  /** <@U…>, <#C…|name>, <!date^…|fallback>, <!here>, <url|text>. */
  function token(content, ctx) {
    const bar = content.indexOf('|');
    const target = bar < 0 ? content : content.slice(0, bar);
    const label = bar < 0 ? null : unescape(content.slice(bar + 1));
    if (target.startsWith('@')) {
      const id = target.slice(1);
      const mention = node('span', 'mk-mention' + (id === ctx.me ? ' mk-me' : ''));
      mention.textContent = '@' + (ctx.userName(id) || label || id);
      mention.title = id;
      mention.dataset.user = id;
      return mention;
    }
    if (target.startsWith('#')) {
      const id = target.slice(1);
      const channel = node('span', 'mk-mention');
      channel.textContent = '#' + (label || ctx.channelName(id) || id);
      return channel;
    }
    if (target.startsWith('!date^')) {
      const date = node('span', 'mk-date');
      date.textContent = label == null ? '' : label;
      const seconds = Number(target.split('^')[1]);
      if (Number.isFinite(seconds)) date.title = new Date(seconds * 1000).toLocaleString();
      return date;
    }
    if (/^!(here|channel|everyone)$/.test(target)) {
      const everyone = node('span', 'mk-mention mk-me');
      everyone.textContent = '@' + (label || target.slice(1));
      return everyone;
    }
    if (target.startsWith('!subteam^')) {
      const group = node('span', 'mk-mention');
      group.textContent = label ? (label.startsWith('@') ? label : '@' + label) : '@group';
      return group;
    }
    if (target.startsWith('!')) return document.createTextNode(label || '');
    const url = unescape(target);
    if (/^(https?:|mailto:)/i.test(url)) {
      const link = node('a', 'mk-link');
      link.href = url;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      link.textContent = label == null ? url : label;
      return link;
    }
    return document.createTextNode(label == null ? url : label);
  }

  return { render, plain, unescape, emojify };
})();
