import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A small seeded generator, so every run writes the same corpus. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const TOPICS = [
  'Migraine',
  'Sleep',
  'Chronic Pain',
  'Depression',
  'Anxiety',
  'PTSD',
  'Nutrition',
  'Recovery',
  'Fatigue',
  'Inflammation',
  'Focus',
  'Stress',
];
const TREATMENTS = [
  'IV Ketamine',
  'NAD+ Infusions',
  'Stellate Ganglion Block',
  'Magnesium',
  'Graded Exercise',
  'Mindfulness',
  'Light Therapy',
  'Lidocaine Infusions',
];
const VERBS = ['improves', 'eases', 'supports', 'reduces', 'changes', 'helps with'];
const NOUNS = ['patients', 'adults', 'women', 'veterans', 'older adults', 'people with long symptoms'];
const OPENERS = [
  'Research shows',
  'Clinicians have found',
  'Several trials suggest',
  'Our patients tell us',
  'New studies report',
];

function sentence(next: () => number, index: number): string {
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!;
  const percent = 5 + Math.floor(next() * 60);
  return `${pick(OPENERS)} that ${pick(TREATMENTS)} ${pick(VERBS)} ${pick(TOPICS).toLowerCase()} in ${percent}% of ${pick(NOUNS)} after ${2 + (index % 9)} weeks of care.`;
}

/** `count` articles shaped like the author's: intro, sections with lists, a pull quote, figures. */
export function writeCorpus(dir: string, count: number, seed = 7): string[] {
  mkdirSync(dir, { recursive: true });
  const slugs: string[] = [];
  for (let index = 0; index < count; index++) {
    const next = random(seed + index * 7919);
    const topic = TOPICS[index % TOPICS.length]!;
    const treatment = TREATMENTS[Math.floor(next() * TREATMENTS.length)]!;
    const slug = `${treatment}-for-${topic}-${index + 1}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const sections = Array.from({ length: 4 + (index % 3) }, (_, part) =>
      [
        `## ${['Why', 'How', 'When', 'What'][part % 4]} ${treatment} ${['Works', 'Helps', 'Fits', 'Matters', 'Changes Care', 'Comes Next'][part]} for ${topic} (${index + 1}.${part + 1})`,
        '',
        `${sentence(next, part)} ${sentence(next, part + 1)}`,
        '',
        part % 2 === 0
          ? `- ${sentence(next, part).replace(/\.$/, '')}\n- Fewer bad days each month\n- Better sleep within weeks`
          : sentence(next, part + 2),
        '',
        part === 1
          ? `We treat the whole person, not only the ${topic.toLowerCase()} number ${index + 1}`
          : sentence(next, part + 3),
        '',
      ].join('\n'),
    );
    const text = [
      '---',
      `title: "${treatment} for ${topic}: What Patient ${index + 1} Should Know"`,
      `subtitle: How ${treatment} can help when ${topic.toLowerCase()} has not responded to other care`,
      `date: 2024-${String((index % 12) + 1).padStart(2, '0')}-${String((index % 27) + 1).padStart(2, '0')}`,
      `url: https://example.org/blog/${slug}`,
      `tags: [${topic.toLowerCase()}, ${treatment.toLowerCase().replace(/[^a-z ]/g, '')}]`,
      '---',
      '',
      `${topic} affects ${10 + (index % 30)}% of adults at some point. ${sentence(next, 1)} ${sentence(next, 2)}`,
      '',
      ...sections,
    ].join('\n');
    writeFileSync(path.join(dir, `${slug}.md`), text);
    slugs.push(slug);
  }
  return slugs;
}
