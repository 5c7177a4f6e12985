// "Changed since approval": the approved words against today's, line by line, and which
// images are no longer the approved ones.

/** Lines of `before` and `after` marked same, removed or added (longest common subsequence). */
export function lineDiff(before, after) {
  const a = before.split('\n');
  const b = after.split('\n');
  const table = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i -= 1)
    for (let j = b.length - 1; j >= 0; j -= 1)
      table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
  const lines = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      lines.push({ kind: 'same', text: a[i] });
      i += 1;
      j += 1;
    } else if (j < b.length && (i === a.length || table[i][j + 1] >= table[i + 1][j])) {
      lines.push({ kind: 'added', text: b[j] });
      j += 1;
    } else {
      lines.push({ kind: 'removed', text: a[i] });
      i += 1;
    }
  }
  return lines;
}

function wordsOf(post) {
  if (post.thread) return post.thread.join('\n\n');
  return [post.title, post.caption].filter((text) => text !== undefined).join('\n\n');
}

export async function loadApproved(name) {
  const response = await fetch(`/api/approved/${name.split('/').map(encodeURIComponent).join('/')}`, {
    cache: 'no-store',
  });
  return response.ok ? (await response.json()).approved : null;
}

/** The panel under a frame whose post changed since it was approved. */
export function diffView(h, approved, post) {
  if (!approved)
    return h(
      'div',
      { class: 'diff', role: 'region', 'aria-label': 'Changes since approval' },
      'The approved version was recorded on another machine (approvals.yaml keeps only its hash): approve again after reviewing.',
    );
  const lines = lineDiff(wordsOf(approved), wordsOf(post));
  const before = new Map(approved.images.map((image, index) => [image.hash, index]));
  const changed = post.images.filter((image) => !before.has(image.hash)).length;
  const dropped = approved.images.length - post.images.filter((image) => before.has(image.hash)).length;
  const imageNote =
    changed || dropped || post.images.length !== approved.images.length
      ? `Images: ${changed} new or redrawn, ${Math.max(0, dropped)} of the approved ${approved.images.length} gone or moved.`
      : 'Images: as approved.';
  return h(
    'div',
    { class: 'diff', role: 'region', 'aria-label': 'Changes since approval' },
    h('div', { class: 'diff-head' }, 'Since approval'),
    lines.every((line) => line.kind === 'same')
      ? h('p', { class: 'muted' }, 'Words: as approved.')
      : h(
          'pre',
          { class: 'diff-lines' },
          lines.map((line) =>
            line.kind === 'same'
              ? h('span', { class: 'diff-same' }, `  ${line.text}\n`)
              : h(line.kind === 'added' ? 'ins' : 'del', {}, `${line.kind === 'added' ? '+' : '−'} ${line.text}\n`),
          ),
        ),
    h('p', { class: 'muted' }, imageNote),
  );
}
