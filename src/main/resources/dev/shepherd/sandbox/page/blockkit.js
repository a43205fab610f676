// Block Kit drawn as Slack draws it, as far as a rollout needs: header, section (text, fields,
// accessory), context, divider, actions (buttons with style and confirm, checkboxes), input
// (plain text, checkboxes) and image. Unknown blocks say so instead of vanishing.
'use strict';

const BlockKit = (() => {
  function node(tag, className) {
    const element = document.createElement(tag);
    if (className) element.className = className;
    return element;
  }

  /** A text object: mrkdwn or plain_text. */
  function text(object, ctx) {
    if (!object) return document.createDocumentFragment();
    if (object.type === 'mrkdwn') return Mrkdwn.render(object.text, ctx);
    return Mrkdwn.plain(object.text, object.emoji);
  }

  /**
   * @param on {button(element, block), checkboxes(element, block, values)} for a message, or
   *     null where elements only collect input (a modal)
   */
  function render(blocks, ctx, on) {
    const root = node('div', 'bk-blocks');
    for (const block of blocks || []) root.appendChild(blockOf(block, ctx, on));
    return root;
  }

  function blockOf(block, ctx, on) {
    const type = block && block.type;
    if (type === 'header') {
      const header = node('div', 'bk-header');
      header.appendChild(text(block.text, ctx));
      return header;
    }
    if (type === 'section') {
      const section = node('div', 'bk-section');
      const main = node('div', 'bk-section-main');
      if (block.text) {
        const body = node('div', 'bk-section-text');
        body.appendChild(text(block.text, ctx));
        main.appendChild(body);
      }
      if (block.fields) {
        const fields = node('div', 'bk-fields');
        for (const field of block.fields) {
          const cell = node('div', 'bk-field');
          cell.appendChild(text(field, ctx));
          fields.appendChild(cell);
        }
        main.appendChild(fields);
      }
      section.appendChild(main);
      if (block.accessory) {
        const accessory = node('div', 'bk-accessory');
        accessory.appendChild(element(block.accessory, block, ctx, on));
        section.appendChild(accessory);
      }
      return section;
    }
    if (type === 'context') {
      const context = node('div', 'bk-context');
      for (const item of block.elements || []) {
        const piece = node('span', 'bk-context-element');
        if (item.type === 'image') piece.textContent = '[' + (item.alt_text || 'image') + ']';
        else piece.appendChild(text(item, ctx));
        context.appendChild(piece);
      }
      return context;
    }
    if (type === 'divider') return node('hr', 'bk-divider');
    if (type === 'actions') {
      const actions = node('div', 'bk-actions');
      for (const item of block.elements || []) actions.appendChild(element(item, block, ctx, on));
      return actions;
    }
    if (type === 'input') {
      const input = node('div', 'bk-input');
      input.dataset.blockId = block.block_id || '';
      const label = node('label', 'bk-input-label');
      label.appendChild(text(block.label, ctx));
      if (block.optional) label.appendChild(document.createTextNode(' (optional)'));
      input.appendChild(label);
      input.appendChild(element(block.element || {}, block, ctx, null));
      if (block.hint) {
        const hint = node('div', 'bk-input-hint');
        hint.appendChild(text(block.hint, ctx));
        input.appendChild(hint);
      }
      input.appendChild(node('div', 'bk-input-error'));
      return input;
    }
    if (type === 'image') {
      const image = node('div', 'bk-image');
      if (block.title) image.appendChild(text(block.title, ctx));
      const alt = node('div', 'bk-context');
      alt.textContent = '[image: ' + (block.alt_text || '') + ']';
      image.appendChild(alt);
      return image;
    }
    return unsupported('block', type);
  }

  function element(item, block, ctx, on) {
    if (item.type === 'button') {
      const button = node('button', 'bk-button' + (item.style ? ' ' + item.style : ''));
      button.type = 'button';
      button.dataset.actionId = item.action_id || '';
      button.dataset.blockId = block.block_id || '';
      button.appendChild(text(item.text, ctx));
      if (item.confirm) button.dataset.confirm = 'true';
      if (on) button.addEventListener('click', () => on.button(item, block, button));
      else button.disabled = true;
      return button;
    }
    if (item.type === 'checkboxes') {
      const group = node('div', 'bk-checkboxes');
      group.dataset.actionId = item.action_id || '';
      const initial = new Set((item.initial_options || []).map(o => o.value));
      for (const option of item.options || []) {
        const row = node('label', 'bk-checkbox');
        const box = node('input');
        box.type = 'checkbox';
        box.value = option.value;
        box.checked = initial.has(option.value);
        row.appendChild(box);
        const words = node('span', 'bk-checkbox-text');
        words.appendChild(text(option.text, ctx));
        if (option.description) {
          const description = node('div', 'bk-checkbox-description');
          description.appendChild(text(option.description, ctx));
          words.appendChild(description);
        }
        row.appendChild(words);
        group.appendChild(row);
      }
      if (on) {
        group.addEventListener('change', () => on.checkboxes(item, block,
          Array.from(group.querySelectorAll('input:checked')).map(box => box.value)));
      }
      return group;
    }
    if (item.type === 'plain_text_input') {
      const field = node(item.multiline ? 'textarea' : 'input', 'bk-text-input');
      if (!item.multiline) field.type = 'text';
      field.dataset.actionId = item.action_id || '';
      if (item.placeholder) field.placeholder = item.placeholder.text || '';
      if (item.initial_value) field.value = item.initial_value;
      if (item.max_length) field.maxLength = item.max_length;
      return field;
    }
    return unsupported('element', item.type);
  }

  function unsupported(what, type) {
    const missing = node('div', 'bk-unsupported');
    missing.textContent = '[' + what + ' "' + String(type) + '" is not drawn by the sandbox]';
    return missing;
  }

  return { render, text };
})();
