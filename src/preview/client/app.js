// The gallery: articles → channels → posts, each in a frame like its platform's.
// Plain DOM, no framework, nothing from the network but this server. Text is always set as
// text (textContent), never as HTML.

import { calendarView, loadCalendar } from '/assets/calendar.js';
import { postName, TAB } from '/assets/actions.js';
import { actionBar, editor, startEditing } from '/assets/edit.js';

const PLATFORM = {
  instagram: { label: 'Instagram', more: 'more' },
  facebook: { label: 'Facebook', more: 'See more' },
  linkedin: { label: 'LinkedIn', more: '…see more' },
  x: { label: 'X', more: 'Show more' },
  threads: { label: 'Threads', more: 'more' },
  bluesky: { label: 'Bluesky', more: 'more' },
  pinterest: { label: 'Pinterest', more: 'more' },
  tiktok: { label: 'TikTok', more: 'more' },
};

const APPROVAL = { approved: '✓ approved', changed: 'changed since approval', unapproved: 'not approved' };

const ui = {
  data: undefined,
  slug: undefined,
  channel: undefined,
  slides: new Map(),
  expanded: new Set(),
  zones: new Set(),
  dismissed: -1,
  view: 'posts',
  /** The caption, thread post or quote being edited: { name, n, kind, text }. */
  editing: undefined,
  /** Posts with an action on its way to the server, and the refusals it sent back. */
  pending: new Set(),
  errors: new Map(),
  /** Posts whose "what changed since approval" is open, with the approved version. */
  diffs: new Map(),
};

/** What the edit module needs from the page. */
const view = { h, ui, rerender: () => renderMain(), toast: (text) => toast(text) };

function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    // Through the CSSOM: the page's CSP allows no inline style attributes.
    else if (name === 'style') Object.assign(element.style, value);
    else if (name === 'class') element.className = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

function imageUrl(image) {
  return `/output/${image.path.split('/').map(encodeURIComponent).join('/')}?v=${image.hash}`;
}

function initials(name) {
  return name
    .replace(/^Dr\.?\s+/i, '')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0])
    .join('')
    .toUpperCase();
}

function where(message) {
  return `${message.file}:${message.line}:${message.column}`;
}

// ── data ────────────────────────────────────────────────────────────────────

async function refresh() {
  const response = await fetch('/api/state', { cache: 'no-store' });
  ui.data = await response.json();
  const articles = ui.data.manifest.articles;
  if (!articles.some((article) => article.slug === ui.slug)) ui.slug = articles[0]?.slug;
  const article = currentArticle();
  const channels = article ? channelsOf(article) : [];
  if (!channels.includes(ui.channel)) ui.channel = channels[0];
  render();
}

function currentArticle() {
  return ui.data?.manifest.articles.find((article) => article.slug === ui.slug);
}

function channelsOf(article) {
  return [...new Set(article.posts.map((post) => post.channel))];
}

function connect() {
  const events = new EventSource('/events');
  let seen = -1;
  events.onmessage = (event) => {
    const { version, building } = JSON.parse(event.data);
    showStatus(building);
    if (version !== seen) {
      seen = version;
      refresh();
    }
  };
  events.onerror = () => showStatus(false, 'reconnecting…');
  // Another tab saved a post: if this tab is editing it, say so (the draft stays; saving wins).
  events.addEventListener('edit', (event) => {
    const { post, tab } = JSON.parse(event.data);
    if (tab !== TAB && ui.editing?.name === post) {
      ui.editing.other = true;
      renderMain();
    }
  });
}

function showStatus(building, text) {
  const status = document.getElementById('status');
  const last = ui.data?.lastBuildMs;
  status.textContent = text ?? (building ? 'building…' : `up to date${last ? ` · built in ${last} ms` : ''}`);
  status.dataset.state = text ? 'offline' : building ? 'building' : 'ready';
}

// ── rendering ───────────────────────────────────────────────────────────────

function render() {
  renderArticles();
  renderMain();
  renderOverlay();
  showStatus(ui.data.building);
}

