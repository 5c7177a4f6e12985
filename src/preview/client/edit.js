// The frame's edit mode: its actions bar, the caption editor with its live count and fold,
// and what the server said when it refused an edit.

import { countFor, nextQuote, quoteOf, send } from '/assets/actions.js';
import { diffView, loadApproved } from '/assets/diff.js';

const CHANNEL = {
  instagram: 'Instagram',
  facebook: 'Facebook',
  linkedin: 'LinkedIn',
  x: 'X',
  threads: 'Threads',
  bluesky: 'Bluesky',
  pinterest: 'Pinterest',
  tiktok: 'TikTok',
};

/** Runs an action; a refusal is shown on the frame until the next edit, a success waits for the rebuild. */
export async function act(view, name, body, done) {
  view.ui.pending.add(name);
  view.ui.errors.delete(name);
  view.rerender();
  const result = await send({ post: name, ...body });
  view.ui.pending.delete(name);
  if (result.ok) {
    if (done) done();
    view.toast(`Saved · rebuilding ${name}`);
  } else view.ui.errors.set(name, result);
  view.rerender();
  return result;
}

function label(post, n) {
  return `${CHANNEL[post.channel] ?? post.channel} post ${n} (${post.kind})`;
}

/** The buttons every frame carries, each named for a screen reader with the post it acts on. */
export function actionBar(view, article, post, name, n, slide) {
  const { h, ui } = view;
  const busy = ui.pending.has(name);
  const what = label(post, n);
  const approved = post.approval === 'approved';
  // The visible words first, then the post they act on: what a screen reader says matches what is seen.
  const button = (action, text, onclick, extra = {}) =>
    h(
      'button',
      {
        class: 'button action',
        'data-action': action,
        disabled: busy,
        onclick,
        'aria-label': `${text}: ${what}`,
        ...extra,
      },
      text,
    );
  const buttons = [];
  if (!post.hidden) {
    if (post.caption !== undefined && !post.thread && ui.editing?.name !== name)
      buttons.push(button('edit-caption', 'Edit caption', () => startEditing(view, name, post.caption), {}));
    if (post.kind === 'quote') {
      const next = nextQuote(article, post);
      if (next)
        buttons.push(
          button('next-quote', 'Next quote', () => act(view, name, { action: 'quote', text: next }), {
            title: next,
          }),
        );
      buttons.push(
        button('type-quote', 'Type a quote', () => startEditing(view, name, quoteOf(post), undefined, 'quote'), {}),
      );
    }
    buttons.push(
      button(
        'approve',
        approved ? 'Withdraw approval' : 'Approve',
        () => act(view, name, { action: approved ? 'withdraw' : 'approve' }),
        { 'aria-pressed': String(approved) },
      ),
    );
  }
  buttons.push(
    button(
      'hide',
      post.hidden ? 'Show post' : 'Hide post',
      () => act(view, name, { action: post.hidden ? 'show' : 'hide' }),
      {
        'aria-pressed': String(Boolean(post.hidden)),
        title: post.hidden ? 'back into output/ and the exports' : 'it leaves output/ and every export',
      },
    ),
  );
  if (post.approval === 'changed')
    buttons.push(
      button('diff', ui.diffs.has(name) ? 'Hide changes' : 'What changed', () => toggleDiff(view, name), {
        'aria-expanded': String(ui.diffs.has(name)),
      }),
    );
  for (const field of post.edited ?? [])
    if (field === 'caption' || field === 'quote')
      buttons.push(
        button('revert', `Undo ${field} edit`, () => act(view, name, { action: 'revert', text: field }), {
          class: 'button action quiet',
        }),
      );
  return [
    h(
      'div',
      { class: 'frame-actions', role: 'toolbar', 'aria-label': `Actions on ${what}` },
      buttons,
      ui.editing?.name === name ? null : refusal(view, name),
    ),
    ui.diffs.has(name) && post.approval === 'changed' ? diffView(h, ui.diffs.get(name), post) : null,
    post.kind === 'carousel' && !post.hidden
      ? h(
          'div',
          { class: 'frame-actions slide-actions', role: 'toolbar', 'aria-label': `Slides of ${what}` },
          h('span', { class: 'slide-label' }, `Slide ${slide + 1} of ${post.images.length}`),
          slideButtons(view, post, name, what, slide, button),
        )
      : null,
  ];
}

async function toggleDiff(view, name) {
  if (view.ui.diffs.has(name)) view.ui.diffs.delete(name);
  else view.ui.diffs.set(name, await loadApproved(name));
  view.rerender();
}

