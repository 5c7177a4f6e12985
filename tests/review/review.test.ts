import { describe, expect, it } from 'vitest';
import { analyzeArticle } from '../../src/pipeline.ts';
import { formatMessage, messagesOf } from '../../src/messages/report.ts';
import { expected, readFixture } from '../helpers/fixtures.ts';
import { articleFile, articleFromRepo, repoSetup } from '../helpers/setup.ts';

async function analyzed(source: ReturnType<typeof articleFile>) {
  const analysis = analyzeArticle(source, await repoSetup(), { drafts: false });
  if (analysis.status !== 'ok') throw new Error('did not analyse');
  return { ...analysis, messages: messagesOf(source.file, source.file.path) };
}

describe('claim and privacy review', () => {
  it('flags every violation with its rule, at its place in the article', async () => {
    const { messages } = await analyzed(articleFile('violations', readFixture('review', 'violations', 'input.md')));
    const report = messages
      .filter((message) => /^(claim|privacy)-/.test(message.ruleId))
      .map(formatMessage)
      .join('\n');
    expect(report).toBe(expected('review', 'violations', 'expected.txt', `${report}\n`).trimEnd());
    const rules = new Set(messages.map((message) => message.ruleId));
    for (const rule of [
      'claim-absolute-efficacy',
      'claim-safety-absolute',
      'claim-fda-off-label',
      'claim-speed',
      'claim-superiority',
      'claim-testimonial',
      'privacy-patient-name',
      'privacy-age-place',
      'privacy-treatment-date',
      'privacy-email',
      'privacy-phone',
    ]) {
      expect(rules, rule).toContain(rule);
    }
    expect(messages.find((message) => message.ruleId === 'privacy-email')).toMatchObject({
      line: 17,
      severity: 'error',
    });
  });

  it('reviews every line of the article: front matter, body and alt text, each at its line and column', async () => {
    const input = readFixture('review', 'every-line', 'input.md');
    const { messages, posts, captions } = await analyzed(articleFile('every-line', input));
    const findings = messages.filter((message) => /^(claim|privacy|ad)-/.test(message.ruleId));
    const report = findings.map(formatMessage).join('\n');
    expect(report).toBe(expected('review', 'every-line', 'expected.txt', `${report}\n`).trimEnd());
    // Every line above the clean closing section holds one violation, except the YAML's own lines.
    const lines = input.split('\n');
    const clean = lines.indexOf('## Living with migraines');
    const violating = lines
      .slice(0, clean)
      .flatMap((line, index) => (line.trim() === '' || /^(?:---|date:|tags:)/.test(line) ? [] : [index + 1]));
    expect(findings.map((message) => message.line)).toEqual(violating);
    expect(messages.filter((message) => message.ruleId === 'spelling')).toEqual([]);
    // Posted words stay errors and hold their posts back; the rest are warnings, and some posts go on.
    expect(findings.filter((message) => message.severity === 'error').map((message) => message.line)).toEqual([
      3, 14, 16, 22, 23, 24, 26, 32, 40,
    ]);
    expect(posts.length).toBeGreaterThan(0);
    const { brand, notices } = await repoSetup();
    for (const post of posts) {
      // The brand's own notices quote claim words ("not FDA-approved"): only the article's words count.
      const words = JSON.stringify([post.images.map((image) => image.card.data), captions.get(post)])
        .split(brand.disclaimer)
        .join('')
        .split(notices.offLabel.text)
        .join('');
      for (const message of findings.filter((found) => found.severity === 'error')) {
        expect(words).not.toContain(/“(.*)”/.exec(message.reason)![1]);
      }
    }
  });

  it('holds back the posts that carry an error, not the whole article', async () => {
    const setup = await repoSetup();
    const unreviewed = analyzeArticle(
      articleFile('violations', readFixture('review', 'violations', 'input.md')),
      { ...setup, rules: { ...setup.rules, rules: [] } },
      { drafts: false },
    );
    const { posts, captions } = await analyzed(
      articleFile('violations', readFixture('review', 'violations', 'input.md')),
    );
    if (unreviewed.status !== 'ok') throw new Error('did not analyse');
    expect(posts.length).toBeGreaterThan(0);
    expect(posts.length).toBeLessThan(unreviewed.posts.length);
    for (const post of posts) {
      const words = JSON.stringify([post.images.map((image) => image.card.data), captions.get(post)])
        .split(setup.brand.disclaimer)
        .join('')
        .split(setup.notices.offLabel.text)
        .join('');
      expect(words).not.toMatch(/Cure|Sarah|guaranteed|FDA-approved|completely safe/);
    }
    const source = articleFile(
      'mild',
      '---\ntitle: Sleep and Pain\ndate: 2024-08-01\n---\n\nGood sleep can ease chronic pain for many adults over a few weeks.\n\n## Sleep\n\nThis is the best guide to sleep on the web, and it takes only a few minutes a night.\n',
    );
    const mild = await analyzed(source);
    expect(
      mild.messages.filter((message) => message.ruleId.startsWith('claim-')).map((message) => message.ruleId),
    ).toEqual(['claim-superiority']);
    expect(mild.posts.length).toBeGreaterThan(10);
  });

  it('passes the seed article with no errors', async () => {
    const { messages } = await analyzed(articleFromRepo('ketamine-therapy-for-migraines'));
    expect(messages.filter((message) => message.severity === 'error')).toEqual([]);
  });
});

describe('disclosure where the claim is', () => {
  it('puts the disclosure line on the seed’s cards that state a treatment claim, and only those', async () => {
    const { posts } = await analyzed(articleFromRepo('ketamine-therapy-for-migraines'));
    const { brand } = await repoSetup();
    const cards = posts.flatMap((post) => post.images.map((image) => image.card));
    const title = cards.find((card) => card.template === 'title')!;
    expect(title.data.disclosure).toBe(brand.disclosureLine);
    expect(title.alt).toContain(brand.disclosureLine);
    const pullQuote = cards.find(
      (card) => card.template === 'quote' && String(card.data.quote).startsWith('We cannot expect'),
    )!;
    expect(pullQuote.data.disclosure).toBeUndefined();
  });
});