function renderArticles() {
  const nav = document.getElementById('articles');
  nav.replaceChildren(
    h(
      'button',
      {
        class: `calendar-link ${ui.view === 'calendar' ? 'selected' : ''}`,
        onclick: () => {
          ui.view = 'calendar';
          render();
        },
      },
      'Campaign calendar',
    ),
    h('h2', {}, 'Articles'),
    ...ui.data.manifest.articles.map((article) => {
      const errors = article.messages.filter((message) => message.severity === 'error').length;
      const warnings = article.messages.length - errors;
      return h(
        'button',
        {
          class: `article ${article.slug === ui.slug ? 'selected' : ''}`,
          'data-slug': article.slug,
          onclick: () => {
            ui.view = 'posts';
            ui.slug = article.slug;
            ui.channel = channelsOf(article)[0];
            render();
          },
        },
        h('span', { class: 'article-title' }, article.title),
        h(
          'span',
          { class: 'article-meta' },
          article.status === 'failed'
            ? h('span', { class: 'badge error' }, 'failed')
            : h('span', { class: 'badge ok' }, `${article.posts.length} posts`),
          errors ? h('span', { class: 'badge error' }, `${errors} error${errors > 1 ? 's' : ''}`) : null,
          warnings ? h('span', { class: 'badge warning' }, `${warnings} warning${warnings > 1 ? 's' : ''}`) : null,
        ),
      );
    }),
  );
}

function renderMain() {
  const focused = focusedPlace() ?? ui.lostFocus;
  renderMainView();
  // A rebuild redraws the page: the editor keeps its text, and whatever had the focus (the
  // textarea, an action's button) has it again, so a keyboard user is never sent back to the top.
  // A redraw without that control (a build in between) keeps the place for the next one.
  const control = focused && document.querySelectorAll(focused.selector)[focused.index];
  control?.focus();
  ui.lostFocus = focused && !control ? focused : undefined;
}

/** Where the focus is, said in a way that finds the same control after the page is redrawn. */
function focusedPlace() {
  const element = document.activeElement;
  if (!element || element === document.body) return undefined;
  const post = element.closest('[data-post]')?.dataset.post;
  const selector = element.classList.contains('edit-text')
    ? '.edit-text'
    : element.dataset.action && post
      ? `[data-post="${CSS.escape(post)}"] [data-action="${CSS.escape(element.dataset.action)}"]`
      : undefined;
  if (!selector) return undefined;
  return { selector, index: [...document.querySelectorAll(selector)].indexOf(element) };
}

function renderMainView() {
  const main = document.getElementById('main');
  if (ui.view === 'calendar') {
    const version = ui.data.version;
    loadCalendar().then((calendar) => {
      if (ui.view === 'calendar' && ui.data.version === version)
        main.replaceChildren(calendarView(h, calendar, PLATFORM));
    });
    return;
  }
  const article = currentArticle();
  if (!article) {
    main.replaceChildren(
      h('p', { class: 'empty' }, 'No articles yet. Add one to articles/ or run npm run facet -- new "Title".'),
    );
    return;
  }
  const channels = channelsOf(article);
  const posts = article.posts.filter((post) => post.channel === ui.channel);
  main.replaceChildren(
    ...[
      h(
        'div',
        { class: 'article-head' },
        h('div', {}, h('h1', {}, article.title), h('div', { class: 'muted' }, article.source)),
        h(
          'div',
          { class: 'actions' },
          article.posts.length
            ? h(
                'a',
                { class: 'button', href: `/contact-sheet/${article.slug}.png`, target: '_blank', rel: 'noopener' },
                'Contact sheet',
              )
            : null,
          article.posts.length
            ? h(
                'a',
                { class: 'button', href: `/zip/${article.slug}.zip`, download: `${article.slug}.zip` },
                'Download campaign (.zip)',
              )
            : null,
        ),
      ),
      messageList(article.messages),
      h(
        'div',
        { class: 'tabs', role: 'tablist' },
        channels.map((channel) =>
          h(
            'button',
            {
              class: `tab ${channel === ui.channel ? 'selected' : ''}`,
              role: 'tab',
              'aria-selected': channel === ui.channel ? 'true' : 'false',
              'data-channel': channel,
              onclick: () => {
                ui.channel = channel;
                renderMain();
              },
            },
            PLATFORM[channel]?.label ?? channel,
            h('span', { class: 'count' }, article.posts.filter((post) => post.channel === channel).length),
          ),
        ),
      ),
      h(
        'section',
        { class: `posts posts--${ui.channel}` },
        posts.map((post, index) => frame(article, post, index)),
      ),
    ].filter(Boolean),
  );
}

