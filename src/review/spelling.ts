import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import type { Position } from 'unist';
import { toNlcst } from 'mdast-util-to-nlcst';
import { ParseEnglish } from 'parse-english';
import retextRepeatedWords from 'retext-repeated-words';
import nspell from 'nspell';
import { isLiteral } from 'nlcst-is-literal';
import { toString } from 'nlcst-to-string';
import type { Root as NlcstRoot } from 'nlcst';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { location } from 'vfile-location';
import { blankMarkup, type FrontText } from '../extract/front-texts.ts';
import { report } from '../messages/report.ts';

interface Speller {
  correct: (word: string) => boolean;
}

/** English (hunspell's en_US through nspell) and medical terms, read once and only when an article is checked. */
let dictionaries: { english: Speller; medical: Set<string> } | undefined;

function loaded(): { english: Speller; medical: Set<string> } {
  if (!dictionaries) {
    const english = new URL('.', import.meta.resolve('dictionary-en'));
    const medicalPackage = new URL('.', import.meta.resolve('@cspell/dict-medicalterms'));
    const medical = new URL('dict/medicalterms-en.txt.gz', medicalPackage);
    const terms = gunzipSync(readFileSync(medical)).toString('utf8').split('\n');
    const hunspell = {
      aff: readFileSync(new URL('index.aff', english)),
      dic: readFileSync(new URL('index.dic', english)),
    };
    dictionaries = {
      english: nspell(hunspell),
      medical: new Set(terms.map((word) => word.trim().toLowerCase()).filter(Boolean)),
    };
  }
  return dictionaries;
}

/** Suggestions by word, kept for the process: the preview checks the same words on every save. */
const suggested = new Map<string, string[]>();

/** A word is known to English, to medicine or to the project (case-blind for the last two). */
function knower(known: ReadonlySet<string>): (word: string) => boolean {
  const { english, medical } = loaded();
  const plain = (word: string): boolean => {
    const lower = word.toLowerCase();
    const plural = /^\p{Lu}+s$/u.test(word) && known.has(lower.slice(0, -1));
    return known.has(lower) || medical.has(lower) || english.correct(word) || plural;
  };
  const unaccented = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '');
  return (word) =>
    plain(word) ||
    // British spellings are the author's choice, not typos: randomised, organisation.
    (/is(?:e|es|ed|ing|ation|ations)$/i.test(word) && plain(word.replace(/is(e|es|ed|ing|ation|ations)$/i, 'iz$1'))) ||
    // Accented spellings of known words: naïve, Zürich.
    (unaccented(word) !== word && plain(unaccented(word)));
}

/**
 * Known words one edit away (a letter left out, added, changed, or two swapped): real typos
 * are one edit off, and this costs milliseconds where a full hunspell search costs a second.
 * Likelier slips come first: swapped letters, then a dropped letter, an extra one, a wrong
 * one; everyday English before rarer medical terms.
 */
function suggestionsFor(word: string, isKnown: (word: string) => boolean): string[] {
  const cached = suggested.get(word);
  if (cached) return cached;
  const { english } = loaded();
  const letters = "abcdefghijklmnopqrstuvwxyz'";
  const costs = new Map<string, number>();
  const add = (candidate: string, cost: number) => {
    if (candidate.length > 1 && cost < (costs.get(candidate) ?? Infinity)) costs.set(candidate, cost);
  };
  const lower = word.toLowerCase();
  for (let index = 0; index <= lower.length; index++) {
    const [head, tail] = [lower.slice(0, index), lower.slice(index)];
    if (tail.length > 1) add(head + tail[1] + tail[0] + tail.slice(2), 0);
    if (tail) add(head + tail.slice(1), 1.2);
    for (const letter of letters) {
      add(head + letter + tail, 1);
      if (tail) add(head + letter + tail.slice(1), 2);
    }
  }
  costs.delete(lower);
  const cased = (candidate: string) => {
    if (/^\p{Lu}+$/u.test(word)) return candidate.toUpperCase();
    return /^\p{Lu}/u.test(word) ? candidate[0]!.toUpperCase() + candidate.slice(1) : candidate;
  };
  const found = [...costs]
    .map(([candidate, cost]) => ({ word: cased(candidate), cost }))
    .filter((candidate) => isKnown(candidate.word))
    .map((candidate) => ({ ...candidate, cost: candidate.cost + (english.correct(candidate.word) ? 0 : 1.5) }))
    .sort((a, b) => a.cost - b.cost || a.word.localeCompare(b.word))
    .slice(0, 3)
    .map((candidate) => candidate.word);
  suggested.set(word, found);
  return found;
}

