import { describe, expect, it } from 'vitest';
import { analyzeArticle } from '../../src/pipeline.ts';
import { formatMessage, messagesOf } from '../../src/messages/report.ts';
import { expected, fixtureCases, readFixture } from '../helpers/fixtures.ts';
import { articleFile, repoSetup } from '../helpers/setup.ts';

/** tests/fixtures/messages/<case>/input.md → expected.txt: the report a user sees. */
describe('messages for problem articles', () => {
  for (const name of fixtureCases('messages')) {
    it(name, async () => {
      const source = articleFile(name, readFixture('messages', name, 'input.md'));
      analyzeArticle(source, await repoSetup(), { drafts: false });
      const report = messagesOf(source.file, source.file.path).map(formatMessage).join('\n');
      expect(report).toBe(expected('messages', name, 'expected.txt', `${report}\n`).trimEnd());
    });
  }

  it('points at the colon of an unquoted title and says to quote it', async () => {
    const source = articleFile('folate', readFixture('messages', 'unquoted-colon', 'input.md'));
    const analysis = analyzeArticle(source, await repoSetup(), { drafts: false });
    const [message] = messagesOf(source.file, source.file.path);
    expect(analysis.status).toBe('failed');
    expect(message).toMatchObject({
      file: 'articles/folate.md',
      line: 2,
      severity: 'error',
      ruleId: 'front-matter-yaml',
    });
    expect(message!.column).toBeGreaterThan('title: '.length);
    expect(message!.hint).toContain('title: "Folate vs. Folic Acid: The Difference"');
  });

  it('keeps a calendar date as written, whatever the time zone', async () => {
    const previous = process.env.TZ;
    process.env.TZ = 'Pacific/Kiritimati';
    try {
      const source = articleFile(
        'dated',
        '---\ntitle: Dated\ndate: 2024-03-18\n---\n\n## Part\n\nA sentence that is long enough to be quoted on a card.\n',
      );
      const analysis = analyzeArticle(source, await repoSetup(), { drafts: false });
      expect(analysis.status === 'ok' && analysis.article.date).toBe('2024-03-18');
    } finally {
      process.env.TZ = previous;
    }
  });
});