function messageList(messages) {
  if (messages.length === 0) return null;
  return h(
    'ul',
    { class: 'messages' },
    messages.map((message) =>
      h(
        'li',
        { class: `message ${message.severity}` },
        h('code', {}, where(message)),
        ' ',
        h('span', {}, message.reason),
        ' ',
        h('span', { class: 'rule' }, message.ruleId),
        message.hint ? h('div', { class: 'hint' }, `hint: ${message.hint}`) : null,
      ),
    ),
  );
}

function frame(article, post, index) {
  const key = `${article.slug}/${post.channel}/${index}`;
  const name = postName(article.slug, post, index);
  const profile = ui.data.profile ?? { name: '', handles: {} };
  const slide = Math.min(ui.slides.get(key) ?? 0, Math.max(0, post.images.length - 1));
  return h(
    'article',
    {
      class: `frame frame--${post.channel} kind--${post.kind} ${post.hidden ? 'is-hidden' : ''}`,
      'data-post': name,
      'data-approval': post.approval ?? 'unapproved',
      'aria-label': `${PLATFORM[post.channel]?.label ?? post.channel} ${post.kind} post ${name.split('/').pop()}`,
    },
    h(
      'header',
      { class: 'frame-head' },
      avatar(profile),
      h(
        'div',
        { class: 'who' },
        h('strong', {}, profile.name),
        h('span', { class: 'handle' }, profile.handles[post.channel] ?? ''),
      ),
      h(
        'div',
        { class: 'meta' },
        h('span', { class: 'kind' }, `${post.kind} · ${post.format}`),
        post.approval
          ? h(
              'span',
              { class: `approval ${post.approval}`, title: 'npm run facet -- approve <slug> records approvals' },
              APPROVAL[post.approval],
            )
          : null,
        sourceMark(post),
        staleMark(post),
      ),
    ),
    actionBar(view, article, post, name, name.split('/').pop(), slide),
    post.hidden
      ? h('p', { class: 'hidden-note' }, 'Hidden: not in output/ and in no export. “Show post” brings it back.')
      : post.kind === 'thread'
        ? thread(post, profile, name)
        : [post.video ? phone(post, key) : carousel(post, key), caption(post, key, name)],
    post.hidden
      ? null
      : h(
          'footer',
          { class: 'frame-foot' },
          h(
            'span',
            {
              class: `length ${post.length > post.limit ? 'over' : 'ok'}`,
              title: 'length as the platform counts it / its limit',
            },
            `${post.length} / ${post.limit}`,
          ),
          post.fold ? h('span', { class: 'muted' }, `fold at ${post.fold}`) : null,
          h('span', { class: 'spacer' }),
          post.caption === undefined
            ? null
            : h(
                'button',
                {
                  class: 'button copy',
                  onclick: () =>
                    copy(
                      post.thread ? post.thread.join('\n\n') : post.caption,
                      post.thread ? 'Thread copied' : 'Caption copied',
                    ),
                },
                post.thread ? 'Copy thread' : 'Copy caption',
              ),
          h(
            'a',
            { class: 'button', href: `/zip/${article.slug}/${post.channel}/${index}.zip`, download: '' },
            'Post .zip',
          ),
        ),
    post.warnings.length
      ? h(
          'ul',
          { class: 'post-warnings' },
          post.warnings.map((warning) => h('li', {}, warning)),
        )
      : null,
  );
}

/** An edit that no longer applies: what it replaced has changed, so facet's own words show. */
function staleMark(post) {
  if (!post.stale?.length) return null;
  return h(
    'span',
    { class: 'stale-mark', title: 'the article changed under this edit; see the message on the sidecar file' },
    `stale edit: ${post.stale.join(', ')}`,
  );
}

