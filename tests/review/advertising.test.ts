import { describe, expect, it } from 'vitest';
import { findings } from '../../src/review/review.ts';
import { repoSetup } from '../helpers/setup.ts';

/** Every rule of templates/rules/advertising.yaml: a sentence it must catch, and one close to it that it must let through. */
const CASES: { rule: string; hit: string; nearMiss: string }[] = [
  {
    rule: 'ad-testimonial-undisclosed',
    hit: 'One patient said the infusions gave her back her weekends.',
    nearMiss: 'One patient said the infusions gave her back her weekends; individual results vary.',
  },
  {
    rule: 'ad-testimonial-undisclosed',
    hit: 'Read our five-star reviews before you book.',
    nearMiss: 'Read the five-star hotel guide before you travel.',
  },
  {
    rule: 'ad-before-after',
    hit: 'See our before-and-after photos from the migraine clinic.',
    nearMiss: 'We check your blood pressure before and after the infusion.',
  },
  {
    rule: 'ad-before-after',
    hit: 'Patients go from daily migraines to none in just three sessions.',
    nearMiss: 'Patients go from the waiting room to the infusion suite.',
  },
  {
    rule: 'ad-board-certified-unnamed',
    hit: 'Dr. Kaveh is a board-certified physician.',
    nearMiss: 'Dr. Kaveh is board certified by the American Board of Anesthesiology.',
  },
  {
    rule: 'ad-painless',
    hit: 'The stellate ganglion block is a painless procedure.',
    nearMiss: 'The block is not always painless, so we numb the skin first.',
  },
  {
    rule: 'ad-painless',
    hit: 'You will not feel a thing during the injection.',
    nearMiss: 'You will feel a brief sting during the injection.',
  },
  {
    rule: 'ad-proven',
    hit: 'IV ketamine is a proven option for migraines.',
    nearMiss: 'IV ketamine has not been proven to prevent migraines.',
  },
  // "Clinically proven" is the stronger rule's; the plain one must not fire on it twice.
  {
    rule: 'ad-proven',
    hit: 'Sleep hygiene is a proven way to calm migraines.',
    nearMiss: 'Sleep hygiene is clinically proven to calm migraines.',
  },
  {
    rule: 'ad-clinically-proven',
    hit: 'Methylfolate is clinically proven to lift your mood.',
    nearMiss: 'Methylfolate is not clinically proven to lift your mood.',
  },
  {
    rule: 'ad-drug-benefit-without-risk',
    hit: 'Nurtec stops a migraine within hours for many people.',
    nearMiss:
      'Nurtec stops a migraine within hours for many people, but it can cause nausea; talk to your doctor about the risks.',
  },
  {
    rule: 'ad-drug-benefit-without-risk',
    hit: 'Spravato helps when other antidepressants have failed.',
    nearMiss: 'Spravato is given in a clinic under supervision.',
  },
];

describe('what boards and the FTC look for', () => {
  it('has a hit and a near miss for every rule of the pack', async () => {
    const { rules } = await repoSetup();
    const ids = rules.rules.map((rule) => rule.id).filter((id) => id.startsWith('ad-'));
    expect(new Set(CASES.map((example) => example.rule))).toEqual(new Set(ids));
  });

  for (const { rule, hit, nearMiss } of CASES) {
    it(`${rule}: “${hit}” and not “${nearMiss}”`, async () => {
      const { rules } = await repoSetup();
      const fired = (text: string) => findings(text, rules.rules).map((finding) => finding.rule.id);
      expect(fired(hit)).toContain(rule);
      expect(fired(nearMiss)).not.toContain(rule);
    });
  }
});
