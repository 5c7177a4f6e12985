import { describe, expect, it } from 'vitest';
import { analyzeArticle } from '../../src/pipeline.ts';
import type { Setup } from '../../src/setup/setup.ts';
import { formatMessage, messagesOf } from '../../src/messages/report.ts';
import { expected, readFixture } from '../helpers/fixtures.ts';
import { articleFile, articleFromRepo, repoSetup } from '../helpers/setup.ts';

const LANGUAGE = /^(?:spelling|repeated-word)$/;

async function languageMessages(source: ReturnType<typeof articleFile>, setup?: Setup) {
  const analysis = analyzeArticle(source, setup ?? (await repoSetup()), { drafts: false });
  if (analysis.status !== 'ok') throw new Error('did not analyse');
  return messagesOf(source.file, source.file.path).filter((message) => LANGUAGE.test(message.ruleId));
}

describe('spelling and repeated words', () => {
  it('reports each planted misspelling at its place, with what was meant', async () => {
    const input = readFixture('review', 'spelling', 'input.md');
    const messages = await languageMessages(articleFile('spelling', input));
    const report = messages.map(formatMessage).join('\n');
    expect(report).toBe(expected('review', 'spelling', 'expected.txt', `${report}\n`).trimEnd());
    const lines = input.split('\n');
    const planted = ['Migranes', 'releive', 'eligibile', 'Treatmnets', 'dont', 'the the', 'chiar'];
    expect(messages.map((message) => [message.line, message.column])).toEqual(
      planted.map((word) => {
        const pattern = new RegExp(`\\b${word}\\b`);
        const line = lines.findIndex((text) => pattern.test(text));
        return [line + 1, pattern.exec(lines[line]!)!.index + 1];
      }),
    );
    expect(messages.find((message) => message.reason.includes('eligibile'))!.reason).toBe(
      'Unexpected `eligibile`, expected `eligible`',
    );
  });

  it('knows the project’s own words: none in the three articles, and templates/words.txt is what knows them', async () => {
    for (const slug of ['ketamine-therapy-for-migraines', 'folate-vs-folic-acid', 'stellate-ganglion-block-for-ptsd']) {
      expect((await languageMessages(articleFromRepo(slug))).map(formatMessage), slug).toEqual([]);
    }
    const setup = await repoSetup();
    const withoutWords = await languageMessages(articleFromRepo('stellate-ganglion-block-for-ptsd'), {
      ...setup,
      rules: { ...setup.rules, words: [] },
    });
    expect(withoutWords.map((message) => /`(.+?)`/.exec(message.reason)![1])).toContain('SGB');
  });
});

describe('reading grade of card text', () => {
  it('warns at a card whose words read above the limit, and only there', async () => {
    const setup = await repoSetup();
    const grades = async (max: number) => {
      const source = articleFromRepo('ketamine-therapy-for-migraines');
      analyzeArticle(
        source,
        { ...setup, rules: { ...setup.rules, readingGrade: { max, minWords: 12 } } },
        { drafts: false },
      );
      return messagesOf(source.file, source.file.path).filter((message) => message.ruleId === 'reading-grade');
    };
    const strict = await grades(14);
    expect(strict.map((message) => [message.line, message.column, message.severity])).toEqual([[33, 1, 'warning']]);
    expect(strict[0]!.reason).toMatch(/^Unexpected reading grade 17 on the section card “Additionally, calcitonin/);
    expect(await grades(18)).toEqual([]);
    expect((await grades(8)).length).toBeGreaterThan(3);
  });
});