/** Stat cards: where the figure comes from, or plainly that the article gives no source. */
function sourceMark(post) {
  const stats = post.images.filter((image) => image.template === 'stat');
  if (stats.length === 0) return null;
  const unsourced = stats.filter((image) => image.unsourced).length;
  return unsourced
    ? h(
        'span',
        {
          class: 'source-mark unsourced',
          title: 'the article gives no source for this figure: add a footnote, a link, a citation or `sources:`',
        },
        'unsourced figure',
      )
    : h(
        'span',
        { class: 'source-mark', title: 'where the article says the figure comes from' },
        `source: ${stats.map((image) => image.source).join('; ')}`,
      );
}

function avatar(profile) {
  return h('span', { class: 'avatar', 'aria-hidden': 'true' }, initials(profile.name || '?'));
}

function carousel(post, key) {
  const count = post.images.length;
  const index = Math.min(ui.slides.get(key) ?? 0, count - 1);
  const image = post.images[index];
  const go = (step) => {
    ui.slides.set(key, (index + step + count) % count);
    renderMain();
  };
  return h(
    'div',
    { class: 'media', style: { aspectRatio: `${image.width} / ${image.height}` } },
    h('img', {
      src: imageUrl(image),
      alt: image.alt,
      width: image.width,
      height: image.height,
      loading: 'lazy',
      class: 'slide',
    }),
    count > 1
      ? [
          h('button', { class: 'arrow prev', 'aria-label': 'Previous image', onclick: () => go(-1) }, '‹'),
          h('button', { class: 'arrow next', 'aria-label': 'Next image', onclick: () => go(1) }, '›'),
          h('span', { class: 'counter' }, `${index + 1}/${count}`),
          h(
            'div',
            { class: 'dots' },
            post.images.map((_, dot) => h('span', { class: `dot ${dot === index ? 'on' : ''}` })),
          ),
        ]
      : null,
    h(
      'a',
      { class: 'download', href: imageUrl(image), download: image.path.split('/').pop(), title: 'Download this image' },
      '↓',
    ),
  );
}

// A short video in a phone-shaped frame, sound off like most viewers; "Safe zones" shades
// where the platform's buttons and caption cover the picture.
function phone(post, key) {
  const { video } = post;
  const zones = ui.zones.has(key);
  const url = (file) => `/output/${file.split('/').map(encodeURIComponent).join('/')}?v=${video.hash}`;
  const pct = (value, of) => `${(100 * value) / of}%`;
  const zone = video.safeZone;
  const player = h(
    'video',
    {
      src: url(video.path),
      poster: imageUrl(post.images[0]),
      controls: true,
      loop: true,
      playsinline: true,
      preload: 'metadata',
      class: 'reel',
    },
    h('track', { kind: 'captions', src: url(video.subtitles.vtt), srclang: 'en', label: 'Captions' }),
  );
  // The `muted` attribute only mutes a video the parser made; this one is made by script.
  player.muted = true;
  return h(
    'div',
    { class: 'phone' },
    h(
      'div',
      { class: 'phone-screen', style: { aspectRatio: `${video.width} / ${video.height}` } },
      player,
      zones
        ? h(
            'div',
            { class: 'zones', 'aria-hidden': 'true' },
            h('div', { class: 'zone top', style: { height: pct(zone.top, video.height) } }),
            h('div', { class: 'zone bottom', style: { height: pct(zone.bottom, video.height) } }),
            h('div', {
              class: 'zone left',
              style: {
                width: pct(zone.left, video.width),
                top: pct(zone.top, video.height),
                bottom: pct(zone.bottom, video.height),
              },
            }),
            h('div', {
              class: 'zone right',
              style: {
                width: pct(zone.right, video.width),
                top: pct(zone.top, video.height),
                bottom: pct(zone.bottom, video.height),
              },
            }),
          )
        : null,
    ),
    h(
      'div',
      { class: 'phone-bar' },
      h(
        'span',
        { class: 'muted' },
        `${video.duration} s · ${video.slides.length} slides · ${(video.bytes / 1e6).toFixed(1)} MB`,
      ),
      h(
        'button',
        {
          class: 'button zones-toggle',
          'aria-pressed': String(zones),
          onclick: () => {
            if (zones) ui.zones.delete(key);
            else ui.zones.add(key);
            renderMain();
          },
        },
        zones ? 'Hide safe zones' : 'Safe zones',
      ),
      h('a', { class: 'button', href: url(video.path), download: video.path.split('/').pop() }, '↓ MP4'),
    ),
  );
}