function slideButtons(view, post, name, what, slide, button) {
  const count = post.images.length;
  const buttons = [
    button('move-slide-left', '← Move', () => act(view, name, { action: 'move-slide', from: slide, to: slide - 1 }), {
      disabled: view.ui.pending.has(name) || slide === 0,
      'aria-label': `Move slide ${slide + 1} of ${count} left: ${what}`,
    }),
    button('move-slide-right', 'Move →', () => act(view, name, { action: 'move-slide', from: slide, to: slide + 1 }), {
      disabled: view.ui.pending.has(name) || slide >= count - 1,
      'aria-label': `Move slide ${slide + 1} of ${count} right: ${what}`,
    }),
    button('hide-slide', 'Hide slide', () => act(view, name, { action: 'hide-slide', from: slide }), {
      disabled: view.ui.pending.has(name) || count < 2,
      'aria-label': `Hide slide ${slide + 1} of ${count}: ${what}`,
    }),
  ];
  if (post.edited?.includes('slides'))
    buttons.push(
      button('revert', 'Reset order', () => act(view, name, { action: 'revert', text: 'slides' }), {
        class: 'button action quiet',
        'aria-label': `Reset order: facet’s own slides, all shown, on ${what}`,
      }),
    );
  if (post.hiddenSlides)
    buttons.push(
      button('show-slides', `Show ${post.hiddenSlides} hidden`, () => act(view, name, { action: 'show-slides' }), {
        'aria-label': `Show ${post.hiddenSlides} hidden slides again: ${what}`,
      }),
    );
  return buttons;
}

function refusal(view, name) {
  const error = view.ui.errors.get(name);
  if (!error) return null;
  return view.h(
    'div',
    { class: 'edit-error', role: 'alert' },
    h2(view, 'Not saved: '),
    error.messages?.length
      ? error.messages.map((message) =>
          view.h(
            'div',
            {},
            view.h('code', {}, `${message.file}:${message.line}:${message.column}`),
            ' ',
            message.reason,
            ' ',
            view.h('span', { class: 'rule' }, `[${message.ruleId}]`),
            message.hint ? view.h('div', { class: 'hint' }, `hint: ${message.hint}`) : null,
          ),
        )
      : error.reason,
  );
}

function h2(view, text) {
  return view.h('strong', {}, text);
}

export function startEditing(view, name, text, n, kind = 'caption') {
  view.ui.editing = { name, n, kind, text, original: text, other: false };
  view.ui.errors.delete(name);
  view.rerender();
  document.querySelector(`[data-post="${CSS.escape(name)}"] textarea`)?.focus();
}

/** The caption (or thread post, or quote) being edited: a textarea, its count against the limit and the fold. */
export function editor(view, post, name) {
  const { h, ui } = view;
  const editing = ui.editing;
  const limit = editing.kind === 'quote' ? undefined : post.limit;
  const fold = editing.kind === 'caption' && editing.n === undefined ? post.fold : undefined;
  const count = h('span', { class: 'edit-count', 'aria-live': 'polite' });
  const foldView = h('div', { class: 'edit-fold' });
  const update = () => {
    const length = countFor(post.channel, editing.text);
    count.textContent = limit ? `${length} / ${limit}` : `${length} characters`;
    count.classList.toggle('over', Boolean(limit && length > limit));
    if (fold) {
      const shown = [...editing.text].slice(0, fold).join('');
      const cut = [...editing.text].length > fold;
      foldView.replaceChildren(
        h('span', { class: 'fold-label' }, `Before “more” (${fold}): `),
        shown,
        ...(cut ? [h('span', { class: 'fold-cut' }, ' …')] : []),
      );
    }
  };
  const id = `edit-${name.replace(/\W+/g, '-')}`;
  const area = h('textarea', {
    id,
    class: 'edit-text',
    rows: editing.kind === 'quote' ? 3 : 8,
    oninput: (event) => {
      editing.text = event.target.value;
      update();
    },
    onkeydown: (event) => {
      if (event.key === 'Escape') cancel(view);
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) save(view, name);
    },
  });
  area.value = editing.text;
  update();
  const what =
    editing.kind === 'quote' ? 'Quote (words from the article)' : editing.n ? `Thread post ${editing.n}` : 'Caption';
  return h(
    'div',
    { class: 'editor' },
    h('label', { for: id, class: 'edit-label' }, what),
    area,
    h(
      'div',
      { class: 'edit-bar' },
      count,
      fold ? h('span', { class: 'muted' }, `fold at ${fold}`) : null,
      h('span', { class: 'spacer' }),
      h('button', { class: 'button', 'data-action': 'cancel', onclick: () => cancel(view) }, 'Cancel'),
      h(
        'button',
        {
          class: 'button primary',
          'data-action': 'save',
          disabled: ui.pending.has(name),
          onclick: () => save(view, name),
        },
        'Save',
      ),
    ),
    fold ? foldView : null,
    editing.other
      ? h(
          'p',
          { class: 'edit-other', role: 'status' },
          'Another tab saved this post. Your draft is kept here; saving replaces theirs.',
        )
      : null,
    refusal(view, name),
  );
}

function cancel(view) {
  view.ui.editing = undefined;
  view.rerender();
}

async function save(view, name) {
  const editing = view.ui.editing;
  const body =
    editing.kind === 'quote'
      ? { action: 'quote', text: editing.text }
      : { action: 'caption', text: editing.text, ...(editing.n ? { n: editing.n } : {}) };
  await act(view, name, body, () => {
    view.ui.editing = undefined;
  });
}