/** The retext plugin: every word that is not a literal, a number or a known word is a message with suggestions. */
function retextKnownWords(options: { known: ReadonlySet<string> }) {
  return (tree: NlcstRoot, file: VFile) => {
    const isKnown = knower(options.known);
    visit(tree, 'WordNode', (node, index, parent) => {
      if (!parent || index === undefined || isLiteral(parent, index)) return;
      // "Dr." and "e.g." carry their stop; the dictionary knows them without it.
      const word = toString(node).replace(/’/g, "'").replace(/\.$/, '');
      if (/\d/.test(word) || isKnown(word) || isKnown(word.replace(/'s$/i, ''))) return;
      // "alpha-bravo" is right when both halves are.
      const parts = node.children.filter((child) => child.type === 'TextNode').map((child) => child.value);
      if (parts.length > 1 && parts.every((part) => [...part].length === 1 || isKnown(part))) return;
      const place = node.position;
      const message = file.message(`Unexpected \`${word}\``, { place, ruleId: 'spelling', source: 'facet-spelling' });
      message.actual = word;
      message.expected = suggestionsFor(word, isKnown);
    });
  };
}

/**
 * Spelling and repeated words over every word a reader sees: the front matter's prose, the
 * body and alt texts. Words are checked against English, medical terms and `known` (the
 * project's templates/words.txt and the brand's names). Findings are warnings at their place.
 */
export function checkSpelling(file: VFile, tree: Root, front: FrontText[], knownWords: readonly string[]): void {
  const place = location(file);
  const point = (offset: number) => ({ ...place.toPoint(offset)!, offset });
  const span = (start: number, end: number) => ({ start: point(start), end: point(end) });
  const paragraphs = front
    .filter(({ prose: isProse, text }) => isProse && text.trim())
    .sort((a, b) => a.offsets[0]! - b.offsets[0]!)
    .map((text) => frontParagraph(text, span));
  const body = tree.children.filter((node) => node.type !== 'yaml').map(prose);
  const words = { type: 'root', children: [...paragraphs, ...body], position: tree.position } as Root;
  if (words.children.length === 0 || !words.position) return;
  const scratch = new VFile({ path: file.path, value: file.value });
  const known = new Set(knownWords.map((word) => word.toLowerCase()));
  const sentences = toNlcst(words, scratch, ParseEnglish, { ignore: ['yaml', 'code', 'html', 'math', 'inlineMath'] });
  unified().use(retextKnownWords, { known }).use(retextRepeatedWords).runSync(sentences, scratch);
  for (const message of scratch.messages) {
    if (message.fatal !== false || !message.place) continue;
    const place = 'start' in message.place ? message.place.start : message.place;
    const at = { line: place.line, column: place.column };
    if (message.source === 'facet-spelling') {
      const suggestions = (message.expected ?? []).slice(0, 3).map((word) => `\`${word}\``);
      const meant = suggestions.length > 0 ? suggestions.join(' or ') : 'a known word';
      report(
        file,
        'warning',
        'spelling',
        `Unexpected \`${message.actual}\`, expected ${meant}`,
        at,
        'fix the spelling; if the word is right (a name, a drug, a procedure), add it to templates/words.txt',
      );
    } else if (message.source === 'retext-repeated-words') {
      const word = message.expected?.[0] ?? message.actual;
      report(
        file,
        'warning',
        'repeated-word',
        `Unexpected repeated \`${word}\`, expected it once`,
        at,
        'remove one of the two',
      );
    }
  }
}

/** A front-matter value as a paragraph at its place: one text node per run of characters adjacent in the source. */
function frontParagraph({ text, offsets }: FrontText, span: (start: number, end: number) => Position): RootContent {
  const value = blankMarkup(text);
  const children: PhrasingContent[] = [];
  let start = 0;
  for (let at = 1; at <= value.length; at++) {
    if (at < value.length && offsets[at] === offsets[at - 1]! + 1) continue;
    const position = span(offsets[start]!, offsets[at - 1]! + 1);
    children.push({ type: 'text', value: value.slice(start, at), position });
    start = at;
  }
  return { type: 'paragraph', children, position: span(offsets[0] ?? 0, (offsets.at(-1) ?? 0) + 1) };
}

/** Addresses are not prose: a link that shows its own URL or e-mail, and bare URLs, are left as source. */
function prose<T extends Nodes>(node: T): T {
  const address = (child: Nodes) => child.type === 'text' && /^(?:https?:\/\/|www\.|[^\s@]+@)/i.test(child.value);
  if (node.type === 'link' && /^(?:https?:|mailto:|www\.)/i.test(node.url) && node.children.every(address)) {
    return { type: 'inlineCode', value: '', position: node.position } as unknown as T;
  }
  if ('children' in node) return { ...node, children: (node.children as Nodes[]).map(prose) } as T;
  return node;
}