function caption(post, key, name) {
  if (ui.editing?.name === name && ui.editing.n === undefined) return editor(view, post, name);
  // Stories have no caption: the link sticker's text shows where it would go.
  if (post.caption === undefined)
    return h('div', { class: 'caption sticker' }, h('span', { class: 'sticker-label' }, '🔗 '), post.sticker ?? '');
  const text = post.title ? `${post.title}\n\n${post.caption}` : post.caption;
  const folded = post.fold && [...text].length > post.fold && !ui.expanded.has(key);
  return h(
    'div',
    { class: 'caption' },
    folded
      ? [
          [...text].slice(0, post.fold).join('').trimEnd(),
          '… ',
          h(
            'button',
            {
              class: 'more',
              onclick: () => {
                ui.expanded.add(key);
                renderMain();
              },
            },
            PLATFORM[post.channel]?.more ?? 'more',
          ),
        ]
      : text,
  );
}

function thread(post, profile, name) {
  return h(
    'ol',
    { class: 'thread' },
    post.thread.map((text, index) => {
      const images = post.images.filter((image) => image.threadPost === index + 1);
      return h(
        'li',
        { class: 'thread-post' },
        avatar(profile),
        h(
          'div',
          { class: 'thread-body' },
          h(
            'div',
            { class: 'who' },
            h('strong', {}, profile.name),
            ' ',
            h('span', { class: 'handle' }, profile.handles[post.channel] ?? ''),
          ),
          ui.editing?.name === name && ui.editing.n === index + 1
            ? editor(view, post, name)
            : [
                h('div', { class: 'caption' }, text),
                h(
                  'button',
                  {
                    class: 'button action small',
                    'data-action': 'edit-caption',
                    'aria-label': `Edit thread post ${index + 1} of ${post.thread.length}`,
                    onclick: () => startEditing(view, name, text, index + 1),
                  },
                  'Edit',
                ),
              ],
          images.length
            ? h(
                'div',
                { class: `attached n${images.length}` },
                images.map((image) =>
                  h('img', {
                    src: imageUrl(image),
                    alt: image.alt,
                    width: image.width,
                    height: image.height,
                    loading: 'lazy',
                  }),
                ),
              )
            : null,
        ),
      );
    }),
  );
}

function renderOverlay() {
  const overlay = document.getElementById('overlay');
  const { setupError, manifest, version } = ui.data;
  const errors = manifest.articles.flatMap((article) =>
    article.messages.filter((message) => message.severity === 'error'),
  );
  if ((!setupError && errors.length === 0) || ui.dismissed === version) {
    overlay.hidden = true;
    overlay.replaceChildren();
    return;
  }
  overlay.hidden = false;
  overlay.replaceChildren(
    h(
      'div',
      { class: 'overlay-box' },
      h(
        'h2',
        { id: 'overlay-title' },
        setupError ? 'The build stopped' : `${errors.length} error${errors.length > 1 ? 's' : ''} to fix`,
      ),
      setupError
        ? h('pre', { class: 'setup-error' }, `${setupError.message}\nfix: ${setupError.hint}`)
        : messageList(errors),
      h('p', { class: 'muted' }, 'Save the fix and this clears by itself.'),
      h(
        'button',
        {
          class: 'button',
          onclick: () => {
            ui.dismissed = version;
            renderOverlay();
          },
        },
        'Dismiss',
      ),
    ),
  );
}

async function copy(text, done) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = h('textarea', {}, text);
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  toast(done);
}

function toast(text) {
  const element = document.getElementById('toast');
  element.textContent = text;
  element.classList.add('on');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => element.classList.remove('on'), 1600);
}

connect();
